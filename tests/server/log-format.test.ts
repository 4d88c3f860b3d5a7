import { spawn } from 'node:child_process';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { freePort, ROOT, startServerProcess } from '../support/server-process';
import { waitFor } from '../support/wait';

describe('the log as a person or a collector reads it (LOG_FORMAT=auto)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('is readable lines on a terminal: `npm start` in a real pseudo-terminal (script)', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...database.env, PORT: String(await freePort()), HOST: '127.0.0.1', LOG_LEVEL: 'info', TERM: 'xterm' };
    delete env.NODE_OPTIONS;
    const child = spawn('script', ['-qfec', 'sh scripts/serve.sh', '/dev/null'], { cwd: ROOT, env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    try {
      await waitFor(async () => output.includes('pitchside is ready at'), 30_000);
      expect(output).toMatch(/INFO.*pitchside is ready/);
      expect(output).not.toContain('{"level"');
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.on('exit', resolve));
    }
  });

  it('is JSON lines anywhere else (a pipe)', async () => {
    const server = await startServerProcess({ ...database.env, LOG_LEVEL: 'info' });
    try {
      expect(server.output()).toMatch(/^\{"level":30,.*"msg":"pitchside is ready"\}$/m);
    } finally {
      await server.stop();
    }
  });
});
