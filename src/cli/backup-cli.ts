import { loadConfig } from '../config/config';
import { isOperatorProblem } from '../config/operator-problems';
import { BackupRefused } from '../db/backup';
import { migrateDatabase, openDatabase, type Database } from '../db/database';
import { createLogger } from '../logging/logger';

/** The value of `--name FILE` among the command's arguments, or a usage line and exit 2. */
export function fileArgument(name: string, usage: string): string {
  const args = process.argv.slice(2);
  const index = args.indexOf(`--${name}`);
  const value = index >= 0 ? args[index + 1] : undefined;
  if (!value) {
    process.stderr.write(`usage: ${usage}\n`);
    process.exit(2);
  }
  return value;
}

/**
 * Opens the database the server would use (DATABASE_URL, else the embedded one in DATA_DIR),
 * migrated, runs `work` on it and exits: 0, or 1 with one line saying why.
 */
export function runOnDatabase(what: string, work: (database: Database) => Promise<string>): void {
  (async () => {
    const config = loadConfig(process.env);
    // Its own lines only: the database's are for the server's log.
    const logger = createLogger('warn');
    const database = await openDatabase(config, logger);
    try {
      await migrateDatabase(database, logger);
      process.stdout.write(`${await work(database)}\n`);
    } finally {
      await database.close();
    }
  })().catch((error) => {
    const expected = error instanceof BackupRefused || isOperatorProblem(error) || typeof (error as NodeJS.ErrnoException)?.code === 'string';
    process.stderr.write(`${what} failed: ${expected ? error.message : (error?.stack ?? error)}\n`);
    process.exit(1);
  });
}
