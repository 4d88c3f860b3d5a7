import { createHash } from 'node:crypto';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { Config } from '../config/config';
import { PrismaClient } from '../generated/prisma/client';
import type { Logger } from '../logging/logger';
import { initEmbeddedDataDir } from './embedded-initdb';
import { lockDataDir } from './embedded-lock';
import { migrate } from './migrate';
import { isDatabaseUnreachable, reasonOf } from './unreachable';
import type { SqlSession } from './sql-session';
import type { StatementTracer } from './statement-tracer';
import { parseTimestamptz } from './timestamps';

export type { PrismaClient };

/**
 * A statement of fixed shape straight to the driver, bypassing Prisma's query engine, for the reads
 * every request makes (members, match lists, participants) and the few writes every login makes
 * (its attempt, each one statement on its own): Prisma costs several microseconds per row and call
 * on top of the driver. Its columns are named as Prisma names fields, so it answers the same
 * objects. Parameters are $1, $2…; lists go in one array parameter (`= ANY($1)`), so the
 * statement is the same whatever their length and each connection prepares it once.
 */
export type ReadSql = <Row>(sql: string, params: unknown[]) => Promise<Row[]>;

export interface Database {
  readonly kind: 'postgres' | 'embedded';
  readonly prisma: PrismaClient;
  /** SQL statements Prisma has sent since start-up: what proves a list costs a fixed number of queries. */
  readonly stats: { queries: number };
  readonly read: ReadSql;
  /** The PostgreSQL pool's connections now; null for the embedded database, which has none. */
  poolStats(): { total: number; idle: number; waiting: number; max: number } | null;
  /**
   * Follows NOTIFY messages on `channel` from every connection to the database: other instances,
   * command-line tools, psql. See NotificationHandlers. Answers a function that stops following.
   */
  follow(channel: string, handlers: NotificationHandlers): Promise<() => Promise<void>>;
  /** Runs `work` on one connection of its own. */
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface NotificationHandlers {
  /** A message's payload. */
  message(payload: string): void;
  /** false whenever messages may be missed (the listening connection is lost), true once they reach us again. */
  following(isFollowing: boolean): void;
}

/**
 * PostgreSQL through a pool when DATABASE_URL is set; otherwise PGlite (the same PostgreSQL,
 * compiled to WASM, in-process) persisted in DATA_DIR. Same migrations and SQL for both.
 */
export async function openDatabase(config: Config, logger: Logger, tracer?: StatementTracer): Promise<Database> {
  if (!config.databaseUrl) return openEmbedded(config.dataDir, logger, tracer);
  const database = openPostgres(config.databaseUrl, config.databasePoolSize, logger, tracer);
  try {
    await waitForPostgres(database, config.databaseUrl, config.databaseConnectTimeoutSeconds, logger);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/** PostgreSQL could not be reached at start-up: main.ts prints this as one line, with no stack. */
export class DatabaseUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnreachableError';
  }
}

const CONNECT_RETRY_MS = 1_000;

/**
 * Start-up's wait for PostgreSQL (it may start after us, as in Compose): one attempt a second, one
 * log line each, for up to `timeoutSeconds`. A refusal that waiting will not cure (a wrong password,
 * a missing database) ends it at once.
 */
async function waitForPostgres(database: Database, connectionString: string, timeoutSeconds: number, logger: Logger) {
  const { host, port } = new pg.Client({ connectionString });
  const where = `${host}:${port}`;
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      await database.read('SELECT 1', []);
      if (attempt > 1) logger.info({ host, port, attempt }, `PostgreSQL at ${where} is reachable`);
      return;
    } catch (error) {
      const reason = reasonOf(error);
      if (!isDatabaseUnreachable(error)) throw new DatabaseUnreachableError(`PostgreSQL at ${where} refused the connection: ${reason}`);
      if (Date.now() + CONNECT_RETRY_MS > deadline) {
        throw new DatabaseUnreachableError(`cannot reach PostgreSQL at ${where} after ${attempt} attempts in ${timeoutSeconds} s: ${reason}`);
      }
      logger.warn({ host, port, attempt, reason }, `waiting for PostgreSQL at ${where}`);
      await new Promise((resolve) => setTimeout(resolve, CONNECT_RETRY_MS));
    }
  }
}

/** A Prisma client that counts, and at debug level logs, every statement it sends. */
function countingClient(adapter: PrismaPg | PrismaPGlite, logger: Logger, tracer: StatementTracer | undefined) {
  const client = new PrismaClient({ adapter: tracer ? tracer.adapter(adapter) : adapter, log: [{ emit: 'event', level: 'query' }] });
  const stats = { queries: 0 };
  client.$on('query', (event) => {
    stats.queries += 1;
    logger.debug({ sql: event.query, durationMs: event.duration }, 'query');
  });
  // The log option only changes $on's typing; everything else takes the plain client type.
  return { prisma: client as unknown as PrismaClient, stats };
}

/** Reads are counted, logged and traced like Prisma's statements. */
function tracedRead<T>(stats: { queries: number }, logger: Logger, tracer: StatementTracer | undefined, sql: string, run: () => Promise<T>): Promise<T> {
  stats.queries += 1;
  logger.debug({ sql }, 'query');
  return tracer ? tracer.statement(sql, run) : run();
}

/** How many statement names are remembered; Prisma's SQL shapes are few, but IN lists vary in length. */
const STATEMENT_NAME_CACHE_SIZE = 2_000;
const statementNames = new Map<string, string>();

