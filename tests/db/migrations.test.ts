import { createHash } from 'node:crypto';
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { openDatabase, type Database } from '../../src/db/database';
import { migrate, MigrationError, MIGRATIONS_DIR, readMigrationFiles } from '../../src/db/migrate';
import { createLogger } from '../../src/logging/logger';
import { createTestDatabase, type TestDatabase } from '../support/databases';

const logger = createLogger('silent');

async function open(testDatabase: TestDatabase): Promise<Database> {
  return openDatabase(loadConfig({ ...testDatabase.env, DATABASE_POOL_SIZE: '8' }), logger);
}

async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pitchside-migrations-'));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

describe('migrations', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  const scratchDirs: string[] = [];
  beforeEach(async () => {
    testDatabase = await createTestDatabase({ empty: true });
    database = await open(testDatabase);
  });
  afterEach(async () => {
    await database.close();
    await testDatabase.drop();
    await Promise.all(scratchDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it("applies every migration once and records each in Prisma's _prisma_migrations with its checksum", async () => {
    const files = await readMigrationFiles();
    expect(await database.withSession((s) => migrate(s, logger))).toEqual(files.map((f) => f.name));
    expect(await database.withSession((s) => migrate(s, logger))).toEqual([]);

    const rows = await database.withSession((s) =>
      s.query<{ id: string; migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
        'SELECT id, migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
      ),
    );
    expect(rows).toHaveLength(files.length);
    for (const [i, file] of files.entries()) {
      const sql = await readFile(path.join(MIGRATIONS_DIR, file.name, 'migration.sql'));
      expect(rows[i]).toMatchObject({
        migration_name: file.name,
        checksum: createHash('sha256').update(sql).digest('hex'),
        applied_steps_count: 1,
      });
      expect(rows[i].finished_at).not.toBeNull();
      expect(rows[i].id).toHaveLength(36);
    }
  });

  it('brings existing members into seasons and accounts with no manual step: ACTIVE, token version 0', async () => {
    const dir = await copyOfMigrations();
    scratchDirs.push(dir);
    const files = await readMigrationFiles();
    const accounts = files.findIndex((file) => file.name.endsWith('_seasons_and_accounts'));
    await Promise.all(files.slice(accounts).map((file) => rm(path.join(dir, file.name), { recursive: true })));
    await database.withSession((s) => migrate(s, logger, dir));
    await database.withSession((s) =>
      s.query(`INSERT INTO members (id, login_id, password_hash, name, phone, gender, updated_at) VALUES ('m1', 'veteran', 'x', 'Veteran', '010-1234-5678', 'MALE', now())`, []),
    );
    expect(await database.withSession((s) => migrate(s, logger))).toEqual(files.slice(accounts).map((file) => file.name));
    const [member] = await database.withSession((s) => s.query<{ status: string; token_version: number }>("SELECT status, token_version FROM members WHERE id = 'm1'", []));
    expect(member).toEqual({ status: 'ACTIVE', token_version: 0 });
  });

  it('refuses to go on when an applied migration was edited, naming it', async () => {
    await database.withSession((s) => migrate(s, logger));
    const dir = await copyOfMigrations();
    scratchDirs.push(dir);
    const [first] = await readMigrationFiles(dir);
    await appendFile(path.join(dir, first.name, 'migration.sql'), '\n-- an edit after the fact\n');

    const attempt = database.withSession((s) => migrate(s, logger, dir));
    await expect(attempt).rejects.toThrow(MigrationError);
    await expect(attempt).rejects.toThrow(new RegExp(`Migration ${first.name} was edited after it was applied`));
  });

  it('rolls a failing migration back whole, records the failure, and stops every later start-up on it', async () => {
    const dir = await copyOfMigrations();
    scratchDirs.push(dir);
    const broken = '29991231000000_broken';
    await mkdir(path.join(dir, broken));
    await writeFile(
      path.join(dir, broken, 'migration.sql'),
      'CREATE TABLE "half_done" (id INT);\nALTER TABLE "no_such_table" ADD COLUMN x INT;\n',
    );

    await expect(database.withSession((s) => migrate(s, logger, dir))).rejects.toThrow(
      new RegExp(`Migration ${broken} failed and was rolled back`),
    );
    const halfDone = await database.withSession((s) => s.query(`SELECT to_regclass('half_done') AS t`));
    expect(halfDone).toEqual([{ t: null }]);
    const [record] = await database.withSession((s) =>
      s.query<{ finished_at: Date | null; logs: string }>(`SELECT finished_at, logs FROM "_prisma_migrations" WHERE migration_name = $1`, [broken]),
    );
    expect(record.finished_at).toBeNull();
    expect(record.logs).toMatch(/no_such_table/);

    await expect(database.withSession((s) => migrate(s, logger, dir))).rejects.toThrow(
      new RegExp(`Migration ${broken} failed earlier and blocks start-up`),
    );
  });
});

describe('instances migrating one PostgreSQL database at once', () => {
  it('apply each migration exactly once', async () => {
    const testDatabase = await createTestDatabase({ empty: true });
    const databases = await Promise.all(Array.from({ length: 4 }, () => open(testDatabase)));
    try {
      const applied = await Promise.all(databases.map((db) => db.withSession((s) => migrate(s, logger))));
      const files = await readMigrationFiles();
      expect(applied.flat().sort()).toEqual(files.map((f) => f.name).sort());
      const rows = await databases[0].withSession((s) => s.query<{ n: string }>('SELECT count(*)::text AS n FROM "_prisma_migrations"'));
      expect(rows).toEqual([{ n: String(files.length) }]);
    } finally {
      await Promise.all(databases.map((db) => db.close()));
      await testDatabase.drop();
    }
  });
});
