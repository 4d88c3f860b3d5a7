import type { ServerResponse } from 'node:http';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { dataOf, graphqlRequest } from '../support/graphql-client';
import { AddParticipantsDocument, CreateEventDocument, LoginDocument, SettleEventDocument, SignUpDocument } from '../support/operations.generated';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { waitFor } from '../support/wait';
import { startReceiver } from '../support/webhook-receiver';
import { uniqueLoginId } from '../members/member-fixtures';
import { PITCH } from '../events/event-fixtures';

/**
 * Real server processes on one PostgreSQL database, real time: an event ends a few seconds after
 * it is created, or, while its instance is dead, its end is moved into the past in the database.
 * What is asserted is the database's state and the instances' logs, waited for, never a duration.
 */
const ADMIN = { ADMIN_LOGIN_ID: 'referee', ADMIN_PASSWORD: 'full-time-whistle' };

async function adminToken(server: ServerProcess): Promise<string> {
  return dataOf(await graphqlRequest(server.url, LoginDocument, { loginId: 'referee', password: 'full-time-whistle' })).login.token;
}

/** An event that started an hour ago and ends `endsInMs` from now, with two members who never check in (so: two ABSENT penalties). */
async function eventEndingSoon(server: ServerProcess, token: string, endsInMs: number): Promise<string> {
  const now = Date.now();
  const input = {
    title: 'Evening kick-about',
    address: 'Seoul World Cup Stadium',
    audience: 'ALL' as const,
    fee: 0,
    startsAt: new Date(now - 60 * 60_000).toISOString(),
    endsAt: new Date(now + endsInMs).toISOString(),
    ...PITCH,
  };
  const eventId = dataOf(await graphqlRequest(server.url, CreateEventDocument, { input }, { token })).createEvent.id;
  const memberIds: string[] = [];
  for (let i = 0; i < 2; i++) {
    const signUp = { loginId: uniqueLoginId('player'), password: 'correct horse', name: `Player ${i}`, phone: '010-1234-5678', gender: 'MALE' as const };
    memberIds.push(dataOf(await graphqlRequest(server.url, SignUpDocument, { input: signUp })).signUp.member.id);
  }
  dataOf(await graphqlRequest(server.url, AddParticipantsDocument, { eventId, memberIds }, { token }));
  return eventId;
}

