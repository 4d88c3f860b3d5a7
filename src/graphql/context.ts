import type { IncomingMessage } from 'node:http';
import type { Viewer } from '../auth/viewer';

/**
 * What every resolver is given for one request. `loaders` are the request's DataLoaders: the app
 * makes them from its modules (src/modules/index.ts); a resolver names the loaders it uses
 * (GraphQLContext<EventLoaders & …>), and this folder knows none of them.
 */
export interface GraphQLContext<Loaders extends object = object> {
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
export function clientAddressOf(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = request.headers['x-forwarded-for'];
  const first = typeof forwarded === 'string' ? forwarded.split(',')[0].trim() : '';
  return trustProxy && first ? first : (request.socket.remoteAddress ?? 'unknown');
}

export interface ContextSources<V extends Viewer, Loaders extends object> {
  /** The member behind the request's token, as the database holds them now (role changes apply at once). */
  viewerOf: (request: IncomingMessage) => Promise<V | null>;
  /** The request's loaders, made fresh for each request (the app hands in its modules'). */
  loadersFor: (viewer: V | null) => Loaders;
  trustProxy: boolean;
}

/**
 * Without a valid token of an ACTIVE member (src/auth/request-viewer.ts) the viewer is null; the
 * permission rules answer UNAUTHENTICATED wherever a viewer is needed.
 */
export function createContextBuilder<V extends Viewer, Loaders extends object>({ viewerOf, loadersFor, trustProxy }: ContextSources<V, Loaders>) {
  return async (request: IncomingMessage, requestId: string): Promise<GraphQLContext<Loaders>> => {
    const viewer = await viewerOf(request);
    return {
      requestId,
      clientAddress: clientAddressOf(request, trustProxy),
      origin: `http://${request.headers.host ?? 'localhost'}`,
      viewer,
      authenticatedInRequest: new Set(),
      loaders: loadersFor(viewer),
    };
  };
}
