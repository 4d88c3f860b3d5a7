import WebSocket from 'ws';
import { addParticipants, createEvent, PITCH } from '../events/event-fixtures';
import { signUpAdmin, signUpMember, type SignedUpMember } from '../members/member-fixtures';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { dataOf } from '../support/graphql-client';
import {
  ChangePasswordDocument,
  CheckInDocument,
  ConfirmPaymentDocument,
  RequestPaymentConfirmationDocument,
  SubmitAbsenceDocument,
} from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait';
import { collect, liveClient, participationChanges } from './live-client';

/** Resolves with the close code and reason once the client's socket closes. */
function closeOf(server: TestServer, token: string | null) {
  return new Promise<{ code: number; reason: string }>((resolve) => {
    liveClient(server.url, token, (code, reason) => resolve({ code, reason }));
  });
}

/** A raw socket speaking graphql-transport-ws, for what a well-behaved client would never send. */
function rawSocket(server: TestServer): WebSocket {
  return new WebSocket(server.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
}

describe('participationChanged across instances', () => {
  let database: TestDatabase;
  let first: TestServer;
  let second: TestServer;
  let admin: SignedUpMember;
  beforeAll(async () => {
    database = await createTestDatabase();
    first = await startTestServer({ database });
    second = await startTestServer({ database });
    admin = await signUpAdmin(first);
  });
  afterAll(async () => {
    await first.stop();
    await second.stop();
    await database.drop();
  });

  /** A match starting in 30 minutes (check-in open) with two members in it. */
  async function matchDay() {
    const [alice, bob] = [await signUpMember(first), await signUpMember(first)];
    const event = await createEvent(first, admin.token, { startsInMinutes: 30 });
    await addParticipants(first, admin.token, event.id, [alice.id, bob.id]);
    return { event, alice, bob };
  }

  it("a check-in made through one instance reaches a participant's and an admin's subscription on the other, each as the privacy rule shows it", async () => {
    const { event, alice, bob } = await matchDay();
    const aliceClient = liveClient(second.url, alice.token);
    const adminClient = liveClient(second.url, admin.token);
    const seenByAlice = participationChanges(aliceClient, event.id);
    const seenByAdmin = participationChanges(adminClient, event.id);
    // Subscribed: the server has the subscriptions once a change made now reaches them.
    await waitFor(async () => (await liveSubscribers(second, event.id)) === 2);

    dataOf(await first.request(CheckInDocument, { eventId: event.id, ...PITCH, accuracyMeters: 10 }, { token: bob.token }));
    await waitFor(async () => seenByAlice.values.length === 1 && seenByAdmin.values.length === 1, 5_000);

    expect(seenByAlice.values[0]).toMatchObject({ member: { id: bob.id }, attendance: 'ATTENDED', checkInDistanceMeters: null, payment: null });
    expect(seenByAdmin.values[0]).toMatchObject({ member: { id: bob.id }, attendance: 'ATTENDED', payment: 'UNPAID' });
    expect(seenByAdmin.values[0].checkInDistanceMeters).toBeCloseTo(0, 0);

    // A payment step, its confirmation and an absence notice: each a change of its own.
    dataOf(await first.request(RequestPaymentConfirmationDocument, { eventId: event.id }, { token: alice.token }));
    dataOf(await second.request(ConfirmPaymentDocument, { eventId: event.id, memberId: alice.id }, { token: admin.token }));
    await waitFor(async () => seenByAlice.values.length === 3, 5_000);
    expect(seenByAlice.values.slice(1).map((change) => change.payment)).toEqual(['AWAITING_CONFIRMATION', 'PAID']);
    aliceClient.dispose();
    adminClient.dispose();
  });

  it("an absence notice reaches the admin's subscription", async () => {
    const { alice } = await matchDay();
    // Notices close an hour before the start: a match two days away.
    const event = await createEvent(first, admin.token, { startsInMinutes: 48 * 60 });
    await addParticipants(first, admin.token, event.id, [alice.id]);
    const adminClient = liveClient(first.url, admin.token);
    const seen = participationChanges(adminClient, event.id);
    await waitFor(async () => (await liveSubscribers(first, event.id)) === 1);
    dataOf(await second.request(SubmitAbsenceDocument, { eventId: event.id, reason: '시험 기간' }, { token: alice.token }));
    await waitFor(async () => seen.values.length === 1, 5_000);
    expect(seen.values[0]).toMatchObject({ member: { id: alice.id }, absenceNotice: { status: 'PENDING' } });
    adminClient.dispose();
  });

  it('sends, once notifications come back, a change made while the instances had lost them', async () => {
    const { event, alice, bob } = await matchDay();
    const client = liveClient(second.url, alice.token);
    const seen = participationChanges(client, event.id);
    await waitFor(async () => (await liveSubscribers(second, event.id)) === 1);
    // Both instances' listening connections cut, as a database restart would; they come back a second later.
    const cut = await first.app.database.read<{ ended: boolean }>(
      `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN participation_changed'`,
      [],
    );
    expect(cut.length).toBe(2);
    dataOf(await first.request(CheckInDocument, { eventId: event.id, ...PITCH, accuracyMeters: 10 }, { token: bob.token }));
    await waitFor(async () => seen.values.some((change) => change.member.id === bob.id && change.attendance === 'ATTENDED'), 10_000);
    client.dispose();
  });

  it("refuses a member someone else's match with FORBIDDEN, and the socket goes on serving their own", async () => {
    const { event } = await matchDay();
    const outsider = await signUpMember(first);
    const own = await createEvent(first, admin.token, { startsInMinutes: 30 });
    await addParticipants(first, admin.token, own.id, [outsider.id]);
    const closes: number[] = [];
    const client = liveClient(second.url, outsider.token, (code) => closes.push(code));
    const refused = participationChanges(client, event.id);
    await waitFor(async () => refused.errors !== null);
    expect(refused.errors!.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(refused.values).toEqual([]);

    const mine = participationChanges(client, own.id);
    await waitFor(async () => (await liveSubscribers(second, own.id)) === 1);
    dataOf(await first.request(CheckInDocument, { eventId: own.id, ...PITCH, accuracyMeters: 10 }, { token: outsider.token }));
    await waitFor(async () => mine.values.length === 1, 5_000);
    expect(mine.values[0]).toMatchObject({ member: { id: outsider.id }, attendance: 'ATTENDED' });
    expect(closes).toEqual([]);
    client.dispose();
  });

  it('an unknown match is NOT_FOUND for an admin', async () => {
    const client = liveClient(first.url, admin.token);
    const refused = participationChanges(client, '0190c1a3-0000-7000-8000-000000000000');
    await waitFor(async () => refused.errors !== null);
    expect(refused.errors!.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    client.dispose();
  });

  it('closes a socket without a token, or with a bad one, with 4401', async () => {
    expect((await closeOf(first, null)).code).toBe(4401);
    expect((await closeOf(first, 'not-a-token')).code).toBe(4401);
  });

  it('ends a socket whose member changed their password, at its next change', async () => {
    const { event, alice, bob } = await matchDay();
    let closed: number | undefined;
    const client = liveClient(second.url, alice.token, (code) => (closed = code));
    participationChanges(client, event.id);
    await waitFor(async () => (await liveSubscribers(second, event.id)) === 1);
    dataOf(await first.request(ChangePasswordDocument, { currentPassword: alice.password, newPassword: 'a brand new passphrase' }, { token: alice.token }));
    dataOf(await first.request(CheckInDocument, { eventId: event.id, ...PITCH, accuracyMeters: 10 }, { token: bob.token }));
    await waitFor(async () => closed !== undefined, 5_000);
    expect(closed).toBe(4401);
  });

  it('carries subscriptions only: a query over the socket is told to use POST /graphql', async () => {
    const client = liveClient(first.url, admin.token);
    const query = collect(client, '{ me { id } }', {}, (data) => data);
    await waitFor(async () => query.errors !== null);
    expect(query.errors!.map((error) => error.extensions?.code)).toEqual(['BAD_REQUEST']);
    client.dispose();
  });

  it('checks a subscription against the query limits', async () => {
    const client = liveClient(first.url, admin.token);
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: __typename`).join(' ');
    const tooMany = collect(client, `subscription { participationChanged(eventId: "x") { ${aliases} } }`, {}, (data) => data);
    await waitFor(async () => tooMany.errors !== null);
    expect(tooMany.errors!.map((error) => error.extensions?.code)).toEqual(['TOO_MANY_ALIASES']);
    client.dispose();
  });
});

/** Subscribers this instance's feed hands an event's changes to. */
async function liveSubscribers(server: TestServer, eventId: string): Promise<number> {
  return server.app.services.participationFeed.subscribers(eventId);
}

describe('the socket limits', () => {
  let server: TestServer;
  let member: SignedUpMember;
  beforeAll(async () => {
    server = await startTestServer({
      env: { LIVE_MAX_SOCKETS_PER_ADDRESS: '2', LIVE_MAX_SUBSCRIPTIONS_PER_SOCKET: '2', LIVE_MAX_MESSAGE_BYTES: '2048', LIVE_KEEP_ALIVE_SECONDS: '1' },
    });
    member = await signUpMember(server);
  });
  afterAll(() => server.stop());

  it('allows two subscriptions on a socket and refuses a third with TOO_MANY_SUBSCRIPTIONS', async () => {
    const admin = await signUpAdmin(server);
    const event = await createEvent(server, admin.token, { startsInMinutes: 30 });
    await addParticipants(server, admin.token, event.id, [member.id]);
    const client = liveClient(server.url, member.token);
    const held = [participationChanges(client, event.id), participationChanges(client, event.id)];
    await waitFor(async () => (await liveSubscribers(server, event.id)) === 2);
    const third = participationChanges(client, event.id);
    await waitFor(async () => third.errors !== null);
    expect(third.errors!.map((error) => error.extensions?.code)).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
    held.forEach((subscription) => subscription.dispose());
    client.dispose();
  });

  it('pings every socket, and drops one that stops answering (a phone gone out of reach)', async () => {
    // The sockets of the tests before may still be closing: past the limit of two, the upgrade is refused.
    let silent: WebSocket | undefined;
    await waitFor(async () => {
      const candidate = new WebSocket(server.url.replace(/^http/, 'ws'), 'graphql-transport-ws', { autoPong: false });
      const opened = await new Promise<boolean>((resolve) => {
        candidate.once('open', () => resolve(true));
        candidate.once('unexpected-response', (request) => {
          request.destroy();
          resolve(false);
        });
      });
      if (opened) silent = candidate;
      return opened;
    });
    let pings = 0;
    silent!.on('ping', () => (pings += 1));
    const opened = Date.now();
    await new Promise((resolve) => silent!.once('close', resolve));
    // LIVE_KEEP_ALIVE_SECONDS=1: a ping each second, and a socket that has not answered by the next is cut.
    expect(Date.now() - opened).toBeGreaterThanOrEqual(1_500);
    expect(pings).toBeGreaterThanOrEqual(1);
  });

  it('closes a socket that sends a message over the size limit (1009)', async () => {
    const socket = rawSocket(server);
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${member.token}`, padding: 'x'.repeat(4096) } }));
    const code = await new Promise<number>((resolve) => socket.once('close', resolve));
    expect(code).toBe(1009);
  });

  it('refuses a third socket from one address with 429, and takes one again once another closes', async () => {
    const open = [rawSocket(server), rawSocket(server)];
    await Promise.all(open.map((socket) => new Promise((resolve) => socket.once('open', resolve))));
    const third = rawSocket(server);
    const status = await new Promise<number>((resolve) =>
      third.once('unexpected-response', (request, response) => {
        request.destroy();
        resolve(response.statusCode ?? 0);
      }),
    );
    expect(status).toBe(429);
    open[0].close();
    await new Promise((resolve) => open[0].once('close', resolve));
    await waitFor(async () => {
      const again = rawSocket(server);
      const opened = await new Promise<boolean>((resolve) => {
        again.once('open', () => resolve(true));
        again.once('unexpected-response', (request) => {
          request.destroy();
          resolve(false);
        });
      });
      again.close();
      return opened;
    });
    open[1].close();
  });

  it("closes the socket at its token's expiry with 4401", async () => {
    const shortLived = await startTestServer({ env: { JWT_TTL: '3s' } });
    try {
      const { token } = await signUpMember(shortLived);
      const opened = Date.now();
      const { code } = await closeOf(shortLived, token);
      expect(code).toBe(4401);
      // Closed at the expiry, not at once: the token was good when the socket opened.
      expect(Date.now() - opened).toBeGreaterThan(1_500);
    } finally {
      await shortLived.stop();
    }
  });
});
