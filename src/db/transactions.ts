import type { Prisma, PrismaClient } from '../generated/prisma/client';

/** What each open transaction (opened by inTransaction) will do once it has committed. */
const committedEffects = new WeakMap<Prisma.TransactionClient, (() => void)[]>();

/**
 * Runs `work` in one interactive transaction. What it schedules with afterCommit runs once the
 * transaction has committed, and never when it rolls back: a counter of what was written stays
 * exact when a later statement of the same transaction fails.
 */
export async function inTransaction<T>(prisma: PrismaClient, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  const effects: (() => void)[] = [];
  const result = await prisma.$transaction(async (tx) => {
    committedEffects.set(tx, effects);
    return work(tx);
  });
  for (const effect of effects) effect();
  return result;
}

/** Schedules `effect` for when `tx` commits; `tx` must have been opened by inTransaction. */
export function afterCommit(tx: Prisma.TransactionClient, effect: () => void): void {
  const effects = committedEffects.get(tx);
  if (!effects) throw new Error('afterCommit needs a transaction opened by inTransaction');
  effects.push(effect);
}