describe('settlement across real server processes on one PostgreSQL database', () => {
  let database: TestDatabase;
  let sql: pg.Client;
  const running: ServerProcess[] = [];

  beforeEach(async () => {
    database = await createTestDatabase();
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.stop()));
    await sql.end();
    await database.drop();
  });

  async function start(env: Record<string, string> = {}) {
    const server = await startServerProcess({ ...database.env, ...ADMIN, LOG_LEVEL: 'info', ...env });
    running.push(server);
    return server;
  }

  async function settlementOf(eventId: string) {
    const [event] = (await sql.query('SELECT settled_at FROM events WHERE id = $1', [eventId])).rows;
    const penalties = (await sql.query(`SELECT member_id, reason, points FROM penalties WHERE event_id = $1 AND revoked_at IS NULL`, [eventId]))
      .rows;
    return { settledAt: event.settled_at as Date | null, penalties };
  }

  async function waitForSettlement(eventId: string) {
    await waitFor(async () => (await settlementOf(eventId)).settledAt !== null, 30_000);
    return settlementOf(eventId);
  }

  /** The instance dies at once; the event it scheduled ends while nothing runs. */
  async function killAndEnd(server: ServerProcess, eventId: string) {
    server.child.kill('SIGKILL');
    await server.exited;
    running.splice(running.indexOf(server), 1);
    await sql.query(`UPDATE events SET ends_at = now() - interval '1 minute' WHERE id = $1`, [eventId]);
  }

  it('issues penalties once when two instances are both scheduled for the same event', async () => {
    // No sweep: each instance's job at endsAt is what races.
    const a = await start({ SETTLEMENT_SWEEP_SECONDS: '3600' });
    const token = await adminToken(a);
    // b must start, and schedule the event, before it ends: 8 s leaves room on a loaded machine.
    const eventId = await eventEndingSoon(a, token, 8_000);
    const b = await start({ SETTLEMENT_SWEEP_SECONDS: '3600' });
    expect(b.output()).toContain(`"eventId":"${eventId}"`);
    expect(b.output()).toMatch(/settlement scheduled/);

    const settled = await waitForSettlement(eventId);
    // The slower job runs too, finds the event settled and does nothing.
    const ranTheJob = (server: ServerProcess) => new RegExp(`"eventId":"${eventId}","trigger":"schedule"`).test(server.output());
    await waitFor(async () => ranTheJob(a) && ranTheJob(b));
    expect((await settlementOf(eventId)).penalties).toHaveLength(2);
    expect(settled.penalties.every((p) => p.reason === 'ABSENT' && p.points === 3)).toBe(true);
    const settledBy = [a, b].filter((server) => server.output().includes('"msg":"event settled"'));
    expect(settledBy).toHaveLength(1);
  });

  it('settles at start-up an event that ended while its only instance was dead (SIGKILL)', async () => {
    const a = await start({ SETTLEMENT_SWEEP_SECONDS: '3600' });
    const eventId = await eventEndingSoon(a, await adminToken(a), 60 * 60_000);
    await killAndEnd(a, eventId);
    expect((await settlementOf(eventId)).settledAt).toBeNull();

    const restarted = await start({ SETTLEMENT_SWEEP_SECONDS: '3600' });
    // Catch-up runs before the port opens: settled by the time the server says it is ready.
    const state = await settlementOf(eventId);
    expect(state.settledAt).not.toBeNull();
    expect(state.penalties).toHaveLength(2);
    expect(restarted.output()).toMatch(new RegExp(`"trigger":"catch-up"[^\\n]*"msg":"event settled"|"eventId":"${eventId}","trigger":"catch-up"`));
  });

  it('settles through the sweep of another instance an event created on an instance that died', async () => {
    const b = await start({ SETTLEMENT_SWEEP_SECONDS: '1' });
    const a = await start({ SETTLEMENT_SWEEP_SECONDS: '3600' });
    const eventId = await eventEndingSoon(a, await adminToken(a), 60 * 60_000);
    expect(b.output()).not.toContain(eventId);
    await killAndEnd(a, eventId);

    const state = await waitForSettlement(eventId);
    expect(state.penalties).toHaveLength(2);
    // The settlement commits before b logs it: its line may come a moment after the row.
    await waitFor(async () => new RegExp(`"eventId":"${eventId}","trigger":"sweep"`).test(b.output()));
  });

  it('delivers after a restart the webhook notice of a settlement whose instance was killed (SIGKILL) while delivering it', async () => {
    let answer: (response: ServerResponse) => void = () => undefined;
    const receiver = await startReceiver((_attempt, response) => answer(response));
    try {
      const env = { SETTLEMENT_SWEEP_SECONDS: '3600', SETTLEMENT_WEBHOOK_URL: receiver.url, SETTLEMENT_WEBHOOK_TIMEOUT_MS: '1000' };
      const a = await start(env);
      const token = await adminToken(a);
      const eventId = await eventEndingSoon(a, token, 60 * 60_000);
      dataOf(await graphqlRequest(a.url, SettleEventDocument, { id: eventId }, { token }));
      // The receiver holds the first attempt: the instance dies in the middle of delivering it.
      await waitFor(async () => receiver.received.length === 1);
      a.child.kill('SIGKILL');
      await a.exited;
      running.splice(running.indexOf(a), 1);
      const noticeOf = async () =>
        (await sql.query('SELECT attempts, delivered_at FROM outbox_messages WHERE idempotency_key = $1', [`settlement:${eventId}`])).rows[0];
      expect(await noticeOf()).toMatchObject({ attempts: 1, delivered_at: null });

      answer = (response) => response.writeHead(200).end();
      await start(env);
      await waitFor(async () => (await noticeOf()).delivered_at !== null, 30_000);
      expect(receiver.received.map((r) => r.idempotencyKey)).toEqual([`settlement:${eventId}`, `settlement:${eventId}`]);
      expect(receiver.received[1].body).toEqual(receiver.received[0].body);
    } finally {
      await receiver.close();
    }
  });
});
