/**
 * How the database layer reports each SQL statement when tracing is on
 * (src/observability/tracing.ts); with tracing off there is none, and nothing is wrapped.
 */
export interface StatementTracer {
  /** A Prisma driver adapter factory whose adapters trace every statement they run. */
  adapter<F extends object>(factory: F): F;
  /** Runs one statement of the plain read path inside a span. */
  statement<T>(sql: string, run: () => Promise<T>): Promise<T>;
}
