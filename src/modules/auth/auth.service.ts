import { timingSafeEqual } from 'node:crypto';
import { createDecoyHash, hashPassword, verifyPassword } from '../../auth/passwords';
import type { IssuedToken, TokenService } from '../../auth/tokens';
import type { PrismaClient } from '../../db/database';
import { ErrorCode, DomainError, badUserInput, memberInactive, notFound } from '../../errors/errors';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_RULE,
  isAcceptablePassword,
  normalizeLoginId,
  parseRosterGender,
  parseRosterRole,
  validateImportRow,
  validateSignUp,
  type ImportRowFields,
  type SignUpFields,
} from '../members/member-rules';
import type { MemberRecord, MemberService } from '../members/member.service';
import type { LoginThrottle } from './login-throttle';
import type { IssuedReset, PasswordResets } from './password-resets';
import type { AuthRateLimiter } from './rate-limiter';

export interface Session extends IssuedToken {
  member: MemberRecord;
}

/** A roster file's row as typed, before any check. */
export interface ImportDraftRow {
  loginId: string;
  name: string;
  phone: string;
  gender: string;
  role?: string | null;
}

export type ImportProblem = 'BAD_LOGIN_ID' | 'BAD_NAME' | 'BAD_PHONE' | 'BAD_GENDER' | 'BAD_ROLE' | 'DUPLICATE_LOGIN_ID' | 'LOGIN_ID_TAKEN';

/** One draft row checked: the row as importMembers would store it, or its first problem. */
export interface ImportRowCheck {
  row: number;
  values: ImportRowFields | null;
  problem: ImportProblem | null;
  field: string | null;
}

const PROBLEM_OF_FIELD: Record<string, ImportProblem> = { loginId: 'BAD_LOGIN_ID', name: 'BAD_NAME', phone: 'BAD_PHONE' };

export interface PasswordReset extends IssuedReset {
  member: MemberRecord;
}

const invalidCredentials = () => new DomainError(ErrorCode.INVALID_CREDENTIALS, 'Wrong login id or password.');
const invalidResetCode = () => new DomainError(ErrorCode.INVALID_RESET_CODE, 'That login id and reset code do not go together, or the code is used or expired.');
const accountInactive = () => new DomainError(ErrorCode.ACCOUNT_INACTIVE, 'This account is inactive. Ask an admin.');
const MAX_IMPORT_ROWS = 500;

/** The sign-up password rule, for a new password (changePassword, resetPassword). */
function checkNewPassword(password: string): void {
  if (!isAcceptablePassword(password)) throw badUserInput('newPassword', PASSWORD_RULE.replace(/^password/, 'newPassword'));
}

