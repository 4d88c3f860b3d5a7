import type { PrismaClient } from './database';

/** Rows one statement deletes: short statements, short locks, however much has piled up. */
export const DELETE_BATCH_SIZE = 1_000;

/**
 * Deletes a table's rows whose `column` is before `cutoff`, a batch per statement (each its own
 * transaction) until none is left; answers how many went. Only the table's owner module calls it,
 * with constant names (the architecture test holds that).
 */
export async function deleteOlderThan(prisma: PrismaClient, table: string, column: string, cutoff: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await prisma.$executeRawUnsafe(
      `DELETE FROM "${table}" WHERE ctid = ANY(ARRAY(SELECT ctid FROM "${table}" WHERE "${column}" < $1 LIMIT ${DELETE_BATCH_SIZE}))`,
      cutoff,
    );
    total += deleted;
    if (deleted < DELETE_BATCH_SIZE) return total;
  }
}
