import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { reasonOf } from '../db/unreachable';
import { ErrorCode } from '../errors/errors';
import { asDomainError, extensionsOf, httpOf, routeStatusOf } from '../errors/format-error';
import type { Logger } from '../logging/logger';
import type { Metrics } from '../observability/metrics';

const MAX_BODY_BYTES = 1024 * 1024;
/**
 * How much of a too-large body is read and thrown away so that the connection stays usable for the
 * client's next request; past it, the answer closes the connection instead.
 */
const MAX_DRAINED_BYTES = 16 * MAX_BODY_BYTES;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Answer with `Connection: close`: the request's body was left unread. */
    readonly closeConnection = false,
  ) {
    super(message);
  }
}

export interface Route {
  method: 'GET' | 'POST' | 'OPTIONS';
  /** An exact path, or a pattern whose groups are handed to `handle`. */
  path: string | RegExp;
  /** What logs and metrics call it: never the raw path, which may hold a secret (a calendar token). */
  name: string;
  handle(request: IncomingMessage, response: ServerResponse, context: { requestId: string; params: string[] }): Promise<void> | void;
}

/**
 * The whole body, up to MAX_BODY_BYTES. A larger one is refused (413) once it has been read to its
 * end and dropped, so that a kept-alive connection is left clean for the next request; one larger
 * still is refused at once, and that answer closes the connection.
 */
export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = 'Request body too large.';
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > MAX_DRAINED_BYTES) {
        request.off('data', onData);
        reject(new HttpError(413, tooLarge, true));
      }
    };
    request.on('data', onData);
    request.once('end', () => (size > MAX_BODY_BYTES ? reject(new HttpError(413, tooLarge)) : resolve(Buffer.concat(chunks).toString('utf8'))));
    request.once('error', reject);
  });
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(body));
}

function sendError(response: ServerResponse, status: number, message: string, code = 'BAD_REQUEST'): void {
  sendJson(response, status, { errors: [{ message, extensions: { code } }] });
}

/** A request id from the load balancer is kept when it looks like one; otherwise a new one. */
function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._-]{8,128}$/.test(given) ? given : randomUUID();
}

function match(route: Route, method: string, pathname: string): string[] | null {
  if (method !== route.method && !(method === 'HEAD' && route.method === 'GET')) return null;
  if (typeof route.path === 'string') return route.path === pathname ? [] : null;
  const found = route.path.exec(pathname);
  return found ? found.slice(1) : null;
}

/**
 * Routes requests; gives each an id (echoed in x-request-id, carried by logs and masked errors),
 * logs it once it is answered and times it for /metrics.
 */
export function createRequestHandler(
  routes: Route[],
  logger: Logger,
  metrics: Metrics,
  /** For a browser (Accept: text/html) asking GET for a path nobody serves: a page that says so. */
  notFoundPage?: (request: IncomingMessage, response: ServerResponse) => void,
) {
  return (request: IncomingMessage, response: ServerResponse) => {
    const requestId = requestIdOf(request);
    const started = performance.now();
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://localhost');
    const route = routes.find((r) => match(r, method, url.pathname) !== null);
    // Only for an unrouted request: does the path exist under another method (405) or not (404)?
    const samePath = route ? undefined : routes.find((r) => match(r, 'GET', url.pathname) ?? match(r, 'POST', url.pathname));
    const routeName = (route ?? samePath)?.name ?? 'unmatched';
    response.setHeader('x-request-id', requestId);
    response.on('finish', () => {
      const seconds = (performance.now() - started) / 1000;
      metrics.httpRequestDuration.observe({ method, route: routeName, status: response.statusCode }, seconds);
      logger.info({ requestId, method, route: routeName, status: response.statusCode, durationMs: Math.round(seconds * 1000) }, 'request');
    });

    void (async () => {
      try {
        if (!route) {
          if (samePath) return sendError(response, 405, 'Method not allowed.');
          if (notFoundPage && (method === 'GET' || method === 'HEAD') && (request.headers.accept ?? '').includes('text/html')) return notFoundPage(request, response);
          return sendError(response, 404, 'Not found. GraphQL is served at /graphql.');
        }
        await route.handle(request, response, { requestId, params: match(route, method, url.pathname)! });
      } catch (error) {
        if (error instanceof HttpError) {
          if (error.closeConnection) response.setHeader('connection', 'close');
          return sendError(response, error.status, error.message);
        }
        const refusal = asDomainError(error);
        if (refusal && !response.headersSent) {
          if (refusal.code === ErrorCode.DATABASE_UNAVAILABLE) logger.warn({ requestId, reason: reasonOf(error) }, 'database unreachable');
          const { status, headers } = httpOf(refusal.code) ?? { status: routeStatusOf(refusal.code), headers: [] };
          for (const [name, value] of headers) response.setHeader(name, value);
          return sendJson(response, status, { errors: [{ message: refusal.message, extensions: extensionsOf(refusal) }] });
        }
        logger.error({ err: error, requestId }, 'request failed');
        if (!response.headersSent) sendError(response, 500, 'Internal server error.');
        else response.destroy();
      }
    })();
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
  keepAliveTimeoutSeconds: number,
): Promise<RunningHttpServer> {
  let closing = false;
  // headersTimeout above the keep-alive: a proxy's request on a connection idle almost that long
  // must not be cut while its headers arrive.
  const keepAliveTimeout = keepAliveTimeoutSeconds * 1000;
  const server = createServer({ keepAliveTimeout, headersTimeout: keepAliveTimeout + 5_000 }, (request, response) => {
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
