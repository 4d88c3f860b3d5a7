import { createEvent, eventInput, addParticipants, MINUTE } from './event-fixtures';
import { signUpAdmin, signUpMember, type SignedUpMember } from '../members/member-fixtures';
import { dataOf, errorOf, type GraphQLResponse } from '../support/graphql-client';
import {
  CreateEventDocument,
  DeleteEventDocument,
  EventDocument,
  EventsDocument,
  UpdateEventDocument,
  type CreateEventInput,
  type EventsQuery,
} from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';

describe('events', () => {
  let server: TestServer;
  let admin: SignedUpMember;
  let man: SignedUpMember;
  let woman: SignedUpMember;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await signUpAdmin(server);
    man = await signUpMember(server, { gender: 'MALE' });
    woman = await signUpMember(server, { gender: 'FEMALE' });
  });
  afterAll(() => server.stop());

  const eventCount = () => server.app.database.prisma.event.count();

  describe('createEvent', () => {
    it('saves the event with the coordinates given, and shows times in the club time zone', async () => {
      const input = eventInput(server, { title: '  Derby  ', description: 'Bring both shirts', fee: 7000 });
      const { createEvent: event } = dataOf(await server.request(CreateEventDocument, { input }, { token: admin.token }));
      expect(event).toMatchObject({
        title: 'Derby',
        description: 'Bring both shirts',
        latitude: input.latitude,
        longitude: input.longitude,
        fee: 7000,
        audience: 'ALL',
        settledAt: null,
        participantCount: 0,
      });
      expect(new Date(event.startsAt).getTime()).toBe(new Date(input.startsAt).getTime());
      expect(event.startsAt).toMatch(/\+09:00$/);
    });

    it('answers FORBIDDEN to a member and UNAUTHENTICATED to the anonymous, and saves nothing', async () => {
      const before = await eventCount();
      const input = eventInput(server);
      expect(errorOf(await server.request(CreateEventDocument, { input }, { token: man.token })).extensions?.code).toBe('FORBIDDEN');
      expect(errorOf(await server.request(CreateEventDocument, { input })).extensions?.code).toBe('UNAUTHENTICATED');
      expect(await eventCount()).toBe(before);
    });

    it('answers GEOCODING_UNAVAILABLE without coordinates when no geocoder is configured, and saves nothing', async () => {
      const before = await eventCount();
      const input = { ...eventInput(server), latitude: undefined, longitude: undefined };
      expect(errorOf(await server.request(CreateEventDocument, { input }, { token: admin.token })).extensions?.code).toBe(
        'GEOCODING_UNAVAILABLE',
      );
      expect(await eventCount()).toBe(before);
    });

    const hours = (n: number) => n * 60;
    it.each([
      ['title', { title: '   ' }],
      ['title', { title: 't'.repeat(101) }],
      ['title', { title: 'bell\u0007ring' }],
      ['address', { address: 'line\nbreak' }],
      ['address', { address: '' }],
      ['address', { address: 'a'.repeat(201) }],
      ['description', { description: 'd'.repeat(2001) }],
      ['fee', { fee: -1 }],
      ['fee', { fee: 1_000_001 }],
      ['endsAt', { endsAtOffsetMinutes: 0 }],
      ['endsAt', { endsAtOffsetMinutes: -30 }],
      ['endsAt', { endsAtOffsetMinutes: hours(24) + 1 }],
      ['latitude', { latitude: 90.5 }],
      ['longitude', { longitude: -180.5 }],
      ['latitude', { latitude: null }],
      ['longitude', { longitude: null }],
    ] as const)('refuses a bad %s (%j) with BAD_USER_INPUT naming it, and saves nothing', async (field, bad) => {
      const before = await eventCount();
      const { endsAtOffsetMinutes, ...overrides } = bad as Partial<CreateEventInput> & { endsAtOffsetMinutes?: number };
      const input = { ...eventInput(server), ...overrides };
      if (endsAtOffsetMinutes !== undefined) {
        input.endsAt = new Date(new Date(input.startsAt).getTime() + endsAtOffsetMinutes * MINUTE).toISOString();
      }
      const error = errorOf(await server.request(CreateEventDocument, { input }, { token: admin.token }));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await eventCount()).toBe(before);
    });

    it('accepts the edges: a 24-hour event, fee 0 and 1,000,000, the poles and the date line', async () => {
      const base = eventInput(server);
      for (const overrides of [
        { endsAt: new Date(new Date(base.startsAt).getTime() + 24 * 60 * MINUTE).toISOString() },
        { fee: 0, latitude: 90, longitude: 180 },
        { fee: 1_000_000, latitude: -90, longitude: -180, title: 't'.repeat(100), address: 'a'.repeat(200) },
      ]) {
        dataOf(await server.request(CreateEventDocument, { input: { ...base, ...overrides } }, { token: admin.token }));
      }
    });
  });

  describe('events and event(id)', () => {
    let eventsServer: TestServer;
    let listAdmin: SignedUpMember;
    let listMan: SignedUpMember;
    let listWoman: SignedUpMember;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      eventsServer = await startTestServer();
      listAdmin = await signUpAdmin(eventsServer);
      listMan = await signUpMember(eventsServer, { gender: 'MALE' });
      listWoman = await signUpMember(eventsServer, { gender: 'FEMALE' });
      // Created out of order; the list must come back soonest first.
      for (const [name, startsInMinutes, audience] of [
        ['later-all', 3 * 24 * 60, 'ALL'],
        ['soon-men', 60, 'MALE'],
        ['soon-women', 90, 'FEMALE'],
        ['past-all', -3 * 24 * 60, 'ALL'],
        ['next-all', 24 * 60, 'ALL'],
      ] as const) {
        ids[name] = (await createEvent(eventsServer, listAdmin.token, { title: name, startsInMinutes, audience })).id;
      }
    });
    afterAll(() => eventsServer.stop());

    async function titles(token: string, variables: Parameters<typeof eventsServer.request<EventsQuery, object>>[1] = {}) {
      const { events } = dataOf(await eventsServer.request(EventsDocument, variables, { token }));
      return events.edges.map((edge) => edge.node.title);
    }

    it('lists every event to an admin, soonest start first', async () => {
      expect(await titles(listAdmin.token)).toEqual(['past-all', 'soon-men', 'soon-women', 'next-all', 'later-all']);
    });

    it("lists to a member only the events of their audience", async () => {
      expect(await titles(listMan.token)).toEqual(['past-all', 'soon-men', 'next-all', 'later-all']);
      expect(await titles(listWoman.token)).toEqual(['past-all', 'soon-women', 'next-all', 'later-all']);
    });

    it('filters by from (ends at or after), to (starts before) and audience', async () => {
      const now = eventsServer.clock.now().getTime();
      const from = new Date(now).toISOString();
      const to = new Date(now + 2 * 24 * 60 * MINUTE).toISOString();
      expect(await titles(listAdmin.token, { filter: { from, to } })).toEqual(['soon-men', 'soon-women', 'next-all']);
      expect(await titles(listAdmin.token, { filter: { audience: 'ALL' } })).toEqual(['past-all', 'next-all', 'later-all']);
      expect(await titles(listMan.token, { filter: { audience: 'FEMALE' } })).toEqual([]);
    });

    it('pages with cursors and counts the whole filtered list', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const response: GraphQLResponse<EventsQuery> = await eventsServer.request(EventsDocument, { first: 2, after }, { token: listWoman.token });
        const { events } = dataOf(response);
        expect(events.totalCount).toBe(4);
        seen.push(...events.edges.map((edge) => edge.node.title));
        if (!events.pageInfo.hasNextPage) break;
        after = events.pageInfo.endCursor;
      }
      expect(seen).toEqual(['past-all', 'soon-women', 'next-all', 'later-all']);
    });

    it('refuses first over 100 and a foreign cursor with BAD_USER_INPUT', async () => {
      const tooMany = errorOf(await eventsServer.request(EventsDocument, { first: 101 }, { token: listMan.token }));
      expect(tooMany.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      const badCursor = errorOf(await eventsServer.request(EventsDocument, { after: 'bm9wZQ' }, { token: listMan.token }));
      expect(badCursor.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });

    it('answers UNAUTHENTICATED to the anonymous', async () => {
      expect(errorOf(await eventsServer.request(EventsDocument, {})).extensions?.code).toBe('UNAUTHENTICATED');
      expect(errorOf(await eventsServer.request(EventDocument, { id: ids['next-all'] })).extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('shows event(id) of their audience to a member, answers FORBIDDEN for another audience, and null for none', async () => {
      expect(dataOf(await eventsServer.request(EventDocument, { id: ids['soon-men'] }, { token: listMan.token })).event?.title).toBe(
        'soon-men',
      );
      const forbidden = errorOf(await eventsServer.request(EventDocument, { id: ids['soon-men'] }, { token: listWoman.token }));
      expect(forbidden.extensions?.code).toBe('FORBIDDEN');
      expect(dataOf(await eventsServer.request(EventDocument, { id: ids['soon-men'] }, { token: listAdmin.token })).event?.id).toBe(
        ids['soon-men'],
      );
      const missing = await eventsServer.request(EventDocument, { id: 'no-such-event' }, { token: listMan.token });
      expect(missing.errors).toBeUndefined();
      expect(missing.data?.event).toBeNull();
    });
  });

  describe('updateEvent', () => {
    it('changes what it is given and keeps the rest', async () => {
      const event = await createEvent(server, admin.token, { description: 'keep me' });
      const { updateEvent } = dataOf(
        await server.request(UpdateEventDocument, { id: event.id, input: { title: 'Renamed', fee: 0 } }, { token: admin.token }),
      );
      expect(updateEvent).toMatchObject({ title: 'Renamed', fee: 0, description: 'keep me', address: event.address, startsAt: event.startsAt });
      const cleared = dataOf(await server.request(UpdateEventDocument, { id: event.id, input: { description: null } }, { token: admin.token }));
      expect(cleared.updateEvent.description).toBeNull();
    });

    it('validates the event as the update leaves it', async () => {
      const event = await createEvent(server, admin.token);
      const endsBeforeStart = { endsAt: new Date(new Date(event.startsAt).getTime() - MINUTE).toISOString() };
      const error = errorOf(await server.request(UpdateEventDocument, { id: event.id, input: endsBeforeStart }, { token: admin.token }));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endsAt' });
      const nullTitle = errorOf(await server.request(UpdateEventDocument, { id: event.id, input: { title: null } }, { token: admin.token }));
      expect(nullTitle.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
      const half = errorOf(await server.request(UpdateEventDocument, { id: event.id, input: { latitude: 37 } }, { token: admin.token }));
      expect(half.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'longitude' });
    });

    it('refuses an audience that would exclude a participant, and allows one that would not', async () => {
      const event = await createEvent(server, admin.token, { audience: 'ALL' });
      await addParticipants(server, admin.token, event.id, [man.id]);
      const refused = errorOf(await server.request(UpdateEventDocument, { id: event.id, input: { audience: 'FEMALE' } }, { token: admin.token }));
      expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'audience' });
      const allowed = dataOf(await server.request(UpdateEventDocument, { id: event.id, input: { audience: 'MALE' } }, { token: admin.token }));
      expect(allowed.updateEvent.audience).toBe('MALE');
    });

    it('keeps payments in step when the fee turns free or paid', async () => {
      const event = await createEvent(server, admin.token, { fee: 5000 });
      const [participation] = await addParticipants(server, admin.token, event.id, [man.id]);
      expect(participation.payment).toBe('UNPAID');
      const payments = async () =>
        (await server.app.database.prisma.participation.findMany({ where: { eventId: event.id } })).map((p) => p.payment);
      dataOf(await server.request(UpdateEventDocument, { id: event.id, input: { fee: 0 } }, { token: admin.token }));
      expect(await payments()).toEqual(['NOT_REQUIRED']);
      dataOf(await server.request(UpdateEventDocument, { id: event.id, input: { fee: 3000 } }, { token: admin.token }));
      expect(await payments()).toEqual(['UNPAID']);
    });

    it('answers NOT_FOUND for an unknown event and FORBIDDEN to a member', async () => {
      const event = await createEvent(server, admin.token);
      expect(errorOf(await server.request(UpdateEventDocument, { id: 'nope', input: { title: 'x' } }, { token: admin.token })).extensions?.code).toBe(
        'NOT_FOUND',
      );
      expect(errorOf(await server.request(UpdateEventDocument, { id: event.id, input: { title: 'x' } }, { token: man.token })).extensions?.code).toBe(
        'FORBIDDEN',
      );
    });
  });

  describe('deleteEvent', () => {
    it('deletes the event and its participations, and revokes its penalties without erasing them', async () => {
      const event = await createEvent(server, admin.token);
      await addParticipants(server, admin.token, event.id, [man.id, woman.id]);
      const { prisma } = server.app.database;
      const penalty = await prisma.penalty.create({ data: { memberId: man.id, eventId: event.id, reason: 'ABSENT', points: 3 } });

      expect(dataOf(await server.request(DeleteEventDocument, { id: event.id }, { token: admin.token })).deleteEvent).toBe(true);
      expect(dataOf(await server.request(EventDocument, { id: event.id }, { token: admin.token })).event).toBeNull();
      expect(await prisma.participation.count({ where: { eventId: event.id } })).toBe(0);
      expect(await prisma.penalty.findUniqueOrThrow({ where: { id: penalty.id } })).toMatchObject({
        revokeReason: 'event deleted',
        eventId: null,
        revokedAt: expect.any(Date),
      });
    });

    it('answers NOT_FOUND for an unknown event and FORBIDDEN to a member', async () => {
      const event = await createEvent(server, admin.token);
      expect(errorOf(await server.request(DeleteEventDocument, { id: 'nope' }, { token: admin.token })).extensions?.code).toBe('NOT_FOUND');
      expect(errorOf(await server.request(DeleteEventDocument, { id: event.id }, { token: woman.token })).extensions?.code).toBe('FORBIDDEN');
    });
  });
});
