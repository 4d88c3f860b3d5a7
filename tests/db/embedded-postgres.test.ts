import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { migrateDatabase, openDatabase } from '../../src/db/database';
import { createLogger } from '../../src/logging/logger';
import { signUpInput } from '../members/member-fixtures';
import { createEmbeddedDataDir, type TestDatabase } from '../support/databases';
import { childPidsOf, embeddedQuery, postgresProcessesOf, postmastersOf, tcpListenPortsOf, uidOf } from '../support/embedded-postgres';
import { dataOf, graphqlRequest } from '../support/graphql-client';
import { LoginDocument, MeDocument, SignUpDocument } from '../support/operations.generated';
import { DIST, logLinesOf, runNode, startServerProcess, type ServerProcess } from '../support/server-process';
import { waitFor } from '../support/wait';

const logger = createLogger('silent');
const isRoot = process.getuid?.() === 0;

/**
 * The default database: a PostgreSQL server pitchside starts, from the npm binaries, on DATA_DIR,
 * as the real `npm start` runs it (scripts/serve.sh), and its whole life: first start, restart,
 * signals, a killed pitchside's orphan, a second pitchside, the socket-only listener, the log.
 */
describe('the embedded PostgreSQL', () => {
  const dirs: TestDatabase[] = [];
  const running: ServerProcess[] = [];
  async function dataDir() {
    const created = await createEmbeddedDataDir();
    dirs.push(created);
    return created.dataDir;
  }
  async function start(dir: string, env: Record<string, string> = {}) {
    const server = await startServerProcess({ DATA_DIR: dir, LOG_LEVEL: 'info', ...env });
    running.push(server);
    return server;
  }
  afterAll(async () => {
    for (const server of running) if (server.child.exitCode === null && server.child.signalCode === null) await server.stop();
    await Promise.all(dirs.map((d) => d.drop()));
  });

  it('is made on the first start, and keeps its rows and tokens across a restart', async () => {
    const dir = await dataDir();
    const started = Date.now();
    const first = await start(dir);
    // Measured for the closing note, not asserted: machines here are shared and noisy.
    process.stdout.write(`first start on an empty DATA_DIR (initdb, migrations): ${Date.now() - started} ms\n`);
    expect(first.output()).toMatch(new RegExp(`pitchside is ready at http://127\\.0\\.0\\.1:(\\d+)/ \\(the club's app; its API at http://127\\.0\\.0\\.1:\\1/graphql; the embedded PostgreSQL in ${dir}\\)`));
    expect(readFileSync(path.join(dir, 'postgres', 'PG_VERSION'), 'utf8').trim()).toBe('17');
    expect(statSync(path.join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    const { signUp } = dataOf(await graphqlRequest(first.url, SignUpDocument, { input: signUpInput() }));
    expect(await first.stop()).toBe(0);

    const restarted = Date.now();
    const second = await start(dir);
    process.stdout.write(`restart: ${Date.now() - restarted} ms\n`);
    expect(second.output()).not.toMatch(/made a new PostgreSQL cluster/);
    const { me } = dataOf(await graphqlRequest(second.url, MeDocument, {}, { token: signUp.token }));
    expect(me.id).toBe(signUp.member.id);
    const [settings] = await embeddedQuery<Record<string, string>>(
      dir,
      `SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS synchronous_commit,
              current_setting('server_encoding') AS encoding, current_setting('shared_buffers') AS shared_buffers`,
    );
    expect(settings).toEqual({ fsync: 'on', synchronous_commit: 'on', encoding: 'UTF8', shared_buffers: '32MB' });
    expect(await second.stop()).toBe(0);
  });

  it('listens on no TCP port, only on a socket in a directory closed to everyone else', async () => {
    const dir = await dataDir();
    const server = await start(dir);
    const processes = postgresProcessesOf(dir);
    expect(processes.length).toBeGreaterThan(1);
    for (const pid of processes) expect(tcpListenPortsOf(pid)).toEqual([]);
    const [{ listen_addresses }] = await embeddedQuery<{ listen_addresses: string }>(dir, 'SHOW listen_addresses');
    expect(listen_addresses).toBe('');
    const socketDir = path.join(dir, 'postgres');
    expect(statSync(path.join(socketDir, '.s.PGSQL.5432')).isSocket()).toBe(true);
    expect(statSync(socketDir).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(socketDir, '.s.PGSQL.5432')).mode & 0o077).toBe(0);
    if (isRoot) {
      // PostgreSQL will not run as root: as root, pitchside runs it as the unprivileged postgres user, and says so once.
      for (const pid of processes) expect(uidOf(pid)).not.toBe(0);
      expect(statSync(socketDir).uid).toBe(uidOf(processes[0]));
      expect(logLinesOf(server.output()).filter((line) => /runs as root: its embedded PostgreSQL runs as the unprivileged user postgres/.test(line.msg))).toHaveLength(1);
    }
    expect(await server.stop()).toBe(0);
  });

  it('stops with pitchside on SIGTERM and SIGINT: no postgres process is left', async () => {
    const dir = await dataDir();
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const server = await start(dir);
      expect(postgresProcessesOf(dir).length).toBeGreaterThan(0);
      server.child.kill(signal);
      expect(await server.exited).toBe(0);
      expect(postgresProcessesOf(dir)).toEqual([]);
      expect(existsSync(path.join(dir, 'postgres', 'postmaster.pid'))).toBe(false);
    }
  });

  it('after a SIGKILL of pitchside, the next start stops the orphaned server and keeps every acknowledged write', async () => {
    const dir = await dataDir();
    const first = await start(dir);
    const input = signUpInput();
    expect(dataOf(await graphqlRequest(first.url, SignUpDocument, { input })).signUp.member.loginId).toBe(input.loginId);
    const [orphan] = postmastersOf(dir);
    first.child.kill('SIGKILL');
    await first.exited;
    // pitchside is gone; its PostgreSQL is not.
    expect(postgresProcessesOf(dir)).toContain(orphan);

    const second = await start(dir);
    const warning = logLinesOf(second.output()).find((line) => line.msg.includes('was left running by a pitchside that did not stop'));
    expect(warning).toMatchObject({ level: 40, pid: orphan });
    expect(postgresProcessesOf(dir)).not.toContain(orphan);
    expect(second.output()).not.toMatch(/lock file|already running/i);
    const login = dataOf(await graphqlRequest(second.url, LoginDocument, { loginId: input.loginId, password: input.password })).login;
    expect(login.member.loginId).toBe(input.loginId);
    expect(await second.stop()).toBe(0);
  });

  it('starts its PostgreSQL again when it dies while pitchside runs', async () => {
    const dir = await dataDir();
    const server = await start(dir);
    const postmaster = Number(readFileSync(path.join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(postmaster, 'SIGKILL');
    await waitFor(async () => logLinesOf(server.output()).some((line) => line.msg === 'the embedded PostgreSQL exited; starting it again'));
    // Requests meanwhile are refused as unavailable; then the club is served again, by one new server.
    await waitFor(async () => {
      const response = await graphqlRequest(server.url, SignUpDocument, { input: signUpInput() });
      return response.data?.signUp.token !== undefined;
    }, 30_000);
    const postmasters = postmastersOf(dir);
    expect(postmasters).toHaveLength(1);
    expect(postmasters[0]).not.toBe(postmaster);
    expect(await server.stop()).toBe(0);
    expect(postgresProcessesOf(dir)).toEqual([]);
  });

  it('refuses a second pitchside on a DATA_DIR in use, in one line naming its pid, and the first goes on', async () => {
    const dir = await dataDir();
    const first = await start(dir);
    const second = runNode('main.js', [], { DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'info' });
    expect(await second.exited).toBe(1);
    expect(second.output().trim().split('\n')).toEqual([
      `pitchside could not start: DATA_DIR ${dir} is in use by pitchside process ${first.child.pid}; stop it first, or give this one another DATA_DIR`,
    ]);
    const { signUp } = dataOf(await graphqlRequest(first.url, SignUpDocument, { input: signUpInput() }));
    expect(signUp.token).toBeTruthy();
    expect(await first.stop()).toBe(0);
  });

  it("writes PostgreSQL's log to a file in DATA_DIR, and its warnings and errors to pitchside's log, one line each", async () => {
    const dir = await dataDir();
    const server = await start(dir);
    await embeddedQuery(dir, `DO $$ BEGIN RAISE WARNING 'pitchside test warning'; END $$`);
    await expect(embeddedQuery(dir, 'SELECT 1 / 0')).rejects.toThrow('division by zero');
    await waitFor(async () => server.output().includes('division by zero'));
    const lines = logLinesOf(server.output()).filter((line) => line.source === 'postgresql');
    expect(lines.filter((line) => line.msg === 'pitchside test warning')).toEqual([expect.objectContaining({ level: 40, severity: 'WARNING' })]);
    expect(lines.filter((line) => line.msg === 'division by zero')).toEqual([expect.objectContaining({ level: 50, severity: 'ERROR' })]);
    // The statement (members' data, in real use) stays out of both logs.
    expect(server.output()).not.toContain('SELECT 1 / 0');
    expect(await server.stop()).toBe(0);
    const file = readFileSync(path.join(dir, 'postgresql.log'), 'utf8');
    expect(file).toMatch(/WARNING: {2}pitchside test warning/);
    expect(file).toMatch(/ERROR: {2}division by zero/);
    expect(file).toMatch(/database system is shut down/);
  });

  (isRoot ? it : it.skip)('runs its PostgreSQL as its own user when not run as root, as the Docker image runs it', async () => {
    const dir = await dataDir();
    // Any unprivileged user will do; this machine's postgres user is one (the image's is node).
    execFileSync('chown', ['postgres:postgres', dir]);
    const server = await startServerProcess({ DATA_DIR: dir, LOG_LEVEL: 'info' }, { asUser: 'postgres' });
    running.push(server);
    const serverUid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const processes = postgresProcessesOf(dir);
    expect(processes.length).toBeGreaterThan(1);
    for (const pid of processes) expect(uidOf(pid)).toBe(serverUid);
    expect(server.output()).not.toMatch(/runs as root/);
    expect(dataOf(await graphqlRequest(server.url, SignUpDocument, { input: signUpInput() })).signUp.token).toBeTruthy();
    // pitchside itself (runuser's child) is signalled, as Docker signals the image's node; runuser exits with its code.
    const [node] = childPidsOf(server.child.pid!);
    process.kill(node, 'SIGTERM');
    expect(await server.exited).toBe(0);
    expect(postgresProcessesOf(dir)).toEqual([]);
  });

  it('leaves no postgres process when pitchside fails to start after its database did (its port taken)', async () => {
    const dir = await dataDir();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const run = runNode('main.js', [], { DATA_DIR: dir, HOST: '127.0.0.1', PORT: String((taken.address() as AddressInfo).port) });
      expect(await run.exited).toBe(1);
      expect(run.output()).toMatch(/^pitchside could not start: .*EADDRINUSE/m);
      expect(postgresProcessesOf(dir)).toEqual([]);
      expect(existsSync(path.join(dir, 'pitchside.pid'))).toBe(false);
    } finally {
      taken.close();
    }
  });

  it('stops its PostgreSQL even when pitchside dies of an uncaught error', async () => {
    const dir = await dataDir();
    const script = `
      const { loadConfig } = require(${JSON.stringify(path.join(DIST, 'config/config.js'))});
      const { openDatabase } = require(${JSON.stringify(path.join(DIST, 'db/database.js'))});
      const { createLogger } = require(${JSON.stringify(path.join(DIST, 'logging/logger.js'))});
      openDatabase(loadConfig({ DATA_DIR: ${JSON.stringify(dir)} }), createLogger('silent')).then(() => { throw new Error('boom'); });`;
    const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    await waitFor(async () => postgresProcessesOf(dir).length === 0, 30_000);
  });

  it('says where and why when it cannot make its cluster, and leaves DATA_DIR unlocked', async () => {
    const dir = await dataDir();
    writeFileSync(path.join(dir, 'postgres'), 'a file where the cluster should be');
    await expect(openDatabase(loadConfig({ DATA_DIR: dir }), logger)).rejects.toThrow(path.join(dir, 'postgres'));
    expect(existsSync(path.join(dir, 'pitchside.pid'))).toBe(false);
  });

  it('is opened in-process as the tests and command-line tools open it, and stopped by close()', async () => {
    const dir = await dataDir();
    const database = await openDatabase(loadConfig({ DATA_DIR: dir }), logger);
    try {
      expect(database.kind).toBe('embedded');
      await migrateDatabase(database, logger);
      expect(await database.read<{ n: number }>('SELECT count(*)::int AS n FROM members', [])).toEqual([{ n: 0 }]);
    } finally {
      await database.close();
    }
    expect(postgresProcessesOf(dir)).toEqual([]);
  });
});
