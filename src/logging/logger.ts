import { writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import pino from 'pino';
import { prettyFactory } from 'pino-pretty';
import type { LogFormat, LogLevel } from '../config/config';

export type Logger = pino.Logger;

/** How long one line may wait for a full pipe to drain before it is dropped. */
const FULL_PIPE_PATIENCE_MS = 1_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Where log lines go: a file descriptor (stdout), written synchronously, so nothing is buffered to
 * lose on a crash and nothing is left to flush at exit. pino's default destination (sonic-boom 4)
 * retries every failed write forever while flushing at exit: with stdout's reader gone (EPIPE) a
 * process asked to stop never did. Here a write that fails for any reason other than a full pipe
 * ends logging for good, and a pipe that stays full for a second drops the line (and the lines
 * after it, until one gets through) rather than holding the process.
 */
export function fdDestination(fd: number) {
  let broken = false;
  /** A line was just dropped on a full pipe: the next ones are dropped at once until a write succeeds. */
  let stalled = false;
  return {
    write(line: string): void {
      if (broken) return;
      // The rest of a short write (a nearly full pipe), as bytes: it may end inside a character.
      let rest: Buffer | undefined;
      let waitedMs = 0;
      for (;;) {
        try {
          if (rest === undefined) {
            const written = writeSync(fd, line);
            stalled = false;
            if (written === Buffer.byteLength(line)) return;
            rest = Buffer.from(line).subarray(written);
          } else {
            rest = rest.subarray(writeSync(fd, rest));
            if (rest.length === 0) return;
          }
        } catch (error) {
          const fullPipe = (error as NodeJS.ErrnoException).code === 'EAGAIN';
          if (!fullPipe || stalled || waitedMs >= FULL_PIPE_PATIENCE_MS) {
            broken = !fullPipe;
            stalled = fullPipe;
            return;
          }
          Atomics.wait(sleeper, 0, 0, 10);
          waitedMs += 10;
        }
      }
    },
  };
}

/**
 * For a person at a terminal: each JSON line as pino-pretty prints it (time, level, message,
 * fields), written the same careful way.
 */
export function readableDestination(fd: number) {
  const target = fdDestination(fd);
  const pretty = prettyFactory({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' });
  return { write: (line: string) => target.write(pretty(line)) };
}

/** Where the server's log goes: readable lines on a terminal (LOG_FORMAT=auto), JSON lines elsewhere. */
export function logDestination(format: LogFormat, fd = 1) {
  const readable = format === 'pretty' || (format === 'auto' && isatty(fd));
  return readable ? readableDestination(fd) : fdDestination(fd);
}

/** JSON lines on stdout. Secrets never reach a log line, even if someone logs a whole input. */
export function createLogger(level: LogLevel, destination = fdDestination(1)): Logger {
  return pino(
    {
      level,
      base: { service: 'pitchside' },
      redact: {
        paths: ['password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'headers.authorization'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
