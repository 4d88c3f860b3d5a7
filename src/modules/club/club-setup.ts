import { createHmac } from 'node:crypto';
import type { Clock } from '../../clock/clock';
import type { IssuedToken, TokenService } from '../../auth/tokens';
import type { PrismaClient } from '../../db/database';
import { DomainError, ErrorCode } from '../../errors/errors';
import type { Logger } from '../../logging/logger';
import { normalizeCode, readableCode } from '../auth/password-resets';
import type { AuthRateLimiter } from '../auth/rate-limiter';
import { validateSignUp, type SignUpFields } from '../members/member-rules';
import type { MemberRecord, MemberService } from '../members/member.service';
import { validateClubSettings } from './club-rules';
import type { ClubSettingsService } from './club-settings.service';

/** A logged code works for a day; a later start while the club still has no admin logs a new one. */
const SETUP_CODE_TTL_MS = 24 * 3_600_000;
/** Held by setUp's transaction: two setups at once make one admin. */
const SETUP_LOCK = 5_170_901;

export type ClubSetupFields = Omit<SignUpFields, 'joinCode'> & { setupCode: string; clubName: string; joinCode?: string | null };

const invalidSetupCode = () => new DomainError(ErrorCode.INVALID_SETUP_CODE, 'That setup code is not right, or has expired.', { field: 'setupCode' });

/**
 * A club's first hour: while it has no admin, each start logs a one-time setup code (the one writer
 * of setup_codes); /admin/setup with it makes the first admin and sets the club's name and join
 * code. ADMIN_LOGIN_ID/ADMIN_PASSWORD installs have an admin before this runs, so never see one.
 */
export class ClubSetup {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly members: MemberService,
    private readonly settings: ClubSettingsService,
    private readonly tokens: TokenService,
    private readonly rateLimiter: AuthRateLimiter,
    private readonly key: Buffer,
    private readonly clock: Clock,
  ) {}

  private hashOf(code: string): string {
    return createHmac('sha256', this.key).update(normalizeCode(code)).digest('base64url');
  }

  /** Whether /admin/setup is open: the club has no admin yet. */
  async isOpen(): Promise<boolean> {
    return !(await this.members.anyAdmin());
  }

  /** At start: with no admin, a new code, logged (its hash kept, beside any other start's). */
  async offerIfNoAdmin(logger: Logger): Promise<void> {
    if (!(await this.isOpen())) return;
    const code = readableCode();
    const now = this.clock.now();
    await this.prisma.setupCode.deleteMany({ where: { expiresAt: { lte: now } } });
    await this.prisma.setupCode.create({ data: { codeHash: this.hashOf(code), expiresAt: new Date(now.getTime() + SETUP_CODE_TTL_MS), createdAt: now } });
    logger.warn({ setupCode: code }, `The club has no admin yet. Setup code: ${code} — open /admin/setup and enter it to create the first admin.`);
  }

  /** The first admin and the club's settings, in one transaction, or nothing; answers their session. */
  async setUp(input: ClubSetupFields, clientAddress: string): Promise<IssuedToken & { member: MemberRecord }> {
    await this.rateLimiter.hit(clientAddress);
    const admin = validateSignUp(input);
    const settings = validateClubSettings({ name: input.clubName, joinCode: input.joinCode });
    const member = await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`;
      // Set up already: every code was used up then, so no code is right any more.
      if (await this.members.anyAdmin(tx)) throw invalidSetupCode();
      const used = await tx.setupCode.deleteMany({ where: { codeHash: this.hashOf(input.setupCode), expiresAt: { gt: this.clock.now() } } });
      if (used.count === 0) throw invalidSetupCode();
      await tx.setupCode.deleteMany({});
      await this.settings.save(settings, tx);
      return this.members.create(admin, 'ADMIN', tx);
    });
    return { ...this.tokens.issue(member.id, member.tokenVersion), member };
  }
}
