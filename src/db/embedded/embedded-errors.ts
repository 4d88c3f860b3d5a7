/**
 * A problem with the embedded database an operator can act on (a DATA_DIR in use, a directory the
 * server cannot open, a failed move from PGlite): printed as its one line, without a stack.
 */
export class EmbeddedDatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedDatabaseError';
  }
}
