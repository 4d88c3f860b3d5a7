import { setFlagsFromString } from 'node:v8';
import { loadConfig } from './config/config';
import { isOperatorProblem } from './config/operator-problems';
import { fdDestination } from './logging/logger';

/**
 * `npm start`: the only place that reads process.env. Its own lines go through the log's
 * destination too, so a closed stdout can neither crash it (EPIPE) nor hold it at exit.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // WebAssembly runs on V8's baseline compiler only. Prisma's query compiler runs once per query
  // shape, and the optimizing compiler held ~70 MB for it for good (docs/benchmarks.md).
  setFlagsFromString('--liftoff-only');
  // Tracing first, then the app: its instrumentations hook http and graphql as they are first loaded.
  // Off, it is not loaded at all.
  const databaseKind = config.databaseUrl ? 'postgres' : 'embedded';
  const tracing = config.tracing ? (await import('./observability/tracing')).startTracing(databaseKind) : undefined;
  const { startApp } = await import('./app');
  const app = await startApp(config, { statementTracer: tracing?.statements });

  let signalled = false;
  const shutDown = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    app.logger.info({ signal }, 'shutting down');
    app
      .stop()
      .then(() => tracing?.shutdown())
      .then(
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
  const where = config.databaseUrl ? 'PostgreSQL' : `the embedded PostgreSQL in ${config.dataDir}`;
  const origin = new URL(app.url).origin;
  fdDestination(1).write(`pitchside is ready at ${origin}/ (the club's app; its API at ${origin}/graphql; ${where})\n`);
}

main().catch((error) => {
  const message = isOperatorProblem(error) ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  fdDestination(2).write(`pitchside could not start: ${message}\n`);
  process.exit(1);
});
