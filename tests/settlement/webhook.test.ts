import type { ServerResponse } from 'node:http';
import { addParticipants, createEvent } from '../events/event-fixtures';
import { signUpAdmin, signUpMember } from '../members/member-fixtures';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { dataOf } from '../support/graphql-client';
import { SettleEventDocument } from '../support/operations.generated';
import { captureLogs } from '../support/log-capture';
import { startTestServer, type TestServer } from '../support/test-server';
import { startReceiver } from '../support/webhook-receiver';
import { waitFor } from '../support/wait';

const until = (condition: () => boolean) => waitFor(async () => condition());
const WEBHOOK_SETTINGS = { SETTLEMENT_WEBHOOK_BACKOFF_MS: '20', SETTLEMENT_WEBHOOK_TIMEOUT_MS: '500' };

async function metricsOf(server: TestServer): Promise<string> {
  return (await fetch(server.url.replace('/graphql', '/metrics'))).text();
}

describe('the settlement webhook, through the outbox,', () => {
  const logs = captureLogs();

  async function startWith(receiverUrl: string, env: Record<string, string> = {}, database?: TestDatabase) {
    return startTestServer({ logger: logs.logger, database, env: { SETTLEMENT_WEBHOOK_URL: receiverUrl, ...WEBHOOK_SETTINGS, ...env } });
  }

  async function settleOn(server: TestServer) {
    const admin = await signUpAdmin(server);
    const member = await signUpMember(server, { name: 'Cha Bumkun' });
    const event = await createEvent(server, admin.token, { title: 'Cup final', startsInMinutes: 0 });
    await addParticipants(server, admin.token, event.id, [member.id]);
    const settled = dataOf(await server.request(SettleEventDocument, { id: event.id }, { token: admin.token })).settleEvent;
    return { event, member, settled };
  }

  const noticeOf = (server: TestServer, eventId: string) =>
    server.app.database.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: `settlement:${eventId}` } });

  it('posts one summary that Discord (content) and Slack (text) both read, with an Idempotency-Key, after the settlement committed', async () => {
    const receiver = await startReceiver((_attempt, response) => response.writeHead(204).end());
    const server = await startWith(receiver.url);
    try {
      const { event, member, settled } = await settleOn(server);
      expect(settled.settledAt).not.toBeNull();
      await until(() => receiver.received.length === 1);
      const [{ idempotencyKey, body }] = receiver.received as { idempotencyKey: string; body: { content: string; text: string; settlement: object } }[];
      expect(idempotencyKey).toBe(`settlement:${event.id}`);
      expect(body.content).toBe(body.text);
      expect(body.content).toMatch(/Settled "Cup final"/);
      expect(body.content).toMatch(/Cha Bumkun \(.+\): absent, 3 points/);
      expect(body.settlement).toMatchObject({ eventId: event.id, penalties: [{ memberId: member.id, reason: 'ABSENT', points: 3 }] });
      await waitFor(async () => (await noticeOf(server, event.id)).deliveredAt !== null);
      expect(await noticeOf(server, event.id)).toMatchObject({ attempts: 1, failedAt: null });
    } finally {
      await server.stop();
      await receiver.close();
    }
  });

  it('retries with backoff after failures, the same notice under the same key, and never holds up or undoes the settlement', async () => {
    const receiver = await startReceiver((attempt, response) => response.writeHead(attempt < 3 ? 503 : 200).end());
    const server = await startWith(receiver.url);
    try {
      const { event } = await settleOn(server);
      expect(await server.app.database.prisma.penalty.count({ where: { eventId: event.id } })).toBe(1);
      await until(() => receiver.received.length === 3);
      expect(new Set(receiver.received.map((r) => r.idempotencyKey))).toEqual(new Set([`settlement:${event.id}`]));
      expect(receiver.received[0].body).toEqual(receiver.received[2].body);
      await waitFor(async () => (await noticeOf(server, event.id)).deliveredAt !== null);
      expect((await noticeOf(server, event.id)).attempts).toBe(3);
    } finally {
      await server.stop();
      await receiver.close();
    }
  });

  it('settles while the receiver hangs, gives up after the configured attempts, and keeps the notice, counted in /metrics', async () => {
    const hanging: ServerResponse[] = [];
    const receiver = await startReceiver((_attempt, response) => hanging.push(response));
    const server = await startWith(receiver.url, { SETTLEMENT_WEBHOOK_ATTEMPTS: '2' });
    try {
      // settleEvent has answered while the receiver still holds the first request.
      const { event, settled } = await settleOn(server);
      expect(settled.settledAt).not.toBeNull();
      await until(() => logs.lines().some((line) => line.msg === 'settlement webhook gave up'));
      expect(receiver.received).toHaveLength(2);
      expect(await noticeOf(server, event.id)).toMatchObject({ attempts: 2, deliveredAt: null, failedAt: expect.any(Date), lastError: 'TimeoutError' });
      const metrics = await metricsOf(server);
      expect(metrics).toMatch(/^webhook_notices\{state="failed"\} 1$/m);
      expect(metrics).toMatch(/^webhook_notices\{state="pending"\} 0$/m);
      expect(metrics).toMatch(/^webhook_deliveries_total\{kind="settlement",outcome="failed"\} 1$/m);
    } finally {
      await server.stop();
      await receiver.close();
    }
  });

  it('gives up at once when the receiver refuses the notice (a client error other than 429)', async () => {
    const receiver = await startReceiver((_attempt, response) => response.writeHead(404).end());
    const server = await startWith(receiver.url);
    try {
      const { event } = await settleOn(server);
      await waitFor(async () => (await noticeOf(server, event.id)).failedAt !== null);
      expect(receiver.received).toHaveLength(1);
      expect((await noticeOf(server, event.id)).lastError).toBe('HTTP 404');
    } finally {
      await server.stop();
      await receiver.close();
    }
  });

  it('delivers after a restart a notice whose instance stopped mid-delivery', async () => {
    const database = await createTestDatabase();
    let answer: (response: ServerResponse) => void = () => undefined;
    const receiver = await startReceiver((_attempt, response) => answer(response));
    try {
      const first = await startWith(receiver.url, {}, database);
      const { event } = await settleOn(first);
      await until(() => receiver.received.length === 1);
      // Stopping abandons the attempt in flight; its claim lapses in the database.
      await first.stop();
      answer = (response) => response.writeHead(200).end();
      const second = await startWith(receiver.url, {}, database);
      try {
        await waitFor(async () => (await noticeOf(second, event.id)).deliveredAt !== null);
        expect(receiver.received.map((r) => r.idempotencyKey)).toEqual([`settlement:${event.id}`, `settlement:${event.id}`]);
      } finally {
        await second.stop();
      }
    } finally {
      await receiver.close();
      await database.drop();
    }
  });
});

