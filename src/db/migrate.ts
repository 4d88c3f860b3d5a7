import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logging/logger';
import type { SqlSession } from './sql-session';

/** prisma/migrations, from both src/db (tests) and dist/db (the built server). */
export const MIGRATIONS_DIR = path.resolve(__dirname, '../../prisma/migrations');

/** The key `prisma migrate deploy` locks too, so this runner and Prisma's never interleave. */
const MIGRATION_LOCK_KEY = 72707369;

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

interface AppliedMigration {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** Prisma's own table, column for column, so `prisma migrate status` agrees with what ran. */
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export async function readMigrationFiles(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

/**
 * Applies every migration not yet applied, each in its own transaction, under an advisory lock so
 * that instances starting together apply each one once. Refuses to go on past a migration that
 * failed before or that was edited after it was applied: both need a person.
 * Returns the names of the migrations it applied.
 */
export async function migrate(session: SqlSession, logger: Logger, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = await readMigrationFiles(dir);
  await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    await session.exec(CREATE_MIGRATIONS_TABLE);
    const applied = await session.query<AppliedMigration>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at
         FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY started_at`,
    );
    const failed = applied.find((m) => m.finished_at === null);
    if (failed) {
      throw new MigrationError(
        `Migration ${failed.migration_name} failed earlier and blocks start-up. Fix it, then mark it rolled back ` +
          `(prisma migrate resolve --rolled-back ${failed.migration_name}, or set rolled_back_at in _prisma_migrations).`,
      );
    }
    const appliedByName = new Map(applied.map((m) => [m.migration_name, m]));
    for (const name of appliedByName.keys()) {
      if (!files.some((f) => f.name === name)) {
        logger.warn({ migration: name }, 'the database has a migration this server does not know (a newer release?)');
      }
    }

    const newlyApplied: string[] = [];
    for (const file of files) {
      const done = appliedByName.get(file.name);
      if (done) {
        if (done.checksum !== file.checksum) {
          throw new MigrationError(
            `Migration ${file.name} was edited after it was applied (checksum ${done.checksum} in the database, ` +
              `${file.checksum} on disk). Restore it and put the change in a new migration.`,
          );
        }
        continue;
      }
      await applyOne(session, file);
      logger.info({ migration: file.name }, 'migration applied');
      newlyApplied.push(file.name);
    }
    return newlyApplied;
  } finally {
    await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}

async function applyOne(session: SqlSession, file: MigrationFile): Promise<void> {
  const id = randomUUID();
  await session.exec('BEGIN');
  try {
    await session.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 0)`,
      [id, file.checksum, file.name],
    );
    await session.exec(file.sql);
    await session.query(
      `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await session.exec('COMMIT');
  } catch (error) {
    await session.exec('ROLLBACK');
    const reason = error instanceof Error ? error.message : String(error);
    // Recorded as Prisma records a failed migration, so the next start-up stops on it too.
    await session.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, applied_steps_count)
       VALUES ($1, $2, $3, $4, now(), 0)`,
      [id, file.checksum, file.name, reason],
    );
    throw new MigrationError(`Migration ${file.name} failed and was rolled back: ${reason}`);
  }
}
