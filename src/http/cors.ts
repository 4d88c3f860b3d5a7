import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Route } from './server';

const ALLOWED_METHODS = 'GET, POST';
const ALLOWED_HEADERS = 'content-type, authorization';
/** How long a browser may reuse a preflight's answer (Chromium caps it at 2 hours). */
const PREFLIGHT_MAX_AGE_SECONDS = 600;
/** What a page of another origin may read of an answer beyond the basics: when to retry, and the id to quote. */
const EXPOSED_HEADERS = 'retry-after, x-request-id';

/**
 * Cross-origin access to one path for the origins named in CORS_ORIGINS: a front end served
 * elsewhere calls it with a token in Authorization. Never with credentials (cookies): pitchside
 * uses none, and Access-Control-Allow-Credentials is never sent. Any other origin gets no CORS
 * header at all, so its browser keeps the answer from it. Apollo's CSRF prevention still applies:
 * a cross-origin POST must be JSON, which itself needs the preflight.
 */
export class CrossOriginPolicy {
  private readonly origins: ReadonlySet<string>;

  constructor(origins: readonly string[]) {
    this.origins = new Set(origins);
  }

  private allowedOrigin(request: IncomingMessage): string | null {
    const origin = request.headers.origin;
    return origin && this.origins.has(origin) ? origin : null;
  }

  /** On an actual request's answer, before it is sent. */
  apply(request: IncomingMessage, response: ServerResponse): void {
    response.appendHeader('vary', 'origin');
    const origin = this.allowedOrigin(request);
    if (!origin) return;
    response.setHeader('access-control-allow-origin', origin);
    response.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
  }

  /** OPTIONS on `path`: the browser's preflight. */
  preflightRoute(path: string): Route {
    return {
      method: 'OPTIONS',
      path,
      name: path,
      handle: async (request, response) => {
        response.setHeader('vary', 'origin, access-control-request-method, access-control-request-headers');
        const origin = this.allowedOrigin(request);
        if (origin) {
          response.setHeader('access-control-allow-origin', origin);
          response.setHeader('access-control-allow-methods', ALLOWED_METHODS);
          response.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
          response.setHeader('access-control-max-age', String(PREFLIGHT_MAX_AGE_SECONDS));
        }
        response.setHeader('allow', ALLOWED_METHODS);
        response.statusCode = 204;
        response.end();
      },
    };
  }
}
