import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { encodingFor } from './compression';
import { HttpError, type Route } from './server';

/** The project's folder, from src/http (under ts-jest) as from dist/http. */
const PROJECT_ROOT = path.resolve(__dirname, '../..');

/** A file of the pages' build (scripts/build-web.js), under dist/web/. */
export function webBuildFile(name: string): string {
  return path.join(PROJECT_ROOT, 'dist', 'web', name);
}

/** A third party's browser file as the build copies it from its npm package into dist/vendor/. */
export function vendorFile(name: string): string {
  return path.join(PROJECT_ROOT, 'dist', 'vendor', name);
}

/** A file as served: as built, and compressed at build (scripts/build-web.js) for clients that take it. */
export interface StaticAsset {
  body: Buffer;
  encoded: { br: Buffer; gzip: Buffer };
  etag: string;
  contentType: string;
}

const etagOf = (body: Buffer) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/**
 * A built file with the `.br` and `.gz` copies the build wrote beside it, read on the first
 * request for it, then kept: an instance that never serves the page never reads it.
 */
export function lazyFileAsset(file: string, contentType: string): () => StaticAsset {
  let asset: StaticAsset | undefined;
  return () => {
    if (asset) return asset;
    const body = readFileSync(file);
    asset = { body, encoded: { br: readFileSync(`${file}.br`), gzip: readFileSync(`${file}.gz`) }, etag: etagOf(body), contentType };
    return asset;
  };
}

/**
 * A file made at run time (a page holding the club's name, the web app manifest): compressed once,
 * on its first request, at the build's quality, then kept like a built file.
 */
export function lazyMemoryAsset(make: () => string | Buffer, contentType: string): () => StaticAsset {
  let asset: StaticAsset | undefined;
  return () => {
    if (asset) return asset;
    const body = Buffer.from(make());
    const brotli = { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } };
    asset = { body, encoded: { br: brotliCompressSync(body, brotli), gzip: gzipSync(body, { level: 9 }) }, etag: etagOf(body), contentType };
    return asset;
  };
}

/** What each page may load: itself only. No outside source, no framing, no sniffing. */
function contentSecurityPolicy(options: PageOptions): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // Monaco (the playground's editor) writes its styles into <style> elements as it runs.
    `style-src 'self'${options.inlineStyles ? " 'unsafe-inline'" : ''}`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export interface PageOptions {
  inlineStyles?: boolean;
}

/** Headers every HTML page of pitchside sends. */
export function pageHeaders(options: PageOptions = {}): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(options),
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };
}

/** An asset from memory: 304 when the browser has it, compressed as it takes it, never sniffed. */
export function sendAsset(request: IncomingMessage, response: ServerResponse, asset: StaticAsset, headers: Record<string, string> = {}, status = 200): void {
  const common = { etag: asset.etag, 'cache-control': 'no-cache', vary: 'accept-encoding', 'x-content-type-options': 'nosniff', ...headers };
  if (status === 200 && request.headers['if-none-match'] === asset.etag) {
    response.writeHead(304, common);
    response.end();
    return;
  }
  const encoding = encodingFor(request);
  const body = encoding === 'identity' ? asset.body : asset.encoded[encoding];
  response.writeHead(status, {
    ...common,
    'content-type': asset.contentType,
    'content-length': String(body.length),
    ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** A route serving one of `files` under `prefix` (exact names only). */
export function assetRoute(prefix: string, files: Record<string, () => StaticAsset>): Route {
  const names = Object.keys(files).map((name) => name.replace(/[.]/g, '\\.'));
  return {
    method: 'GET',
    path: new RegExp(`^${prefix}/(${names.join('|')})$`),
    name: `${prefix}/:file`,
    handle: async (request, response, { params: [name] }) => sendAsset(request, response, files[name]()),
  };
}

/** A year: hashed files never change, so browsers keep them without asking again. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const HASHED_FILE = /^[A-Za-z0-9_-]+\.(js|css)$/;

/**
 * GET /assets/<name>-<hash>.(js|css): the pages' bundles (scripts/build-web.js), each read on its
 * first request, then kept; cached by browsers for a year.
 */
export function hashedAssetRoutes(): Route[] {
  const assets = new Map<string, () => StaticAsset>();
  return [
    {
      method: 'GET',
      path: /^\/assets\/([^/]+)$/,
      name: '/assets/:file',
      handle: async (request, response, { params: [name] }) => {
        let asset = assets.get(name);
        if (!asset) {
          const file = webBuildFile(path.join('assets', name));
          if (!HASHED_FILE.test(name) || !existsSync(file)) throw new HttpError(404, 'No such file.');
          asset = lazyFileAsset(file, name.endsWith('.js') ? CONTENT_TYPES.js : CONTENT_TYPES.css);
          assets.set(name, asset);
        }
        sendAsset(request, response, asset(), { 'cache-control': IMMUTABLE });
      },
    },
  ];
}

export const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  icon: 'image/x-icon',
  png: 'image/png',
  webManifest: 'application/manifest+json; charset=utf-8',
} as const;
