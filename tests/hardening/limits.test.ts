import * as passwords from '../../src/auth/passwords';
import { signUpMember } from '../members/member-fixtures';
import { createTestDatabase } from '../support/databases';
import { dataOf, errorOf, type GraphQLResponse } from '../support/graphql-client';
import { eventInput } from '../events/event-fixtures';
import { startGeocoderStandIn, type GeocoderStandIn } from '../support/geocoder-stand-in';
import {
  AttendanceReportDocument,
  CreateEventDocument,
  EventsWithParticipantsDocument,
  LoginDocument,
  MeDocument,
  SignUpDocument,
} from '../support/operations.generated';
import { signUpAdmin } from '../members/member-fixtures';
import { startTestServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait';

const noLimitNamed = (message: string) => expect(message).not.toMatch(/\d/);

/** A refusal at validation: every error GRAPHQL_VALIDATION_FAILED, none naming a number. */
function expectRefusedByValidation(response: GraphQLResponse<unknown>) {
  expect(response.status).toBe(400);
  expect(response.errors?.length).toBeGreaterThan(0);
  for (const error of response.errors!) {
    expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    noLimitNamed(error.message);
  }
}

// Query limits do not depend on the database: they run on PostgreSQL only, which starts fastest.
describe('query limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());
  afterEach(() => jest.restoreAllMocks());

  it("lets the clients' own largest queries through", async () => {
    const admin = await signUpAdmin(server);
    dataOf(await server.request(EventsWithParticipantsDocument, { first: 100 }, { token: admin.token }));
    dataOf(await server.request(AttendanceReportDocument, {}, { token: admin.token }));
  });

  it('refuses a document nested too deep, without naming the limit', async () => {
    const member = await signUpMember(server);
    let selection = 'id';
    for (let i = 0; i < 7; i++) selection = `participations { event { participants { member { ${selection} } } } }`;
    expectRefusedByValidation(await server.request(`{ me { ${selection} } }`, {}, { token: member.token }));
  });

  it('refuses 50 aliased logins in one document before hashing any password', async () => {
    const verify = jest.spyOn(passwords, 'verifyPassword');
    const fields = Array.from({ length: 50 }, (_, i) => `a${i}: login(loginId: "victim", password: "guess${i}") { token }`).join('\n');
    expectRefusedByValidation(await server.request(`mutation { ${fields} }`));
    expect(verify).not.toHaveBeenCalled();
  });

  it('refuses too many directives and too many tokens, without naming the limits', async () => {
    const fields = Array.from({ length: 11 }, (_, i) => `f${i}: __typename @include(if: true) @skip(if: false)`).join(' ');
    expectRefusedByValidation(await server.request(`{ ${fields} }`));
    const tokens = await server.request(`{ ${'__typename '.repeat(4000)} }`);
    expect(tokens.status).toBe(400);
    expect(errorOf(tokens).extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    noLimitNamed(errorOf(tokens).message);
  });

  it('refuses a wide, expensive document', async () => {
    const member = await signUpMember(server);
    const wide = Array.from({ length: 15 }, (_, i) => `e${i}: events { edges { node { participants { member { participations { event { participants { member { penalties { event { id title } } } } } } } } } } }`).join('\n');
    expectRefusedByValidation(await server.request(`{ ${wide} }`, {}, { token: member.token }));
  });

  it('answers batched requests and unsafe GETs with 400 (no batching, CSRF prevention)', async () => {
    const batch = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(batch.status).toBe(400);
    const simpleGet = await fetch(`${server.url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(simpleGet.status).toBe(400);
    const preflighted = await fetch(`${server.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
    const plainText = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' });
    expect(plainText.status).toBe(400);
  });

  it('suggests field names while introspection is on', async () => {
    expect(errorOf(await server.request('{ mee { id } }')).message).toMatch(/Did you mean/);
  });
});

describe('with introspection off', () => {
  it('hides field suggestions too', async () => {
    const server = await startTestServer({ env: { GRAPHQL_INTROSPECTION: 'false' } });
    try {
      const error = errorOf(await server.request('{ mee { id } }'));
      expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(error.message).not.toMatch(/Did you mean|me\b/);
    } finally {
      await server.stop();
    }
  });
});

describe('the execution timeout', () => {
  it('answers a request that runs too long with 503 REQUEST_TIMEOUT', async () => {
    const server = await startTestServer({ env: { EXECUTION_TIMEOUT_MS: '1' } });
    try {
      const input = { loginId: 'slow.signup', password: 'hashing takes time', name: 'Slow', phone: '010-1234-5678', gender: 'MALE' as const };
      const response = await server.request(SignUpDocument, { input });
      expect(response.status).toBe(503);
      expect(errorOf(response).extensions).toMatchObject({ code: 'REQUEST_TIMEOUT' });
    } finally {
      await server.stop();
    }
  });
});

describe('sign-up and login limits per client address', () => {
  afterEach(() => jest.restoreAllMocks());

  it('refuses the 4th call in a minute with AUTH_RATE_LIMIT_PER_MINUTE=3, counting signUp and login together', async () => {
    const server = await startTestServer({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      server.clock.set(new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 10_000));
      const member = await signUpMember(server);
      dataOf(await server.request(LoginDocument, { loginId: member.loginId, password: member.password }));
      errorOf(await server.request(LoginDocument, { loginId: member.loginId, password: 'wrong password' }));
      const refused = errorOf(await server.request(LoginDocument, { loginId: member.loginId, password: member.password }));
      expect(refused.extensions).toEqual({ code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: 50 });
      server.clock.advance(50_000);
      dataOf(await server.request(LoginDocument, { loginId: member.loginId, password: member.password }));
    } finally {
      await server.stop();
    }
  });

  it('lets a burst of 20 wrong passwords for one login id hash at most 5 of them', async () => {
    const server = await startTestServer();
    try {
      const member = await signUpMember(server);
      const verify = jest.spyOn(passwords, 'verifyPassword');
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => server.request(LoginDocument, { loginId: member.loginId, password: `guess number ${i}` })),
      );
      const codes = responses.map((r) => errorOf(r).extensions?.code);
      expect(codes.filter((c) => c === 'INVALID_CREDENTIALS').length).toBeLessThanOrEqual(5);
      expect(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS').length).toBeGreaterThanOrEqual(15);
      expect(verify.mock.calls.length).toBeLessThanOrEqual(5);
    } finally {
      await server.stop();
    }
  });
});

describe('the per-address limit behind a load balancer (two instances, one PostgreSQL database)', () => {
  it('is shared by the instances, and keyed by X-Forwarded-For only when TRUST_PROXY is set', async () => {
    const database = await createTestDatabase();
    const env = { AUTH_RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'true' };
    const first = await startTestServer({ database, env });
    const second = await startTestServer({ database, env, clock: first.clock });
    const untrusting = await startTestServer({ database, env: { AUTH_RATE_LIMIT_PER_MINUTE: '2' }, clock: first.clock });
    try {
      first.clock.set(new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 1_000));
      const from = (address: string) => ({ headers: { 'x-forwarded-for': `${address}, 10.0.0.1` } });
      const login = (server: TestServer, address: string) => server.request(LoginDocument, { loginId: 'nobody.here', password: 'whatever1' }, from(address));
      expect(errorOf(await login(first, '203.0.113.7')).extensions?.code).toBe('INVALID_CREDENTIALS');
      expect(errorOf(await login(second, '203.0.113.7')).extensions?.code).toBe('INVALID_CREDENTIALS');
      expect(errorOf(await login(first, '203.0.113.7')).extensions?.code).toBe('TOO_MANY_ATTEMPTS');
      expect(errorOf(await login(second, '198.51.100.9')).extensions?.code).toBe('INVALID_CREDENTIALS');
      // Not trusting the proxy, the header is ignored: every caller is the socket's address.
      expect(errorOf(await login(untrusting, '192.0.2.1')).extensions?.code).toBe('INVALID_CREDENTIALS');
      expect(errorOf(await login(untrusting, '192.0.2.2')).extensions?.code).toBe('INVALID_CREDENTIALS');
      expect(errorOf(await login(untrusting, '192.0.2.3')).extensions?.code).toBe('TOO_MANY_ATTEMPTS');
    } finally {
      await Promise.all([first.stop(), second.stop(), untrusting.stop()]);
      await database.drop();
    }
  });
});

describe('the limit on GraphQL executions at once (GRAPHQL_MAX_CONCURRENCY)', () => {
  // A geocoder that never answers holds the only slot for as long as the test wants.
  let standIn: GeocoderStandIn;
  beforeEach(async () => {
    standIn = await startGeocoderStandIn('google');
  });
  afterEach(() => standIn.close());

  async function startWithOneSlot(executionTimeoutMs: number) {
    const server = await startTestServer({
      env: {
        GRAPHQL_MAX_CONCURRENCY: '1',
        EXECUTION_TIMEOUT_MS: String(executionTimeoutMs),
        GOOGLE_MAPS_API_KEY: 'limit-key',
        GOOGLE_MAPS_GEOCODE_URL: standIn.url,
        GEOCODER_TIMEOUT_MS: '60000',
      },
    });
    const admin = await signUpAdmin(server);
    const input = { ...eventInput(server, { address: 'hang on' }), latitude: undefined, longitude: undefined };
    const holdsTheSlot = server.request(CreateEventDocument, { input }, { token: admin.token });
    await waitFor(async () => standIn.requests.length === 1);
    return { server, admin, holdsTheSlot };
  }

  const executions = async (server: TestServer) => {
    const text = await (await fetch(server.url.replace('/graphql', '/metrics'))).text();
    const count = (state: string) => Number(new RegExp(`^graphql_executions\\{state="${state}"\\} (\\d+)$`, 'm').exec(text)?.[1]);
    return { running: count('running'), queued: count('queued') };
  };

  it('queues a request while every slot is taken and runs it once one frees up', async () => {
    const { server, admin, holdsTheSlot } = await startWithOneSlot(60_000);
    try {
      let answered = false;
      const waiting = server.request(MeDocument, {}, { token: admin.token }).finally(() => (answered = true));
      await waitFor(async () => (await executions(server)).queued === 1);
      expect(await executions(server)).toEqual({ running: 1, queued: 1 });
      expect(answered).toBe(false);

      await standIn.close();
      expect(errorOf(await holdsTheSlot).extensions?.code).toBe('GEOCODING_UNAVAILABLE');
      expect(dataOf(await waiting).me?.id).toBe(admin.id);
      expect(await executions(server)).toEqual({ running: 0, queued: 0 });
    } finally {
      await server.stop();
    }
  });

  it('drops a waiting request whose client hangs up, without running it', async () => {
    const { server, admin, holdsTheSlot } = await startWithOneSlot(60_000);
    try {
      const hangUp = new AbortController();
      const abandoned = fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
        body: JSON.stringify({ query: '{ me { id } }' }),
        signal: hangUp.signal,
      }).catch(() => 'hung up');
      await waitFor(async () => (await executions(server)).queued === 1);
      hangUp.abort();
      expect(await abandoned).toBe('hung up');
      await waitFor(async () => (await executions(server)).queued === 0);
      expect(await executions(server)).toEqual({ running: 1, queued: 0 });

      await standIn.close();
      expect(errorOf(await holdsTheSlot).extensions?.code).toBe('GEOCODING_UNAVAILABLE');
    } finally {
      await server.stop();
    }
  });

  it('answers REQUEST_TIMEOUT to a request whose deadline passes while it waits, and keeps the slot until the slow execution really ends', async () => {
    const { server, admin, holdsTheSlot } = await startWithOneSlot(500);
    try {
      expect(errorOf(await holdsTheSlot).extensions?.code).toBe('REQUEST_TIMEOUT');
      // Answered, but its execution still waits on the geocoder: the slot stays taken.
      expect((await executions(server)).running).toBe(1);
      const waitedTooLong = await server.request(MeDocument, {}, { token: admin.token });
      expect(waitedTooLong.status).toBe(503);
      expect(errorOf(waitedTooLong).extensions?.code).toBe('REQUEST_TIMEOUT');

      await standIn.close();
      await waitFor(async () => (await executions(server)).running === 0);
      expect(dataOf(await server.request(MeDocument, {}, { token: admin.token })).me?.id).toBe(admin.id);
    } finally {
      await server.stop();
    }
  });
});
