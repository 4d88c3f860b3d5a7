import { readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { dataOf, errorOf, graphqlRequest } from '../support/graphql-client';
import { LoginDocument, MeDocument, SignUpDocument } from '../support/operations.generated';
import { runNode, startServerProcess } from '../support/server-process';
import { uniqueLoginId } from '../../src/modules/members/test-support/member-fixtures';

/** Whether a new TCP connection to the port is accepted. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(port, '127.0.0.1');
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

const signUpInput = () => ({
  loginId: uniqueLoginId(),
  password: 'correct horse battery',
  name: 'Process Test',
  phone: '010-1234-5678',
  gender: 'MALE' as const,
});

describe('the server process (npm start: scripts/serve.sh)', () => {
  const databases: TestDatabase[] = [];
  async function database(kind: 'embedded' | 'postgres') {
    const created = await createTestDatabase(kind);
    databases.push(created);
    return created;
  }
  afterAll(() => Promise.all(databases.map((d) => d.drop())));

  it('starts on an empty DATA_DIR, keeps its generated JWT secret there, and its tokens survive a restart', async () => {
    const { dataDir } = await database('embedded');
    const started = Date.now();
    const first = await startServerProcess({ DATA_DIR: dataDir });
    // Measured for the closing note, not asserted: machines here are shared and noisy.
    process.stdout.write(`cold start on an empty DATA_DIR: ${Date.now() - started} ms\n`);
    expect(first.output()).toMatch(new RegExp(`pitchside is ready at http://127\\.0\\.0\\.1:\\d+/graphql \\(the embedded database in ${dataDir}\\)`));
    expect(statSync(path.join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);

    const { signUp } = dataOf(await graphqlRequest(first.url, SignUpDocument, { input: signUpInput() }));
    expect(await first.stop()).toBe(0);

    const second = await startServerProcess({ DATA_DIR: dataDir });
    try {
      const { me } = dataOf(await graphqlRequest(second.url, MeDocument, {}, { token: signUp.token }));
      expect(me.id).toBe(signUp.member.id);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });

  it('is node itself, with the production memory settings, so signals reach it', async () => {
    const { dataDir } = await database('embedded');
    const server = await startServerProcess({ DATA_DIR: dataDir });
    try {
      const commandLine = readFileSync(`/proc/${server.child.pid}/cmdline`, 'utf8').split('\0');
      expect(commandLine).toEqual(expect.arrayContaining(['--max-old-space-size=1024', '--max-semi-space-size=16', 'dist/main.js']));
      expect(readFileSync(`/proc/${server.child.pid}/environ`, 'utf8').split('\0')).toContain('MALLOC_MMAP_THRESHOLD_=1048576');
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('refuses a second process on the same embedded database', async () => {
    const { dataDir } = await database('embedded');
    const first = await startServerProcess({ DATA_DIR: dataDir });
    try {
      const second = runNode('main.js', [], { DATA_DIR: dataDir, PORT: '0' });
      expect(await second.exited).toBe(1);
      expect(second.output()).toMatch(/in use by process \d+/);
    } finally {
      await first.stop();
    }
  });

  it('finishes an in-flight request on SIGTERM, refuses new connections, and exits 0', async () => {
    const { env } = await database('postgres');
    const server = await startServerProcess(env);
    const { port } = new URL(server.url);
    const body = JSON.stringify({ query: '{ __typename }' });

    // A request whose body is still arriving when the signal comes.
    const socket = connect(Number(port), '127.0.0.1');
    let response = '';
    socket.on('data', (chunk) => (response += chunk));
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
    socket.write(body.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 200));

    server.child.kill('SIGTERM');
    // New connections are refused once the server stops listening.
    while (await accepts(Number(port))) await new Promise((resolve) => setTimeout(resolve, 20));

    socket.end(body.slice(10));
    await new Promise((resolve) => socket.once('close', resolve));
    expect(response).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(response).toContain('{"data":{"__typename":"Query"}}');
    expect(await server.exited).toBe(0);
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['JWT_SECRET', { NODE_ENV: 'production' }],
    ['JWT_SECRET', { NODE_ENV: 'production', JWT_SECRET: 'short' }],
  ])('refuses to start with a bad %s, naming it', async (name, env) => {
    const run = runNode('main.js', [], { DATABASE_URL: 'postgresql://127.0.0.1:1/none', ...env });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(name);
  });

  it('refuses to start when an applied migration was edited, naming the migration', async () => {
    const { env, url } = await database('postgres');
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
    const { env } = await database('postgres');
    const first = runNode('cli/migrate.js', [], env);
    expect(await first.exited).toBe(0);
    const second = runNode('cli/migrate.js', [], env);
    expect(await second.exited).toBe(0);
    expect(second.output()).toMatch(/up to date/);
  });

  describe('admin:create', () => {
    it('adds an admin with the password read from stdin, who can then log in', async () => {
      const { env } = await database('postgres');
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
      const { env } = await database('postgres');
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
    const testDatabase = await createTestDatabase('postgres');
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
