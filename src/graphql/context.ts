import type { IncomingMessage } from 'node:http';
import type { RequestViewer } from '../auth/request-viewer';
import type { Viewer } from '../auth/viewer';
import type { Database } from '../db/database';
import { createLoaders, type Loaders } from '../modules';
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

/** The client's address: the socket's, or behind a trusted proxy the first X-Forwarded-For entry. */
function clientAddressOf(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = request.headers['x-forwarded-for'];
  const first = typeof forwarded === 'string' ? forwarded.split(',')[0].trim() : '';
  return trustProxy && first ? first : (request.socket.remoteAddress ?? 'unknown');
}

export interface ContextSources {
  /** The member behind the request's token, as the database holds them now (role changes apply at once). */
  viewerOf: RequestViewer;
  database: Database;
  services: Services;
  trustProxy: boolean;
}

/**
 * Without a valid token of an ACTIVE member (src/auth/request-viewer.ts) the viewer is null; the
 * permission rules answer UNAUTHENTICATED wherever a viewer is needed. The members module primes its
 * loader with the viewer, so `me` costs no query of its own.
 */
export function createContextBuilder({ viewerOf, database, services, trustProxy }: ContextSources) {
  return async (request: IncomingMessage, requestId: string): Promise<GraphQLContext> => {
    const viewer = await viewerOf(request);
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
