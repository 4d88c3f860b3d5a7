import { DatabaseUnreachableError } from '../db/database';
import { EmbeddedDatabaseError } from '../db/embedded/embedded-errors';
import { MigrationError } from '../db/migrate';
import { ConfigError } from './config';

/**
 * Problems an operator fixes (settings, migrations, the database's whereabouts, a DATA_DIR in use):
 * the server and the command-line tools print them as their message alone; anything else keeps its stack.
 */
export function isOperatorProblem(error: unknown): error is Error {
  return error instanceof ConfigError || error instanceof MigrationError || error instanceof DatabaseUnreachableError || error instanceof EmbeddedDatabaseError;
}
