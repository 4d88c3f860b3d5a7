import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { GraphQLContext } from '../graphql/context';
import type { Logger } from '../logging/logger';
import { runInRequestScope } from './request-context';

const GRAPHQL_PATH = '/graphql';
const MAX_BODY_BYTES = 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type ContextBuilder = (request: IncomingMessage, requestId: string) => Promise<GraphQLContext>;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'Request body too large.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (!contentType?.toLowerCase().includes('json')) return raw;
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON.');
  }
}

function sendError(response: ServerResponse, status: number, message: string): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.end(JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] }));
}

/** Hands /graphql to Apollo; every request gets an id, echoed in x-request-id and used in logs. */
export function createRequestHandler(apollo: ApolloServer<GraphQLContext>, buildContext: ContextBuilder, logger: Logger) {
  async function handleGraphQL(request: IncomingMessage, response: ServerResponse, url: URL, requestId: string) {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const body = request.method === 'POST' ? parseBody(await readBody(request), request.headers['content-type']) : undefined;
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
      context: () => buildContext(request, requestId),
    });
    response.statusCode = result.status ?? 200;
    for (const [name, value] of result.headers) response.setHeader(name, value);
    if (result.body.kind === 'complete') {
      response.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  }

  return (request: IncomingMessage, response: ServerResponse) => {
    const requestId = randomUUID();
    response.setHeader('x-request-id', requestId);
    runInRequestScope({ requestId }, async () => {
      try {
        const url = new URL(request.url ?? '/', 'http://localhost');
        if (url.pathname !== GRAPHQL_PATH) return sendError(response, 404, `Not found. GraphQL is served at ${GRAPHQL_PATH}.`);
        await handleGraphQL(request, response, url, requestId);
      } catch (error) {
        if (error instanceof HttpError) return sendError(response, error.status, error.message);
        logger.error({ err: error, requestId }, 'request failed');
        if (!response.headersSent) sendError(response, 500, 'Internal server error.');
        else response.destroy();
      }
    });
  };
}

export interface RunningHttpServer {
  server: Server;
  port: number;
  /** Stops accepting, lets in-flight requests finish for up to `timeoutMs`, then cuts the rest. */
  close(timeoutMs: number): Promise<void>;
}

export async function listen(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
  port: number,
  host: string | undefined,
): Promise<RunningHttpServer> {
  let closing = false;
  const server = createServer({ keepAliveTimeout: 5_000 }, (request, response) => {
    // While shutting down, a kept-alive connection is closed after its response instead of reused.
    if (closing) response.setHeader('connection', 'close');
    handler(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close(timeoutMs) {
      closing = true;
      return new Promise<void>((resolve) => {
        const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
        server.close(() => {
          clearTimeout(deadline);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}
