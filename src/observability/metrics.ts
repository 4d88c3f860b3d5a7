import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ConcurrencyLimit } from '../http/concurrency-limit';

/**
 * The Prometheus metrics of one server instance, in a registry of its own (tests run several
 * instances in one process). Served at /metrics.
 */
export function createMetrics(graphqlAdmission: ConcurrencyLimit) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  let noticeCounts: (() => Promise<Record<string, number>>) | undefined;
  return {
    registry,
    /** Where the webhook_notices gauge reads its counts at each scrape: the outbox, shared by every instance. */
    observeNotices(count: () => Promise<Record<string, number>>) {
      noticeCounts = count;
    },
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
