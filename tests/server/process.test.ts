import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { connect } from 'node:net';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { dataOf, graphqlRequest } from '../support/graphql-client';
import { MeDocument, SignUpDocument } from '../support/operations.generated';
import { runNode, startServerProcess } from '../support/server-process';
import { signUpInput } from '../members/member-fixtures';

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


describe('the server process (npm start: scripts/serve.sh)', () => {
  const databases: TestDatabase[] = [];
  async function database(kind: 'embedded' | 'postgres') {
    const created = await createTestDatabase(kind);
    databases.push(created);
    return created;
  }
  /** DATA_DIRs as a first start finds them: nothing in them at all. */
  const emptyDirs: string[] = [];
  afterAll(() => Promise.all([...databases.map((d) => d.drop()), ...emptyDirs.map((dir) => rm(dir, { recursive: true, force: true }))]));

  it('starts on an empty DATA_DIR, keeps its generated JWT secret there, and its tokens survive a restart', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'pitchside-cold-start-'));
    emptyDirs.push(dataDir);
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
    const { env } = await database('postgres');
    const server = await startServerProcess(env);
    try {
      const commandLine = readFileSync(`/proc/${server.child.pid}/cmdline`, 'utf8').split('\0');
      expect(commandLine).toEqual(expect.arrayContaining(['--max-old-space-size=1024', '--max-semi-space-size=16', 'dist/main.js']));
      const environment = readFileSync(`/proc/${server.child.pid}/environ`, 'utf8').split('\0');
      expect(environment).toContain('MALLOC_MMAP_THRESHOLD_=33554432');
      expect(environment).toContain(`UV_THREADPOOL_SIZE=${Math.max(2, availableParallelism())}`);
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

    // A request whose body is still arriving when the signal comes. Its headers ask for a
    // "100 Continue", which the server sends once it has read them: the request is then in flight.
    const socket = connect(Number(port), '127.0.0.1');
    let response = '';
    const continued = new Promise<void>((resolve) =>
      socket.on('data', (chunk) => {
        response += chunk;
        if (response.startsWith('HTTP/1.1 100 Continue\r\n\r\n')) resolve();
      }),
    );
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`,
    );
    await continued;
    socket.write(body.slice(0, 10));
    response = '';

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
});
