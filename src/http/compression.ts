import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Transform } from 'node:stream';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, createBrotliCompress, createGzip, gzip, gzipSync } from 'node:zlib';
import Negotiator from 'negotiator';

export type ContentEncoding = 'br' | 'gzip' | 'identity';

/** Below this, compressing saves less than it costs (a header, a round of zlib): sent as is. */
export const MIN_COMPRESSED_BYTES = 1024;

/**
 * Brotli at quality 5 for answers made per request: smaller than gzip's default and about as fast
 * (quality 11, for files compressed once at build, is some 50 times slower).
 */
const dynamicBrotli = (size?: number) => ({
  params: { [constants.BROTLI_PARAM_QUALITY]: 5, ...(size === undefined ? {} : { [constants.BROTLI_PARAM_SIZE_HINT]: size }) },
});
/**
 * Answers up to this size are compressed on the event loop: a 5 KB answer takes 0.03 ms with
 * brotli, less than a round trip through libuv's thread pool. Larger ones go to the pool.
 */
const COMPRESSED_INLINE_BYTES = 64 * 1024;
const brotliInPool = promisify(brotliCompress);
const gzipInPool = promisify(gzip);

async function compress(body: Buffer, encoding: 'br' | 'gzip'): Promise<Buffer> {
  const inline = body.length <= COMPRESSED_INLINE_BYTES;
  if (encoding === 'br') return inline ? brotliCompressSync(body, dynamicBrotli(body.length)) : brotliInPool(body, dynamicBrotli(body.length));
  return inline ? gzipSync(body) : gzipInPool(body);
}

/** The encoding the client takes that we like best: br, then gzip, else none (q-values honoured). */
export function encodingFor(request: IncomingMessage): ContentEncoding {
  const negotiator = new Negotiator(request);
  // Negotiator 1 breaks a tie of the client's preferences by ours (its types predate the option).
  const encoding = (negotiator.encoding as (available: string[], options: { preferred: string[] }) => string | undefined)(
    ['br', 'gzip', 'identity'],
    { preferred: ['br', 'gzip', 'identity'] },
  );
  return encoding === 'br' || encoding === 'gzip' ? encoding : 'identity';
}

/**
 * Ends `response` with `body`, compressed as the client accepts when it is 1 KB or more. The
 * answer says it varies by Accept-Encoding whatever its size, so no cache mixes them up.
 */
export async function sendCompressible(
  request: IncomingMessage,
  response: ServerResponse,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<void> {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.appendHeader('vary', 'accept-encoding');
  const raw = typeof body === 'string' ? Buffer.from(body) : body;
  const encoding = raw.length >= MIN_COMPRESSED_BYTES ? encodingFor(request) : 'identity';
  const sent = encoding === 'identity' ? raw : await compress(raw, encoding);
  if (encoding !== 'identity') response.setHeader('content-encoding', encoding);
  response.setHeader('content-length', sent.length);
  response.end(sent);
}

/**
 * For an answer streamed as it is made (the CSV exports): the stream to pass it through, or null
 * to send it as is. Its length is not known first, so it is compressed whenever the client takes it.
 */
export function compressingStream(request: IncomingMessage, response: ServerResponse): Transform | null {
  response.appendHeader('vary', 'accept-encoding');
  const encoding = encodingFor(request);
  if (encoding === 'identity') return null;
  response.setHeader('content-encoding', encoding);
  return encoding === 'br' ? createBrotliCompress(dynamicBrotli()) : createGzip();
}
