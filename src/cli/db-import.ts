import { importDatabase } from '../db/backup';
import { fileArgument, runOnDatabase } from './backup-cli';

/** `npm run db:import -- --in FILE`: a backup into an empty, migrated database, all or nothing. */
const input = fileArgument('in', 'npm run db:import -- --in FILE');
runOnDatabase('Import', async (database) => {
  const counts = await importDatabase(database, input);
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  return `Imported ${total} rows into the ${database.kind} database from ${input}, verified by count: ${JSON.stringify(counts)}`;
});
