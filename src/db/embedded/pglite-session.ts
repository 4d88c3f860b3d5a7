import type { PGlite } from '@electric-sql/pglite';
import type { SqlSession } from '../sql-session';

/** A PGlite database (the previous release's engine, one connection) as the migration runner's session. */
export function pgliteSession(pglite: PGlite): SqlSession {
  return {
    query: async <Row>(sql: string, params?: unknown[]) => (await pglite.query<Row>(sql, params)).rows,
    exec: async (script: string) => void (await pglite.exec(script)),
  };
}
