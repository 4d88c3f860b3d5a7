import { randomUUID } from 'node:crypto';
import { hashPassword, verifyPassword } from '../../auth/passwords';
import { isUniqueViolation } from '../../db/prisma-errors';
import type { PrismaClient, ReadSql } from '../../db/database';
import { ErrorCode, DomainError, badUserInput, hasErrorCode, notFound } from '../../errors/errors';
import type { Gender, Member, MemberStatus, Prisma, Role } from '../../generated/prisma/client';
import { decodeCursor, encodeCursor, type Page } from '../../graphql/pagination';
import { memberRecordColumns } from './member.columns';
import { validText } from '../../validation/text';
import { validateProfile, type NewMember, type ProfileFields } from './member-rules';

/** A member as the API handles it: everything but the password hash. */
export type MemberRecord = Omit<Member, 'passwordHash'>;

const WITHOUT_PASSWORD = { passwordHash: true } as const;

export interface MemberListFilter {
  first: number;
  after?: string | null;
  search?: string | null;
  gender?: Gender | null;
  status?: MemberStatus | null;
}

/** A member made by an admin's import: no password yet (they set one with a reset code). */
export interface ImportedMember {
  loginId: string;
  name: string;
  phone: string;
  gender: Gender;
  role: Role;
}

/** A password hash no password matches: for imported members until they set one, and erased ones. */
const UNUSABLE_PASSWORD_HASH = '!unusable';
const FORMER_MEMBER_NAME = 'Former member';

type Db = PrismaClient | Prisma.TransactionClient;

const SEARCH_MAX_LENGTH = 100;

/** Prisma's `contains` passes LIKE wildcards through; a search for "_" must mean the character. */
function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Refuses to take away the club's last ACTIVE admin. Locking every admin row serialises concurrent
 * demotions and deactivations; each sees the others' commits.
 */
async function refuseLastActiveAdmin(tx: Prisma.TransactionClient, memberId: string, field: 'role' | 'status'): Promise<void> {
  const admins = await tx.$queryRaw<{ id: string; status: MemberStatus }[]>`SELECT id, status FROM members WHERE role = 'ADMIN' FOR UPDATE`;
  const othersActive = admins.filter((admin) => admin.id !== memberId && admin.status === 'ACTIVE');
  if (othersActive.length === 0) throw badUserInput(field, 'The club must keep at least one active admin.');
}

const BY_ID = `SELECT ${memberRecordColumns('m')} FROM members m WHERE m.id = $1`;
const WITH_PASSWORD_HASH = `SELECT ${memberRecordColumns('m')}, m.password_hash AS "passwordHash" FROM members m`;
const WITH_PASSWORD_HASH_BY_LOGIN_ID = `${WITH_PASSWORD_HASH} WHERE m.login_id = $1`;
const WITH_PASSWORD_HASH_BY_ID = `${WITH_PASSWORD_HASH} WHERE m.id = $1`;

