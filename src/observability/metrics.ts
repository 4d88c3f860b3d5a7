import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ConcurrencyLimit } from '../http/concurrency-limit';

/** Push delivery attempts, each outcome at 0 from the start, so that a dashboard shows none rather than no data. */
function pushDeliveriesCounter(registry: Registry) {
  const counter = new Counter({
    name: 'push_deliveries_total',
    help: 'Web Push delivery attempts by this instance, by outcome (delivered, retry, failed, gone)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  for (const outcome of ['delivered', 'retry', 'failed', 'gone']) counter.inc({ outcome }, 0);
  return counter;
}

/**
 * The Prometheus metrics of one server instance, in a registry of its own (tests run several
 * instances in one process). Served at /metrics.
 */
export function createMetrics(graphqlAdmission: ConcurrencyLimit) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  let noticeCounts: (() => Promise<Record<string, number>>) | undefined;
  let overdueSettlements: (() => Promise<number>) | undefined;
  let database: DatabaseProbe | undefined;
  return {
    registry,
    /** Where the webhook_notices gauge reads its counts at each scrape: the outbox, shared by every instance. */
    observeNotices(count: () => Promise<Record<string, number>>) {
      noticeCounts = count;
    },
    /** Where settlements_overdue is read at each scrape: the events table, shared by every instance. */
    observeOverdueSettlements(count: () => Promise<number>) {
      overdueSettlements = count;
    },
    /** How database_reachable and the pool gauges are read at each scrape. */
    observeDatabase(probe: DatabaseProbe) {
      database = probe;
    },
    settlementsOverdue: new Gauge({
      name: 'settlements_overdue',
      help: 'Events that ended more than 5 minutes ago and are still unsettled, all instances together',
      registers: [registry],
      async collect() {
        // While the database is unreachable the last count stands; database_reachable says why.
        const count = await overdueSettlements?.().catch(() => undefined);
        if (count !== undefined) this.set(count);
      },
    }),
    databaseReachable: new Gauge({
      name: 'database_reachable',
      help: '1 when this instance reached its database at this scrape (a SELECT 1), else 0',
      registers: [registry],
      async collect() {
        if (database) this.set((await database.reachable()) ? 1 : 0);
      },
    }),
    databasePoolConnections: new Gauge({
      name: 'database_pool_connections',
      help: "This instance's PostgreSQL pool: connections open (total), idle, and requests waiting for one; max is DATABASE_POOL_SIZE",
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const pool = database?.pool();
        if (!pool) return;
        for (const [state, value] of Object.entries(pool)) this.set({ state }, value);
      },
    }),
    webhookNotices: new Gauge({
      name: 'webhook_notices',
      help: 'Club webhook notices in the outbox, all instances together: pending, or failed (out of attempts, kept)',
      labelNames: ['state'] as const,
      registers: [registry],
      async collect() {
        // While the database is unreachable the last counts stand; /readyz says why.
        const counts = await noticeCounts?.().catch(() => undefined);
        for (const [state, count] of Object.entries(counts ?? {})) this.set({ state }, count);
      },
    }),
    liveSockets: new Gauge({
      name: 'live_sockets',
      help: 'WebSocket connections open on this instance (GraphQL subscriptions at /graphql)',
      registers: [registry],
    }),
    liveMessages: new Counter({
      name: 'live_messages_total',
      help: 'Participation changes handed to this instance\'s live subscribers (one per subscriber)',
      registers: [registry],
    }),
    pushDeliveries: pushDeliveriesCounter(registry),
    webhookDeliveries: new Counter({
      name: 'webhook_deliveries_total',
      help: 'Club webhook delivery attempts by this instance, by kind and outcome (delivered, retry, failed)',
      labelNames: ['kind', 'outcome'] as const,
      registers: [registry],
    }),
    httpRequestDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    graphqlExecutions: new Gauge({
      name: 'graphql_executions',
      help: 'GraphQL executions right now: running, or queued for a slot (GRAPHQL_MAX_CONCURRENCY)',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        this.set({ state: 'running' }, graphqlAdmission.running);
        this.set({ state: 'queued' }, graphqlAdmission.queued);
      },
    }),
    graphqlOperations: new Counter({
      name: 'graphql_operations_total',
      help: 'GraphQL operations by name and outcome (ok, or the first error code)',
      labelNames: ['operation', 'outcome'] as const,
      registers: [registry],
    }),
    graphqlOperationDuration: new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'GraphQL operations by name, from the request parsed to the answer ready',
      labelNames: ['operation'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    settlements: new Counter({
      name: 'settlements_total',
      help: 'Events settled, by what triggered the settlement',
      labelNames: ['trigger'] as const,
      registers: [registry],
    }),
    penaltiesIssued: new Counter({
      name: 'penalties_issued_total',
      help: 'Penalties issued, by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    geocoderRequests: new Counter({
      name: 'geocoder_requests_total',
      help: 'Geocoder lookups that reached the provider, by provider and outcome',
      labelNames: ['provider', 'outcome'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

export interface DatabaseProbe {
  reachable(): Promise<boolean>;
  pool(): { total: number; idle: number; waiting: number; max: number };
}
