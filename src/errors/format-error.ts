import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLErrorExtensions, type GraphQLFormattedError } from 'graphql';
import { isDatabaseUnreachable, reasonOf } from '../db/unreachable';
import type { GraphQLContext } from '../graphql/context';
import type { Logger } from '../logging/logger';
import { DATABASE_RETRY_AFTER_SECONDS, databaseUnavailable, DomainError, ErrorCode, isClientFacingCode } from './errors';

const INTERNAL_MESSAGE = 'Internal server error. Quote the request id when you report it.';

/** An unexpected error, already logged under `requestId`: what the client gets in its place. */
export function maskedError(requestId: string): GraphQLError {
  return new GraphQLError(INTERNAL_MESSAGE, { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId } });
}

/** A domain error's `extensions`: its details, the field at fault, and its code. */
export function extensionsOf(error: DomainError): Record<string, unknown> {
  return { ...error.details, ...(error.field === undefined ? {} : { field: error.field }), code: error.code };
}

/** The HTTP answer's status and headers where a code decides them, as Apollo reads `extensions.http`. */
export function httpOf(code: string): { status: number; headers: HeaderMap } | undefined {
  if (code !== ErrorCode.DATABASE_UNAVAILABLE) return undefined;
  return { status: 503, headers: new HeaderMap([['retry-after', String(DATABASE_RETRY_AFTER_SECONDS)]]) };
}

/** A plain route's (not GraphQL's) HTTP status for a refusal: what the code means in HTTP's terms. */
export function routeStatusOf(code: ErrorCode): number {
  if (code === ErrorCode.UNAUTHENTICATED) return 401;
  if (code === ErrorCode.FORBIDDEN) return 403;
  if (code === ErrorCode.NOT_FOUND) return 404;
  if (code === ErrorCode.TOO_MANY_ATTEMPTS) return 429;
  return 400;
}

/**
 * The one translation of a domain error into a GraphQL error, for errors raised outside execution
 * (building the context, a plugin's hook). Apollo answers those 500 unless told otherwise, so each
 * carries the status its code has in a GraphQL answer: 200, or what httpOf says.
 */
export function toGraphQLError(error: DomainError): GraphQLError {
  const http = httpOf(error.code) ?? { status: 200 };
  // Apollo reads `extensions.http` (status, and headers as its own HeaderMap) and strips it from the answer.
  const extensions = { ...extensionsOf(error), http } as unknown as GraphQLErrorExtensions;
  return new GraphQLError(error.message, { extensions });
}

/**
 * A fault the client can act on, or null: a domain error as it is, or an unreachable database
 * (whatever driver or Prisma error said so) as DATABASE_UNAVAILABLE.
 */
export function asDomainError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  return isDatabaseUnreachable(error) ? databaseUnavailable() : null;
}

/** Whether the client may see this error as it is: a domain error, or one about the request document. */
export function isClientFacing(error: GraphQLError): boolean {
  return unwrapResolverError(error) instanceof DomainError || isClientFacingCode(error.extensions?.code);
}

const isMasked = (formatted: GraphQLFormattedError) =>
  formatted.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR && typeof formatted.extensions.requestId === 'string';

/**
 * Domain errors go out with their code, field and details; errors about the request document as
 * graphql-js made them, minus any stack. Everything else (a bug, a Prisma or driver error) is
 * logged in full and reaches the client only as INTERNAL_SERVER_ERROR with the request id to quote.
 *
 * Apollo's formatError does not see the request, so the plugin logs the original errors and stamps
 * the request id, both from the request's context: no per-promise AsyncLocalStorage on every request.
 */
export function createErrorMasking(logger: Logger) {
  const formatError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = asDomainError(unwrapResolverError(error));
    if (original) {
      return { message: original.message, locations: formatted.locations, path: formatted.path, extensions: extensionsOf(original) };
    }
    if (isMasked(formatted)) return { message: formatted.message, extensions: formatted.extensions };
    if (isClientFacingCode(formatted.extensions?.code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions };
    }
    return { message: INTERNAL_MESSAGE, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };

  const logUnexpected = (errors: readonly GraphQLError[], requestId: string) => {
    for (const error of errors) {
      const original = unwrapResolverError(error);
      if (isDatabaseUnreachable(original)) {
        // Expected while the database is down, and said by /readyz: a line, not a stack per request.
        logger.warn({ requestId, reason: reasonOf(original) }, 'database unreachable');
      } else if (!isClientFacing(error)) {
        logger.error({ err: original, requestId, path: error.path }, 'unexpected error');
      }
    }
  };

  /** Errors of an operation Apollo does not run (a subscription over the socket): logged and masked the same way. */
  const formatErrors = (errors: readonly GraphQLError[], requestId: string): GraphQLFormattedError[] => {
    logUnexpected(errors, requestId);
    return errors.map((error) => {
      const formatted = formatError(error.toJSON(), error);
      return formatted.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR ? { ...formatted, extensions: { ...formatted.extensions, requestId } } : formatted;
    });
  };

  const plugin: ApolloServerPlugin<GraphQLContext> = {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          logUnexpected(errors, contextValue.requestId);
        },
        async willSendResponse({ response, contextValue }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          for (const error of errors ?? []) {
            const code = String(error.extensions?.code);
            if (code === ErrorCode.INTERNAL_SERVER_ERROR) {
              (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            }
            const http = httpOf(code);
            if (http) {
              response.http.status = http.status;
              for (const [name, value] of http.headers) response.http.headers.set(name, value);
            }
          }
        },
      };
    },
  };

  return { formatError, formatErrors, plugin };
}
