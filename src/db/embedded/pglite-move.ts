import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from '../../logging/logger';
import { importDatabase } from '../backup';
import type { Database } from '../database';
import { migrate } from '../migrate';
import { reasonOf } from '../unreachable';
import { EmbeddedDatabaseError } from './embedded-errors';
import { CLUSTER_DIR, stopOrphanedServer } from './postgres-server';

const execFileAsync = promisify(execFile);

/** The previous release's embedded database (PGlite) in DATA_DIR. */
const PGLITE_DIR = 'pglite';
/** The move's work: a copy of the PGlite directory and its export. Its presence means a move has not finished. */
const WORK_DIR = '.pglite-move';

/**
 * A DATA_DIR written by the previous release, which ran PGlite, is moved into PostgreSQL on the
 * first start of this one, with the backup's export and import (every row, verified by count).
 * The PGlite directory itself is only read from a copy: whatever fails, it is left as it was, and
 * once the move has succeeded it is kept under a new name.
 */
export interface PGliteMove {
  /** Into the new cluster's database, which the caller has started: migrate, import, keep the old directory. */
  complete(database: Database): Promise<void>;
  /** After a failure, with the server stopped: the new cluster and the work go, the PGlite directory stays. */
  abandon(): Promise<void>;
}

/**
 * When DATA_DIR holds a PGlite database: exports it (before the new server starts) and answers the
 * rest of the move. A cluster left by a move that did not finish (pitchside killed during it) is
 * discarded first: the PGlite directory still holds everything.
 */
export async function startMoveFromPGlite(dataDir: string, logger: Logger): Promise<PGliteMove | undefined> {
  const pgliteDir = path.join(dataDir, PGLITE_DIR);
  const workDir = path.join(dataDir, WORK_DIR);
  const clusterDir = path.join(dataDir, CLUSTER_DIR);
  if (!existsSync(path.join(pgliteDir, 'PG_VERSION'))) {
    // Killed after the old directory was renamed: the move itself had finished.
    await rm(workDir, { recursive: true, force: true });
    return undefined;
  }
  const failed = (step: string, error: unknown) =>
    new EmbeddedDatabaseError(`moving the embedded database from PGlite to PostgreSQL failed (${step}): ${failureOf(error)}; ${pgliteDir} is untouched`);
  const discardNewCluster = async () => {
    await stopOrphanedServer(clusterDir, logger);
    await rm(clusterDir, { recursive: true, force: true });
  };

  if (existsSync(path.join(clusterDir, 'PG_VERSION')) && !existsSync(workDir)) {
    // Not a move that was cut short: both are somebody's data, and neither is ours to discard.
    throw new EmbeddedDatabaseError(`DATA_DIR ${dataDir} holds both a PGlite database (${PGLITE_DIR}) and a PostgreSQL one (${CLUSTER_DIR}); move one of them out`);
  }
  logger.info({ from: pgliteDir }, 'DATA_DIR holds the previous release\'s PGlite database: moving it into PostgreSQL');
  const exportFile = path.join(workDir, 'export.ndjson');
  let counts: Record<string, number>;
  try {
    await discardNewCluster();
    await rm(workDir, { recursive: true, force: true });
    await mkdir(workDir, { mode: 0o700 });
    await cp(pgliteDir, path.join(workDir, PGLITE_DIR), { recursive: true });
    const { stdout } = await execFileAsync(process.execPath, [path.join(__dirname, 'pglite-export.js'), path.join(workDir, PGLITE_DIR), exportFile], { maxBuffer: 1 << 20 });
    counts = JSON.parse(stdout);
  } catch (error) {
    await rm(workDir, { recursive: true, force: true });
    throw failed('exporting the PGlite database', error);
  }

  return {
    async complete(database) {
      let kept: string;
      try {
        await database.withSession((session) => migrate(session, logger));
        await importDatabase(database, exportFile);
        kept = `${pgliteDir}.moved-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        await rename(pgliteDir, kept);
      } catch (error) {
        throw failed('importing into PostgreSQL', error);
      }
      await rm(workDir, { recursive: true, force: true });
      const rows = Object.values(counts).reduce((sum, count) => sum + count, 0);
      logger.warn({ rows, counts, keptAt: kept }, `moved the embedded database from PGlite into PostgreSQL (${rows} rows); the old directory is kept at ${kept}`);
    },
    async abandon() {
      await discardNewCluster();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

/** What a failure said: the export child's last line on stderr, or the error's own reason. */
function failureOf(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr?.trim();
  return stderr ? stderr.split('\n').at(-1)!.trim() : reasonOf(error);
}
