import pg from 'pg';
import { addParticipants, createEvent, eventInput } from '../events/event-fixtures';
import { signUpAdmin, signUpMember } from '../members/member-fixtures';
import { postgresAdminUrl } from '../support/databases';
import { startGeocoderStandIn } from '../support/geocoder-stand-in';
import { dataOf, errorOf } from '../support/graphql-client';
import { captureLogs } from '../support/log-capture';
import { CreateCalendarFeedDocument, CreateEventDocument, LoginDocument, SettleEventDocument } from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';

const base = (server: TestServer) => server.url.replace('/graphql', '');

describe('health and readiness', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('answers /healthz and /readyz with 200 when all is well', async () => {
    const health = await fetch(`${base(server)}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(`${base(server)}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
  });

  it('answers /readyz with 503 while a migration this release knows is not applied', async () => {
    const { prisma } = server.app.database;
    const [row] = await prisma.$queryRaw<{ id: string }[]>`SELECT id FROM "_prisma_migrations" LIMIT 1`;
    await prisma.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE id = ${row.id}`;
    try {
      const ready = await fetch(`${base(server)}/readyz`);
      expect([ready.status, await ready.json()]).toEqual([503, { status: 'migrations pending' }]);
    } finally {
      await prisma.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE id = ${row.id}`;
    }
  });
});

describe('/readyz when PostgreSQL cannot be reached', () => {
  it('answers 503 while /healthz still answers 200', async () => {
    const server = await startTestServer();
    const name = new URL(server.database.url!).pathname.slice(1);
    const admin = new pg.Client({ connectionString: postgresAdminUrl() });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      expect((await fetch(`${base(server)}/readyz`)).status).toBe(503);
      expect((await fetch(`${base(server)}/healthz`)).status).toBe(200);
      // What the PitchsideDatabaseUnreachable alert watches.
      expect(await (await fetch(`${base(server)}/metrics`)).text()).toMatch(/^database_reachable 0$/m);
    } finally {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await admin.end();
      await server.stop();
    }
  });
});

describe('metrics and logs', () => {
  const logs = captureLogs();
  let server: TestServer;
  let standIn: Awaited<ReturnType<typeof startGeocoderStandIn>>;
  beforeAll(async () => {
    standIn = await startGeocoderStandIn('google');
    server = await startTestServer({
      logger: logs.logger,
      env: { GOOGLE_MAPS_API_KEY: 'metrics-key', GOOGLE_MAPS_GEOCODE_URL: standIn.url },
    });
  });
  afterAll(async () => {
    await server.stop();
    await standIn.close();
  });

  it('exposes Prometheus metrics for HTTP, GraphQL operations, settlements, penalties, the geocoder and Node', async () => {
    const admin = await signUpAdmin(server);
    const member = await signUpMember(server);
    errorOf(await server.request(LoginDocument, { loginId: member.loginId, password: 'wrong password' }));
    const event = await createEvent(server, admin.token, { startsInMinutes: 0 });
    await addParticipants(server, admin.token, event.id, [member.id]);
    dataOf(await server.request(SettleEventDocument, { id: event.id }, { token: admin.token }));
    const located = { ...eventInput(server, { address: 'Metrics ground' }), latitude: undefined, longitude: undefined };
    dataOf(await server.request(CreateEventDocument, { input: located }, { token: admin.token }));
    errorOf(await server.request(CreateEventDocument, { input: { ...located, address: 'nowhere metrics' } }, { token: admin.token }));

    const response = await fetch(`${base(server)}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    for (const line of [
      /^http_request_duration_seconds_count\{method="POST",route="\/graphql",status="200"\} \d+$/m,
      /^graphql_operations_total\{operation="SignUp",outcome="ok"\} \d+$/m,
      /^graphql_operations_total\{operation="Login",outcome="INVALID_CREDENTIALS"\} 1$/m,
      /^settlements_total\{trigger="manual"\} 1$/m,
      /^penalties_issued_total\{reason="ABSENT"\} 1$/m,
      /^geocoder_requests_total\{provider="google",outcome="ok"\} 1$/m,
      /^geocoder_requests_total\{provider="google",outcome="address_not_found"\} 1$/m,
      /^nodejs_heap_size_used_bytes \d+/m,
      /^process_cpu_seconds_total \d/m,
    ]) {
      expect(text).toMatch(line);
    }
  });

  it('logs each request once with its id, which the response echoes, and keeps a load balancer’s id', async () => {
    const response = await fetch(`${base(server)}/healthz`);
    const requestId = response.headers.get('x-request-id');
    const lines = logs.lines().filter((line) => line.requestId === requestId);
    expect(lines).toEqual([expect.objectContaining({ msg: 'request', method: 'GET', route: '/healthz', status: 200 })]);

    const given = await fetch(`${base(server)}/healthz`, { headers: { 'x-request-id': 'lb-7f3a9c2e-0001' } });
    expect(given.headers.get('x-request-id')).toBe('lb-7f3a9c2e-0001');
  });

  it('never logs a password, a token or a calendar URL', async () => {
    const member = await signUpMember(server, { password: 'very-secret-password-123' });
    const { login } = dataOf(await server.request(LoginDocument, { loginId: member.loginId, password: member.password }));
    const { url } = dataOf(await server.request(CreateCalendarFeedDocument, {}, { token: login.token })).createCalendarFeed;
    await fetch(url);
    const calendarToken = url.split('/calendar/')[1].replace('.ics', '');
    const everything = JSON.stringify(logs.lines());
    for (const secret of ['very-secret-password-123', login.token, member.token, calendarToken]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).toContain('/calendar/:token.ics');
  });
});
