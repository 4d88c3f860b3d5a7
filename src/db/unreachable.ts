import { errorChain } from './prisma-errors';

/** Socket errors of a connection that could not be made or was cut. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);
/**
 * PostgreSQL's SQLSTATEs for a server going away, not yet there or turning connections away:
 * class 08 (connection exception), 57P01–57P03 (shutting down, crash shutdown, cannot connect now),
 * 53300 (too many connections) and 55000, which is what a connection to a database with
 * ALLOW_CONNECTIONS false is refused with (no statement of ours can cause it otherwise: we use no
 * sequences' currval, no prepared transactions, no replication slots).
 */
const SERVER_CODES = /^(08...|57P0[123]|53300|55000)$/;
/** Prisma's codes for an unreachable server, a closed connection, or no connection to be had in time. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** What Prisma's PostgreSQL adapter calls the same faults. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
/** node-postgres says these in plain errors, with no code. */
const DRIVER_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection refused/i;

/**
 * Whether an error means the database cannot be reached right now (down, restarting, the network
 * cut), as opposed to a fault in the request or the code. Such errors become DATABASE_UNAVAILABLE.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (const fields of errorChain(error)) {
    const code = fields.code;
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || SERVER_CODES.test(code) || PRISMA_CODES.has(code))) return true;
    if (typeof fields.kind === 'string' && ADAPTER_KINDS.has(fields.kind)) return true;
    if (typeof fields.message === 'string' && DRIVER_MESSAGES.test(fields.message)) return true;
  }
  return false;
}

/** A short reason for an operator: the socket or server code and the driver's message, no stack. */
export function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  // Prisma's messages start with where the call was made and end with what happened.
  const message = error.message.split('\n').filter((line) => line.trim()).at(-1)?.trim() ?? error.name;
  return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
}
