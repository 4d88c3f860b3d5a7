import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { readMigrationFiles } from './migrate';

/**
 * A portable copy of the club's data: one JSON object a line (NDJSON). The first line names the
 * format, its version and the migration the data is at; then every row of every table, tables in
 * the order their foreign keys need; the last line counts the rows of each table, so a cut-off
 * file is told from a whole one. The same file moves a club between the embedded PostgreSQL and a
 * separate server, and moved the previous release's PGlite database into PostgreSQL.
 *
 * Restoring writes every table, as the migrations do: it is the database's own business, not a
 * domain's, so it lives here and not in a module.
 */
export const BACKUP_FORMAT = 'pitchside-backup';
export const BACKUP_VERSION = 1;

/** Every table, parents before children, with its Prisma model and the fields that order its rows. */
const TABLES = [
  { table: 'members', model: 'member', key: ['id'] },
  { table: 'password_resets', model: 'passwordReset', key: ['memberId'] },
  { table: 'seasons', model: 'season', key: ['id'] },
  { table: 'events', model: 'event', key: ['id'] },
  { table: 'participations', model: 'participation', key: ['id'] },
  { table: 'absence_notices', model: 'absenceNotice', key: ['participationId'] },
  { table: 'penalties', model: 'penalty', key: ['id'] },
  { table: 'check_in_attempts', model: 'checkInAttempt', key: ['id'] },
  { table: 'login_attempts', model: 'loginAttempt', key: ['id'] },
  { table: 'rate_limit_windows', model: 'rateLimitWindow', key: ['key', 'windowStart'] },
  { table: 'outbox_messages', model: 'outboxMessage', key: ['id'] },
] as const;

export type BackupTable = (typeof TABLES)[number]['table'];
export type TableCounts = Record<BackupTable, number>;

const BATCH = 1000;
/** A whole club's export or import runs in one transaction; it may take a while. */
const TRANSACTION_TIMEOUT_MS = 30 * 60_000;

interface Header {
  format: typeof BACKUP_FORMAT;
  version: number;
  migration: string;
  exportedAt: string;
}

/** What the user is told when an import is refused: nothing was written. */
export class BackupRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefused';
  }
}

type Rows = { findMany(args: object): Promise<Record<string, unknown>[]>; createMany(args: object): Promise<{ count: number }>; count(): Promise<number> };
const rowsOf = (tx: Prisma.TransactionClient, model: string) => (tx as unknown as Record<string, Rows>)[model];

/** The migration this code's schema is at: the newest in prisma/migrations, which start-up applies. */
async function currentMigration(): Promise<string> {
  const files = await readMigrationFiles();
  return files[files.length - 1].name;
}

/** What the export and import need of a database: its Prisma client (the server's, or PGlite's in the move). */
type Backed = { prisma: PrismaClient };

/** One snapshot for the whole export. */
const TRANSACTION_OPTIONS = { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 60_000, isolationLevel: 'RepeatableRead' as const };

async function writeLine(out: Writable, value: unknown): Promise<void> {
  if (!out.write(`${JSON.stringify(value)}\n`)) await once(out, 'drain');
}

/** Writes the whole database to `out`, from one consistent snapshot; answers the counts written. */
export async function exportDatabase(database: Backed, out: Writable): Promise<TableCounts> {
  const header: Header = { format: BACKUP_FORMAT, version: BACKUP_VERSION, migration: await currentMigration(), exportedAt: new Date().toISOString() };
  return database.prisma.$transaction(async (tx) => {
    await writeLine(out, header);
    const counts = {} as TableCounts;
    for (const { table, model, key } of TABLES) {
      counts[table] = 0;
      let cursor: Record<string, unknown> | undefined;
      for (;;) {
        const rows = await rowsOf(tx, model).findMany({
          orderBy: key.map((field) => ({ [field]: 'asc' })),
          take: BATCH,
          ...(cursor ? { cursor, skip: 1 } : {}),
        });
        for (const row of rows) await writeLine(out, { table, row });
        counts[table] += rows.length;
        if (rows.length < BATCH) break;
        const last = rows[rows.length - 1];
        cursor = key.length === 1 ? { [key[0]]: last[key[0]] } : { [key.join('_')]: Object.fromEntries(key.map((field) => [field, last[field]])) };
      }
    }
    await writeLine(out, { end: true, counts });
    return counts;
  }, TRANSACTION_OPTIONS);
}

