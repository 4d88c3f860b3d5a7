import { Prisma } from '../generated/prisma/client';

/**
 * An error and those it wraps: its cause, and Prisma's driver-adapter error with its cause, which
 * is where the driver's socket code or PostgreSQL's SQLSTATE is.
 */
export function* errorChain(error: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (depth > 5 || error === null || typeof error !== 'object') return;
  const fields = error as Record<string, unknown>;
  yield fields;
  yield* errorChain(fields.cause, depth + 1);
  yield* errorChain((fields.meta as Record<string, unknown> | undefined)?.driverAdapterError, depth + 1);
}

/** 23P01: an exclusion constraint refused the write (seasons may not overlap). */
export function isExclusionViolation(error: unknown): boolean {
  for (const fields of errorChain(error)) if (fields.code === '23P01' || fields.originalCode === '23P01') return true;
  return false;
}

/** P2002: a unique constraint refused the write. The constraint, not a prior SELECT, decides races. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
