import { createHash } from 'node:crypto';
import { getIntrospectionQuery, Kind, print, type DocumentNode } from 'graphql';
import * as pageDocuments from '../../src/web/gql/graphql';
import * as passwords from '../../src/auth/passwords';
import { signUpMember, uniqueLoginId } from '../members/member-fixtures';
import { createTestDatabase } from '../support/databases';
import { dataOf, errorOf, type GraphQLResponse } from '../support/graphql-client';
import { createEvent, eventInput } from '../events/event-fixtures';
import { startGeocoderStandIn, type GeocoderStandIn } from '../support/geocoder-stand-in';
import {
  AttendanceReportDocument,
  CreateEventDocument,
  EventsWithParticipantsDocument,
  ImportMembersDocument,
  LoginDocument,
  MeDocument,
  SignUpDocument,
} from '../support/operations.generated';
import { signUpAdmin } from '../members/member-fixtures';
import { startTestServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait';

const noLimitNamed = (message: string) => expect(message).not.toMatch(/\d/);

/** A refusal before execution: HTTP 400 and exactly one error with the limit's code, naming no number. */
function expectRefusedOnce(response: GraphQLResponse<unknown>, code: string) {
  expect(response.status).toBe(400);
  expect(response.data).toBeUndefined();
  expect(response.errors).toHaveLength(1);
  expect(errorOf(response).extensions?.code).toBe(code);
  noLimitNamed(errorOf(response).message);
}

/** Every query the pages send (their typed documents, src/web/gql), by operation name, as text. */
function pageQueries(): Map<string, string> {
  const queries = new Map<string, string>();
  for (const document of Object.values(pageDocuments) as DocumentNode[]) {
    const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    if (operation?.kind === Kind.OPERATION_DEFINITION && operation.operation === 'query') queries.set(operation.name!.value, print(document));
  }
  return queries;
}

const MEMBERS_QUERY = 'query Members($first: Int) { members(first: $first) { edges { node { id name participations { id } } } } }';

// Query limits do not depend on the database: they run on PostgreSQL only, which starts fastest.
describe('query limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());
  afterEach(() => jest.restoreAllMocks());

  it("let every page's own queries through for a club of 200 members, and a page of 50 events with their players", async () => {
    const admin = await signUpAdmin(server);
    const rows = Array.from({ length: 200 }, (_, i) => ({ loginId: uniqueLoginId(`club${i}`), name: `회원 ${i}`, phone: '010-2000-3000', gender: i % 2 ? ('MALE' as const) : ('FEMALE' as const) }));
    dataOf(await server.request(ImportMembersDocument, { rows }, { token: admin.token }));
    const match = await createEvent(server, admin.token);
    const queries = pageQueries();
    expect([...queries.keys()].sort()).toEqual(
      [
        'AdminMatch',
        'AdminMatches',
        'AdminMember',
        'AdminMembers',
        'AdminSeasons',
        'ClubSettings',
        'Dashboard',
        'DashboardMembers',
        'DashboardSeasons',
        'EligibleMembers',
        'HasCalendarFeed',
        'HomeMatches',
        'MatchDetail',
        'MatchForEdit',
        'MemberImportCheck',
        'MyProfile',
        'MySeasons',
        'MyStanding',
        'OfficerQueue',
        'SeasonChoices',
        'WebPushKey',
      ].sort(),
    );
    // Each as an admin sends it (the largest answers): none refused by a limit, all answered.
    // The import preview of a whole roster of 500 rows, the most it takes.
    const roster = Array.from({ length: 500 }, (_, i) => ({ loginId: `roster.${i}`, name: `회원 ${i}`, phone: '010-2000-3000', gender: '남', role: null }));
    const variables = { id: match.id, eventId: match.id, from: new Date().toISOString(), seasonId: null, after: null, filter: null, search: null, rows: roster };
    for (const [name, query] of queries) {
      const answer = await server.request<Record<string, unknown>, unknown>(query, variables, { token: admin.token });
      expect({ name, errors: answer.errors ?? [] }).toEqual({ name, errors: [] });
    }
    // A page of 100 members with their season figures (armor's cost limit refused it).
    const page = await server.request<{ members: { edges: unknown[] } }, unknown>(queries.get('DashboardMembers')!, { after: null }, { token: admin.token });
    expect(dataOf(page).members.edges).toHaveLength(100);
    dataOf(await server.request(EventsWithParticipantsDocument, { first: 50 }, { token: admin.token }));
    dataOf(await server.request(AttendanceReportDocument, {}, { token: admin.token }));
  });

  it('refuses a nested list fan-out by its cost, counting the page size a variable asks for', async () => {
    const admin = await signUpAdmin(server);
    dataOf(await server.request(MEMBERS_QUERY, { first: 100 }, { token: admin.token }));
    const fanOut = `{ events(first: 100) { edges { node { participants { member { participations { event { participants { member { name } } } } } } } } } }`;
    expectRefusedOnce(await server.request(fanOut, {}, { token: admin.token }), 'QUERY_TOO_COSTLY');
    // Twice the page above: 100 events with every player counted at a club's size.
    expectRefusedOnce(await server.request(EventsWithParticipantsDocument, { first: 100 }, { token: admin.token }), 'QUERY_TOO_COSTLY');
    const wide = Array.from({ length: 10 }, (_, i) => `m${i}: members(first: $first) { edges { node { id name participations { id } } } }`).join(' ');
    expectRefusedOnce(await server.request(`query Wide($first: Int) { ${wide} }`, { first: 100 }, { token: admin.token }), 'QUERY_TOO_COSTLY');
    dataOf(await server.request(`query Wide($first: Int) { ${wide} }`, { first: 1 }, { token: admin.token }));
  });

  it('refuses a document nested too deep, without naming the limit', async () => {
    const member = await signUpMember(server);
    let selection = 'id';
    for (let i = 0; i < 7; i++) selection = `participations { event { participants { member { ${selection} } } } }`;
    expectRefusedOnce(await server.request(`{ me { ${selection} } }`, {}, { token: member.token }), 'QUERY_TOO_DEEP');
  });

  it('refuses 50 aliased logins in one document before hashing any password', async () => {
    const verify = jest.spyOn(passwords, 'verifyPassword');
    const fields = Array.from({ length: 50 }, (_, i) => `a${i}: login(loginId: "victim", password: "guess${i}") { token }`).join('\n');
    expectRefusedOnce(await server.request(`mutation { ${fields} }`), 'TOO_MANY_ALIASES');
    expect(verify).not.toHaveBeenCalled();
  });

  it('counts aliases of __typename and of introspection fields, and through fragments', async () => {
    const typenames = (count: number) => Array.from({ length: count }, (_, i) => `t${i}: __typename`).join(' ');
    expect(dataOf(await server.request<Record<string, string>, unknown>(`{ ${typenames(15)} }`)).t14).toBe('Query');
    expectRefusedOnce(await server.request(`{ ${typenames(101)} }`), 'TOO_MANY_ALIASES');
    expectRefusedOnce(await server.request(`{ ...A ...A } fragment A on Query { ${typenames(8)} }`), 'TOO_MANY_ALIASES');
    const types = Array.from({ length: 16 }, (_, i) => `s${i}: __schema { queryType { name } }`).join(' ');
    expectRefusedOnce(await server.request(`{ ${types} }`), 'TOO_MANY_ALIASES');
  });

  it('counts directives, unknown ones included, before validating anything: one error however many', async () => {
    for (const count of [6, 50, 1000]) {
      const response = await server.request(`{ __typename ${'@unknown '.repeat(count)}}`);
      expectRefusedOnce(response, 'TOO_MANY_DIRECTIVES');
      expect(JSON.stringify(response.errors).length).toBeLessThan(200);
    }
    expect(dataOf(await server.request<{ __typename: string }, unknown>('{ __typename @include(if: true) @skip(if: false) }')).__typename).toBe('Query');
  });

  it('refuses 500 copies of one field, which execution would merge but validation compares pairwise', async () => {
    expectRefusedOnce(await server.request(`{ ${'__typename\n'.repeat(500)} }`), 'TOO_MANY_FIELDS');
    expect(dataOf(await server.request<{ __typename: string }, unknown>(`{ ${'__typename\n'.repeat(300)} }`)).__typename).toBe('Query');
  });

  it('refuses too many tokens, and leaves a syntax error its own code', async () => {
    expectRefusedOnce(await server.request(`{ ${'__typename '.repeat(4000)} }`), 'QUERY_TOO_LARGE');
    // One comment of 40,000 characters is no token at all: the length is its own limit.
    expectRefusedOnce(await server.request(`{ __typename } # ${'x'.repeat(40_000)}`), 'QUERY_TOO_LARGE');
    const syntax = await server.request('{ me { id }');
    expect(syntax.status).toBe(400);
    expect(errorOf(syntax).extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('takes no persisted query, which a hash alone would run past the limits', async () => {
    const query = 'query Members($first: Int) { members(first: $first) { edges { node { id } } } }';
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
    for (const body of [{ query, extensions: { persistedQuery } }, { variables: { first: 100 }, extensions: { persistedQuery } }]) {
      const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const answer = (await response.json()) as GraphQLResponse<unknown>;
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_SUPPORTED']);
    }
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
});

const INTROSPECTION = '{ __schema { mutationType { fields { name } } } }';

describe('introspection and field suggestions', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('describe the schema to a signed-in admin only: one error and no schema for anyone else', async () => {
    const member = await signUpMember(server);
    const admin = await signUpAdmin(server);
    for (const [token, code] of [[undefined, 'UNAUTHENTICATED'], [member.token, 'FORBIDDEN']] as const) {
      for (const query of [INTROSPECTION, '{ __type(name: "Mutation") { name } }', '{ ...S } fragment S on Query { __schema { types { name } } }']) {
        const response = await server.request(query, {}, { token });
        expect(response.status).toBe(200);
        expect(response.data ?? undefined).toBeUndefined();
        expect(response.errors).toHaveLength(1);
        expect(errorOf(response).extensions).toEqual({ code });
        expect(JSON.stringify(response)).not.toMatch(/createEvent|Mutation/);
      }
      expect(dataOf(await server.request<{ __typename: string }, unknown>('{ __typename }', {}, { token })).__typename).toBe('Query');
    }
    const names = dataOf(await server.request<{ __schema: { mutationType: { fields: { name: string }[] } } }, unknown>(INTROSPECTION, {}, { token: admin.token }));
    expect(names.__schema.mutationType.fields.map((field) => field.name)).toContain('createEvent');
    // The standard query that GraphiQL and codegen send passes the limits.
    expect(dataOf(await server.request<{ __schema: unknown }, unknown>(getIntrospectionQuery(), {}, { token: admin.token })).__schema).toBeTruthy();
  });

  it('suggest field names to admins only', async () => {
    const member = await signUpMember(server);
    const admin = await signUpAdmin(server);
    for (const token of [undefined, member.token]) {
      const error = errorOf(await server.request('{ mee { id } }', {}, { token }));
      expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(error.message).not.toMatch(/Did you mean|"me"/);
      const misspelt = await server.request('mutation { login(loginId: "a", pasword: "b") { tokn } }', {}, { token });
      expect(misspelt.errors?.length).toBeGreaterThan(1);
      for (const { message } of misspelt.errors!) expect(message).not.toMatch(/Did you mean|"token"/);
    }
    expect(errorOf(await server.request('{ mee { id } }', {}, { token: admin.token })).message).toMatch(/Did you mean "me"\?/);
  });
});

describe('with introspection off', () => {
  it('describes the schema to nobody and suggests nothing, admins included', async () => {
    const server = await startTestServer({ env: { GRAPHQL_INTROSPECTION: 'false' } });
    try {
      const admin = await signUpAdmin(server);
      const refused = await server.request(INTROSPECTION, {}, { token: admin.token });
      expect(refused.errors).toHaveLength(1);
      expect(errorOf(refused).extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(refused)).not.toMatch(/createEvent/);
      const error = errorOf(await server.request('{ mee { id } }', {}, { token: admin.token }));
      expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(error.message).not.toMatch(/Did you mean|"me"/);
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
