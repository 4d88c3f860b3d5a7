import ICAL from 'ical.js';
import { addParticipants, createEvent } from '../events/event-fixtures';
import { signUpAdmin, signUpMember, type SignedUpMember } from '../members/member-fixtures';
import { dataOf, errorOf } from '../support/graphql-client';
import { CreateCalendarFeedDocument, RevokeCalendarFeedDocument } from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';

describe('private calendars', () => {
  let server: TestServer;
  let admin: SignedUpMember;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await signUpAdmin(server);
  });
  afterAll(() => server.stop());

  const feedUrl = async (member: SignedUpMember) =>
    dataOf(await server.request(CreateCalendarFeedDocument, {}, { token: member.token })).createCalendarFeed.url;

  it("lists the member's matches as valid iCalendar that a calendar library reads back", async () => {
    const member = await signUpMember(server);
    const derby = await createEvent(server, admin.token, {
      title: 'Derby; north vs. south, "final", 결승전 — the long-awaited decider of the 2026 university league season',
      description: 'Bring both shirts,\nand water',
      startsInMinutes: 24 * 60,
    });
    const friendly = await createEvent(server, admin.token, { title: 'Friendly', startsInMinutes: 3 * 24 * 60, fee: 0 });
    await createEvent(server, admin.token, { title: 'Not mine' });
    await addParticipants(server, admin.token, derby.id, [member.id]);
    await addParticipants(server, admin.token, friendly.id, [member.id]);

    const url = await feedUrl(member);
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.app.port}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const body = await response.text();
    expect(body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);

    const calendar = new ICAL.Component(ICAL.parse(body));
    const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    expect(events.map((event) => event.summary)).toEqual([derby.title, 'Friendly']);
    expect(events[0].description).toBe('Bring both shirts,\nand water\nDues: 5,000 won');
    expect(events[0].location).toBe(derby.address);
    expect(events[0].uid).toBe(`${derby.id}@pitchside`);
    // iCalendar times have whole seconds.
    const toSecond = (iso: string) => Math.floor(new Date(iso).getTime() / 1000) * 1000;
    expect(events[0].startDate.toJSDate().getTime()).toBe(toSecond(derby.startsAt));
    expect(events[0].endDate.toJSDate().getTime()).toBe(toSecond(derby.endsAt));
  });

  it('ends the old URL when the member makes a new one or revokes it', async () => {
    const member = await signUpMember(server);
    const first = await feedUrl(member);
    const second = await feedUrl(member);
    expect((await fetch(first)).status).toBe(404);
    expect((await fetch(second)).status).toBe(200);
    expect(dataOf(await server.request(RevokeCalendarFeedDocument, {}, { token: member.token })).revokeCalendarFeed).toBe(true);
    expect((await fetch(second)).status).toBe(404);
  });

  it('keeps feeds apart: one member’s URL never shows another’s matches, and guesses find nothing', async () => {
    const [alice, bob] = [await signUpMember(server), await signUpMember(server)];
    const event = await createEvent(server, admin.token, { title: 'Alice only' });
    await addParticipants(server, admin.token, event.id, [alice.id]);
    const bobs = await (await fetch(await feedUrl(bob))).text();
    expect(bobs).not.toContain('Alice only');
    expect((await fetch(`${server.url.replace('/graphql', '')}/calendar/${'A'.repeat(43)}.ics`)).status).toBe(404);
    expect((await fetch(`${server.url.replace('/graphql', '')}/calendar/${alice.id}.ics`)).status).toBe(404);
  });

  it('is for signed-in members only', async () => {
    expect(errorOf(await server.request(CreateCalendarFeedDocument)).extensions?.code).toBe('UNAUTHENTICATED');
    expect(errorOf(await server.request(RevokeCalendarFeedDocument)).extensions?.code).toBe('UNAUTHENTICATED');
  });
});
