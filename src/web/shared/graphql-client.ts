// The one GraphQL client of every page (urql): /graphql with the session's token, a refused token
// ending the session wherever it is met. One client per signed-in member, so that nothing one
// member loaded is shown to the next.
import { signal } from '@preact/signals';
import { cacheExchange, Client, CombinedError, fetchExchange, mapExchange, subscriptionExchange } from '@urql/core';
import type { Client as SocketClient } from 'graphql-ws/client';
import type { ApiError } from './error-messages';
import { endSession, session } from './session';

/** Whether the live socket is up: pages poll while it is not (src/web/shared/live.ts). */
export const liveConnected = signal(false);

/** graphql-ws's close for a token that no longer works: the session's next request ends it, no reconnecting. */
const UNAUTHORIZED = 4401;

/**
 * Subscriptions over WebSocket at /graphql (graphql-ws), opened only while a page subscribes and
 * reconnecting with back-off while it does; the token goes in connection_init, never in the URL.
 * graphql-ws is fetched with the first subscription: pages without one never load it.
 */
async function createLiveSocket(): Promise<SocketClient> {
  const { createClient } = await import('graphql-ws/client');
  const socket = createClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    connectionParams: () => ({ authorization: `Bearer ${session.value?.token ?? ''}` }),
    lazy: true,
    retryAttempts: Infinity,
    shouldRetry: (event) => (event as CloseEvent).code !== UNAUTHORIZED,
  });
  socket.on('connected', () => (liveConnected.value = true));
  socket.on('closed', () => (liveConnected.value = false));
  return socket;
}

export function apiErrorOf(error: CombinedError): ApiError {
  const first = error.graphQLErrors[0];
  if (!first) return { code: 'NETWORK' };
  const extensions = first.extensions as Partial<ApiError> & { code?: string };
  return { ...extensions, code: typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR' };
}

export function createGraphQLClient(): Client {
  let liveSocket: Promise<SocketClient> | undefined;
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: (): RequestInit => {
      const token = session.value?.token;
      return token ? { headers: { authorization: `Bearer ${token}` } } : {};
    },
    exchanges: [
      mapExchange({
        onError(error) {
          if (session.value && error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) endSession('EXPIRED');
        },
      }),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          return {
            subscribe(sink) {
              let unsubscribe: (() => void) | undefined;
              let ended = false;
              (liveSocket ??= createLiveSocket()).then(
                (socket) => {
                  if (!ended) unsubscribe = socket.subscribe({ ...request, query: request.query ?? '' }, sink);
                },
                (error) => sink.error(error),
              );
              return {
                unsubscribe() {
                  ended = true;
                  unsubscribe?.();
                },
              };
            },
          };
        },
      }),
    ],
  });
}
