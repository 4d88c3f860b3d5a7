import type { IncomingMessage } from 'node:http';
import type { TokenService } from '../auth/tokens';
import type { Database } from '../db/database';
import type { MemberRecord, MemberService } from '../modules/members/member.service';
import { createLoaders, type Loaders } from './loaders';

/** The signed-in member, read from the database on every request: role changes apply at once. */
export type Viewer = MemberRecord;

export interface GraphQLContext {
  requestId: string;
  clientAddress: string;
  /** Where the client reached us (scheme and host), for links such as a calendar URL. */
  origin: string;
  viewer: Viewer | null;
  /** Members whose password this request proved (signUp, login); it grants no other right. */
  authenticatedInRequest: Set<string>;
  loaders: Loaders;
}

function bearerToken(request: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match ? match[1] : null;
}

/**
 * A missing, bad, forged or expired token, or one whose member no longer exists, all leave the
 * viewer null; the permission rules answer UNAUTHENTICATED wherever a viewer is needed.
 */
/** The client's address: the socket's, or behind a trusted proxy the first X-Forwarded-For entry. */
function clientAddressOf(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = request.headers['x-forwarded-for'];
  const first = typeof forwarded === 'string' ? forwarded.split(',')[0].trim() : '';
  return trustProxy && first ? first : (request.socket.remoteAddress ?? 'unknown');
}

export function createContextBuilder(tokens: TokenService, members: MemberService, database: Database, trustProxy: boolean) {
  return async (request: IncomingMessage, requestId: string): Promise<GraphQLContext> => {
    const token = bearerToken(request);
    const memberId = token ? tokens.verify(token) : null;
    const viewer = memberId ? await members.findById(memberId) : null;
    return {
      requestId,
      clientAddress: clientAddressOf(request, trustProxy),
      origin: `http://${request.headers.host ?? 'localhost'}`,
      viewer,
      authenticatedInRequest: new Set(),
      loaders: createLoaders(database, viewer?.id ?? null),
    };
  };
}
