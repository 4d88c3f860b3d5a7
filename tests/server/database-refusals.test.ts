import { randomBytes } from 'node:crypto';
import { isDatabaseUnreachable } from '../../src/db/unreachable';
import pg from 'pg';
import { signUpInput } from '../members/member-fixtures';
import { type GraphQLResponse } from '../support/graphql-client';
import { createTestDatabase, postgresAdminUrl, type TestDatabase } from '../support/databases';
import { EventsDocument, SignUpDocument } from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait';

/**
 * A PostgreSQL that is up but turns pitchside's connections away: the database closed to new
 * connections (SQLSTATE 55000) and the role over its connection limit (53300). pitchside connects
 * as a role of its own, since neither limit applies to a superuser.
 */
describe('a database that turns new connections away', () => {
  let database: TestDatabase;
  let admin: pg.Client;
  let server: TestServer;
  let role: string;
  let name: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    name = new URL(database.url!).pathname.slice(1);
    role = `pitchside_app_${randomBytes(4).toString('hex')}`;
    admin = new pg.Client({ connectionString: postgresAdminUrl() });
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'app-password'`);
    const owner = new pg.Client({ connectionString: database.url });
    await owner.connect();
    await owner.query(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${role}; GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ${role}; GRANT ALL ON SCHEMA public TO ${role}`);
    await owner.end();
    const url = new URL(database.url!);
    url.username = role;
    url.password = 'app-password';
    server = await startTestServer({ database: { ...database, url: url.toString(), env: { ...database.env, DATABASE_URL: url.toString() } } });
  });
  afterAll(async () => {
    await server?.stop();
    await database.drop();
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });

  const expectUnavailable = (response: GraphQLResponse<unknown>) => {
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['DATABASE_UNAVAILABLE']);
    expect(JSON.stringify(response.errors)).not.toMatch(/connections|55000|53300|prisma/i);
  };

  it.each([
    ['ALLOW_CONNECTIONS false (55000)', () => `ALTER DATABASE ${name} ALLOW_CONNECTIONS false`, () => `ALTER DATABASE ${name} ALLOW_CONNECTIONS true`],
    ['the role over its connection limit (53300)', () => `ALTER ROLE ${role} CONNECTION LIMIT 0`, () => `ALTER ROLE ${role} CONNECTION LIMIT -1`],
  ])('answers 503 DATABASE_UNAVAILABLE with Retry-After while %s, and recovers', async (_case, refuse, allow) => {
    const member = (await server.request(SignUpDocument, { input: signUpInput() })).data!.signUp;
    await admin.query(refuse());
    try {
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [role]);
      expectUnavailable(await server.request(EventsDocument, { first: 5 }, { token: member.token }));
      expectUnavailable(await server.request(SignUpDocument, { input: signUpInput() }));
    } finally {
      await admin.query(allow());
    }
    await waitFor(async () => (await server.request(EventsDocument, { first: 5 }, { token: member.token })).status === 200, 10_000);
  });
});

describe("which of PostgreSQL's refusals mean the database cannot be reached", () => {
  const refusal = (code: string) => Object.assign(new pg.DatabaseError('refused', 0, 'error'), { code });

  it.each(['55000', '57P01', '57P02', '57P03', '53300', '08006', '08001'])('%s: DATABASE_UNAVAILABLE', (code) => {
    expect(isDatabaseUnreachable(refusal(code))).toBe(true);
  });

  it.each(['23505', '22P02', '40001', '42P01', '53100'])('%s: a fault of the request or the code, not of reaching the database', (code) => {
    expect(isDatabaseUnreachable(refusal(code))).toBe(false);
  });
});
