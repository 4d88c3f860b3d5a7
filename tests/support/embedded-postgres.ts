import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/** The embedded PostgreSQL's database, over its Unix socket in DATA_DIR/postgres (while its server runs). */
function embeddedClient(dataDir: string): pg.Client {
  return new pg.Client({ host: path.join(dataDir, 'postgres'), port: 5432, user: 'postgres', database: 'pitchside' });
}

export async function embeddedQuery<Row extends pg.QueryResultRow>(dataDir: string, sql: string, params: unknown[] = []): Promise<Row[]> {
  const client = embeddedClient(dataDir);
  await client.connect();
  try {
    return (await client.query<Row>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** The postmasters (there should be one at most) running on `dataDir`'s cluster. */
export function postmastersOf(dataDir: string): number[] {
  const clusterDir = path.join(dataDir, 'postgres');
  const postmasters: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (command[0].endsWith('/postgres') && command.includes(clusterDir)) postmasters.push(Number(entry));
    } catch {
      // The process ended while being read.
    }
  }
  return postmasters;
}

/** The pids of every PostgreSQL process (postmaster and its children) serving `dataDir`. */
export function postgresProcessesOf(dataDir: string): number[] {
  return postmastersOf(dataDir).flatMap((postmaster) => [postmaster, ...childPidsOf(postmaster)]);
}

/** A process's children now, from /proc. */
export function childPidsOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))![1]) === pid) children.push(Number(entry));
    } catch {
      // The process ended while being read.
    }
  }
  return children;
}

/** The TCP ports a process listens on, from its sockets' inodes in /proc/net/tcp and tcp6. */
export function tcpListenPortsOf(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]);
    } catch {
      // Closed while being read.
    }
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local address, state (0A: LISTEN), inode
      if (fields[3] === '0A' && inodes.has(fields[9])) ports.push(parseInt(fields[1].split(':')[1], 16));
    }
  }
  return ports;
}

/** The owner (uid) of a running process. */
export function uidOf(pid: number): number {
  return Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
}

/** A digest of every file's path and content below `dir`: the same digest, the same tree. */
export function treeDigest(dir: string): string {
  const hash = createHash('sha256');
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(current, entry.name);
      hash.update(path.relative(dir, full));
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) hash.update(readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest('hex');
}
