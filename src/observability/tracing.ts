// Loaded only when tracing is on (main.ts imports it then, before anything else it instruments):
// with it off, no OpenTelemetry module is in the process.
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { StatementTracer } from '../db/statement-tracer';

/** What a statement's span shows of it: the parameterised SQL (never values), cut at this length. */
const MAX_STATEMENT_LENGTH = 2000;

export interface Tracing {
  statements: StatementTracer;
  /** Sends what is still buffered; main.ts calls it when shutting down. */
  shutdown(): Promise<void>;
}

type Statement = { sql: string };
type Run = (query: Statement, ...rest: unknown[]) => Promise<unknown>;

/**
 * OpenTelemetry, configured by the standard OTEL_* variables (endpoint, protocol — http/protobuf,
 * http/json or grpc —, headers, service name, resource attributes, sampler), which the SDK reads
 * itself. Spans: each HTTP request; the GraphQL operation, named by its operation, and its root
 * fields (deeper resolvers would be hundreds per request); each SQL statement, on a separate
 * PostgreSQL and on the embedded one alike, from the database layer.
 */
export function startTracing(databaseKind: 'postgres' | 'embedded'): Tracing {
  const sdk = new NodeSDK({
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES still win over this default.
    resource: resourceFromAttributes({ 'service.name': 'pitchside' }),
    // Traces only: pitchside's metrics are Prometheus's (/metrics), its logs are stdout's.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => request.url === '/metrics' || request.url === '/healthz' }),
      new GraphQLInstrumentation({ depth: 1, mergeItems: true, ignoreTrivialResolveSpans: true, allowValues: false }),
    ],
  });
  sdk.start();
  const tracer = trace.getTracer('pitchside.db');
  const system = { 'db.system': 'postgresql', 'pitchside.database': databaseKind };

  const traced = <T>(sql: string, run: () => Promise<T>): Promise<T> =>
    tracer.startActiveSpan(
      sql.trimStart().split(/\s/, 1)[0].toUpperCase() || 'SQL',
      { kind: SpanKind.CLIENT, attributes: { ...system, 'db.query.text': sql.slice(0, MAX_STATEMENT_LENGTH) } },
      async (span) => {
        try {
          return await run();
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
          throw error;
        } finally {
          span.end();
        }
      },
    );

  /** An adapter or transaction whose queryRaw and executeRaw run in a span each. */
  const withSpans = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver);
        if (typeof value !== 'function') return value;
        if (property === 'queryRaw' || property === 'executeRaw') {
          return (query: Statement, ...rest: unknown[]) => traced(query.sql, () => (value as Run).call(object, query, ...rest));
        }
        if (property === 'startTransaction') {
          return async (...args: unknown[]) => withSpans((await value.apply(object, args)) as object);
        }
        return value.bind(object);
      },
    });

  return {
    statements: {
      adapter: (factory) =>
        new Proxy(factory, {
          get(object, property, receiver) {
            const value = Reflect.get(object, property, receiver);
            if (property === 'connect' && typeof value === 'function') {
              return async (...args: unknown[]) => withSpans((await value.apply(object, args)) as object);
            }
            return typeof value === 'function' ? value.bind(object) : value;
          },
        }),
      statement: traced,
    },
    shutdown: () => sdk.shutdown(),
  };
}
