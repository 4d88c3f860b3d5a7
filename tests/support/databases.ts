import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { startOwnPostgres } from './own-postgres';

/** The machine's PostgreSQL, which scripts/test.sh starts when it is installed but down. */
const MACHINE_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

/**
 * The server tests create their own databases on: TEST_POSTGRES_URL, else the machine's if it
 * answers, else one that global-setup.ts starts from the embedded PostgreSQL's npm binaries (so a
 * machine with no PostgreSQL installed runs every test).
 */
export function postgresAdminUrl(): string {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) throw new Error('tests/support/global-setup.ts did not run: start the tests with jest');
  return url;
}

/**
 * The migrated template every test database is cloned from, made once per jest run by
 * global-setup.ts: migrating a new database costs a second. Named per run, so runs side by side
 * do not share it.
 */
function templateName(): string {
  const run = process.env.PITCHSIDE_TEST_RUN;
  if (!run) throw new Error('tests/support/global-setup.ts did not run: start the tests with jest');
  return `pitchside_template_${run}`;
}

export interface TestDatabase {
  /** The settings that point the server at it: DATABASE_URL (and a DATA_DIR), or DATA_DIR alone. */
  env: Record<string, string>;
  /** A connection string (PostgreSQL databases; the embedded one's is its socket's, while it runs). */
  url?: string;
  dataDir: string;
  drop(): Promise<void>;
}

async function adminQuery(sql: string, url = postgresAdminUrl()): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function databaseUrl(name: string): string {
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A directory open to the user the embedded PostgreSQL runs as: run as root, pitchside runs it as
 * `postgres`, which must reach the data below (mkdtemp's 0700 shuts it out).
 */
export async function openTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  await chmod(dir, 0o755);
  return dir;
}

/** A PostgreSQL database of its own, migrated (a copy of the run's template) unless `empty`: then it has no table. */
export async function createTestDatabase({ empty = false } = {}): Promise<TestDatabase> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pitchside-test-'));
  const name = `pitchside_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${templateName()}`);
  const url = databaseUrl(name);
  return {
    url,
    env: { DATABASE_URL: url, DATA_DIR: dataDir },
    dataDir,
    async drop() {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** An empty DATA_DIR for the embedded PostgreSQL: a server started on it makes its cluster. */
export async function createEmbeddedDataDir(): Promise<TestDatabase> {
  const dataDir = await openTempDir('pitchside-embedded-');
  return { env: { DATA_DIR: dataDir }, dataDir, drop: () => rm(dataDir, { recursive: true, force: true }) };
}

const execFileAsync = promisify(execFile);

/** The built `npm run db:migrate` (npm test builds first) on the database `env` names. */
const migrate = (env: Record<string, string>) =>
  execFileAsync(process.execPath, [path.resolve(__dirname, '../../dist/cli/migrate.js')], { env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env } });

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Once per run: the PostgreSQL server the tests use, and the migrated template. Answers the teardown. */
export async function setUpDatabases(): Promise<() => Promise<void>> {
  process.env.PITCHSIDE_TEST_RUN = randomBytes(4).toString('hex');
  let stopServer = async () => {};
  if (!process.env.TEST_POSTGRES_URL) {
    if (await reachable(MACHINE_POSTGRES_URL)) {
      process.env.TEST_POSTGRES_URL = MACHINE_POSTGRES_URL;
    } else {
      const own = await startOwnPostgres();
      process.stdout.write(`\nNo PostgreSQL on 127.0.0.1:5432: the tests run on one started from the npm binaries (port ${own.port}).\n`);
      process.env.TEST_POSTGRES_URL = own.url();
      stopServer = () => own.destroy();
    }
  }
  const template = templateName();
  await adminQuery(`CREATE DATABASE ${template}`);
  await migrate({ DATABASE_URL: databaseUrl(template) });
  return async () => {
    await adminQuery(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await stopServer();
  };
}
