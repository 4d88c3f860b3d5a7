import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../../generated/prisma/client';
import { createLogger, fdDestination } from '../../logging/logger';
import { exportDatabase } from '../backup';
import { migrate } from '../migrate';
import { reasonOf } from '../unreachable';
import { pgliteSession } from './pglite-session';

/**
 * `node pglite-export.js PGLITE_DIR FILE`: a child process of the move from PGlite (pglite-move.ts).
 * Brings a copy of the previous release's database to this release's migrations, then writes it
 * with the backup export. A process of its own: PGlite's WebAssembly memory goes back to the system
 * when it exits, rather than staying in the server.
 */
async function main(): Promise<void> {
  const [dir, file] = process.argv.slice(2);
  const pglite = new PGlite(dir);
  await pglite.waitReady;
  try {
    await migrate(pgliteSession(pglite), createLogger('warn', fdDestination(2)));
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    const out = createWriteStream(file, { flags: 'wx' });
    await once(out, 'open');
    const counts = await exportDatabase({ prisma }, out);
    out.end();
    await once(out, 'finish');
    await prisma.$disconnect();
    process.stdout.write(JSON.stringify(counts));
  } finally {
    await pglite.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${reasonOf(error)}\n`);
  process.exit(1);
});
