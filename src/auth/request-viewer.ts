import type { IncomingMessage } from 'node:http';
import type { MemberRecord } from '../modules/members/member.service';
import type { TokenService } from './tokens';

/** The token of an `Authorization: Bearer <token>` value (a header, or a socket's connection_init). */
export function bearerToken(authorization: unknown): string | null {
  const match = typeof authorization === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  return match ? match[1] : null;
}

/** A token's member and when the token stops working. */
export interface TokenViewer {
  member: MemberRecord;
  expiresAt: Date;
}

/** The signed-in member of a token, or null; the one check behind HTTP requests and live sockets. */
export type ViewerOfToken = (token: string | null) => Promise<TokenViewer | null>;

/**
 * A missing, bad, forged or expired token, one whose member no longer exists or is INACTIVE, and
 * one issued before the member's last password change (an older token version) all answer null.
 * `findMember` is the members module's cache, which every instance empties of a member as soon as
 * that member's row changes, so this holds on every instance from the next request on.
 */
export function viewerOfToken(tokens: TokenService, findMember: (memberId: string) => Promise<MemberRecord | null>): ViewerOfToken {
  return async (token) => {
    const claims = token ? tokens.verify(token) : null;
    const member = claims ? await findMember(claims.memberId) : null;
    return member && member.status === 'ACTIVE' && member.tokenVersion === claims!.version
      ? { member, expiresAt: new Date(claims!.expiresAtSeconds * 1000) }
      : null;
  };
}

/** The signed-in member of a request, or null; the same answer for GraphQL and for plain routes (exports). */
export type RequestViewer = (request: IncomingMessage) => Promise<MemberRecord | null>;

export function requestViewer(viewerOf: ViewerOfToken): RequestViewer {
  return async (request) => (await viewerOf(bearerToken(request.headers.authorization)))?.member ?? null;
}
