import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { exportDatabase } from '../db/backup';
import { fileArgument, runOnDatabase } from './backup-cli';

/** `npm run db:export -- --out FILE`: the whole database, as a portable backup file. */
const out = fileArgument('out', 'npm run db:export -- --out FILE');
runOnDatabase('Export', async (database) => {
  const file = createWriteStream(out, { flags: 'wx' });
  await once(file, 'open');
  const counts = await exportDatabase(database, file);
  file.end();
  await once(file, 'finish');
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  return `Exported ${total} rows from the ${database.kind} database to ${out}: ${JSON.stringify(counts)}`;
});
