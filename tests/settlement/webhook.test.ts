import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addParticipants, createEvent } from '../events/event-fixtures';
import { signUpAdmin, signUpMember } from '../members/member-fixtures';
import { dataOf } from '../support/graphql-client';
import { SettleEventDocument } from '../support/operations.generated';
import { captureLogs } from '../support/log-capture';
import { startTestServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait';

/** A local webhook receiver: answers each POST as `answer` decides, and keeps the bodies. */
async function startReceiver(answer: (attempt: number, response: ServerResponse) => void) {
  const bodies: Record<string, unknown>[] = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    let raw = '';
    for await (const chunk of request) raw += chunk;
    bodies.push(JSON.parse(raw));
    answer(bodies.length, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/settlements`,
    bodies,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const until = (condition: () => boolean) => waitFor(async () => condition());

describe('the settlement webhook', () => {
  const logs = captureLogs();

  async function settleWith(receiverUrl: string, env: Record<string, string> = {}) {
    const server: TestServer = await startTestServer('postgres', {
      logger: logs.logger,
      env: { SETTLEMENT_WEBHOOK_URL: receiverUrl, SETTLEMENT_WEBHOOK_BACKOFF_MS: '20', SETTLEMENT_WEBHOOK_TIMEOUT_MS: '500', ...env },
    });
    const admin = await signUpAdmin(server);
    const member = await signUpMember(server, { name: 'Cha Bumkun' });
    const event = await createEvent(server, admin.token, { title: 'Cup final', startsInMinutes: 0 });
    await addParticipants(server, admin.token, event.id, [member.id]);
    const settled = dataOf(await server.request(SettleEventDocument, { id: event.id }, { token: admin.token })).settleEvent;
    return { server, event, member, settled };
  }

  it('posts one summary that Discord (content) and Slack (text) both read, after the settlement committed', async () => {
    const receiver = await startReceiver((_attempt, response) => response.writeHead(204).end());
    const { server, event, member, settled } = await settleWith(receiver.url);
    try {
      expect(settled.settledAt).not.toBeNull();
      await until(() => receiver.bodies.length === 1);
      const [body] = receiver.bodies as { content: string; text: string; settlement: Record<string, unknown> }[];
      expect(body.content).toBe(body.text);
      expect(body.content).toMatch(/Settled "Cup final"/);
      expect(body.content).toMatch(/Cha Bumkun \(.+\): absent, 3 points/);
      expect(body.settlement).toMatchObject({ eventId: event.id, penalties: [{ memberId: member.id, reason: 'ABSENT', points: 3 }] });
    } finally {
      await server.stop();
      await receiver.close();
    }
  });

  it('retries with backoff after failures, and never holds up or undoes the settlement', async () => {
    const receiver = await startReceiver((attempt, response) => response.writeHead(attempt < 3 ? 503 : 200).end());
    const { server, event } = await settleWith(receiver.url);
    try {
      expect(await server.app.database.prisma.penalty.count({ where: { eventId: event.id } })).toBe(1);
      await until(() => receiver.bodies.length === 3);
      expect(receiver.bodies[0]).toEqual(receiver.bodies[2]);
    } finally {
      await server.stop();
      await receiver.close();
    }
  });

  it('settles while the receiver hangs, and gives up after the configured attempts', async () => {
    const hanging: ServerResponse[] = [];
    const receiver = await startReceiver((_attempt, response) => hanging.push(response));
    const { server, settled } = await settleWith(receiver.url, { SETTLEMENT_WEBHOOK_ATTEMPTS: '2' });
    try {
      // settleEvent has answered while the receiver still holds the first request.
      expect(settled.settledAt).not.toBeNull();
      await until(() => logs.lines().some((line) => line.msg === 'settlement webhook gave up'));
      expect(receiver.bodies).toHaveLength(2);
    } finally {
      await server.stop();
      await receiver.close();
    }
  });
});
