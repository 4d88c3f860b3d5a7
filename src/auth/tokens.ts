import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Clock } from '../clock/clock';

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

export interface TokenSettings {
  secret: string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/** How many verified tokens are remembered: more than a club has members signed in at once. */
const VERIFIED_CACHE_SIZE = 10_000;

/** Who a valid token names, and the member's token version it was issued under. */
export interface TokenClaims {
  memberId: string;
  version: number;
}

/** A verified token's claims and when it stops working. */
export type VerifiedToken = TokenClaims & { expiresAtSeconds: number };

/**
 * HS256 JWTs whose `sub` is a member id and `ver` the member's token version when it was issued
 * (tokens from before versions existed have none: version 0). Verification pins algorithm, issuer
 * and audience; whether the version is still the member's is the request context's check.
 */
export class TokenService {
  /** Made once: jsonwebtoken would otherwise turn the secret into a key on every call. */
  private readonly key: KeyObject;
  /**
   * Every request of a signed-in member carries the same token, and checking its signature was 6%
   * of the server's CPU under load. A token verified once is remembered (by its whole text, so a
   * token differing in any byte is checked afresh) with its expiry, which is checked every time.
   */
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(
    private readonly settings: TokenSettings,
    private readonly clock: Clock,
  ) {
    this.key = createSecretKey(Buffer.from(settings.secret));
  }

  issue(memberId: string, version: number): IssuedToken {
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const expiresAt = issuedAt + this.settings.ttlSeconds;
    const token = jwt.sign({ sub: memberId, ver: version, iat: issuedAt, exp: expiresAt }, this.key, {
      algorithm: 'HS256',
      issuer: this.settings.issuer,
      audience: this.settings.audience,
    });
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  /** The claims of a valid token; null for anything else (forged, expired, malformed, alg none). */
  verify(token: string): VerifiedToken | null {
    const nowSeconds = Math.floor(this.clock.now().getTime() / 1000);
    const known = this.verified.get(token);
    if (known) {
      if (nowSeconds < known.expiresAtSeconds) return known;
      this.verified.delete(token);
      return null;
    }
    try {
      const payload = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        clockTimestamp: nowSeconds,
      });
      if (typeof payload !== 'object' || typeof payload.sub !== 'string' || typeof payload.exp !== 'number') {
        return null;
      }
      const version = payload.ver ?? 0;
      if (!Number.isSafeInteger(version)) return null;
      const claims = { memberId: payload.sub, version, expiresAtSeconds: payload.exp };
      if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.clear();
      this.verified.set(token, claims);
      return claims;
    } catch {
      return null;
    }
  }
}
