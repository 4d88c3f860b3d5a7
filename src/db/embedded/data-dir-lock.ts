import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { EmbeddedDatabaseError } from './embedded-errors';

const LOCK_FILE = 'pitchside.pid';
/** What the previous release (PGlite) locked the directory with: a pitchside of that release may still run on it. */
const PGLITE_LOCK_FILE = 'pglite.lock';

/**
 * One pitchside per DATA_DIR: it owns the PostgreSQL server there. A pid file refuses a second one
 * in one line naming the first; a stale one (its process gone, or the pid now someone else's) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const legacyHolder = liveHolderOf(path.join(dataDir, PGLITE_LOCK_FILE));
  if (legacyHolder !== undefined) throw inUse(dataDir, legacyHolder);
  const lockPath = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = liveHolderOf(lockPath);
      if (holder !== undefined) throw inUse(dataDir, holder);
      rmSync(lockPath, { force: true });
    }
  }
  throw new EmbeddedDatabaseError(`could not lock DATA_DIR ${dataDir}`);
}

function inUse(dataDir: string, pid: number) {
  return new EmbeddedDatabaseError(`DATA_DIR ${dataDir} is in use by pitchside process ${pid}; stop it first, or give this one another DATA_DIR`);
}

/** The pid in a lock file, when that process is alive and is a Node.js process (not a reused pid). */
function liveHolderOf(lockPath: string): number | undefined {
  if (!existsSync(lockPath)) return undefined;
  const pid = Number(readFileSync(lockPath, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isAlive(pid)) return undefined;
  return commandOf(pid)?.includes('node') === false ? undefined : pid;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A process's command line (Linux's /proc), or undefined where it cannot be read. */
export function commandOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return undefined;
  }
}
