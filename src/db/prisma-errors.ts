import { Prisma } from '../generated/prisma/client';

/** P2002: a unique constraint refused the write. The constraint, not a prior SELECT, decides races. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
