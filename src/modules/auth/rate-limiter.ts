import type { Clock } from '../../clock/clock';
import type { PrismaClient } from '../../db/database';
import { deleteOlderThan } from '../../db/delete-older-than';
import { ErrorCode, DomainError } from '../../errors/errors';

const WINDOW_MS = 60_000;

/**
 * AUTH_RATE_LIMIT_PER_MINUTE: signUp and login calls accepted per client address per minute,
 * counted in the database (one upsert per call) so the limit holds across instances. Every call
 * counts, so 50 aliased fields in one document count 50. A limit of 0 turns it off.
 */
export class AuthRateLimiter {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly limitPerMinute: number,
    private readonly clock: Clock,
  ) {}

  /** Retention: forgets windows that began before `cutoff`. */
  forgetBefore(cutoff: Date): Promise<number> {
    return deleteOlderThan(this.prisma, 'rate_limit_windows', 'window_start', cutoff);
  }

  async hit(clientAddress: string): Promise<void> {
    if (this.limitPerMinute === 0) return;
    const now = this.clock.now();
    const windowStart = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
    const key = `auth:${clientAddress}`;
    const [{ hits }] = await this.prisma.$queryRaw<{ hits: number }[]>`
      INSERT INTO rate_limit_windows (key, window_start, hits) VALUES (${key}, ${windowStart}, 1)
      ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
      RETURNING hits`;
    if (hits === 1) {
      // The first call of a new window clears this address's old windows: the table stays small.
      await this.prisma.rateLimitWindow.deleteMany({ where: { key, windowStart: { lt: windowStart } } });
    }
    if (hits > this.limitPerMinute) {
      const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + WINDOW_MS - now.getTime()) / 1000));
      throw new DomainError(ErrorCode.TOO_MANY_ATTEMPTS, 'Too many sign-up and login attempts from your address. Try again shortly.', {
        retryAfterSeconds,
      });
    }
  }
}
