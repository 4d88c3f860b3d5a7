// type-graphql's decorators need the metadata API before any GraphQL type is loaded.
import 'reflect-metadata';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { systemClock, type Clock } from './clock/clock';
import type { Config } from './config/config';
import { migrateDatabase, openDatabase, type Database } from './db/database';
import type { StatementTracer } from './db/statement-tracer';
import { createErrorMasking } from './errors/format-error';
import { compiledExecution } from './graphql/compiled-execution';
import { createContextBuilder, type GraphQLContext } from './graphql/context';
import { introspectionAccess } from './graphql/introspection-access';
import { QueryLimits } from './graphql/query-limits';
import { withPermissions } from './graphql/schema';
import { ConcurrencyLimit } from './http/concurrency-limit';
import { CrossOriginPolicy } from './http/cors';
import { graphqlRoutes } from './http/graphql-route';
import { serveGraphQLSocket } from './http/graphql-socket';
import { operationsRoutes } from './http/operations-routes';
import { createRequestHandler, listen } from './http/server';
import { hashedAssetRoutes } from './http/static-assets';
import { createLogger, logDestination, type Logger } from './logging/logger';
import { appModules, buildAppSchema, createLoaders } from './modules';
import { ensureBootstrapAdmin } from './modules/members/bootstrap-admin';
import { playgroundPage } from './modules/playground/playground.routes';
import type { MemberCache } from './modules/members/member-cache';
import type { MemberRecord } from './modules/members/member.service';
import type { SettlementScheduler } from './modules/settlement/settlement-scheduler';
import { graphqlMetricsPlugin } from './observability/graphql-metrics-plugin';
import { createMetrics } from './observability/metrics';
import { createServices, type Services } from './services';

/**
 * A mutation's changes are committed by the time it answers. This instance forgets the members it
 * remembered then, so its next request sees them without waiting for their notification.
 */
function forgetMembersAfterMutations(cache: MemberCache): ApolloServerPlugin<GraphQLContext> {
  const forget = {
    async willSendResponse({ operation }: { operation?: { operation: string } | null }) {
      if (operation?.operation === 'mutation') cache.forgetAll();
    },
  };
  return { requestDidStart: async () => forget };
}

export interface AppDependencies {
  clock?: Clock;
  logger?: Logger;
  /** Each SQL statement in a span, when tracing is on. */
  statementTracer?: StatementTracer;
}

export interface RunningApp {
  url: string;
  port: number;
  database: Database;
  scheduler: SettlementScheduler;
  services: Services;
  logger: Logger;
  /** Graceful: stop accepting, finish in-flight requests (bounded), close the database. */
  stop(): Promise<void>;
}

/** Opens and migrates the database, wires the services and serves GraphQL on the configured port. */
export async function startApp(config: Config, dependencies: AppDependencies = {}): Promise<RunningApp> {
  const clock = dependencies.clock ?? systemClock;
  const logger = dependencies.logger ?? createLogger(config.logLevel, logDestination(config.logFormat));

  const database = await openDatabase(config, logger, dependencies.statementTracer);
  try {
    await migrateDatabase(database, logger);
    const graphqlAdmission = new ConcurrencyLimit(config.graphqlMaxConcurrency);
    const metrics = createMetrics(graphqlAdmission);
    const services = createServices({ config, clock, logger, database, metrics });
    const { scheduler } = services;
    await ensureBootstrapAdmin(config.bootstrapAdmin, services.members, logger);
    await services.clubSetup.offerIfNoAdmin(logger);

    const schema = await buildAppSchema(config.timeZone, services);
    const limits = new QueryLimits(schema, config.queryLimits);
    const errorMasking = createErrorMasking(logger);
    const servedSchema = withPermissions(schema);
    const apollo = new ApolloServer<GraphQLContext>({
      // Compiled execution, but with tracing on: its GraphQL spans come from instrumenting graphql-js.
      ...(config.tracing ? { schema: servedSchema } : { gateway: compiledExecution(servedSchema) }),
      allowBatchedHttpRequests: false,
      // No client of ours sends persisted queries, and one sent by its hash alone would pass the
      // route's query limits unchecked (its cost depends on each request's variables).
      persistedQueries: false,
      // Who may introspect is decided per request, by introspectionAccess.
      introspection: true,
      includeStacktraceInErrorResponses: false,
      // main.ts owns the signals: Apollo's own handler would stop it before in-flight requests finish.
      stopOnTerminationSignals: false,
      formatError: errorMasking.formatError,
      // The playground is served by graphqlRoutes from our own files (modules/playground), not Apollo's CDN page.
      // No HTTP caching of answers here, so Apollo's per-field cache-control bookkeeping goes too.
      plugins: [
        ApolloServerPluginLandingPageDisabled(),
        ApolloServerPluginCacheControlDisabled(),
        errorMasking.plugin,
        graphqlMetricsPlugin(metrics),
        forgetMembersAfterMutations(services.memberCache),
        introspectionAccess(config.graphqlIntrospection),
      ],
    });
    await apollo.start();
    // Before the port opens: settlement's catch-up settles what ended while no server ran.
    const jobs = appModules.flatMap((module) => module.jobs?.(services) ?? []);
    for (const job of jobs) await job.start();

    let stopping: Promise<void> | undefined;
    // The members module primes its loader with the viewer, so `me` costs no query of its own.
    const loadersFor = (viewer: MemberRecord | null) => createLoaders({ database, services, viewer });
    const routes = [
      ...graphqlRoutes(
        apollo,
        createContextBuilder({
          viewerOf: services.viewerOf,
          loadersFor,
          trustProxy: config.trustProxy,
        }),
        { playground: config.graphqlIntrospection ? playgroundPage(clock, config.timeZone) : null, executionTimeoutMs: config.executionTimeoutMs, admission: graphqlAdmission, limits, crossOrigin: new CrossOriginPolicy(config.corsOrigins), logger },
      ),
      ...appModules.flatMap((module) => module.routes?.(services) ?? []),
      ...hashedAssetRoutes(),
      ...(await operationsRoutes(database.prisma, metrics, () => stopping !== undefined)),
    ];
    const notFoundPage = appModules.map((module) => module.notFoundPage?.(services)).find((page) => page !== undefined);
    const http = await listen(createRequestHandler(routes, logger, metrics, notFoundPage), config.port, config.host, config.keepAliveTimeoutSeconds);
    const liveSockets = serveGraphQLSocket(http.server, {
      schema: servedSchema,
      viewerOf: services.viewerOfToken,
      loadersFor,
      limits,
      settings: config.live,
      trustProxy: config.trustProxy,
      formatErrors: errorMasking.formatErrors,
      metrics,
      logger,
      clock,
    });
    const url = `http://${config.host && config.host !== '0.0.0.0' ? config.host : 'localhost'}:${http.port}/graphql`;
    logger.info({ url, database: database.kind }, 'pitchside is ready');

    return {
      url,
      port: http.port,
      database,
      scheduler,
      services,
      logger,
      stop() {
        stopping ??= (async () => {
          await liveSockets.close();
          await http.close(config.shutdownTimeoutMs);
          for (const job of [...jobs].reverse()) {
            // One job failing to stop must not keep the others, or the database, open.
            await job.stop().catch((error) => logger.error({ err: error, job: job.name }, 'background job did not stop cleanly'));
          }
          await apollo.stop();
          await database.close();
          logger.info('pitchside stopped');
        })();
        return stopping;
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
