import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * PGlite makes a new data directory (its initdb) the first time it opens one. The WebAssembly
 * instances and buffers initdb takes stayed in the process after it: a new club's first start idled
 * at ~430 MB against ~150 MB for a restart (BENCHMARKS.md). A new directory is therefore made by a
 * short-lived child process, whose memory goes back to the system when it exits.
 */
export async function initEmbeddedDataDir(pgdataDir: string): Promise<void> {
  if (existsSync(path.join(pgdataDir, 'PG_VERSION'))) return;
  const script = `
    const { PGlite } = require(${JSON.stringify(require.resolve('@electric-sql/pglite'))});
    const db = new PGlite(${JSON.stringify(pgdataDir)});
    db.waitReady.then(() => db.close());`;
  try {
    await execFileAsync(process.execPath, ['-e', script], { env: {} });
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`Could not create the embedded database in ${pgdataDir}: ${stderr?.trim() || (error as Error).message}`);
  }
}
