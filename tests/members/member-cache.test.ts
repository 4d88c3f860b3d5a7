import pg from 'pg';
import { dataOf, errorOf } from '../support/graphql-client';
import { captureLogs } from '../support/log-capture';
import { MeDocument, SetRoleDocument } from '../support/operations.generated';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait';
import { signUpAdmin, signUpMember } from './member-fixtures';

/** SQL statements the server has sent since start-up. */
const statements = (server: TestServer) => server.app.database.stats.queries;

/** What `me` answers for a token: the member's role, or the error code. */
async function roleOrCode(server: TestServer, token: string): Promise<string | undefined> {
  const response = await server.request(MeDocument, {}, { token });
  return response.errors ? errorOf(response).extensions?.code : dataOf(response).me.role;
}

/**
 * Each instance remembers the members requests are made by (the viewer is not read on every
 * request), and forgets one as soon as that member's row changes, by whatever hand.
 */
describe('the member cache', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it("reads a signed-in member's row once, not on every request", async () => {
    const member = await signUpMember(server);
    await server.request(MeDocument, {}, { token: member.token });
    const before = statements(server);
    for (let i = 0; i < 5; i++) expect(await roleOrCode(server, member.token)).toBe('MEMBER');
    expect(statements(server) - before).toBe(0);
  });

  it("applies a mutation's change to the next request on the same instance at once", async () => {
    const admin = await signUpAdmin(server);
    const member = await signUpMember(server);
    expect(await roleOrCode(server, member.token)).toBe('MEMBER');
    dataOf(await server.request(SetRoleDocument, { memberId: member.id, role: 'ADMIN' }, { token: admin.token }));
    expect(await roleOrCode(server, member.token)).toBe('ADMIN');
  });

  it('forgets a member whose row is changed outside the app (as by psql)', async () => {
    const member = await signUpMember(server);
    expect(await roleOrCode(server, member.token)).toBe('MEMBER');
    // Straight to the database, past every service: only the table's trigger can tell the instance.
    await server.app.database.read(`UPDATE members SET status = 'INACTIVE' WHERE id = $1`, [member.id]);
    await waitFor(async () => (await roleOrCode(server, member.token)) === 'UNAUTHENTICATED', 5_000);
    await server.app.database.read(`UPDATE members SET status = 'ACTIVE', role = 'ADMIN' WHERE id = $1`, [member.id]);
    await waitFor(async () => (await roleOrCode(server, member.token)) === 'ADMIN', 5_000);
  });
});

describe('the member cache across instances', () => {
  let database: TestDatabase;
  const logs = captureLogs();
  let first: TestServer;
  let second: TestServer;
  beforeAll(async () => {
    database = await createTestDatabase();
    first = await startTestServer({ database, logger: logs.logger });
    second = await startTestServer({ database });
  });
  afterAll(async () => {
    await first.stop();
    await second.stop();
    await database.drop();
  });

  it("an admin's change on one instance reaches the member's next request on the other", async () => {
    const admin = await signUpAdmin(first);
    const member = await signUpMember(first);
    expect(await roleOrCode(first, member.token)).toBe('MEMBER');
    dataOf(await second.request(SetRoleDocument, { memberId: member.id, role: 'ADMIN' }, { token: admin.token }));
    await waitFor(async () => (await roleOrCode(first, member.token)) === 'ADMIN', 5_000);
  });

  it('remembers nothing while the notifications are lost, and remembers again once they are back', async () => {
    const member = await signUpMember(first);
    expect(await roleOrCode(first, member.token)).toBe('MEMBER');
    const client = new pg.Client({ connectionString: database.env.DATABASE_URL });
    await client.connect();
    try {
      // Both instances listen; ending every listening connection loses the first instance's too.
      await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN member_changed'`);
      await waitFor(async () => logs.lines().some((line) => line.msg === 'lost database notifications; retrying every second'));
      // A change no instance is told of: the first instance must read it, not answer from memory.
      await client.query(`UPDATE members SET role = 'ADMIN' WHERE id = $1`, [member.id]);
      expect(await roleOrCode(first, member.token)).toBe('ADMIN');
      let before = statements(first);
      await roleOrCode(first, member.token);
      expect(statements(first) - before).toBeGreaterThan(0);

      await waitFor(async () => logs.lines().some((line) => line.msg === 'following database notifications again'));
      await roleOrCode(first, member.token);
      before = statements(first);
      expect(await roleOrCode(first, member.token)).toBe('ADMIN');
      expect(statements(first) - before).toBe(0);
      await client.query(`UPDATE members SET role = 'MEMBER' WHERE id = $1`, [member.id]);
      await waitFor(async () => (await roleOrCode(first, member.token)) === 'MEMBER', 5_000);
    } finally {
      await client.end();
    }
  });
});
