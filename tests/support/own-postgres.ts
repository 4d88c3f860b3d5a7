import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { postgresBinaries } from '../../src/db/embedded/binaries';
import { freePort } from './server-process';

const execFileAsync = promisify(execFile);

/** The embedded PostgreSQL's own programs (npm), so a machine without PostgreSQL installed runs these tests too. */
function postgresBin(program: 'initdb' | 'pg_ctl'): string {
  return path.join(path.dirname(postgresBinaries().initdb), program);
}

/** initdb and postgres refuse to run as root: as root, they run as the postgres user. */
function asServerUser(program: 'initdb' | 'pg_ctl', args: string[]) {
  const binary = postgresBin(program);
  return process.getuid?.() === 0 ? execFileAsync('runuser', ['-u', 'postgres', '--', binary, ...args]) : execFileAsync(binary, args);
}

export interface OwnPostgres {
  port: number;
  /** Its `postgres` database, as DATABASE_URL. */
  url(): string;
  /** `pg_ctl stop -m immediate`: the server dies as in a crash, connections cut. */
  kill(): Promise<void>;
  start(): Promise<void>;
  /** Stops it (if running) and removes its data directory. */
  destroy(): Promise<void>;
}

/**
 * A PostgreSQL server of the test's own: `initdb` into a temporary directory, on a free port, so a
 * test can stop and kill it without touching the shared server on 5432.
 */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pitchside-own-pg-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await execFileAsync('id', ['-u', 'postgres']);
    const { stdout: group } = await execFileAsync('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(group.trim()));
  }
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  await asServerUser('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  // fsync=off: a killed server loses nothing the operating system has (only a machine crash would).
  // Connections for a whole test run, when it is the run's server (global-setup.ts).
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const pgCtl = (...args: string[]) => asServerUser('pg_ctl', ['-D', dataDir, ...args]);
  let running = false;
  const own: OwnPostgres = {
    port,
    url: () => `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      await pgCtl('-o', options, '-l', path.join(dir, 'server.log'), '-w', 'start');
      running = true;
    },
    async kill() {
      await pgCtl('-m', 'immediate', 'stop');
      running = false;
    },
    async destroy() {
      if (running) await own.kill().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await own.start();
  return own;
}
