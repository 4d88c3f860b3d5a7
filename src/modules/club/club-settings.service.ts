import type { Clock } from '../../clock/clock';
import type { PrismaClient } from '../../db/database';
import type { Prisma } from '../../generated/prisma/client';
import { validateClubSettings, type ClubSettingsFields } from './club-rules';

export interface ClubSettings {
  name: string;
  /** Sign-ups need it when set. */
  joinCode: string | null;
}

/** How long an instance trusts what it read: another instance's change shows within this. */
const FRESH_FOR_MS = 5_000;

/**
 * The club's name and join code: the one writer of club_settings. Until an admin sets them (at
 * setup), CLUB_NAME and SIGNUP_CODE apply. Read on every page and sign-up, so kept for a moment.
 */
export class ClubSettingsService {
  private kept: { settings: ClubSettings; readAt: number } | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly defaults: ClubSettings,
    private readonly clock: Clock,
  ) {}

  async current(): Promise<ClubSettings> {
    const now = this.clock.now().getTime();
    if (this.kept && now - this.kept.readAt < FRESH_FOR_MS) return this.kept.settings;
    const row = await this.prisma.clubSettings.findUnique({ where: { id: 1 } });
    const settings = row ? { name: row.name, joinCode: row.joinCode } : this.defaults;
    this.kept = { settings, readAt: now };
    return settings;
  }

  /** The name the pages show: while the database cannot be read, the last one read (pages still load). */
  async displayName(): Promise<string> {
    try {
      return (await this.current()).name;
    } catch {
      return (this.kept?.settings ?? this.defaults).name;
    }
  }

  /** An admin's change: checked by the setup's rule, then saved. */
  update(input: ClubSettingsFields): Promise<ClubSettings> {
    return this.save(validateClubSettings(input));
  }

  /** Saves both, in the caller's transaction when given; this instance sees them at once. */
  async save(settings: ClubSettings, db: PrismaClient | Prisma.TransactionClient = this.prisma): Promise<ClubSettings> {
    await db.clubSettings.upsert({ where: { id: 1 }, create: { id: 1, ...settings }, update: settings });
    this.kept = { settings, readAt: 0 };
    return settings;
  }
}
