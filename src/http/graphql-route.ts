import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import type { GraphQLContext } from '../graphql/context';
import { reasonOf } from '../db/unreachable';
import { ErrorCode } from '../errors/errors';
import { asDomainError, maskedError, toGraphQLError } from '../errors/format-error';
import type { Logger } from '../logging/logger';
import type { QueryLimits } from '../graphql/query-limits';
import { sendCompressible } from './compression';
import type { ConcurrencyLimit } from './concurrency-limit';
import type { CrossOriginPolicy } from './cors';
import { HttpError, readBody, sendJson, type Route } from './server';

/**
 * The path of the first string holding a NUL character, which no PostgreSQL text can store: it is
 * refused here, once, for every argument and variable, rather than failing deep in a query.
 */
function pathOfNulCharacter(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = pathOfNulCharacter(inner, [...path, key]);
    if (found) return found;
  }
  return null;
}

/** A context that could not be built (the database is down) is logged here: no plugin sees it. */
function contextFailure(error: unknown, requestId: string, logger: Logger): unknown {
  const known = asDomainError(error);
  if (known?.code === ErrorCode.DATABASE_UNAVAILABLE) logger.warn({ requestId, reason: reasonOf(error) }, 'database unreachable');
  if (known) return toGraphQLError(known);
  logger.error({ err: error, requestId }, 'unexpected error');
  return maskedError(requestId);
}

export type ContextBuilder = (request: IncomingMessage, requestId: string) => Promise<GraphQLContext>;

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (!contentType?.toLowerCase().includes('json')) return raw;
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON.');
  }
}

/** The document and variables of a POST body or a GET's parameters, as far as they can be read. */
function operationOf(source: unknown): { query: unknown; variables: unknown } {
  if (source instanceof URLSearchParams) {
    let variables: unknown;
    try {
      variables = JSON.parse(source.get('variables') ?? 'null');
    } catch {
      // Apollo answers the malformed parameter itself.
    }
    return { query: source.get('query'), variables };
  }
  const operation = source && typeof source === 'object' ? (source as { query?: unknown; variables?: unknown }) : {};
  return { query: operation.query, variables: operation.variables };
}

function wantsPage(request: IncomingMessage): boolean {
  return request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
}

async function sendResult(request: IncomingMessage, response: ServerResponse, result: HTTPGraphQLResponse) {
  response.statusCode = result.status ?? 200;
  for (const [name, value] of result.headers) response.setHeader(name, value);
  if (result.body.kind === 'complete') return sendCompressible(request, response, result.body.string);
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

/** /graphql: POST (and GET) for Apollo; a browser's GET gets the playground when introspection is on. */
export function graphqlRoutes(
  apollo: ApolloServer<GraphQLContext>,
  buildContext: ContextBuilder,
  options: {
    /** The page a browser gets (the playground), or null when there is none (introspection off). */
    playground: ((request: IncomingMessage, response: ServerResponse) => Promise<void>) | null;
    executionTimeoutMs: number;
    admission: ConcurrencyLimit;
    limits: QueryLimits;
    crossOrigin: CrossOriginPolicy;
    logger: Logger;
  },
): Route[] {
  const { playground, executionTimeoutMs, admission, limits, crossOrigin, logger } = options;

  async function handle(request: IncomingMessage, response: ServerResponse, { requestId }: { requestId: string }) {
    if (playground && wantsPage(request)) return playground(request, response);
    crossOrigin.apply(request, response);
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    const body = request.method === 'POST' ? parseBody(await readBody(request), request.headers['content-type']) : undefined;
    const nul = pathOfNulCharacter(request.method === 'POST' ? body : Object.fromEntries(url.searchParams));
    if (nul) {
      const field = nul.filter((key) => !/^\d+$/.test(key)).at(-1) ?? 'query';
      return sendJson(response, 400, { errors: [{ message: 'Text cannot contain NUL characters.', extensions: { code: ErrorCode.BAD_USER_INPUT, field } }] });
    }
    const { query, variables } = operationOf(request.method === 'POST' ? body : url.searchParams);
    const overLimit = typeof query === 'string' ? limits.check(query, variables) : null;
    if (overLimit) return sendJson(response, 400, { errors: [{ message: overLimit.message, extensions: { code: overLimit.code } }] });
    // The deadline covers the wait for a slot as well as the execution. Its timer is cleared as soon
    // as the request is answered: a pending timer would keep the whole request in memory until it fires.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), executionTimeoutMs);
    // A client that hangs up while its request waits for a slot gives the slot up: nobody would read the answer.
    const hungUp = () => {
      if (!response.writableFinished) deadline.abort();
    };
    response.once('close', hungUp);
    const timedOut = () => {
      if (response.destroyed) return;
      const error = { message: 'The request took too long.', extensions: { code: ErrorCode.REQUEST_TIMEOUT, requestId } };
      return sendJson(response, 503, { errors: [error] });
    };
    try {
      if (!(await admission.acquire(deadline.signal))) return timedOut();
      const execution = apollo
        .executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
          context: () => buildContext(request, requestId).catch((error) => Promise.reject(contextFailure(error, requestId, logger))),
        })
        // The slot is held until the execution really ends, even one answered REQUEST_TIMEOUT already.
        .finally(() => admission.release());
      const deadlinePassed = new Promise<'timeout'>((resolve) => deadline.signal.addEventListener('abort', () => resolve('timeout'), { once: true }));
      const result = await Promise.race([execution, deadlinePassed]);
      if (result === 'timeout') return timedOut();
      await sendResult(request, response, result);
    } finally {
      clearTimeout(timer);
      response.off('close', hungUp);
    }
  }

  return [
    { method: 'POST', path: '/graphql', name: '/graphql', handle },
    { method: 'GET', path: '/graphql', name: '/graphql', handle },
    crossOrigin.preflightRoute('/graphql'),
  ];
}
