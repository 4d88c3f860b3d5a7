import pg from 'pg';
import { loadConfig, ConfigError } from '../../src/config/config';
import { isPublicAddress } from '../../src/modules/push/push-endpoint';
import { addParticipants, createEvent } from '../events/event-fixtures';
import { signUpAdmin, signUpInput, signUpMember, type SignedUpMember } from '../members/member-fixtures';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { dataOf, errorOf, graphqlRequest } from '../support/graphql-client';
import {
  ConfirmPaymentDocument,
  DeleteEventDocument,
  IssuePenaltyDocument,
  RejectPaymentDocument,
  RequestPaymentConfirmationDocument,
  ReviewAbsenceDocument,
  RevokePenaltyDocument,
  SetAttendanceDocument,
  SettleEventDocument,
  SignUpDocument,
  SubmitAbsenceDocument,
} from '../support/operations.generated';
import { checkVapid, decryptPush, startPushServiceStandIn, type FakeBrowser } from '../support/push-service-stand-in';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { startTestServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait';

const REGISTER = 'mutation Register($input: PushSubscriptionInput!) { registerPushSubscription(input: $input) }';
const UNREGISTER = 'mutation Unregister($endpoint: String!) { unregisterPushSubscription(endpoint: $endpoint) }';
const PUBLIC_KEY = '{ webPushPublicKey }';

const LOCAL = { WEB_PUSH_ALLOW_LOCAL_ENDPOINTS: 'true', WEB_PUSH_SUBJECT: 'mailto:officers@club.example' };

type StandIn = Awaited<ReturnType<typeof startPushServiceStandIn>>;

async function register(server: { url: string }, token: string, browser: Pick<FakeBrowser, 'endpoint' | 'p256dh' | 'auth'>) {
  const { endpoint, p256dh, auth } = browser;
  return graphqlRequest<{ registerPushSubscription: boolean }, object>(server.url, REGISTER, { input: { endpoint, p256dh, auth } }, { token });
}

describe('which push endpoints are public', () => {
  it.each([
    ['8.8.8.8', true],
    ['2001:4860:4860::8888', true],
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['192.168.1.1', false],
    ['100.64.0.1', false],
    ['169.254.169.254', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['fd00:ec2::254', false],
    ['fe80::1', false],
    ['::ffff:10.0.0.1', false],
    ['::ffff:127.0.0.1', false],
    ['not an address', false],
  ])('%s → %s', (address, isPublic) => {
    expect(isPublicAddress(address)).toBe(isPublic);
  });

  it('WEB_PUSH_ALLOW_LOCAL_ENDPOINTS=true is refused at start-up with NODE_ENV=production', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-that-is-long-enough-1234' };
    expect(() => loadConfig({ ...production, WEB_PUSH_ALLOW_LOCAL_ENDPOINTS: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig(production)).not.toThrow();
  });
});

describe('Web Push', () => {
  let database: TestDatabase;
  let server: TestServer;
  let other: TestServer;
  let standIn: StandIn;
  let admin: SignedUpMember;
  beforeAll(async () => {
    database = await createTestDatabase();
    standIn = await startPushServiceStandIn();
    server = await startTestServer({ database, env: LOCAL });
    other = await startTestServer({ database, env: LOCAL });
    admin = await signUpAdmin(server);
  });
  afterAll(async () => {
    await server.stop();
    await other.stop();
    await database.drop();
    await standIn.close();
  });
  beforeEach(() => standIn.answerWith((_request, response) => response.writeHead(201).end()));

  const subscriptionsOf = (memberId: string) =>
    server.app.database.prisma.pushSubscription.findMany({ where: { memberId }, orderBy: { createdAt: 'asc' } });

  /** A member with a browser registered on the stand-in. */
  async function memberWithBrowser(): Promise<SignedUpMember & { browser: FakeBrowser }> {
    const member = await signUpMember(server);
    const browser = standIn.browser();
    expect(dataOf(await register(server, member.token, browser)).registerPushSubscription).toBe(true);
    return { ...member, browser };
  }

  /** The notifications the browser has received so far, decrypted. */
  const notificationsOf = (browser: FakeBrowser) => standIn.for(browser).map((request) => decryptPush(request, browser));

  it('has one VAPID key pair for every instance, kept in the database', async () => {
    const member = await signUpMember(server);
    const key = dataOf(await server.request<{ webPushPublicKey: string }, object>(PUBLIC_KEY, {}, { token: member.token })).webPushPublicKey;
    expect(Buffer.from(key, 'base64url')).toHaveLength(65);
    expect(dataOf(await other.request<{ webPushPublicKey: string }, object>(PUBLIC_KEY, {}, { token: member.token })).webPushPublicKey).toBe(key);
    expect(errorOf(await server.request(PUBLIC_KEY)).extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['plain http', { endpoint: 'http://push.example.com/send/1' }],
    ['loopback over https', { endpoint: 'https://127.0.0.1/send/1' }],
    ['a private address', { endpoint: 'https://10.0.0.7/send/1' }],
    ['the metadata address', { endpoint: 'https://169.254.169.254/latest/meta-data' }],
    ['IPv6 loopback', { endpoint: 'https://[::1]/send' }],
    ['a unique-local address', { endpoint: 'https://[fd00::1]/send' }],
    ['a name that resolves to loopback', { endpoint: 'https://localhost/send/1' }],
    ['credentials in the URL', { endpoint: 'https://user:pass@8.8.8.8/send' }],
    ['not a URL', { endpoint: 'push me' }],
    ['a malformed p256dh', { p256dh: 'BAAAA' }],
    ['an auth secret of the wrong size', { auth: Buffer.alloc(8).toString('base64url') }],
  ])('refuses %s with PUSH_ENDPOINT_REFUSED and keeps nothing', async (_what, change) => {
    const member = await signUpMember(server);
    const response = await register(server, member.token, { ...standIn.browser(), ...change });
    expect(errorOf(response).extensions?.code).toBe('PUSH_ENDPOINT_REFUSED');
    expect(await subscriptionsOf(member.id)).toEqual([]);
  });

  it('refuses http://127.0.0.1 unless WEB_PUSH_ALLOW_LOCAL_ENDPOINTS=true', async () => {
    const strict = await startTestServer({ database });
    try {
      const member = await signUpMember(strict);
      expect(errorOf(await register(strict, member.token, standIn.browser())).extensions?.code).toBe('PUSH_ENDPOINT_REFUSED');
    } finally {
      await strict.stop();
    }
  });

  it('delivers "added to a match" to each of the member\'s browsers: aes128gcm, a valid VAPID JWT, Korean, the match\'s page', async () => {
    const member = await memberWithBrowser();
    const phone = standIn.browser();
    dataOf(await register(server, member.token, phone));
    const event = await createEvent(server, admin.token, { title: '일요 리그' });
    await addParticipants(server, admin.token, event.id, [member.id]);
    await waitFor(async () => standIn.for(member.browser).length === 1 && standIn.for(phone).length === 1, 10_000);

    for (const browser of [member.browser, phone]) {
      const [request] = standIn.for(browser);
      const { publicKey, claims } = checkVapid(request, standIn.origin);
      expect(claims.sub).toBe('mailto:officers@club.example');
      expect(publicKey).toBe(dataOf(await server.request<{ webPushPublicKey: string }, object>(PUBLIC_KEY, {}, { token: member.token })).webPushPublicKey);
      expect(Number(request.headers.ttl)).toBeGreaterThan(0);
      expect(decryptPush(request, browser)).toMatchObject({ kind: 'added', title: '경기 명단에 추가되었어요: 일요 리그', path: `/matches/${event.id}` });
    }
  });

  it('tells a member of penalties issued and revoked, payments confirmed and rejected, and absence notices reviewed', async () => {
    const member = await memberWithBrowser();
    const event = await createEvent(server, admin.token, { title: '수요 풋살', startsInMinutes: 48 * 60 });
    await addParticipants(server, admin.token, event.id, [member.id]);
    const { issuePenalty } = dataOf(await server.request(IssuePenaltyDocument, { memberId: member.id, points: 2, note: '장비 미반납' }, { token: admin.token }));
    dataOf(await server.request(RevokePenaltyDocument, { id: issuePenalty.id, reason: '반납 확인' }, { token: admin.token }));
    dataOf(await server.request(RequestPaymentConfirmationDocument, { eventId: event.id }, { token: member.token }));
    dataOf(await server.request(RejectPaymentDocument, { eventId: event.id, memberId: member.id, reason: '입금 내역 없음' }, { token: admin.token }));
    dataOf(await server.request(RequestPaymentConfirmationDocument, { eventId: event.id }, { token: member.token }));
    dataOf(await server.request(ConfirmPaymentDocument, { eventId: event.id, memberId: member.id }, { token: admin.token }));
    dataOf(await server.request(SubmitAbsenceDocument, { eventId: event.id, reason: '시험' }, { token: member.token }));
    dataOf(await server.request(ReviewAbsenceDocument, { eventId: event.id, memberId: member.id, approve: true, note: '시험 잘 봐요' }, { token: admin.token }));

    await waitFor(async () => standIn.for(member.browser).length === 6, 10_000);
    const byKind = Object.fromEntries(notificationsOf(member.browser).map((n) => [n.kind, n]));
    expect(Object.keys(byKind).sort()).toEqual(
      ['absence-reviewed', 'added', 'payment-confirmed', 'payment-rejected', 'penalty-issued', 'penalty-revoked'].sort(),
    );
    expect(byKind['penalty-issued']).toMatchObject({ title: '벌점 2점이 부과되었어요', path: '/me' });
    expect(byKind['penalty-issued'].body).toContain('장비 미반납');
    expect(byKind['penalty-revoked']).toMatchObject({ title: '벌점 2점이 취소되었어요', path: '/me' });
    expect(byKind['penalty-revoked'].body).toContain('사유: 반납 확인');
    expect(byKind['payment-rejected'].body).toContain('입금 내역 없음');
    expect(byKind['payment-confirmed']).toMatchObject({ title: '회비 납부가 확인되었어요', path: `/matches/${event.id}` });
    expect(byKind['absence-reviewed']).toMatchObject({ title: '불참 사유가 승인되었어요', body: '수요 풋살 · 시험 잘 봐요' });
  });

  it("tells of settlement's penalties, of one revoked when the attendance is corrected, and of those revoked with their match's deletion", async () => {
    const [absent, late] = [await memberWithBrowser(), await memberWithBrowser()];
    const event = await createEvent(server, admin.token, { title: '금요 매치', startsInMinutes: 10, fee: 0 });
    await addParticipants(server, admin.token, event.id, [absent.id, late.id]);
    server.clock.advance(3 * 3600_000);
    try {
      dataOf(await server.request(SettleEventDocument, { id: event.id }, { token: admin.token }));
      await waitFor(async () => [absent, late].every((member) => notificationsOf(member.browser).some((n) => n.kind === 'penalty-issued')), 10_000);
      expect(notificationsOf(absent.browser).find((n) => n.kind === 'penalty-issued')).toMatchObject({ title: '벌점 3점이 부과되었어요', path: '/me' });
      expect(notificationsOf(absent.browser).find((n) => n.kind === 'penalty-issued')!.body).toContain('불참 · 금요 매치');

      // Corrected to LATE: the absence's 3 points go, the lateness's 1 point comes.
      dataOf(await server.request(SetAttendanceDocument, { eventId: event.id, memberId: late.id, status: 'LATE' }, { token: admin.token }));
      await waitFor(async () => notificationsOf(late.browser).length === 4, 10_000);
      const [, , revoked, issued] = notificationsOf(late.browser);
      expect([revoked.kind, issued.kind].sort()).toEqual(['penalty-issued', 'penalty-revoked']);
      const byKind = Object.fromEntries([revoked, issued].map((n) => [n.kind, n]));
      expect(byKind['penalty-revoked']).toMatchObject({ title: '벌점 3점이 취소되었어요' });
      expect(byKind['penalty-revoked'].body).toContain('경기 기록이 바뀌어');
      expect(byKind['penalty-issued']).toMatchObject({ title: '벌점 1점이 부과되었어요' });

      dataOf(await server.request(DeleteEventDocument, { id: event.id }, { token: admin.token }));
      await waitFor(async () => notificationsOf(absent.browser).some((n) => n.kind === 'penalty-revoked'), 10_000);
      expect(notificationsOf(absent.browser).filter((n) => n.kind === 'penalty-revoked')).toHaveLength(1);
    } finally {
      server.clock.set(new Date());
    }
  });

  it('sends the match reminder to participants who have not been excused', async () => {
    const [going, excused] = [await memberWithBrowser(), await memberWithBrowser()];
    const event = await createEvent(server, admin.token, { title: '토요 매치', startsInMinutes: 48 * 60 });
    await addParticipants(server, admin.token, event.id, [going.id, excused.id]);
    dataOf(await server.request(SubmitAbsenceDocument, { eventId: event.id, reason: '출장' }, { token: excused.token }));
    dataOf(await server.request(ReviewAbsenceDocument, { eventId: event.id, memberId: excused.id, approve: true }, { token: admin.token }));
    await waitFor(async () => standIn.for(excused.browser).length === 2, 10_000);
    // Two hours before the start (MATCH_REMINDER_MINUTES' default).
    server.clock.set(new Date(new Date(event.startsAt).getTime() - 119 * 60_000));
    try {
      await server.app.services.reminders!.sweep();
      await waitFor(async () => notificationsOf(going.browser).some((n) => n.kind === 'reminder'), 10_000);
      const reminder = notificationsOf(going.browser).find((n) => n.kind === 'reminder')!;
      expect(reminder.title).toBe('곧 경기가 있어요: 토요 매치');
      expect(reminder.path).toBe(`/matches/${event.id}`);
      // Once only, whichever instance sweeps.
      await other.app.services.reminders!.sweep();
      await server.app.services.reminders!.sweep();
      expect(notificationsOf(excused.browser).map((n) => n.kind)).not.toContain('reminder');
      expect(notificationsOf(going.browser).filter((n) => n.kind === 'reminder')).toHaveLength(1);
    } finally {
      server.clock.set(new Date());
    }
  });

  it('drops a subscription whose push service answers 410 Gone, and the notice with it', async () => {
    const member = await memberWithBrowser();
    const [{ id: subscriptionId }] = await subscriptionsOf(member.id);
    standIn.answerWith((_request, response) => response.writeHead(410).end());
    const event = await createEvent(server, admin.token);
    await addParticipants(server, admin.token, event.id, [member.id]);
    await waitFor(async () => (await subscriptionsOf(member.id)).length === 0, 10_000);
    expect(standIn.for(member.browser)).toHaveLength(1);
    const notices = () => server.app.database.prisma.outboxMessage.count({ where: { channel: 'push', payload: { path: ['subscriptionId'], equals: subscriptionId } } });
    await waitFor(async () => (await notices()) === 0);
  });

  it("retries a 429 after the push service's Retry-After, then delivers", async () => {
    const member = await memberWithBrowser();
    standIn.answerWith((_request, response) => {
      standIn.answerWith((_next, ok) => ok.writeHead(201).end());
      response.writeHead(429, { 'retry-after': '1' }).end();
    });
    const event = await createEvent(server, admin.token);
    await addParticipants(server, admin.token, event.id, [member.id]);
    await waitFor(async () => standIn.for(member.browser).length === 2, 15_000);
    const [first, second] = standIn.for(member.browser).map((request) => request.receivedAt);
    expect(second - first).toBeGreaterThanOrEqual(900);
    const notice = () =>
      server.app.database.prisma.outboxMessage.findFirstOrThrow({ where: { channel: 'push', kind: 'added', payload: { path: ['notification', 'path'], equals: `/matches/${event.id}` } } });
    await waitFor(async () => (await notice()).deliveredAt !== null);
    expect((await notice()).attempts).toBe(2);
  });

  it('does not follow a redirect: the notice fails where it was sent', async () => {
    const member = await memberWithBrowser();
    const elsewhere = standIn.browser();
    standIn.answerWith((_request, response) => response.writeHead(307, { location: elsewhere.endpoint }).end());
    const event = await createEvent(server, admin.token);
    await addParticipants(server, admin.token, event.id, [member.id]);
    await waitFor(async () => (await server.app.database.prisma.outboxMessage.count({ where: { channel: 'push', failedAt: { not: null }, lastError: 'HTTP 307' } })) > 0, 10_000);
    expect(standIn.for(elsewhere)).toEqual([]);
  });

  it("keeps a member's ten newest browsers, registering one endpoint once, and unregisters only the viewer's own", async () => {
    const member = await signUpMember(server);
    const browsers = Array.from({ length: 11 }, () => standIn.browser());
    for (const browser of browsers) dataOf(await register(server, member.token, browser));
    dataOf(await register(server, member.token, browsers[10]));
    const kept = (await subscriptionsOf(member.id)).map((row) => row.endpoint);
    expect(kept).toHaveLength(10);
    expect(kept).not.toContain(browsers[0].endpoint);

    const stranger = await signUpMember(server);
    const unregister = (token: string) => graphqlRequest<{ unregisterPushSubscription: boolean }, object>(server.url, UNREGISTER, { endpoint: browsers[5].endpoint }, { token });
    expect(dataOf(await unregister(stranger.token)).unregisterPushSubscription).toBe(false);
    expect(dataOf(await unregister(member.token)).unregisterPushSubscription).toBe(true);
    expect(dataOf(await unregister(member.token)).unregisterPushSubscription).toBe(false);
    expect(await subscriptionsOf(member.id)).toHaveLength(9);
  });
});

describe('Web Push across a crash', () => {
  let database: TestDatabase;
  let sql: pg.Client;
  let standIn: StandIn;
  const running: ServerProcess[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    standIn = await startPushServiceStandIn();
  });
  afterAll(async () => {
    await Promise.all(running.splice(0).map((server) => server.stop()));
    await sql.end();
    await database.drop();
    await standIn.close();
  });

  const start = async () => {
    const server = await startServerProcess({ ...database.env, ...LOCAL, ADMIN_LOGIN_ID: 'officer', ADMIN_PASSWORD: 'a long admin password', WEB_PUSH_TIMEOUT_MS: '1000' });
    running.push(server);
    return server;
  };

  it('delivers after a restart a notification whose instance was killed (SIGKILL) while delivering it', async () => {
    // The stand-in holds the first attempt: the instance dies in the middle of delivering it.
    standIn.answerWith(() => undefined);
    const first = await start();
    const login = await graphqlRequest<{ login: { token: string } }, object>(first.url, 'mutation { login(loginId: "officer", password: "a long admin password") { token } }', {});
    const adminToken = dataOf(login).login.token;
    const input = signUpInput();
    const { signUp } = dataOf(await graphqlRequest(first.url, SignUpDocument, { input }));
    const member = { id: signUp.member.id, token: signUp.token };
    const browser = standIn.browser();
    dataOf(await register(first, member.token, browser));
    const { createEvent: event } = dataOf(
      await graphqlRequest<{ createEvent: { id: string } }, object>(
        first.url,
        'mutation { createEvent(input: { title: "야간 경기", address: "Seoul", audience: ALL, fee: 0, latitude: 37.5, longitude: 127.0, startsAt: "2030-01-01T10:00:00Z", endsAt: "2030-01-01T12:00:00Z" }) { id } }',
        {},
        { token: adminToken },
      ),
    );
    dataOf(await graphqlRequest(first.url, `mutation { addParticipants(eventId: "${event.id}", memberIds: ["${member.id}"]) { id } }`, {}, { token: adminToken }));
    await waitFor(async () => standIn.for(browser).length === 1, 10_000);
    first.child.kill('SIGKILL');
    await first.exited;
    running.splice(running.indexOf(first), 1);
    const noticeOf = async () => (await sql.query(`SELECT attempts, delivered_at FROM outbox_messages WHERE channel = 'push'`)).rows[0];
    expect(await noticeOf()).toMatchObject({ attempts: 1, delivered_at: null });

    standIn.answerWith((_request, response) => response.writeHead(201).end());
    await start();
    await waitFor(async () => (await noticeOf()).delivered_at !== null, 30_000);
    const [lost, delivered] = standIn.for(browser).map((request) => decryptPush(request, browser));
    expect(delivered).toEqual(lost);
    expect(delivered).toMatchObject({ kind: 'added', path: `/matches/${event.id}` });
  });
});
