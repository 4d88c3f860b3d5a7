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

/** HS256 JWTs whose `sub` is a member id. Verification pins algorithm, issuer and audience. */
export class TokenService {
  /** Made once: jsonwebtoken would otherwise turn the secret into a key on every call. */
  private readonly key: KeyObject;

  constructor(
    private readonly settings: TokenSettings,
    private readonly clock: Clock,
  ) {
    this.key = createSecretKey(Buffer.from(settings.secret));
  }

  issue(memberId: string): IssuedToken {
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const expiresAt = issuedAt + this.settings.ttlSeconds;
    const token = jwt.sign({ sub: memberId, iat: issuedAt, exp: expiresAt }, this.key, {
      algorithm: 'HS256',
      issuer: this.settings.issuer,
      audience: this.settings.audience,
    });
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  /** The member id of a valid token; null for anything else (forged, expired, malformed, alg none). */
  verify(token: string): string | null {
    try {
      const payload = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
      if (typeof payload !== 'object' || typeof payload.sub !== 'string' || typeof payload.exp !== 'number') {
        return null;
      }
      return payload.sub;
    } catch {
      return null;
    }
  }
}