describe('the outbox shared by two instances on one PostgreSQL database', () => {
  it('has each notice delivered by one instance only', async () => {
    const receiver = await startReceiver((_attempt, response) => response.writeHead(200).end());
    const database = await createTestDatabase();
    const env = { SETTLEMENT_WEBHOOK_URL: receiver.url, ...WEBHOOK_SETTINGS };
    const [a, b] = [await startTestServer({ database, env }), await startTestServer({ database, env })];
    try {
      const keys = Array.from({ length: 40 }, (_, i) => `test:${i}`);
      await a.app.database.prisma.$transaction(async (tx) => {
        for (const key of keys) await a.app.services.outbox.enqueue(tx, { kind: 'test', idempotencyKey: key, payload: { content: key, text: key } });
      });
      a.app.services.notices!.deliverSoon();
      b.app.services.notices!.deliverSoon();
      await until(() => receiver.received.length >= keys.length);
      await waitFor(async () => (await a.app.database.prisma.outboxMessage.count({ where: { deliveredAt: null } })) === 0);
      expect(receiver.received.map((r) => r.idempotencyKey).sort()).toEqual([...keys].sort());
      const deliveredBy = async (server: TestServer) =>
        Number(/webhook_deliveries_total\{kind="test",outcome="delivered"\} (\d+)/.exec(await metricsOf(server))?.[1] ?? 0);
      expect((await deliveredBy(a)) + (await deliveredBy(b))).toBe(keys.length);
    } finally {
      await a.stop();
      await b.stop();
      await receiver.close();
      await database.drop();
    }
  });
});
