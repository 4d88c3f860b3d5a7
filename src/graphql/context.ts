import type { IncomingMessage } from 'node:http';
import type { TokenService } from '../auth/tokens';
import type { Viewer } from '../auth/viewer';
import type { Database } from '../db/database';
import { createLoaders, type Loaders } from '../modules';
import type { LoaderScope } from '../modules/manifest';
import type { Services } from '../services';

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

/** The client's address: the socket's, or behind a trusted proxy the first X-Forwarded-For entry. */
function clientAddressOf(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = request.headers['x-forwarded-for'];
  const first = typeof forwarded === 'string' ? forwarded.split(',')[0].trim() : '';
  return trustProxy && first ? first : (request.socket.remoteAddress ?? 'unknown');
}

export interface ContextSources {
  tokens: TokenService;
  /** The member behind a token, read on every request so that role changes apply at once. */
  findViewer(memberId: string): Promise<LoaderScope['viewer']>;
  database: Database;
  services: Services;
  trustProxy: boolean;
}

/**
 * A missing, bad, forged or expired token, one whose member no longer exists or is INACTIVE, and
 * one issued before the member's last password change (an older token version) all leave the
 * viewer null; the permission rules answer UNAUTHENTICATED wherever a viewer is needed. The member
 * is read on every request anyway, so this holds on every instance from the next request on, at no
 * query more. The members module primes its loader with the viewer, so `me` costs no query of its own.
 */
export function createContextBuilder({ tokens, findViewer, database, services, trustProxy }: ContextSources) {
  return async (request: IncomingMessage, requestId: string): Promise<GraphQLContext> => {
    const token = bearerToken(request);
    const claims = token ? tokens.verify(token) : null;
    const member = claims ? await findViewer(claims.memberId) : null;
    const viewer = member && member.status === 'ACTIVE' && member.tokenVersion === claims!.version ? member : null;
    return {
      requestId,
      clientAddress: clientAddressOf(request, trustProxy),
      origin: `http://${request.headers.host ?? 'localhost'}`,
      viewer,
      authenticatedInRequest: new Set(),
      loaders: createLoaders({ database, services, viewer }),
    };
  };
}
