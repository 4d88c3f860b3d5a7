import type { Clock } from '../../clock/clock';
import type { PrismaClient, ReadSql } from '../../db/database';
import { deleteOlderThan } from '../../db/delete-older-than';
import { ErrorCode, DomainError } from '../../errors/errors';

// Straight to the driver, as every login makes these three: Prisma cost more CPU than the statements.
const RECORD_FAILED = `INSERT INTO login_attempts (id, login_id, outcome, client_address, attempted_at)
  VALUES (gen_random_uuid()::text, $1, 'FAILED', $2, $3) RETURNING id`;
// The failures that count: since the window began or since the last success in it, whichever is
// later; not this attempt; the newest `maxFailures` of them.
const COUNTED_FAILURES = `SELECT f.attempted_at AS "attemptedAt" FROM login_attempts f
  WHERE f.login_id = $1 AND f.outcome = 'FAILED' AND f.id <> $2
    AND f.attempted_at > COALESCE((SELECT max(s.attempted_at) FROM login_attempts s
                                    WHERE s.login_id = $1 AND s.outcome = 'SUCCEEDED' AND s.attempted_at > $3), $3)
  ORDER BY f.attempted_at DESC LIMIT $4`;
const SET_OUTCOME = `UPDATE login_attempts SET outcome = $2::"LoginOutcome" WHERE id = $1`;

export interface LoginThrottlePolicy {
  maxFailures: number;
  windowMinutes: number;
}

/**
 * "After 5 failed logins for one login id within 15 minutes, further attempts answer
 * TOO_MANY_ATTEMPTS until the window passes." Counted in the database so it holds across
 * instances. Each attempt is recorded as a failure before its password is hashed and counts
 * itself, so racing attempts cannot all slip under the limit: the sixth to be recorded is refused
 * however many run at once. A successful login clears the count; refused attempts never add to it.
 */
export class LoginThrottle {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly read: ReadSql,
    private readonly policy: LoginThrottlePolicy,
    private readonly clock: Clock,
  ) {}

  /** Retention: forgets attempts made before `cutoff`. */
  forgetBefore(cutoff: Date): Promise<number> {
    return deleteOlderThan(this.prisma, 'login_attempts', 'attempted_at', cutoff);
  }

  /**
   * Records the attempt; throws TOO_MANY_ATTEMPTS with the seconds until the window lets it in. The
   * record is committed before the count, so racing attempts count each other.
   */
  async begin(loginId: string, clientAddress: string): Promise<string> {
    const now = this.clock.now();
    const windowMs = this.policy.windowMinutes * 60_000;
    const [attempt] = await this.read<{ id: string }>(RECORD_FAILED, [loginId, clientAddress, now]);
    const windowStart = new Date(now.getTime() - windowMs);
    const failures = await this.read<{ attemptedAt: Date }>(COUNTED_FAILURES, [loginId, attempt.id, windowStart, this.policy.maxFailures]);
    if (failures.length < this.policy.maxFailures) return attempt.id;

    await this.read(SET_OUTCOME, [attempt.id, 'THROTTLED']);
    const oldestCounted = failures[failures.length - 1].attemptedAt;
    const retryAfterSeconds = Math.max(1, Math.ceil((oldestCounted.getTime() + windowMs - now.getTime()) / 1000));
    throw new DomainError(ErrorCode.TOO_MANY_ATTEMPTS, 'Too many failed logins. Try again later.', { retryAfterSeconds });
  }

  async succeeded(attemptId: string): Promise<void> {
    await this.read(SET_OUTCOME, [attemptId, 'SUCCEEDED']);
  }
}
