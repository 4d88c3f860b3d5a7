import type { PrismaClient } from '../../db/database';
import { deleteOlderThan } from '../../db/delete-older-than';
import type { Prisma } from '../../generated/prisma/client';

export interface Notice {
  /** Who delivers it: "webhook" (the default), "push", or "record" for a mark that something was sent, delivered as written. */
  channel?: string;
  /** What it tells: "settlement", "reminder", or a push notification's kind. */
  kind: string;
  /** Unique per notice; the receiver sees it as Idempotency-Key on every attempt. */
  idempotencyKey: string;
  payload: Prisma.InputJsonValue;
  /** Not delivered after this time (a reminder once its match has started); none: delivered whenever it can be. */
  expiresAt?: Date;
  /** Only for a "record": when what it records was done. */
  deliveredAt?: Date;
}

/** A notice claimed for one delivery attempt; `attempts` counts this one and identifies the claim. */
export interface ClaimedNotice {
  id: string;
  kind: string;
  idempotencyKey: string;
  payload: unknown;
  attempts: number;
}

/**
 * The outbox: the one writer of outbox_messages. Times are the database's (now()), so that every
 * instance agrees on when a claim lapses and when a retry is due.
 */
export class OutboxService {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * In the caller's transaction: the notice exists exactly when what it tells has committed. A
   * notice whose key is taken already is not written again: answers whether this one was.
   */
  async enqueue(tx: Prisma.TransactionClient, notice: Notice): Promise<boolean> {
    const { count } = await tx.outboxMessage.createMany({ data: [notice], skipDuplicates: true });
    return count === 1;
  }

  /** In the caller's transaction, several at once (one per browser of a push notification). */
  async enqueueMany(tx: Prisma.TransactionClient, notices: Notice[]): Promise<void> {
    if (notices.length > 0) await tx.outboxMessage.createMany({ data: notices, skipDuplicates: true });
  }

  /** Which of these keys have a notice, delivered or not. */
  async existingKeys(idempotencyKeys: string[]): Promise<Set<string>> {
    if (idempotencyKeys.length === 0) return new Set();
    const rows = await this.prisma.outboxMessage.findMany({
      where: { idempotencyKey: { in: idempotencyKeys } },
      select: { idempotencyKey: true },
    });
    return new Set(rows.map((row) => row.idempotencyKey));
  }

  /** In the caller's transaction: notices not delivered yet whose key starts with `keyPrefix` are dropped. */
  async withdrawUndelivered(tx: Prisma.TransactionClient, keyPrefix: string): Promise<number> {
    const { count } = await tx.outboxMessage.deleteMany({
      where: { idempotencyKey: { startsWith: keyPrefix }, deliveredAt: null, failedAt: null },
    });
    return count;
  }

  /** The channel's notices past their expiry that were never delivered are marked failed; answers how many. */
  expireOverdue(channel: string): Promise<number> {
    return this.prisma.$executeRaw`
      UPDATE "outbox_messages" SET "failed_at" = now(), "locked_until" = NULL, "last_error" = 'expired before delivery'
       WHERE "channel" = ${channel} AND "delivered_at" IS NULL AND "failed_at" IS NULL AND "expires_at" <= now()
         AND ("locked_until" IS NULL OR "locked_until" <= now())`;
  }

  /**
   * Claims up to `limit` notices that are due and not being delivered elsewhere, for `leaseMs`.
   * SKIP LOCKED: instances claiming at once each get different notices.
   */
  claimDue(channel: string, limit: number, leaseMs: number): Promise<ClaimedNotice[]> {
    return this.prisma.$queryRaw<ClaimedNotice[]>`
      UPDATE "outbox_messages"
         SET "locked_until" = now() + ${leaseMs}::float8 * interval '1 millisecond', "attempts" = "attempts" + 1
       WHERE "id" IN (
             SELECT "id" FROM "outbox_messages"
              WHERE "channel" = ${channel} AND "delivered_at" IS NULL AND "failed_at" IS NULL AND "next_attempt_at" <= now()
                AND ("expires_at" IS NULL OR "expires_at" > now())
                AND ("locked_until" IS NULL OR "locked_until" <= now())
              ORDER BY "next_attempt_at"
              LIMIT ${limit}::int
                FOR UPDATE SKIP LOCKED)
      RETURNING "id", "kind", "idempotency_key" AS "idempotencyKey", "payload", "attempts"`;
  }

  /** Each outcome applies to the claim it answers only: a claim that lapsed and was taken over changes nothing. */
  async delivered(notice: ClaimedNotice): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE "outbox_messages" SET "delivered_at" = now(), "locked_until" = NULL, "last_error" = NULL
       WHERE "id" = ${notice.id} AND "attempts" = ${notice.attempts}`;
  }

  async retryLater(notice: ClaimedNotice, delayMs: number, error: string): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE "outbox_messages"
         SET "next_attempt_at" = now() + ${delayMs}::float8 * interval '1 millisecond', "locked_until" = NULL, "last_error" = ${error}
       WHERE "id" = ${notice.id} AND "attempts" = ${notice.attempts}`;
  }

  /** Nobody is left to receive it: the notice goes. */
  async discard(notice: ClaimedNotice): Promise<void> {
    await this.prisma.$executeRaw`DELETE FROM "outbox_messages" WHERE "id" = ${notice.id} AND "attempts" = ${notice.attempts}`;
  }

  async failed(notice: ClaimedNotice, error: string): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE "outbox_messages" SET "failed_at" = now(), "locked_until" = NULL, "last_error" = ${error}
       WHERE "id" = ${notice.id} AND "attempts" = ${notice.attempts}`;
  }

  /** Milliseconds until the next notice may be claimed (0: now); null when none waits. */
  async msUntilNextDue(channel: string): Promise<number | null> {
    const [{ ms }] = await this.prisma.$queryRaw<{ ms: number | null }[]>`
      SELECT (EXTRACT(EPOCH FROM min(greatest("next_attempt_at", coalesce("locked_until", "next_attempt_at"))) - now()) * 1000)::float8 AS "ms"
        FROM "outbox_messages" WHERE "channel" = ${channel} AND "delivered_at" IS NULL AND "failed_at" IS NULL`;
    return ms === null ? null : Math.max(0, ms);
  }

  /** One channel's notices waiting to be delivered, and those that ran out of attempts (they stay recorded). */
  async countByState(channel: string): Promise<{ pending: number; failed: number }> {
    const [counts] = await this.prisma.$queryRaw<{ pending: number; failed: number }[]>`
      SELECT count(*) FILTER (WHERE "delivered_at" IS NULL AND "failed_at" IS NULL)::int AS "pending",
             count(*) FILTER (WHERE "failed_at" IS NOT NULL)::int AS "failed"
        FROM "outbox_messages" WHERE "channel" = ${channel}`;
    return counts;
  }

  /** Retention: delivered notices from before `cutoff` go; failed ones stay for someone to look at. */
  forgetDeliveredBefore(cutoff: Date): Promise<number> {
    return deleteOlderThan(this.prisma, 'outbox_messages', 'delivered_at', cutoff);
  }
}