/**
 * Restores a file written by exportDatabase into an empty database at the same migration, in one
 * transaction: a refusal, a bad line or counts that do not match leave the database as it was.
 */
export async function importDatabase(database: Backed, file: string): Promise<TableCounts> {
  const reader = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  try {
    return await importLines(database, file, reader[Symbol.asyncIterator]());
  } finally {
    reader.close();
  }
}

async function importLines(database: Backed, file: string, lines: AsyncIterator<string>): Promise<TableCounts> {
  const header = parseLine((await lines.next()).value, 1) as Partial<Header>;
  if (header.format !== BACKUP_FORMAT) throw new BackupRefused(`${file} is not a pitchside backup.`);
  if (header.version !== BACKUP_VERSION) throw new BackupRefused(`${file} is a backup of format version ${header.version}; this pitchside reads version ${BACKUP_VERSION}.`);
  const migration = await currentMigration();
  if (header.migration !== migration) {
    throw new BackupRefused(`${file} was written at migration ${header.migration}; this database is at ${migration}. Export it again with the same version of pitchside.`);
  }
  return database.prisma.$transaction(async (tx) => {
    for (const { table, model } of TABLES) {
      const existing = await rowsOf(tx, model).count();
      if (existing > 0) throw new BackupRefused(`The database is not empty (${table} has ${existing} rows): import only into an empty, migrated database.`);
    }
    const written = Object.fromEntries(TABLES.map(({ table }) => [table, 0])) as TableCounts;
    const models = new Map<string, string>(TABLES.map(({ table, model }) => [table, model]));
    let batch: { table: BackupTable; rows: Record<string, unknown>[] } | undefined;
    const flush = async () => {
      if (!batch?.rows.length) return;
      written[batch.table] += (await rowsOf(tx, models.get(batch.table)!).createMany({ data: batch.rows })).count;
      batch.rows = [];
    };
    let trailer: { counts?: Partial<TableCounts> } | undefined;
    for (let number = 2, line = await lines.next(); !line.done; number += 1, line = await lines.next()) {
      if (line.value.trim() === '') continue;
      const entry = parseLine(line.value, number) as { table?: BackupTable; row?: Record<string, unknown>; end?: boolean; counts?: Partial<TableCounts> };
      if (entry.end) {
        trailer = entry;
        break;
      }
      if (!entry.table || !models.has(entry.table) || !entry.row) throw new BackupRefused(`Line ${number} of ${file} is not a row of a known table.`);
      if (batch?.table !== entry.table) {
        await flush();
        batch = { table: entry.table, rows: [] };
      }
      batch.rows.push(entry.row);
      if (batch.rows.length >= BATCH) await flush();
    }
    await flush();
    if (!trailer) throw new BackupRefused(`${file} ends before its last line: it is cut off. Nothing was imported.`);
    for (const { table, model } of TABLES) {
      const expected = trailer.counts?.[table] ?? 0;
      const stored = await rowsOf(tx, model).count();
      if (written[table] !== expected || stored !== expected) {
        throw new BackupRefused(`${table}: the file says ${expected} rows, ${written[table]} were read and ${stored} stored. Nothing was imported.`);
      }
    }
    return written;
  }, TRANSACTION_OPTIONS);
}

function parseLine(text: string | undefined, number: number): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    throw new BackupRefused(`Line ${number} is not JSON: the file is damaged or not a pitchside backup.`);
  }
}
