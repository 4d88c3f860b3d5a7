import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { dataOf, errorOf, graphqlRequest } from '../support/graphql-client';
import { LoginDocument, SignUpDocument } from '../support/operations.generated';
import { runNode, startServerProcess } from '../support/server-process';
import { signUpInput } from '../members/member-fixtures';

/** The built CLIs (db:migrate, admin:create) and the start-up's own migrations and admin, as real processes. */

describe('migrating and making admins from the command line and at start-up', () => {
  const databases: TestDatabase[] = [];
  async function database(options: { empty?: boolean } = {}) {
    const created = await createTestDatabase(options);
    databases.push(created);
    return created;
  }
  afterAll(() => Promise.all(databases.map((d) => d.drop())));

  it('refuses to start when an applied migration was edited, naming the migration', async () => {
    const { env, url } = await database({ empty: true });
    const migrated = runNode('cli/migrate.js', [], env);
    expect(await migrated.exited).toBe(0);
    expect(migrated.output()).toMatch(/Applied: 20261125000000_init/);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`UPDATE "_prisma_migrations" SET checksum = repeat('0', 64) WHERE migration_name = '20261125000000_init'`);
    await client.end();

    const run = runNode('main.js', [], { ...env, PORT: '0' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/Migration 20261125000000_init was edited after it was applied/);
  });

  it('db:migrate applies pending migrations once and then says the database is up to date', async () => {
    const { env } = await database({ empty: true });
    const first = runNode('cli/migrate.js', [], env);
    expect(await first.exited).toBe(0);
    const second = runNode('cli/migrate.js', [], env);
    expect(await second.exited).toBe(0);
    expect(second.output()).toMatch(/up to date/);
  });

  describe('admin:create', () => {
    it('adds an admin with the password read from stdin, who can then log in', async () => {
      const { env } = await database();
      const run = runNode('cli/admin-create.js', ['Captain.Park', '--name', 'Park Jisung', '--gender', 'MALE'], env, 'kickoff-at-ten\n');
      expect(await run.exited).toBe(0);
      expect(run.output()).toMatch(/Created admin captain\.park/);

      const server = await startServerProcess(env);
      try {
        const { login } = dataOf(await graphqlRequest(server.url, LoginDocument, { loginId: 'captain.park', password: 'kickoff-at-ten' }));
        expect(login.member).toMatchObject({ role: 'ADMIN', name: 'Park Jisung' });
      } finally {
        await server.stop();
      }
    });

    it('promotes an existing member and sets the new password', async () => {
      const { env } = await database();
      const server = await startServerProcess(env);
      try {
        const input = signUpInput();
        dataOf(await graphqlRequest(server.url, SignUpDocument, { input }));
        const run = runNode('cli/admin-create.js', [input.loginId], env, 'a-brand-new-password\n');
        expect(await run.exited).toBe(0);
        expect(run.output()).toMatch(/now an admin/);
        const { login } = dataOf(
          await graphqlRequest(server.url, LoginDocument, { loginId: input.loginId, password: 'a-brand-new-password' }),
        );
        expect(login.member.role).toBe('ADMIN');
      } finally {
        await server.stop();
      }
    });

    it.each([
      [['x'], 'correct horse battery\n', /loginId must be/],
      [['captain'], 'short\n', /password must be 8 to 128/],
      [[], 'correct horse battery\n', /Usage/],
    ])('refuses %j with a usable message', async (args, stdin, message) => {
      const run = runNode('cli/admin-create.js', args, { DATABASE_URL: 'postgresql://127.0.0.1:1/none' }, stdin);
      expect(await run.exited).toBe(1);
      expect(run.output()).toMatch(message);
    });
  });
});

describe('ADMIN_LOGIN_ID and ADMIN_PASSWORD', () => {
  it('make sure that admin exists after start-up, with that password, also after it changes', async () => {
    const testDatabase = await createTestDatabase();
    try {
      for (const password of ['first-password', 'second-password']) {
        const server = await startServerProcess({ ...testDatabase.env, ADMIN_LOGIN_ID: 'Coach', ADMIN_PASSWORD: password });
        try {
          const { login } = dataOf(await graphqlRequest(server.url, LoginDocument, { loginId: 'coach', password }));
          expect(login.member).toMatchObject({ loginId: 'coach', role: 'ADMIN' });
          if (password === 'second-password') {
            const stale = await graphqlRequest(server.url, LoginDocument, { loginId: 'coach', password: 'first-password' });
            expect(errorOf(stale).extensions?.code).toBe('INVALID_CREDENTIALS');
          }
        } finally {
          await server.stop();
        }
      }
    } finally {
      await testDatabase.drop();
    }
  });
});
