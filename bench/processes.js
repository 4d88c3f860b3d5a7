// What the bench's phases share: starting and stopping pitchside's processes, its GraphQL calls,
// and a DATA_DIR the embedded PostgreSQL can use.
const { spawn } = require('node:child_process');
const { chmodSync, mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/** Starts a process and answers it once it prints `readyText`, with the milliseconds that took. */
function start(command, args, env, readyText) {
  const started = performance.now();
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      if (output.includes(readyText)) {
        child.readyMs = Math.round(performance.now() - started);
        child.stdout.off('data', onData);
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}:\n${output}`)));
  });
}

/** Stops a process with SIGTERM and waits for it to exit. */
function stop(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

/** A GraphQL call's data; any error throws. */
async function gql(url, query, variables, token) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** A new DATA_DIR: run as root, pitchside runs its PostgreSQL as the postgres user, which must reach it. */
function embeddedDataDir() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pitchside-bench-'));
  chmodSync(dataDir, 0o755);
  return dataDir;
}

module.exports = { start, stop, gql, embeddedDataDir };
