import { timingSafeEqual } from 'node:crypto';
import { createDecoyHash, verifyPassword } from '../../auth/passwords';
import type { IssuedToken, TokenService } from '../../auth/tokens';
import { ErrorCode, DomainError } from '../../errors/errors';
import { PASSWORD_MAX_LENGTH, normalizeLoginId, validateSignUp, type SignUpFields } from '../members/member-rules';
import type { MemberRecord, MemberService } from '../members/member.service';
import type { LoginThrottle } from './login-throttle';
import type { AuthRateLimiter } from './rate-limiter';

export interface Session extends IssuedToken {
  member: MemberRecord;
}

const invalidCredentials = () => new DomainError(ErrorCode.INVALID_CREDENTIALS, 'Wrong login id or password.');

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class AuthService {
  private readonly decoyHash = createDecoyHash();

  constructor(
    private readonly members: MemberService,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly rateLimiter: AuthRateLimiter,
    private readonly signupCode: string | undefined,
  ) {}

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
    if (this.signupCode !== undefined && !sameSecret(input.joinCode ?? '', this.signupCode)) {
      throw new DomainError(ErrorCode.INVALID_JOIN_CODE, 'That join code is not right.', { field: 'joinCode' });
    }
    const member = await this.members.create(newMember);
    return { ...this.tokens.issue(member.id), member };
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
    const attemptId = await this.throttle.begin(loginId, clientAddress);

    const account = await this.members.findWithPasswordHash(loginId);
    const passwordMatches = await verifyPassword(account?.passwordHash ?? (await this.decoyHash), password);
    if (account === null || !passwordMatches) throw invalidCredentials();
    await this.throttle.succeeded(attemptId);

    const { passwordHash: _omitted, ...member } = account;
    return { ...this.tokens.issue(member.id), member };
  }
}
