import { loadConfig } from '../config/config';
import { isOperatorProblem } from '../config/operator-problems';
import { migrateDatabase, openDatabase } from '../db/database';
import { createLogger } from '../logging/logger';

/** `npm run db:migrate`: apply pending migrations to the configured database, then exit. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config, logger);
  try {
    const applied = await migrateDatabase(database, logger);
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n');
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  process.stderr.write(`Migration failed: ${isOperatorProblem(error) ? error.message : (error?.stack ?? error)}\n`);
  process.exit(1);
});
