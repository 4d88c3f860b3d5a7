import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { currentRequestId } from '../http/request-context';
import type { Logger } from '../logging/logger';
import { ErrorCode, isClientFacingCode } from './errors';

/**
 * Apollo's formatError. Errors with a contract code (or about the request document) go out as
 * they are, minus any stack. Everything else (a bug, a Prisma or driver error) is logged in full
 * and reaches the client only as INTERNAL_SERVER_ERROR with the request id to quote.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (isClientFacingCode(code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions };
    }
    const requestId = currentRequestId();
    logger.error({ err: unwrapResolverError(error), requestId, path: formatted.path }, 'unexpected error');
    return {
      message: 'Internal server error. Quote the request id when you report it.',
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId },
    };
  };
}
