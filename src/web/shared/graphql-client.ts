// The one GraphQL client of every page (urql): /graphql with the session's token, a refused token
// ending the session wherever it is met. One client per signed-in member, so that nothing one
// member loaded is shown to the next.
import { cacheExchange, Client, CombinedError, fetchExchange, mapExchange } from '@urql/core';
import type { ApiError } from './error-messages';
import { endSession, session } from './session';

export function apiErrorOf(error: CombinedError): ApiError {
  const first = error.graphQLErrors[0];
  if (!first) return { code: 'NETWORK' };
  const extensions = first.extensions as Partial<ApiError> & { code?: string };
  return { ...extensions, code: typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR' };
}

export function createGraphQLClient(): Client {
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
    ],
  });
}
