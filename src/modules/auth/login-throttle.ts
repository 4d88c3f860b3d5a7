import type { Clock } from '../../clock/clock';
import type { PrismaClient } from '../../db/database';
import { ErrorCode, appError } from '../../errors/errors';
import type { LoginOutcome } from '../../generated/prisma/client';

export interface LoginThrottlePolicy {
  maxFailures: number;
  windowMinutes: number;
}

/**
 * "After 5 failed logins for one login id within 15 minutes, further attempts answer
 * TOO_MANY_ATTEMPTS until the window passes." Counted in the database so it holds across
 * instances. A successful login clears the count; refused (THROTTLED) attempts never add to it.
 */
export class LoginThrottle {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly policy: LoginThrottlePolicy,
    private readonly clock: Clock,
  ) {}

  /** Throws TOO_MANY_ATTEMPTS, with the seconds until the oldest counted failure leaves the window. */
  async assertAllowed(loginId: string, clientAddress: string): Promise<void> {
    const now = this.clock.now();
    const windowMs = this.policy.windowMinutes * 60_000;
    const windowStart = new Date(now.getTime() - windowMs);
    const lastSuccess = await this.prisma.loginAttempt.findFirst({
      where: { loginId, outcome: 'SUCCEEDED', attemptedAt: { gt: windowStart } },
      orderBy: { attemptedAt: 'desc' },
      select: { attemptedAt: true },
    });
    const failures = await this.prisma.loginAttempt.findMany({
      where: { loginId, outcome: 'FAILED', attemptedAt: { gt: lastSuccess?.attemptedAt ?? windowStart } },
      orderBy: { attemptedAt: 'desc' },
      take: this.policy.maxFailures,
      select: { attemptedAt: true },
    });
    if (failures.length < this.policy.maxFailures) return;

    const oldestCounted = failures[failures.length - 1].attemptedAt;
    const retryAfterSeconds = Math.max(1, Math.ceil((oldestCounted.getTime() + windowMs - now.getTime()) / 1000));
    await this.record(loginId, 'THROTTLED', clientAddress);
    throw appError(ErrorCode.TOO_MANY_ATTEMPTS, 'Too many failed logins. Try again later.', { retryAfterSeconds });
  }

  async record(loginId: string, outcome: LoginOutcome, clientAddress: string): Promise<void> {
    await this.prisma.loginAttempt.create({
      data: { loginId, outcome, clientAddress, attemptedAt: this.clock.now() },
    });
  }
}
