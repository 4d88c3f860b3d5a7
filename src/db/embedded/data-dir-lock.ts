import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { EmbeddedDatabaseError } from './embedded-errors';
import { livePidIn } from './pid-files';

const LOCK_FILE = 'pitchside.pid';
/** What the previous release (PGlite) locked the directory with: a pitchside of that release may still run on it. */
const PGLITE_LOCK_FILE = 'pglite.lock';

/**
 * One pitchside per DATA_DIR: it owns the PostgreSQL server there. A pid file refuses a second one
 * in one line naming the first; a stale one (its process gone, or the pid now someone else's) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const legacyHolder = livePidIn(path.join(dataDir, PGLITE_LOCK_FILE), 'node');
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
      const holder = livePidIn(lockPath, 'node');
      if (holder !== undefined) throw inUse(dataDir, holder);
      rmSync(lockPath, { force: true });
    }
  }
  throw new EmbeddedDatabaseError(`could not lock DATA_DIR ${dataDir}`);
}

function inUse(dataDir: string, pid: number) {
  return new EmbeddedDatabaseError(`DATA_DIR ${dataDir} is in use by pitchside process ${pid}; stop it first, or give this one another DATA_DIR`);
}
