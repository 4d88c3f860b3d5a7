import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import pg from 'pg';
import { createStream } from 'rotating-file-stream';
import type { Logger } from '../../logging/logger';
import { postgresBinaries } from './binaries';
import { EmbeddedDatabaseError } from './embedded-errors';
import { commandOf, isAlive, livePidIn, pidFileLines } from './pid-files';

const execFileAsync = promisify(execFile);

/** Where the cluster lives in DATA_DIR; its Unix socket is there too. */
export const CLUSTER_DIR = 'postgres';
const DATABASE_NAME = 'pitchside';
const SUPERUSER = 'postgres';
/** Only the socket's file name: the server listens on no TCP port. */
const SOCKET_PORT = 5432;
/** Linux's limit on a Unix socket's path (sun_path, 108 bytes with its NUL). */
const MAX_SOCKET_PATH = 107;
const LOG_FILE = 'postgresql.log';

/**
 * The server's settings, given on its command line at every start (so they follow the code, not the
 * data directory). Sized for a 1 GB machine serving one club: its whole database is a few MB.
 * Durability is PostgreSQL's default: fsync, synchronous commit and full-page writes stay on.
 */
const SETTINGS: Record<string, string> = {
  listen_addresses: '',
  port: String(SOCKET_PORT),
  unix_socket_permissions: '0700',
  max_connections: '40',
  shared_buffers: '32MB',
  work_mem: '4MB',
  maintenance_work_mem: '32MB',
  effective_cache_size: '256MB',
  min_wal_size: '32MB',
  max_wal_size: '256MB',
  max_worker_processes: '4',
  max_parallel_workers_per_gather: '0',
  huge_pages: 'off',
  jit: 'off',
  timezone: 'UTC',
  log_timezone: 'UTC',
  log_destination: 'stderr',
  logging_collector: 'off',
  log_line_prefix: '%m [%p] ',
  // Statements (and their values: members' data) stay out of the log; the error itself is logged.
  log_min_error_statement: 'panic',
  lc_messages: 'C',
};

export interface ServerUser {
  name: string;
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root. Run as root, pitchside runs it as the system user `postgres`
 * (made if missing, as PostgreSQL's own packages do), and says so once.
 */
export async function serverUserFor(logger: Logger): Promise<ServerUser | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  let user = await systemUser(SUPERUSER);
  if (!user) {
    await execFileAsync('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', SUPERUSER]).catch((error) => {
      throw new EmbeddedDatabaseError(`pitchside runs as root, and PostgreSQL will not: could not add the unprivileged user ${SUPERUSER} to run it as (${String(error.stderr || error.message).trim()}); run pitchside as a non-root user`);
    });
    user = (await systemUser(SUPERUSER))!;
  }
  logger.info({ user: user.name, uid: user.uid }, `pitchside runs as root: its embedded PostgreSQL runs as the unprivileged user ${user.name}`);
  return user;
}

async function systemUser(name: string): Promise<ServerUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([execFileAsync('id', ['-u', name]), execFileAsync('id', ['-g', name])]);
    return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/** Every directory above `dir` must let `user` through, or PostgreSQL cannot reach its data. */
