import { setFlagsFromString } from 'node:v8';
import { startApp } from './app';
import { ConfigError, loadConfig } from './config/config';
import { MigrationError } from './db/migrate';

/** `npm start`: the only place that reads process.env. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (config.databaseUrl) {
    // Prisma's query compiler is WebAssembly that runs once per query shape. V8's optimizing wasm
    // compiler held some 70 MB for it for good; its baseline compiler is enough. (Not for PGlite,
    // whose whole database runs in WebAssembly.)
    setFlagsFromString('--liftoff-only');
  }
  const app = await startApp(config);

  let signalled = false;
  const shutDown = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    app.logger.info({ signal }, 'shutting down');
    app.stop().then(
      () => process.exit(0),
      (error) => {
        app.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutDown);
  process.on('SIGINT', shutDown);
  // Only now: a supervisor may signal as soon as it reads this line, and the handlers must be there.
  const where = config.databaseUrl ? 'PostgreSQL' : `the embedded database in ${config.dataDir}`;
  process.stdout.write(`pitchside is ready at ${app.url} (${where})\n`);
}

main().catch((error) => {
  // Problems an operator fixes (settings, migrations) read best as one message; anything else keeps its stack.
  const expected = error instanceof ConfigError || error instanceof MigrationError;
  const message = expected ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`pitchside could not start: ${message}\n`);
  process.exit(1);
});
