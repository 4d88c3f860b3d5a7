import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { initEmbeddedDataDir } from '../../src/db/embedded-initdb';

/** Every database test runs against both: the embedded PGlite and the machine's PostgreSQL. */
export type DatabaseKind = 'embedded' | 'postgres';
export const DATABASE_KINDS: DatabaseKind[] = ['embedded', 'postgres'];

/** The server tests create their own databases on; scripts/test.sh makes sure it is up. */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Runs a suite once on each database, its title saying which. */
export function describeOnEachDatabase(title: string, suite: (kind: DatabaseKind) => void): void {
  describe.each(DATABASE_KINDS)(`${title} on the %s database`, suite);
}

/**
 * The migrated templates every test database is cloned from, made once per jest run by
 * global-setup.ts: migrating a new database, and above all starting a new PGlite (its initdb), cost
 * seconds each. Named per run, so runs side by side do not share them.
 */
function templates() {
  const run = process.env.PITCHSIDE_TEST_RUN;
  if (!run) throw new Error('tests/support/global-setup.ts did not run: start the tests with jest');
  const embedded = path.join(tmpdir(), `pitchside-template-${run}`);
  return {
    postgres: `pitchside_template_${run}`,
    /** PGlite data directories (DATA_DIR/pglite): migrated, and fresh from initdb with no table yet. */
    embeddedDir: path.join(embedded, 'migrated'),
    emptyEmbeddedDir: path.join(embedded, 'empty'),
    embedded,
  };
}

export interface TestDatabase {
  kind: DatabaseKind;
  /** The settings that point the server at it: DATABASE_URL, or DATA_DIR. */
  env: Record<string, string>;
  /** A raw connection string (postgres only). */
  url?: string;
  dataDir: string;
  drop(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A database of its own: its own PostgreSQL database, or its own PGlite directory. Migrated (a
 * copy of the run's template) unless `empty`, for the tests of migrating: then it has no table.
 */
export async function createTestDatabase(kind: DatabaseKind, { empty = false } = {}): Promise<TestDatabase> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pitchside-test-'));
  if (kind === 'embedded') {
    const template = empty ? templates().emptyEmbeddedDir : templates().embeddedDir;
    await cp(path.join(template, 'pglite'), path.join(dataDir, 'pglite'), { recursive: true });
    return { kind, env: { DATA_DIR: dataDir }, dataDir, drop: () => rm(dataDir, { recursive: true, force: true }) };
  }
  const name = `pitchside_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${templates().postgres}`);
  const url = databaseUrl(name);
  return {
    kind,
    url,
    env: { DATABASE_URL: url, DATA_DIR: dataDir },
    dataDir,
    async drop() {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const execFileAsync = promisify(execFile);

/** The built `npm run db:migrate` (npm test builds first) on the database `env` names. */
const migrate = (env: Record<string, string>) =>
  execFileAsync(process.execPath, [path.resolve(__dirname, '../../dist/cli/migrate.js')], { env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env } });

/** Makes the run's templates: PostgreSQL migrated, and PGlite both fresh from initdb and migrated. */
export async function createTemplates(): Promise<void> {
  process.env.PITCHSIDE_TEST_RUN = randomBytes(4).toString('hex');
  const { postgres, embeddedDir, emptyEmbeddedDir } = templates();
  const embedded = async () => {
    // What the server's own first start makes, before any migration.
    await mkdir(emptyEmbeddedDir, { recursive: true });
    await initEmbeddedDataDir(path.join(emptyEmbeddedDir, 'pglite'));
    await cp(emptyEmbeddedDir, embeddedDir, { recursive: true });
    await migrate({ DATA_DIR: embeddedDir });
  };
  await adminQuery(`CREATE DATABASE ${postgres}`);
  await Promise.all([migrate({ DATABASE_URL: databaseUrl(postgres) }), embedded()]);
}

export async function dropTemplates(): Promise<void> {
  const { postgres, embedded } = templates();
  await adminQuery(`DROP DATABASE IF EXISTS ${postgres} WITH (FORCE)`);
  await rm(embedded, { recursive: true, force: true });
}
