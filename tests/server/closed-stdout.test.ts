import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createEmbeddedDataDir, createTestDatabase, type TestDatabase } from '../support/databases';
import { DIST, startServerProcess } from '../support/server-process';

/** Closes the parent's end of the child's stdout pipe and resolves once it is closed: every later write by the child fails (EPIPE). */
function closeReader(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.stdout!.once('close', () => resolve());
    child.stdout!.destroy();
  });
}

/** The exit code, or 'still running' once `withinMs` has passed (the child is then killed). */
function exitWithin(child: ChildProcess, withinMs: number): Promise<number | null | 'still running'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('still running');
    }, withinMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/**
 * A server whose stdout reader has gone (a supervisor that exited right after SIGTERM) must still
 * stop. pino's default destination looped forever on EPIPE while flushing at exit.
 */
describe('with the reader of stdout gone', () => {
  it("the server's logger lets a process that logs and exits exit", async () => {
    const logger = path.join(DIST, 'logging/logger.js');
    const script = `
      const logger = require(${JSON.stringify(logger)}).createLogger('info');
      process.on('message', () => { logger.info('one'); logger.info('two'); process.exit(0); });`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    await closeReader(child);
    child.send('log and exit');
    expect(await exitWithin(child, 5_000)).toBe(0);
  });

  describe.each([
    ['a separate PostgreSQL', createTestDatabase],
    ['the embedded PostgreSQL', createEmbeddedDataDir],
  ])('on %s', (_, create) => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await create();
    });
    afterEach(async () => {
      await database.drop();
    });

    it('SIGTERM stops the server within SHUTDOWN_TIMEOUT_MS, and frees its port and data', async () => {
      const shutdownTimeoutMs = 5_000;
      const env = { ...database.env, LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs) };
      const server = await startServerProcess(env);
      await closeReader(server.child);
      server.child.kill('SIGTERM');
      // Without the fix it never exits.
      expect(await exitWithin(server.child, shutdownTimeoutMs)).toBe(0);
      // The port and (embedded) the data directory and its PostgreSQL are free: the same server starts again on both.
      const again = await startServerProcess({ ...env, PORT: new URL(server.url).port });
      expect(await again.stop()).toBe(0);
    });
  });
});