function assertReachableBy(dir: string, user: ServerUser): void {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const { mode, uid, gid } = statSync(current);
    const bit = uid === user.uid ? 0o100 : gid === user.gid ? 0o010 : 0o001;
    if ((mode & bit) === 0) {
      throw new EmbeddedDatabaseError(
        `the embedded PostgreSQL runs as ${user.name} (pitchside runs as root) and cannot reach ${dir}: ${current} is closed to it (chmod o+x ${current}, choose another DATA_DIR, or run pitchside as a non-root user)`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}

function spawnOptions(user: ServerUser | undefined) {
  // A process group of its own: a terminal's Ctrl-C reaches pitchside, which stops the server after
  // its own requests. Nothing of pitchside's environment: initdb finds postgres beside itself.
  return { detached: true, env: { LC_ALL: 'C' }, ...(user ? { uid: user.uid, gid: user.gid } : {}) };
}

/**
 * A new cluster: UTF-8, locale-independent (builtin C.UTF-8), data checksums, local connections
 * only. Made beside its place and renamed into it, so a cluster is there whole or not at all.
 */
async function initCluster(clusterDir: string, user: ServerUser | undefined, logger: Logger): Promise<void> {
  const partDir = `${clusterDir}.initdb`;
  rmSync(partDir, { recursive: true, force: true });
  mkdirSync(partDir, { mode: 0o700 });
  if (user) {
    assertReachableBy(partDir, user);
    chownSync(partDir, user.uid, user.gid);
  }
  const started = Date.now();
  const child = spawn(
    postgresBinaries().initdb,
    ['-D', partDir, '-U', SUPERUSER, '-E', 'UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--auth-local=trust', '--auth-host=reject', '--data-checksums', '--no-instructions'],
    { ...spawnOptions(user), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) {
    const reason = output.trim().split('\n').filter((line) => /error|fatal|could not/i.test(line)).at(-1) ?? output.trim().split('\n').at(-1);
    rmSync(partDir, { recursive: true, force: true });
    throw new EmbeddedDatabaseError(`initdb could not make the embedded database in ${clusterDir}: ${reason}`);
  }
  renameSync(partDir, clusterDir);
  logger.info({ dir: clusterDir, ms: Date.now() - started }, 'made a new PostgreSQL cluster for the embedded database');
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    if (!isAlive(pid) || commandOf(pid) === '') return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !isAlive(pid);
}

/**
 * A server left running by a pitchside that was killed (SIGKILL, the OOM killer): found through
 * postmaster.pid and stopped (fast shutdown; immediate if it hangs: WAL recovery then replays every
 * acknowledged commit), so that exactly one server ever runs on the directory. A stale
 * postmaster.pid whose pid now belongs to another process is removed, so PostgreSQL does not mistake it.
 */
export async function stopOrphanedServer(clusterDir: string, logger: Logger): Promise<void> {
  const pid = livePidIn(path.join(clusterDir, 'postmaster.pid'), 'postgres');
  if (pid === undefined) {
    rmSync(path.join(clusterDir, 'postmaster.pid'), { force: true });
    return;
  }
  logger.warn({ pid, dir: clusterDir }, `the embedded PostgreSQL (pid ${pid}) was left running by a pitchside that did not stop; stopping it`);
  signal(pid, 'SIGINT', clusterDir);
  if (await waitForExit(pid, 30_000)) return;
  signal(pid, 'SIGQUIT', clusterDir);
  if (!(await waitForExit(pid, 10_000))) throw new EmbeddedDatabaseError(`the PostgreSQL left running on ${clusterDir} (pid ${pid}) does not stop; stop it by hand`);
}

function signal(pid: number, name: NodeJS.Signals, clusterDir: string): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return;
    throw new EmbeddedDatabaseError(`the PostgreSQL left running on ${clusterDir} (pid ${pid}) belongs to another user, who must stop it (${(error as Error).message})`);
  }
}

/** The socket's directory: the cluster's own (closed to all but its user), or a private one under the system's temp directory when that path is too long. */
function socketDirFor(clusterDir: string, user: ServerUser | undefined): string {
  if (path.join(clusterDir, `.s.PGSQL.${SOCKET_PORT}.lock`).length <= MAX_SOCKET_PATH) return clusterDir;
  const dir = mkdtempSync(path.join(tmpdir(), 'pitchside-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  return dir;
}

/** The log line PostgreSQL writes (log_line_prefix '%m [%p] '): its severity and message. */
const LOG_LINE = /^\S+ \S+ \S+ \[\d+\] (WARNING|ERROR|FATAL|PANIC):\s+(.*)$/;

/**
 * Every line PostgreSQL writes goes to DATA_DIR/postgresql.log (rotated at 10 MB, five kept); its
 * warnings and errors also to pitchside's log, one line each. Resolves once its output has ended
 * and the file is closed.
 */
function followServerLog(child: ChildProcess, dataDir: string, logger: Logger, recent: string[]): Promise<void> {
  const file = createStream(LOG_FILE, { path: dataDir, size: '10M', maxFiles: 5 });
  file.on('error', (error) => logger.warn({ reason: error.message }, 'could not write the embedded PostgreSQL log file'));
  const lines = createInterface({ input: child.stderr!, crlfDelay: Infinity });
  lines.on('line', (line) => {
    file.write(`${line}\n`);
    recent.push(line);
    if (recent.length > 10) recent.shift();
    const match = LOG_LINE.exec(line);
    if (!match) return;
    const [, severity, message] = match;
    const fields = { source: 'postgresql', severity };
    if (severity === 'WARNING') logger.warn(fields, message);
    else logger.error(fields, message);
  });
  return new Promise<void>((resolve) => lines.once('close', () => file.end(resolve)));
}

export interface EmbeddedServer {
  /** A connection string over the Unix socket. */
  url: string;
  /** Fast shutdown; resolves once the server has exited. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 120_000;
const RESTART_DELAY_MS = 1_000;

/**
 * Starts the cluster in DATA_DIR (made on first start) as a child of this process, on a Unix socket
 * only, and waits until it accepts connections. Should the server die while pitchside runs, it is
 * started again.
 */
export async function startEmbeddedServer(dataDir: string, user: ServerUser | undefined, logger: Logger): Promise<EmbeddedServer> {
  const clusterDir = path.join(dataDir, CLUSTER_DIR);
  await stopOrphanedServer(clusterDir, logger);
  if (!existsSync(clusterDir)) {
    await initCluster(clusterDir, user, logger);
  } else if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    throw new EmbeddedDatabaseError(`${clusterDir} is not a PostgreSQL cluster (it has no PG_VERSION); move it out of DATA_DIR`);
  } else if (user) {
    assertReachableBy(clusterDir, user);
  }
  const socketDir = socketDirFor(clusterDir, user);
  const url = `postgresql://${SUPERUSER}@localhost/${DATABASE_NAME}?host=${encodeURIComponent(socketDir)}&port=${SOCKET_PORT}`;
  const args = ['-D', clusterDir, ...Object.entries({ ...SETTINGS, unix_socket_directories: socketDir }).flatMap(([name, value]) => ['-c', `${name}=${value}`])];

  let stopping = false;
  let child: ChildProcess;
  let logClosed: Promise<void>;
  const recent: string[] = [];
  const running = () => child.exitCode === null && child.signalCode === null;
  const launch = () => {
    child = spawn(postgresBinaries().postgres, args, { ...spawnOptions(user), stdio: ['ignore', 'ignore', 'pipe'] });
    logClosed = followServerLog(child, dataDir, logger, recent);
    child.once('exit', (code, signal) => {
      if (stopping) return;
      logger.error({ code, signal }, 'the embedded PostgreSQL exited; starting it again');
      setTimeout(() => {
        if (!stopping) launch();
      }, RESTART_DELAY_MS);
    });
  };
  // Should pitchside exit without stopping it (an uncaught error, process.exit), the server still
  // gets its fast shutdown; only a SIGKILL leaves it running, for the next start to find.
  const stopOnExit = () => {
    if (running()) child.kill('SIGINT');
  };
  const stop = async () => {
    stopping = true;
    process.off('exit', stopOnExit);
    if (running()) {
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGQUIT'), 30_000);
      await exited;
      clearTimeout(timer);
    }
    await logClosed;
    if (socketDir !== clusterDir) rmSync(socketDir, { recursive: true, force: true });
  };
  launch();
  process.once('exit', stopOnExit);
  try {
    await waitUntilReady(clusterDir, socketDir, () => !running(), recent);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

/** postmaster.pid's eighth line: the postmaster's state, "ready" once it accepts connections. */
const saysReady = (clusterDir: string) => pidFileLines(path.join(clusterDir, 'postmaster.pid'))?.[7]?.trim() === 'ready';

/**
 * Waits until the server says it is ready (a connection before that only adds a FATAL line to its
 * log), connects, and makes the club's database on a new cluster.
 */
async function waitUntilReady(clusterDir: string, socketDir: string, exited: () => boolean, recent: string[]): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited()) {
      const reason = recent.filter((line) => LOG_LINE.test(line)).at(-1) ?? recent.at(-1) ?? 'no output';
      throw new EmbeddedDatabaseError(`the embedded PostgreSQL did not start: ${reason.replace(/^\S+ \S+ \S+ \[\d+\] /, '')}`);
    }
    if (!saysReady(clusterDir)) {
      if (Date.now() > deadline) throw new EmbeddedDatabaseError(`the embedded PostgreSQL was not ready within ${START_TIMEOUT_MS / 1000} s (see ${LOG_FILE})`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      continue;
    }
    const client = new pg.Client({ host: socketDir, port: SOCKET_PORT, user: SUPERUSER, database: 'postgres' });
    try {
      await client.connect();
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
      if (rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new EmbeddedDatabaseError(`the embedded PostgreSQL did not accept connections within ${START_TIMEOUT_MS / 1000} s: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
