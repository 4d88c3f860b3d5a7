import { createHash } from 'node:crypto';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { Config } from '../config/config';
import { PrismaClient } from '../generated/prisma/client';
import type { Logger } from '../logging/logger';
import { lockDataDir } from './embedded/data-dir-lock';
import { startMoveFromPGlite, type PGliteMove } from './embedded/pglite-move';
import { serverUserFor, startEmbeddedServer, type EmbeddedServer } from './embedded/postgres-server';
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
  /** The PostgreSQL pool's connections now. */
  poolStats(): { total: number; idle: number; waiting: number; max: number };
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
 * PostgreSQL through a pool: the server DATABASE_URL names, or else the embedded one pitchside
 * runs itself on DATA_DIR. Same migrations and SQL for both.
 */
export async function openDatabase(config: Config, logger: Logger, tracer?: StatementTracer): Promise<Database> {
  if (!config.databaseUrl) return openEmbedded(config, logger, tracer);
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
function countingClient(adapter: PrismaPg, logger: Logger, tracer: StatementTracer | undefined) {
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
 * Without DATABASE_URL: a PostgreSQL server of pitchside's own on DATA_DIR (src/db/embedded), on a
 * Unix socket only, started before and stopped after everything else. The same pool and SQL as a
 * separate server; moving to one is a connection string (and db:export / db:import).
 */
async function openEmbedded(config: Config, logger: Logger, tracer: StatementTracer | undefined): Promise<Database> {
  const dataDir = path.resolve(config.dataDir);
  const unlock = lockDataDir(dataDir);
  let move: PGliteMove | undefined;
  let server: EmbeddedServer | undefined;
  let database: Database | undefined;
  try {
    const user = await serverUserFor(logger);
    move = await startMoveFromPGlite(dataDir, logger);
    server = await startEmbeddedServer(dataDir, user, logger);
    database = openPostgres(server.url, config.databasePoolSize, logger, tracer);
    await move?.complete(database);
    const { close } = database;
    const running = server;
    return {
      ...database,
      kind: 'embedded',
      async close() {
        try {
          await close();
        } finally {
          try {
            await running.stop();
          } finally {
            unlock();
          }
        }
      },
    };
  } catch (error) {
    await database?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await move?.abandon().catch(() => undefined);
    unlock();
    throw error;
  }
}

export async function migrateDatabase(database: Database, logger: Logger): Promise<string[]> {
  return database.withSession((session) => migrate(session, logger));
}
