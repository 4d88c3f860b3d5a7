import type { PrismaClient } from '../db/database';
import { readMigrationFiles } from '../db/migrate';
import type { Metrics } from '../observability/metrics';
import { sendJson, type Route } from './server';
import { sendCompressible } from './compression';

/**
 * What operators and the load balancer ask: /healthz (the process answers), /readyz (the database
 * answers and every migration this release knows is applied; 503 otherwise, also while shutting
 * down) and /metrics (Prometheus text format).
 */
export async function operationsRoutes(prisma: PrismaClient, metrics: Metrics, isStopping: () => boolean): Promise<Route[]> {
  const migrationNames = (await readMigrationFiles()).map((file) => file.name);
  return [
    {
      method: 'GET',
      path: '/healthz',
      name: '/healthz',
      handle: (_request, response) => sendJson(response, 200, { status: 'ok' }),
    },
    {
      method: 'GET',
      path: '/readyz',
      name: '/readyz',
      async handle(_request, response) {
        if (isStopping()) return sendJson(response, 503, { status: 'stopping' });
        try {
          const [{ applied }] = await prisma.$queryRaw<{ applied: number }[]>`
            SELECT count(*)::int AS applied FROM "_prisma_migrations"
             WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL AND migration_name = ANY(${migrationNames})`;
          if (applied < migrationNames.length) return sendJson(response, 503, { status: 'migrations pending' });
          sendJson(response, 200, { status: 'ready' });
        } catch {
          sendJson(response, 503, { status: 'database unreachable' });
        }
      },
    },
    {
      method: 'GET',
      path: '/metrics',
      name: '/metrics',
      async handle(request, response) {
        response.setHeader('content-type', metrics.registry.contentType);
        await sendCompressible(request, response, await metrics.registry.metrics());
      },
    },
  ];
}
