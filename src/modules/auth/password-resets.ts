import { createHmac, randomInt } from 'node:crypto';
import type { Clock } from '../../clock/clock';
import type { PrismaClient } from '../../db/database';
import type { Prisma } from '../../generated/prisma/client';

/** Letters and digits a person reads out and types without doubt: no 0/O, 1/l/I. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 12;
const GROUP = 4;

/** A random one-time code a person reads out and types: XXXX-XXXX-XXXX (about 59 bits). */
export function readableCode(): string {
  const raw = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return raw.match(new RegExp(`.{${GROUP}}`, 'g'))!.join('-');
}

export interface IssuedReset {
  code: string;
  expiresAt: Date;
}

/** "ab cd-EF…" as typed: letters upper-case, separators gone. */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/**
 * Admin-issued one-time reset codes: the one writer of password_resets. A code is 12 characters of
 * a 31-letter alphabet (about 59 bits), shown as XXXX-XXXX-XXXX, valid for PASSWORD_RESET_TTL_HOURS.
 * Only an HMAC of it is stored, keyed by a secret derived from the JWT secret, which the database
 * does not hold: a stolen database cannot be searched for codes at all without the key, and even
 * with it 59 bits stay out of reach. (A password hash such as argon2id would cost 20 ms a code,
 * ten seconds for a 500-member import, and buys nothing for a random code this long.)
 */
export class PasswordResets {
  constructor(
    private readonly key: Buffer,
    private readonly ttlHours: number,
    private readonly clock: Clock,
  ) {}

  private hashOf(memberId: string, code: string): string {
    return createHmac('sha256', this.key).update(`${memberId}:${normalizeCode(code)}`).digest('base64url');
  }

  private newCode(memberId: string) {
    const code = readableCode();
    const expiresAt = new Date(this.clock.now().getTime() + this.ttlHours * 3_600_000);
    return { code, expiresAt, row: { memberId, codeHash: this.hashOf(memberId, code), expiresAt, createdAt: this.clock.now() } };
  }

  /** A new code for the member, replacing any earlier one. */
  async issue(db: PrismaClient, memberId: string): Promise<IssuedReset> {
    const { code, expiresAt, row } = this.newCode(memberId);
    await db.passwordReset.upsert({ where: { memberId }, create: row, update: row });
    return { code, expiresAt };
  }

  /** Codes for members who have none yet (an import), in one insert within the caller's transaction. */
  async issueForNew(tx: Prisma.TransactionClient, memberIds: string[]): Promise<IssuedReset[]> {
    const issued = memberIds.map((memberId) => this.newCode(memberId));
    await tx.passwordReset.createMany({ data: issued.map(({ row }) => row) });
    return issued.map(({ code, expiresAt }) => ({ code, expiresAt }));
  }

  /**
   * Uses the member's code if it is theirs and unexpired: one conditional delete, so of two uses at
   * once exactly one succeeds. Answers whether this call used it.
   */
  async consume(tx: Prisma.TransactionClient, memberId: string, code: string): Promise<boolean> {
    const { count } = await tx.passwordReset.deleteMany({
      where: { memberId, codeHash: this.hashOf(memberId, code), expiresAt: { gt: this.clock.now() } },
    });
    return count === 1;
  }

  /** An erased member's pending code goes with their data. */
  async forget(tx: Prisma.TransactionClient, memberId: string): Promise<void> {
    await tx.passwordReset.deleteMany({ where: { memberId } });
  }
}
