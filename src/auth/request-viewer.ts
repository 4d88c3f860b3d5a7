import type { IncomingMessage } from 'node:http';
import type { MemberRecord } from '../modules/members/member.service';
import type { TokenService } from './tokens';

function bearerToken(request: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match ? match[1] : null;
}

/** The signed-in member of a request, or null; the same answer for GraphQL and for plain routes (exports). */
export type RequestViewer = (request: IncomingMessage) => Promise<MemberRecord | null>;

/**
 * A missing, bad, forged or expired token, one whose member no longer exists or is INACTIVE, and
 * one issued before the member's last password change (an older token version) all answer null.
 * `findMember` is the members module's cache, which every instance empties of a member as soon as
 * that member's row changes, so this holds on every instance from the next request on.
 */
export function requestViewer(tokens: TokenService, findMember: (memberId: string) => Promise<MemberRecord | null>): RequestViewer {
  return async (request) => {
    const token = bearerToken(request);
    const claims = token ? tokens.verify(token) : null;
    const member = claims ? await findMember(claims.memberId) : null;
    return member && member.status === 'ACTIVE' && member.tokenVersion === claims!.version ? member : null;
  };
}