/** A prepared statement's name: a hash of its SQL, worked out once per distinct statement. */
function statementNameOf(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    if (statementNames.size >= STATEMENT_NAME_CACHE_SIZE) statementNames.clear();
    name = `p${createHash('sha1').update(sql).digest('base64url')}`;
    statementNames.set(sql, name);
  }
  return name;
}

const FOLLOW_RETRY_MS = 1_000;

/**
 * LISTEN on a connection of its own, outside the pool (a pooled connection goes back after each
 * query). When it is lost (PostgreSQL restarted), it is made again every second, one log line for
 * the loss and one for the return. Resolves once the first attempt has succeeded or failed.
 */
async function followOnPostgres(connectionString: string, channel: string, handlers: NotificationHandlers, logger: Logger) {
  let stopped = false;
  let current: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let lossLogged = false;
  const connect = async () => {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
    current = client;
    let lost = false;
    const onLost = (error?: unknown) => {
      if (lost) return;
      lost = true;
      handlers.following(false);
      if (stopped) return;
      if (!lossLogged) logger.warn({ channel, reason: error ? reasonOf(error) : 'connection ended' }, 'lost database notifications; retrying every second');
      lossLogged = true;
      retry = setTimeout(connect, FOLLOW_RETRY_MS);
    };
    client.on('notification', (message) => {
      if (message.channel === channel) handlers.message(message.payload ?? '');
    });
    client.on('error', onLost);
    client.on('end', () => onLost());
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      onLost(error);
      client.end().catch(() => undefined);
      return;
    }
    if (stopped) return void client.end().catch(() => undefined);
    if (lossLogged) logger.info({ channel }, 'following database notifications again');
    lossLogged = false;
    handlers.following(true);
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    handlers.following(false);
    await current?.end().catch(() => undefined);
  };
}

/** The driver's own parsers, but for timestamps: src/db/timestamps.ts. (Prisma's queries pass parsers of their own.) */
function typeParserOf(oid: number, format?: 'text' | 'binary') {
  return oid === pg.types.builtins.TIMESTAMPTZ && format !== 'binary' ? parseTimestamptz : pg.types.getTypeParser(oid, format);
}

function openPostgres(connectionString: string, poolSize: number, logger: Logger, tracer: StatementTracer | undefined): Database {
  // A connection that cannot be made in 5 s fails (DATABASE_UNAVAILABLE) rather than hanging the request.
  const pool = new pg.Pool({ connectionString, max: poolSize, connectionTimeoutMillis: 5_000, types: { getTypeParser: typeParserOf } });
  // An idle client's error (a restarted database) must not crash the process; the pool replaces it.
  pool.on('error', (error) => logger.warn({ reason: reasonOf(error) }, 'idle database connection failed'));
  // Named statements are prepared once per connection and reused: less parsing and planning in PostgreSQL.
  const statementNameGenerator = (query: { sql: string }) => statementNameOf(query.sql);
  const { prisma, stats } = countingClient(new PrismaPg(pool, { statementNameGenerator }), logger, tracer);
  return {
    kind: 'postgres',
    prisma,
    stats,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: poolSize }),
    follow: (channel, handlers) => followOnPostgres(connectionString, channel, handlers, logger),
    async read<Row>(sql: string, params: unknown[]) {
      const result = await tracedRead(stats, logger, tracer, sql, () => pool.query({ name: statementNameOf(sql), text: sql, values: params }));
      return result.rows as Row[];
    },
    async withSession(work) {
      const client = await pool.connect();
      try {
        return await work({
          query: async (sql, params) => (await client.query(sql, params)).rows,
          exec: async (script) => void (await client.query(script)),
        });
      } finally {
        client.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/**
 * PGlite's data directory asks for PostgreSQL's default 128 MB of shared buffers, and its
 * WebAssembly memory kept them resident (~120 MB of an idle instance). A club's whole database is
 * a few MB; the operating system's page cache holds the files beneath.
 */
const EMBEDDED_SHARED_BUFFERS = '16MB';

async function openEmbedded(dataDir: string, logger: Logger, tracer: StatementTracer | undefined): Promise<Database> {
  const unlock = lockDataDir(dataDir);
  try {
    const pgdataDir = path.join(dataDir, 'pglite');
    await initEmbeddedDataDir(pgdataDir);
    const pglite = new PGlite(pgdataDir, { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`] });
    await pglite.waitReady;
    const { prisma, stats } = countingClient(new PrismaPGlite(pglite), logger, tracer);
    return {
      kind: 'embedded',
      prisma,
      stats,
      poolStats: () => null,
      // In-process: a message cannot be missed.
      async follow(channel, handlers) {
        const unlisten = await pglite.listen(channel, (payload) => handlers.message(payload));
        handlers.following(true);
        return async () => {
          handlers.following(false);
          await unlisten();
        };
      },
      async read<Row>(sql: string, params: unknown[]) {
        // PGlite answers without waiting for any I/O: without a turn of the event loop before each
        // read, a busy server chained requests' reads in one long run of promise callbacks and read
        // no new request (nor accepted a connection) until it ended. Measured in BENCHMARKS.md.
        await new Promise(setImmediate);
        return (await tracedRead(stats, logger, tracer, sql, () => pglite.query<Row>(sql, params))).rows;
      },
      // PGlite is one connection: the instance itself is the session.
      withSession: (work) =>
        work({
          query: async (sql, params) => (await pglite.query(sql, params)).rows as never[],
          exec: async (script) => void (await pglite.exec(script)),
        }),
      async close() {
        await prisma.$disconnect();
        await pglite.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

export async function migrateDatabase(database: Database, logger: Logger): Promise<string[]> {
  return database.withSession((session) => migrate(session, logger));
}
