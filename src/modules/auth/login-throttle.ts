import type { Clock } from '../../clock/clock';
import type { PrismaClient } from '../../db/database';
import { deleteOlderThan } from '../../db/delete-older-than';
import { ErrorCode, DomainError } from '../../errors/errors';

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
    private readonly policy: LoginThrottlePolicy,
    private readonly clock: Clock,
  ) {}

  /** Retention: forgets attempts made before `cutoff`. */
  forgetBefore(cutoff: Date): Promise<number> {
    return deleteOlderThan(this.prisma, 'login_attempts', 'attempted_at', cutoff);
  }

  /** Records the attempt; throws TOO_MANY_ATTEMPTS with the seconds until the window lets it in. */
  async begin(loginId: string, clientAddress: string): Promise<string> {
    const now = this.clock.now();
    const windowMs = this.policy.windowMinutes * 60_000;
    const attempt = await this.prisma.loginAttempt.create({
      data: { loginId, outcome: 'FAILED', clientAddress, attemptedAt: now },
      select: { id: true },
    });
    const lastSuccess = await this.prisma.loginAttempt.findFirst({
      where: { loginId, outcome: 'SUCCEEDED', attemptedAt: { gt: new Date(now.getTime() - windowMs) } },
      orderBy: { attemptedAt: 'desc' },
      select: { attemptedAt: true },
    });
    const since = lastSuccess?.attemptedAt ?? new Date(now.getTime() - windowMs);
    const failures = await this.prisma.loginAttempt.findMany({
      where: { loginId, outcome: 'FAILED', attemptedAt: { gt: since }, id: { not: attempt.id } },
      orderBy: { attemptedAt: 'desc' },
      take: this.policy.maxFailures,
      select: { attemptedAt: true },
    });
    if (failures.length < this.policy.maxFailures) return attempt.id;

    await this.prisma.loginAttempt.update({ where: { id: attempt.id }, data: { outcome: 'THROTTLED' } });
    const oldestCounted = failures[failures.length - 1].attemptedAt;
    const retryAfterSeconds = Math.max(1, Math.ceil((oldestCounted.getTime() + windowMs - now.getTime()) / 1000));
    throw new DomainError(ErrorCode.TOO_MANY_ATTEMPTS, 'Too many failed logins. Try again later.', { retryAfterSeconds });
  }

  async succeeded(attemptId: string): Promise<void> {
    await this.prisma.loginAttempt.update({ where: { id: attemptId }, data: { outcome: 'SUCCEEDED' } });
  }
}