export class MemberService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly read: ReadSql,
  ) {}

  /** Every request reads its viewer: a plain SQL read. */
  async findById(id: string): Promise<MemberRecord | null> {
    const [member] = await this.read<MemberRecord>(BY_ID, [id]);
    return member ?? null;
  }

  /** The one read that includes the password hash: for checking a password, never for answering. Every login makes it. */
  async findWithPasswordHash(by: { loginId: string } | { id: string }): Promise<Member | null> {
    const [member] = 'loginId' in by ? await this.read<Member>(WITH_PASSWORD_HASH_BY_LOGIN_ID, [by.loginId]) : await this.read<Member>(WITH_PASSWORD_HASH_BY_ID, [by.id]);
    return member ?? null;
  }

  /**
   * Sets a new password hash and moves the token version on, so that every token issued before
   * stops working; inside the caller's transaction when it has one. Answers the member as now,
   * with the version new tokens must carry.
   */
  async setPasswordHash(db: Db, memberId: string, passwordHash: string): Promise<MemberRecord> {
    return db.member.update({ where: { id: memberId }, data: { passwordHash, tokenVersion: { increment: 1 } }, omit: WITHOUT_PASSWORD });
  }

  /** updateMe: the caller's own name or phone, validated as at sign-up. */
  async updateProfile(memberId: string, fields: ProfileFields): Promise<MemberRecord> {
    return this.prisma.member.update({ where: { id: memberId }, data: validateProfile(fields), omit: WITHOUT_PASSWORD });
  }

  /**
   * INACTIVE: tokens stop (the version moves on, so reactivation does not revive them) and sign-in
   * is refused; the history stays. The club's last ACTIVE admin cannot go, even when two admins
   * deactivate each other at once.
   */
  async setStatus(memberId: string, status: MemberStatus, reason: string | null | undefined): Promise<MemberRecord> {
    const statusReason = reason === null || reason === undefined ? null : validText('reason', reason, { min: 1, max: 500, multiLine: true });
    return this.prisma.$transaction(async (tx) => {
      const target = await tx.member.findUnique({ where: { id: memberId }, select: { role: true, status: true } });
      if (!target) throw notFound('member');
      if (status === 'INACTIVE' && target.status === 'ACTIVE' && target.role === 'ADMIN') await refuseLastActiveAdmin(tx, memberId, 'status');
      return tx.member.update({
        where: { id: memberId },
        data: { status, statusReason, ...(status === 'INACTIVE' && target.status === 'ACTIVE' ? { tokenVersion: { increment: 1 } } : {}) },
        omit: WITHOUT_PASSWORD,
      });
    });
  }

  /**
   * eraseMember: the personal data of an INACTIVE member goes for good (name, phone, login id,
   * password, calendar feed); participations, dues and penalties stay, so the figures do not change.
   */
  async erase(db: Db, memberId: string): Promise<MemberRecord> {
    // Conditional on INACTIVE in the update itself: an admin reactivating the member meanwhile wins.
    const { count } = await db.member.updateMany({
      where: { id: memberId, status: 'INACTIVE' },
      data: {
        name: FORMER_MEMBER_NAME,
        phone: null,
        // Outside the login id rule: nobody can sign up with it or sign in with it. The old id is free again.
        loginId: `~erased~${randomUUID()}`,
        passwordHash: UNUSABLE_PASSWORD_HASH,
        calendarTokenHash: null,
        tokenVersion: { increment: 1 },
      },
    });
    const member = await db.member.findUnique({ where: { id: memberId }, omit: WITHOUT_PASSWORD });
    if (!member) throw notFound('member');
    if (count === 0) throw badUserInput('memberId', 'Only an INACTIVE member can be erased.');
    return member;
  }

  /** importMembers' inserts, all in the caller's transaction; a login id taken meanwhile is LOGIN_ID_TAKEN. */
  async createImported(tx: Prisma.TransactionClient, rows: ImportedMember[]): Promise<MemberRecord[]> {
    try {
      const created = await tx.member.createManyAndReturn({
        data: rows.map((row) => ({ ...row, passwordHash: UNUSABLE_PASSWORD_HASH })),
        omit: WITHOUT_PASSWORD,
      });
      const byLoginId = new Map(created.map((member) => [member.loginId, member]));
      return rows.map((row) => byLoginId.get(row.loginId)!);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError(ErrorCode.LOGIN_ID_TAKEN, 'A login id of the roster is taken.', { field: 'loginId' });
      throw error;
    }
  }

  /** Whether any member, active or not, is an admin. */
  async anyAdmin(db: Db = this.prisma): Promise<boolean> {
    return (await db.member.count({ where: { role: 'ADMIN' }, take: 1 })) > 0;
  }

  /** Which of these login ids exist already. */
  async existingLoginIds(loginIds: string[]): Promise<Set<string>> {
    const rows = await this.prisma.member.findMany({ where: { loginId: { in: loginIds } }, select: { loginId: true } });
    return new Set(rows.map((row) => row.loginId));
  }

  /** Hashes the password and inserts; the unique index on login_id decides a race. */
  async create(member: NewMember, role: Role = 'MEMBER', db: Db = this.prisma): Promise<MemberRecord> {
    const passwordHash = await hashPassword(member.password);
    try {
      return await db.member.create({
        data: {
          loginId: member.loginId,
          passwordHash,
          name: member.name,
          phone: member.phone,
          gender: member.gender,
          role,
        },
        omit: WITHOUT_PASSWORD,
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError(ErrorCode.LOGIN_ID_TAKEN, 'That login id is taken.', { field: 'loginId' });
      throw error;
    }
  }

  /**
   * Makes sure `member.loginId` is an admin who signs in with `member.password`: creates them, or
   * promotes an existing member and sets the password. Safe when instances start together.
   */
  async ensureAdmin(member: NewMember): Promise<{ member: MemberRecord; created: boolean }> {
    const existing = await this.findWithPasswordHash({ loginId: member.loginId });
    if (!existing) {
      try {
        return { member: await this.create(member, 'ADMIN'), created: true };
      } catch (error) {
        if (!hasErrorCode(error, ErrorCode.LOGIN_ID_TAKEN)) throw error;
        // Another instance created them a moment ago: fall through and promote.
      }
    }
    const current = existing ?? (await this.prisma.member.findUniqueOrThrow({ where: { loginId: member.loginId } }));
    const samePassword = await verifyPassword(current.passwordHash, member.password);
    const updated = await this.prisma.member.update({
      where: { id: current.id },
      data: { role: 'ADMIN', ...(samePassword ? {} : { passwordHash: await hashPassword(member.password) }) },
      omit: WITHOUT_PASSWORD,
    });
    return { member: updated, created: false };
  }

  /** Admins' member list: sign-up order (ids are UUIDv7), keyset pagination, search over login id and name. */
  async list(filter: MemberListFilter): Promise<Page<MemberRecord>> {
    const rawSearch = filter.search?.trim();
    if (rawSearch && rawSearch.length > SEARCH_MAX_LENGTH) {
      throw badUserInput('search', `search must be at most ${SEARCH_MAX_LENGTH} characters.`);
    }
    const search = rawSearch && escapeLikePattern(rawSearch);
    const where: Prisma.MemberWhereInput = {
      ...(filter.gender ? { gender: filter.gender } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(search
        ? {
            OR: [
              { loginId: { contains: search, mode: 'insensitive' } },
              { name: { contains: search, mode: 'insensitive' } },
            ],
          }
        : {}),
    };
    const afterId = decodeCursor(filter.after);
    const rows = await this.prisma.member.findMany({
      where: afterId ? { AND: [where, { id: { gt: afterId } }] } : where,
      orderBy: { id: 'asc' },
      take: filter.first + 1,
      omit: WITHOUT_PASSWORD,
    });
    return {
      nodes: rows.slice(0, filter.first),
      hasNextPage: rows.length > filter.first,
      countTotal: () => this.prisma.member.count({ where }),
      cursorOf: (member) => encodeCursor(member.id),
    };
  }

  /** The member whose calendar feed has this token hash, if any. */
  findByCalendarTokenHash(calendarTokenHash: string): Promise<{ id: string; name: string } | null> {
    return this.prisma.member.findUnique({ where: { calendarTokenHash }, select: { id: true, name: true } });
  }

  async hasCalendarFeed(memberId: string): Promise<boolean> {
    const member = await this.prisma.member.findUnique({ where: { id: memberId }, select: { calendarTokenHash: true } });
    return Boolean(member?.calendarTokenHash);
  }

  /** A new calendar feed's token hash, or null to end the feed. */
  async setCalendarTokenHash(memberId: string, calendarTokenHash: string | null): Promise<void> {
    await this.prisma.member.update({ where: { id: memberId }, data: { calendarTokenHash } });
  }

  /** Refuses to demote the club's last admin, even when two admins demote each other at once. */
  async setRole(memberId: string, role: Role): Promise<MemberRecord> {
    return this.prisma.$transaction(async (tx) => {
      const target = await tx.member.findUnique({ where: { id: memberId }, select: { role: true } });
      if (!target) throw notFound('member');
      if (target.role === 'ADMIN' && role !== 'ADMIN') await refuseLastActiveAdmin(tx, memberId, 'role');
      return tx.member.update({ where: { id: memberId }, data: { role }, omit: WITHOUT_PASSWORD });
    });
  }
}
