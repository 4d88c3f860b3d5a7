import { Writable } from 'node:stream';
import pino from 'pino';
import type { Logger } from '../../src/logging/logger';

/** A logger whose JSON lines the test can read. */
export function captureLogs(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    logger: pino({ level: 'info' }, sink),
    lines: () => chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line)),
  };
}
