import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
/** The built server and CLIs: `npm test` builds before it runs jest. */
export const DIST = path.join(ROOT, 'dist');

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface ServerProcess {
  child: ChildProcess;
  output(): string;
  url: string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** The environment a child starts with: this machine's, minus anything that would point it elsewhere. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = { ...process.env };
  for (const name of ['DATABASE_URL', 'DATA_DIR', 'JWT_SECRET', 'SIGNUP_CODE', 'ADMIN_LOGIN_ID', 'ADMIN_PASSWORD', 'NODE_ENV', 'NODE_OPTIONS']) {
    delete inherited[name];
  }
  return { ...inherited, LOG_LEVEL: 'warn', AUTH_RATE_LIMIT_PER_MINUTE: '0', ...env };
}

function run(command: string, args: string[], env: Record<string, string>, stdin?: string) {
  const child = spawn(command, args, { cwd: ROOT, env: childEnv(env) });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  child.stdin.end(stdin ?? '');
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

export function runNode(script: string, args: string[], env: Record<string, string>, stdin?: string) {
  return run(process.execPath, [path.join(DIST, script), ...args], env, stdin);
}

/**
 * `sh scripts/serve.sh`, as `npm start` runs it after building; resolves once it prints its URL.
 * `asUser` runs it as that user (runuser, which passes signals on), as the Docker image runs it.
 * Without a PORT it takes a free one; should another process take that port first (freePort
 * closes it before the server opens it), it starts again on another.
 */
export async function startServerProcess(env: Record<string, string>, { asUser }: { asUser?: string } = {}): Promise<ServerProcess> {
  const [command, args] = asUser ? ['runuser', ['-u', asUser, '--', 'sh', 'scripts/serve.sh']] : ['sh', ['scripts/serve.sh']];
  for (let attempt = 1; ; attempt++) {
    const port = env.PORT ?? String(await freePort());
    const server = run(command, args, { HOST: '127.0.0.1', ...env, PORT: port });
    const ready = await new Promise<boolean>((resolve) => {
      const poll = setInterval(() => {
        if (/pitchside is ready at /.test(server.output())) {
          clearInterval(poll);
          resolve(true);
        }
      }, 25);
      server.exited.then(() => {
        clearInterval(poll);
        resolve(false);
      });
    });
    if (!ready && env.PORT === undefined && attempt < 3 && /EADDRINUSE/.test(server.output())) continue;
    if (!ready) throw new Error(`the server did not start:\n${server.output()}`);
    return {
      ...server,
      url: `http://127.0.0.1:${port}/graphql`,
      stop() {
        server.child.kill('SIGTERM');
        return server.exited;
      },
    };
  }
}

/** pitchside's own JSON log lines in a process's output (its other lines, such as the ready line, left out). */
export function logLinesOf(output: string): { level: number; msg: string; [field: string]: unknown }[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
}
