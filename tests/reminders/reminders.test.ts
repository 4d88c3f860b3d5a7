import { addParticipants, createEvent, MINUTE } from '../events/event-fixtures';
import { signUpAdmin, signUpMember, type SignedUpMember } from '../members/member-fixtures';
import { HOUR, TestClock } from '../support/clock';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { dataOf } from '../support/graphql-client';
import { captureLogs } from '../support/log-capture';
import {
  DeleteEventDocument,
  RequestPaymentConfirmationDocument,
  SubmitAbsenceDocument,
  UpdateEventDocument,
} from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';
import { startReceiver } from '../support/webhook-receiver';
import { waitFor } from '../support/wait';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;
const WEBHOOK_SETTINGS = { SETTLEMENT_WEBHOOK_BACKOFF_MS: '20', SETTLEMENT_WEBHOOK_TIMEOUT_MS: '500' };

interface ReminderBody {
  content: string;
  text: string;
  reminder: {
    eventId: string;
    startsAt: string;
    participantCount: number;
    unpaid: { memberId: string }[];
    awaitingConfirmation: { memberId: string }[];
    pendingAbsences: { memberId: string }[];
  };
}

describe('match reminders', () => {
  const logs = captureLogs();
  let receiver: Receiver;
  let accepting = true;
  const cleanups: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    accepting = true;
    receiver = await startReceiver((_attempt, response) => response.writeHead(accepting ? 204 : 503).end());
    cleanups.push(() => receiver.close());
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function start(options: { database?: TestDatabase; clock?: TestClock; env?: Record<string, string> } = {}) {
    const server = await startTestServer({
      logger: logs.logger,
      database: options.database,
      clock: options.clock,
      env: { SETTLEMENT_WEBHOOK_URL: receiver.url, ...WEBHOOK_SETTINGS, ...options.env },
    });
    cleanups.push(() => server.stop());
    return server;
  }

  const reminders = (server: TestServer, eventId: string) =>
    server.app.database.prisma.outboxMessage.findMany({ where: { kind: 'reminder', idempotencyKey: { startsWith: `reminder:${eventId}:` } } });
  const delivered = (eventId: string) => receiver.received.filter((r) => r.idempotencyKey?.startsWith(`reminder:${eventId}:`));
  const sweep = (server: TestServer) => server.app.services.reminders!.sweep();

  async function matchIn(server: TestServer, admin: SignedUpMember, startsInMinutes: number, members: SignedUpMember[] = []) {
    const event = await createEvent(server, admin.token, { title: '일요 리그 Sunday league', startsInMinutes, fee: 5000 });
    if (members.length) await addParticipants(server, admin.token, event.id, members.map((m) => m.id));
    return event;
  }

  it('sends one reminder 120 minutes before the start: time, address, participants, who has not paid, pending notices', async () => {
    const server = await start();
    const admin = await signUpAdmin(server);
    const [unpaid, claimed, away] = [
      await signUpMember(server, { name: '김민수' }),
      await signUpMember(server, { name: 'Lee Claimed' }),
      await signUpMember(server, { name: 'Park Away' }),
    ];
    const event = await matchIn(server, admin, 180, [unpaid, claimed, away]);
    dataOf(await server.request(RequestPaymentConfirmationDocument, { eventId: event.id }, { token: claimed.token }));
    dataOf(await server.request(SubmitAbsenceDocument, { eventId: event.id, reason: 'a private reason' }, { token: away.token }));

    server.clock.advance(59 * MINUTE);
    await sweep(server);
    expect(await reminders(server, event.id)).toEqual([]);

    server.clock.advance(MINUTE);
    await sweep(server);
    await waitFor(async () => delivered(event.id).length === 1);
    const [{ idempotencyKey, body }] = delivered(event.id) as unknown as { idempotencyKey: string; body: ReminderBody }[];
    expect(idempotencyKey).toBe(`reminder:${event.id}:${new Date(event.startsAt).toISOString()}`);
    expect(body.content).toBe(body.text);
    expect(body.content).toContain('Reminder: "일요 리그 Sunday league"');
    expect(body.content).toContain('Seoul World Cup Stadium');
    expect(body.content).toContain('3 participants.');
    expect(body.content).toMatch(new RegExp(`Not paid yet \\(2\\): .*김민수 \\(${unpaid.loginId}\\)`));
    expect(body.content).toContain(`Waiting for an admin to confirm payment (1): Lee Claimed (${claimed.loginId})`);
    expect(body.content).toContain(`Absence notices waiting for review (1): Park Away (${away.loginId})`);
    expect(body.content).not.toContain('a private reason');
    expect(body.reminder).toMatchObject({
      eventId: event.id,
      participantCount: 3,
      unpaid: expect.arrayContaining([expect.objectContaining({ memberId: unpaid.id })]),
      awaitingConfirmation: [expect.objectContaining({ memberId: claimed.id })],
      pendingAbsences: [expect.objectContaining({ memberId: away.id })],
    });

    // Sweeping again, and a restart, send nothing more.
    await sweep(server);
    expect(await reminders(server, event.id)).toHaveLength(1);
  });

  it('fires from its node-schedule job at the reminder time', async () => {
    const server = await start();
    const admin = await signUpAdmin(server);
    // The job runs on the real clock: the server's clock is set to the real time, then moved along with it.
    server.clock.set(new Date());
    const event = await createEvent(server, admin.token, { startsInMinutes: 120 + 5 / 60 });
    expect(server.app.services.reminders!.isScheduled(event.id)).toBe(true);
    expect(delivered(event.id)).toEqual([]);
    server.clock.advance(5000);
    await waitFor(async () => delivered(event.id).length === 1, 15_000);
    expect(server.app.services.reminders!.isScheduled(event.id)).toBe(false);
  });

  it('is written once across two instances and a restart', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const clock = new TestClock();
    const first = await start({ database, clock });
    const instances = [first, await start({ database, clock })];
    const admin = await signUpAdmin(first);
    const events = [];
    for (let i = 0; i < 5; i += 1) events.push(await matchIn(first, admin, 180 + i));
    clock.advance(70 * MINUTE);
    await Promise.all([...instances, ...instances].map(sweep));
    await first.stop();
    const restarted = await start({ database, clock });
    await sweep(restarted);
    for (const event of events) {
      expect(await reminders(restarted, event.id)).toHaveLength(1);
      await waitFor(async () => delivered(event.id).length === 1);
    }
    expect(receiver.received.filter((r) => r.idempotencyKey?.startsWith('reminder:'))).toHaveLength(5);
  });

  it('moves when the match moves: the undelivered old one is dropped, the new start gets its own', async () => {
    accepting = false;
    const server = await start();
    const admin = await signUpAdmin(server);
    const event = await matchIn(server, admin, 100);
    await waitFor(async () => (await reminders(server, event.id)).length === 1);

    const movedTo = new Date(server.clock.now().getTime() + 24 * HOUR);
    const input = { startsAt: movedTo.toISOString(), endsAt: new Date(movedTo.getTime() + 2 * HOUR).toISOString() };
    dataOf(await server.request(UpdateEventDocument, { id: event.id, input }, { token: admin.token }));
    expect(await reminders(server, event.id)).toEqual([]);
    expect(server.app.services.reminders!.isScheduled(event.id)).toBe(true);

    accepting = true;
    server.clock.set(new Date(movedTo.getTime() - 119 * MINUTE));
    await sweep(server);
    await waitFor(async () => delivered(event.id).some((r) => r.idempotencyKey === `reminder:${event.id}:${movedTo.toISOString()}`));
    expect((await reminders(server, event.id)).map((r) => r.idempotencyKey)).toEqual([`reminder:${event.id}:${movedTo.toISOString()}`]);
  });

  it('is dropped when the match is deleted', async () => {
    accepting = false;
    const server = await start();
    const admin = await signUpAdmin(server);
    const written = await matchIn(server, admin, 100);
    const scheduled = await matchIn(server, admin, 300);
    await waitFor(async () => (await reminders(server, written.id)).length === 1);
    for (const event of [written, scheduled]) dataOf(await server.request(DeleteEventDocument, { id: event.id }, { token: admin.token }));
    expect(await reminders(server, written.id)).toEqual([]);
    expect(server.app.services.reminders!.isScheduled(scheduled.id)).toBe(false);
    server.clock.advance(200 * MINUTE);
    await sweep(server);
    expect(await server.app.database.prisma.outboxMessage.count({ where: { kind: 'reminder' } })).toBe(0);
  });

  it('catches up at start-up before the start, and never sends late for a match that has started', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const clock = new TestClock();
    const server = await start({ database, clock });
    const admin = await signUpAdmin(server);
    const soon = await matchIn(server, admin, 180);
    const later = await matchIn(server, admin, 240);
    await server.stop();

    // While no server runs: `soon` has started, `later`'s reminder time has passed.
    clock.advance(181 * MINUTE);
    const restarted = await start({ database, clock });
    await sweep(restarted);
    await waitFor(async () => delivered(later.id).length === 1);
    expect(await reminders(restarted, soon.id)).toEqual([]);
  });

  it('expires undelivered when the match starts: marked failed, never delivered after the start', async () => {
    accepting = false;
    const server = await start({ env: { SETTLEMENT_WEBHOOK_ATTEMPTS: '20', SETTLEMENT_WEBHOOK_BACKOFF_MS: '60000' } });
    const admin = await signUpAdmin(server);
    const event = await matchIn(server, admin, 100);
    await waitFor(async () => receiver.received.length === 1);
    // The outbox keeps the database's time: the notice's expiry is moved into the past to stand for the start passing.
    await server.app.database.prisma.outboxMessage.updateMany({
      where: { kind: 'reminder' },
      data: { expiresAt: new Date(Date.now() - 1000), nextAttemptAt: new Date(Date.now() - 1000) },
    });
    accepting = true;
    server.app.services.notices!.deliverSoon();
    await waitFor(async () => (await reminders(server, event.id))[0].failedAt !== null);
    expect((await reminders(server, event.id))[0]).toMatchObject({ deliveredAt: null, lastError: 'expired before delivery' });
    expect(receiver.received).toHaveLength(1);
  });

  it('is off with MATCH_REMINDER_MINUTES=0', async () => {
    const off = await start({ env: { MATCH_REMINDER_MINUTES: '0' } });
    expect(off.app.services.reminders).toBeUndefined();
    const admin = await signUpAdmin(off);
    await matchIn(off, admin, 30);
    expect(await off.app.database.prisma.outboxMessage.count({ where: { kind: 'reminder' } })).toBe(0);
  });

  it('without a club webhook, still reminds (members\' phones) once, and writes nothing for a webhook', async () => {
    const noWebhook = await startTestServer({ logger: logs.logger });
    cleanups.push(() => noWebhook.stop());
    const admin = await signUpAdmin(noWebhook);
    const event = await matchIn(noWebhook, admin, 30);
    await noWebhook.app.services.reminders!.sweep();
    await noWebhook.app.services.reminders!.sweep();
    const written = await noWebhook.app.database.prisma.outboxMessage.findMany({ where: { kind: 'reminder' } });
    expect(written.map((notice) => ({ channel: notice.channel, key: notice.idempotencyKey, delivered: notice.deliveredAt !== null }))).toEqual([
      { channel: 'record', key: `reminder:${event.id}:${new Date(event.startsAt).toISOString()}`, delivered: true },
    ]);
  });
});
