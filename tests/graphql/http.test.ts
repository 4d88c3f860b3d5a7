import { Agent, request as httpRequest } from 'node:http';
import pg from 'pg';
import { dataOf, errorOf } from '../support/graphql-client';
import { captureLogs } from '../support/log-capture';
import { MeDocument, SignUpDocument } from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';
import { signUpAdmin, signUpMember, uniqueLoginId } from '../members/member-fixtures';

const INTROSPECTION = '{ __schema { queryType { name } } }';

async function post(url: string, body: string, contentType = 'application/json') {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { errors: { extensions: { code: string } }[] } };
}

/** One POST on `agent` (keep-alive, one socket): the status, the Connection header, and whether the socket was reused. */
function postOn(agent: Agent, url: string, body: string | Buffer) {
  return new Promise<{ status: number; connection: string | undefined; reusedSocket: boolean }>((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode!, connection: response.headers.connection, reusedSocket: request.reusedSocket }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('GraphQL over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    // development: the mode in which Apollo would show stack traces if it were let.
    server = await startTestServer({ env: { NODE_ENV: 'development' } });
  });
  afterAll(() => server.stop());

  it('gives every response a request id header', async () => {
    const response = await server.request('{ __typename }');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lets an admin introspect the schema (the playground signs in first), and nobody else', async () => {
    const admin = await signUpAdmin(server);
    expect(dataOf(await server.request<{ __schema: unknown }, never>(INTROSPECTION, undefined, { token: admin.token })).__schema).toEqual({ queryType: { name: 'Query' } });
    expect(errorOf(await server.request(INTROSPECTION)).extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers a syntax error with GRAPHQL_PARSE_FAILED and an unknown field with GRAPHQL_VALIDATION_FAILED, without stacks', async () => {
    const parse = errorOf(await server.request('{ me { id '));
    expect(parse.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
    const validation = errorOf(await server.request('{ me { passwordHash } }'));
    expect(validation.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('answers a variable of the wrong type with BAD_USER_INPUT', async () => {
    const response = await server.request(SignUpDocument, { input: { loginId: 42 } } as never);
    expect(response.status).toBe(400);
    expect(new Set(response.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['BAD_USER_INPUT']));
  });

  it('answers a body that is not JSON with 400 BAD_REQUEST', async () => {
    const response = await post(server.url, '{"query": ');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses a body over 1 MB with 413', async () => {
    const response = await post(server.url, JSON.stringify({ query: `{ __typename } #${'x'.repeat(1024 * 1024)}` }));
    expect(response.status).toBe(413);
  });

  describe('on a kept-alive connection, after an early answer, the next request succeeds', () => {
    let agent: Agent;
    beforeEach(() => {
      agent = new Agent({ keepAlive: true, maxSockets: 1 });
    });
    afterEach(() => agent.destroy());
    const query = JSON.stringify({ query: '{ __typename }' });

    it('a body over 1 MB: 413, read to its end, and the connection reused', async () => {
      expect(await postOn(agent, server.url, Buffer.alloc(2 * 1024 * 1024, 'x'))).toMatchObject({ status: 413, connection: 'keep-alive' });
      expect(await postOn(agent, server.url, query)).toEqual({ status: 200, connection: 'keep-alive', reusedSocket: true });
    });

    it('a body far over the limit: 413 at once, and the connection closed', async () => {
      const answer = await postOn(agent, server.url, Buffer.alloc(20 * 1024 * 1024, 'x'));
      expect(answer).toMatchObject({ status: 413, connection: 'close' });
      expect(await postOn(agent, server.url, query)).toMatchObject({ status: 200, reusedSocket: false });
    });

    it('a body that is not JSON, and a POST to no route', async () => {
      expect((await postOn(agent, server.url, '{"query": ')).status).toBe(400);
      expect((await postOn(agent, server.url.replace('/graphql', '/elsewhere'), Buffer.alloc(64 * 1024, 'x'))).status).toBe(404);
      expect(await postOn(agent, server.url, query)).toEqual({ status: 200, connection: 'keep-alive', reusedSocket: true });
    });
  });

  it('answers 404 outside /graphql', async () => {
    const response = await fetch(server.url.replace('/graphql', '/elsewhere'));
    expect(response.status).toBe(404);
  });

  it('puts no stack trace on any error', async () => {
    const member = await signUpMember(server);
    const responses = await Promise.all([
      server.request(MeDocument),
      server.request(SignUpDocument, { input: { loginId: member.loginId, password: 'x', name: '', phone: '', gender: 'MALE' } }),
      server.request('{ nope }'),
    ]);
    for (const response of responses) {
      expect(JSON.stringify(response.errors)).not.toMatch(/stacktrace|\.ts:\d+|\.js:\d+/);
    }
  });
});

describe('a server with GRAPHQL_INTROSPECTION=false', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { GRAPHQL_INTROSPECTION: 'false' } });
  });
  afterAll(() => server.stop());

  it('refuses introspection and still serves operations', async () => {
    const admin = await signUpAdmin(server);
    expect(errorOf(await server.request(INTROSPECTION, undefined, { token: admin.token })).extensions?.code).toBe('FORBIDDEN');
    const member = await signUpMember(server);
    expect(dataOf(await server.request(MeDocument, {}, { token: member.token })).me.id).toBe(member.id);
  });
});

describe('an unexpected failure (the database no longer matches the code)', () => {
  const logs = captureLogs();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ logger: logs.logger });
  });
  afterAll(() => server.stop());

  it('reaches the client only as INTERNAL_SERVER_ERROR with the request id, and is logged in full under that id', async () => {
    const member = await signUpMember(server);
    // Someone renamed a column by hand: every statement that names it fails, a fault no client can act on.
    const admin = new pg.Client({ connectionString: server.database.url });
    await admin.connect();
    await admin.query('ALTER TABLE members RENAME COLUMN name TO full_name');

    try {
      const responses = [
        await server.request(MeDocument, {}, { token: member.token }),
        await server.request(SignUpDocument, {
          input: { loginId: uniqueLoginId(), password: 'long enough', name: 'N', phone: '010-1234-5678', gender: 'MALE' },
        }),
      ];
      for (const response of responses) {
        const error = response.errors![0];
        const requestId = response.headers.get('x-request-id');
        expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId });
        expect(JSON.stringify(response.errors)).not.toMatch(/prisma|postgres|connect|terminat|SELECT|INSERT|members|stack/i);
        const logged = logs.lines().filter((line) => line.requestId === requestId && line.level === 50);
        expect(logged.length).toBeGreaterThan(0);
        expect(JSON.stringify(logged)).toMatch(/"stack"/);
      }
    } finally {
      await admin.query('ALTER TABLE members RENAME COLUMN full_name TO name');
      await admin.end();
    }
  });
});
