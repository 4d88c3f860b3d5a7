import pino from 'pino';
import type { LogLevel } from '../config/config';

export type Logger = pino.Logger;

/** JSON lines on stdout. Secrets never reach a log line, even if someone logs a whole input. */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'pitchside' },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'headers.authorization'],
      censor: '[redacted]',
    },
  });
}
