import { hashPassword, verifyPassword } from '../../auth/passwords';
import { isUniqueViolation } from '../../db/prisma-errors';
import type { PrismaClient, ReadSql } from '../../db/database';
import { ErrorCode, DomainError, badUserInput, hasErrorCode, notFound } from '../../errors/errors';
import type { Gender, Member, Prisma, Role } from '../../generated/prisma/client';
import { decodeCursor, encodeCursor, type Page } from '../../graphql/pagination';
import { memberRecordColumns } from './member.columns';
import type { NewMember } from './member-rules';

/** A member as the API handles it: everything but the password hash. */
export type MemberRecord = Omit<Member, 'passwordHash'>;

const WITHOUT_PASSWORD = { passwordHash: true } as const;

export interface MemberListFilter {
  first: number;
  after?: string | null;
  search?: string | null;
  gender?: Gender | null;
}

const SEARCH_MAX_LENGTH = 100;

/** Prisma's `contains` passes LIKE wildcards through; a search for "_" must mean the character. */
function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

const BY_ID = `SELECT ${memberRecordColumns('m')} FROM members m WHERE m.id = $1`;

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

  /** The one read that includes the password hash: for checking a password, never for answering. */
  findWithPasswordHash(loginId: string): Promise<Member | null> {
    return this.prisma.member.findUnique({ where: { loginId } });
  }

  /** Hashes the password and inserts; the unique index on login_id decides a race. */
  async create(member: NewMember, role: Role = 'MEMBER'): Promise<MemberRecord> {
    const passwordHash = await hashPassword(member.password);
    try {
      return await this.prisma.member.create({
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
    const existing = await this.findWithPasswordHash(member.loginId);
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

  /** A new calendar feed's token hash, or null to end the feed. */
  async setCalendarTokenHash(memberId: string, calendarTokenHash: string | null): Promise<void> {
    await this.prisma.member.update({ where: { id: memberId }, data: { calendarTokenHash } });
  }

  /** Refuses to demote the club's last admin, even when two admins demote each other at once. */
  async setRole(memberId: string, role: Role): Promise<MemberRecord> {
    return this.prisma.$transaction(async (tx) => {
      const target = await tx.member.findUnique({ where: { id: memberId }, select: { role: true } });
      if (!target) throw notFound('member');
      if (target.role === 'ADMIN' && role !== 'ADMIN') {
        // Locking every admin row serialises concurrent demotions; each sees the others' commits.
        const admins = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM members WHERE role = 'ADMIN' FOR UPDATE`;
        if (admins.length === 1 && admins[0].id === memberId) {
          throw badUserInput('role', 'The club must keep at least one admin.');
        }
      }
      return tx.member.update({ where: { id: memberId }, data: { role }, omit: WITHOUT_PASSWORD });
    });
  }
}