/** A row's problem, naming the row (0-based) as importMembers' answer must. */
function atRow(row: number, error: unknown): unknown {
  return error instanceof DomainError ? new DomainError(error.code, `Row ${row}: ${error.message}`, { ...error.details, field: error.field, row }) : error;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Credentials and the account lifecycle: sign-up, login, password changes and admin-issued reset
 * codes, the roster import, erasure. Members' rows are written through MemberService.
 */
export class AuthService {
  private readonly decoyHash = createDecoyHash();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly members: MemberService,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly rateLimiter: AuthRateLimiter,
    private readonly resets: PasswordResets,
    /** The join code sign-ups need now, if any (the club's settings). */
    private readonly joinCode: () => Promise<string | null>,
  ) {}

  private session(member: MemberRecord): Session {
    return { ...this.tokens.issue(member.id, member.tokenVersion), member };
  }

  /** Retention: login attempts from before `cutoff`. */
  forgetLoginAttemptsBefore(cutoff: Date): Promise<number> {
    return this.throttle.forgetBefore(cutoff);
  }

  /** Retention: rate-limit windows that began before `cutoff`. */
  forgetRateLimitWindowsBefore(cutoff: Date): Promise<number> {
    return this.rateLimiter.forgetBefore(cutoff);
  }

  /** Fields first, then the join code, then the insert: only a member with the code learns whether an id is taken. */
  async signUp(input: SignUpFields & { joinCode?: string | null }, clientAddress: string): Promise<Session> {
    await this.rateLimiter.hit(clientAddress);
    const newMember = validateSignUp(input);
    const joinCode = await this.joinCode();
    if (joinCode !== null && !sameSecret(input.joinCode ?? '', joinCode)) {
      throw new DomainError(ErrorCode.INVALID_JOIN_CODE, 'That join code is not right.', { field: 'joinCode' });
    }
    return this.session(await this.members.create(newMember));
  }

  /**
   * The same answer, in about the same time, for an unknown id and a wrong password: an unknown id
   * still spends a hash. The address limit and the login id's throttle are checked before any hashing.
   */
  async login(rawLoginId: string, password: string, clientAddress: string): Promise<Session> {
    await this.rateLimiter.hit(clientAddress);
    const loginId = normalizeLoginId(rawLoginId);
    if (!loginId || [...password].length > PASSWORD_MAX_LENGTH) {
      // No account can have this id or password; still spend the hash so the answer looks the same.
      await verifyPassword(await this.decoyHash, password.slice(0, PASSWORD_MAX_LENGTH));
      throw invalidCredentials();
    }
    const [attemptId, account] = await Promise.all([this.throttle.begin(loginId, clientAddress), this.members.findWithPasswordHash({ loginId })]);
    const passwordMatches = await verifyPassword(account?.passwordHash ?? (await this.decoyHash), password);
    if (account === null || !passwordMatches) throw invalidCredentials();
    await this.throttle.succeeded(attemptId);
    // Only with the right password: nobody else learns that the account is inactive.
    if (account.status === 'INACTIVE') throw accountInactive();

    const { passwordHash: _omitted, ...member } = account;
    return this.session(member);
  }

  /**
   * The caller's new password; a wrong current one is INVALID_CREDENTIALS and a failed login for
   * the throttle. Every token issued before stops working; the answer carries a fresh one.
   */
  async changePassword(memberId: string, currentPassword: string, newPassword: string, clientAddress: string): Promise<Session> {
    checkNewPassword(newPassword);
    const account = await this.members.findWithPasswordHash({ id: memberId });
    if (!account) throw notFound('member');
    const attemptId = await this.throttle.begin(account.loginId, clientAddress);
    if (!(await verifyPassword(account.passwordHash, currentPassword))) throw invalidCredentials();
    await this.throttle.succeeded(attemptId);
    return this.session(await this.members.setPasswordHash(this.prisma, memberId, await hashPassword(newPassword)));
  }

  /** An admin's one-time reset code for an ACTIVE member; a new code replaces any earlier one. */
  async createPasswordReset(memberId: string): Promise<PasswordReset> {
    const member = await this.members.findById(memberId);
    if (!member) throw notFound('member');
    if (member.status !== 'ACTIVE') throw memberInactive({ field: 'memberId' });
    return { ...(await this.resets.issue(this.prisma, memberId)), member };
  }

  /**
   * A new password with a reset code: INVALID_RESET_CODE alike for an unknown login id and a wrong,
   * used or expired code, throttled per login id as login is. Of two uses of one code at once,
   * one wins. Every token issued before stops working; the answer carries a fresh one.
   */
  async resetPassword(rawLoginId: string, code: string, newPassword: string, clientAddress: string): Promise<Session> {
    await this.rateLimiter.hit(clientAddress);
    checkNewPassword(newPassword);
    const loginId = normalizeLoginId(rawLoginId);
    if (!loginId) throw invalidResetCode();
    // Its own count, apart from login's: a member locked out of login can still use their code.
    const attemptId = await this.throttle.begin(`reset:${loginId}`, clientAddress);
    const account = await this.members.findWithPasswordHash({ loginId });
    if (!account) throw invalidResetCode();
    const passwordHash = await hashPassword(newPassword);
    const member = await this.prisma.$transaction(async (tx) => {
      if (!(await this.resets.consume(tx, account.id, code))) return null;
      // Only a valid code tells an INACTIVE account apart; throwing rolls its use back.
      if (account.status === 'INACTIVE') throw accountInactive();
      return this.members.setPasswordHash(tx, account.id, passwordHash);
    });
    if (!member) throw invalidResetCode();
    await this.throttle.succeeded(attemptId);
    return this.session(member);
  }

  /** Of each row's login id: taken by an earlier row of the same roster, or by a member already. */
  private async loginIdClashes(loginIds: (string | null)[]): Promise<('DUPLICATE_LOGIN_ID' | 'LOGIN_ID_TAKEN' | null)[]> {
    const taken = await this.members.existingLoginIds(loginIds.filter((id): id is string => id !== null));
    const seen = new Set<string>();
    return loginIds.map((loginId) => {
      if (loginId === null) return null;
      if (taken.has(loginId)) return 'LOGIN_ID_TAKEN';
      if (seen.has(loginId)) return 'DUPLICATE_LOGIN_ID';
      seen.add(loginId);
      return null;
    });
  }

  /**
   * The console's preview of a roster file: every row checked as importMembers will check it, each
   * with its first problem, and the values importMembers is then sent.
   */
  async checkImportRows(drafts: ImportDraftRow[]): Promise<ImportRowCheck[]> {
    if (drafts.length > MAX_IMPORT_ROWS) throw badUserInput('rows', `Import at most ${MAX_IMPORT_ROWS} rows at a time.`);
    const checks: ImportRowCheck[] = drafts.map((draft, row) => {
      const gender = parseRosterGender(draft.gender);
      const role = parseRosterRole(draft.role);
      try {
        const values = validateImportRow({ ...draft, gender: gender ?? 'MALE', role: role ?? 'MEMBER' });
        if (!gender) return { row, values: null, problem: 'BAD_GENDER', field: 'gender' };
        if (!role) return { row, values: null, problem: 'BAD_ROLE', field: 'role' };
        return { row, values, problem: null, field: null };
      } catch (error) {
        if (!(error instanceof DomainError) || !error.field || !PROBLEM_OF_FIELD[error.field]) throw error;
        return { row, values: null, problem: PROBLEM_OF_FIELD[error.field], field: error.field };
      }
    });
    const clashes = await this.loginIdClashes(checks.map((check) => check.values?.loginId ?? null));
    return checks.map((check, row) => (clashes[row] ? { row, values: null, problem: clashes[row], field: 'loginId' } : check));
  }

  /**
   * A roster in one go: every row checked first (the first problem names its row), then all
   * members and their reset codes in one transaction, or nothing.
   */
  async importMembers(rows: ImportRowFields[]): Promise<PasswordReset[]> {
    if (rows.length > MAX_IMPORT_ROWS) throw badUserInput('rows', `Import at most ${MAX_IMPORT_ROWS} rows at a time.`);
    const valid = rows.map((row, index) => {
      try {
        return validateImportRow(row);
      } catch (error) {
        throw atRow(index, error);
      }
    });
    const clash = (await this.loginIdClashes(valid.map((row) => row.loginId))).findIndex((problem) => problem !== null);
    if (clash >= 0) {
      throw new DomainError(ErrorCode.LOGIN_ID_TAKEN, `Row ${clash}: the login id ${valid[clash].loginId} is taken.`, { field: 'loginId', row: clash });
    }
    return this.prisma.$transaction(async (tx) => {
      const members = await this.members.createImported(tx, valid);
      const codes = await this.resets.issueForNew(tx, members.map((member) => member.id));
      return members.map((member, index) => ({ ...codes[index], member }));
    });
  }

  /** eraseMember: the member's personal data and any pending reset code, in one transaction. */
  eraseMember(memberId: string): Promise<MemberRecord> {
    return this.prisma.$transaction(async (tx) => {
      const member = await this.members.erase(tx, memberId);
      await this.resets.forget(tx, memberId);
      return member;
    });
  }
}
