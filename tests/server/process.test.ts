import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { connect } from 'node:net';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { runNode, startServerProcess } from '../support/server-process';

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
  async function database() {
    const created = await createTestDatabase();
    databases.push(created);
    return created;
  }
  afterAll(() => Promise.all(databases.map((d) => d.drop())));

  it('is node itself, with the production memory settings, so signals reach it', async () => {
    const { env } = await database();
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

  it('finishes an in-flight request on SIGTERM, refuses new connections, and exits 0', async () => {
    const { env } = await database();
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
