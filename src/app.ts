// type-graphql's decorators need the metadata API before any GraphQL type is loaded.
import 'reflect-metadata';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { resolveJwtSecret } from './auth/jwt-secret';
import { TokenService } from './auth/tokens';
import { systemClock, type Clock } from './clock/clock';
import type { Config } from './config/config';
import { migrateDatabase, openDatabase, type Database } from './db/database';
import { createErrorMasking } from './errors/format-error';
import { createContextBuilder, type GraphQLContext } from './graphql/context';
import { queryLimits } from './graphql/query-limits';
import { buildGraphQLSchema, withPermissions } from './graphql/schema';
import { ConcurrencyLimit } from './http/concurrency-limit';
import { graphqlRoutes } from './http/graphql-route';
import { operationsRoutes } from './http/operations-routes';
import { createRequestHandler, listen } from './http/server';
import { CalendarResolver } from './modules/calendar/calendar.resolver';
import { calendarRoutes } from './modules/calendar/calendar.routes';
import { CalendarService } from './modules/calendar/calendar.service';
import { graphqlMetricsPlugin } from './observability/graphql-metrics-plugin';
import { createMetrics } from './observability/metrics';
import { createLogger, type Logger } from './logging/logger';
import { AuthResolver } from './modules/auth/auth.resolver';
import { AuthService } from './modules/auth/auth.service';
import { LoginThrottle } from './modules/auth/login-throttle';
import { AuthRateLimiter } from './modules/auth/rate-limiter';
import { normalizeLoginId, isAcceptablePassword } from './modules/members/member-rules';
import { MemberConnectionResolver, MemberResolver } from './modules/members/member.resolver';
import { MemberService } from './modules/members/member.service';
import { CheckInResolver } from './modules/check-in/check-in.resolver';
import { CheckInService } from './modules/check-in/check-in.service';
import { DuesResolver } from './modules/dues/dues.resolver';
import { DuesService } from './modules/dues/dues.service';
import { EventConnectionResolver, EventResolver } from './modules/events/event.resolver';
import { EventService } from './modules/events/event.service';
import { MemberParticipationsResolver, ParticipationResolver } from './modules/participations/participation.resolver';
import { ParticipationService } from './modules/participations/participation.service';
import { createGeocoder } from './geo/create-geocoder';
import { MemberPenaltiesResolver, PenaltyResolver } from './modules/penalties/penalty.resolver';
import { PenaltyService } from './modules/penalties/penalty.service';
import { SettlementNotifier } from './modules/settlement/settlement-notifier';
import { SettlementResolver } from './modules/settlement/settlement.resolver';
import { SettlementService } from './modules/settlement/settlement.service';
import { SettlementScheduler } from './scheduling/settlement-scheduler';
import {
  EventAttendanceResolver,
  MemberAttendanceResolver,
  MemberStatsResolver,
  ReportResolver,
} from './modules/reports/report.resolver';
import { ReportService } from './modules/reports/report.service';

export interface AppDependencies {
  clock?: Clock;
  logger?: Logger;
}

export interface RunningApp {
  url: string;
  port: number;
  database: Database;
  scheduler: SettlementScheduler;
  logger: Logger;
  /** Graceful: stop accepting, finish in-flight requests (bounded), close the database. */
  stop(): Promise<void>;
}

/** ADMIN_LOGIN_ID/ADMIN_PASSWORD: that admin exists, with that password, after start-up. */
async function ensureBootstrapAdmin(config: Config, members: MemberService, logger: Logger): Promise<void> {
  if (!config.bootstrapAdmin) return;
  const loginId = normalizeLoginId(config.bootstrapAdmin.loginId);
  if (!loginId) throw new Error('ADMIN_LOGIN_ID must be 4 to 32 characters of a-z, 0-9, ".", "_" or "-".');
  if (!isAcceptablePassword(config.bootstrapAdmin.password)) throw new Error('ADMIN_PASSWORD must be 8 to 128 characters.');
  const { created } = await members.ensureAdmin({
    loginId,
    password: config.bootstrapAdmin.password,
    name: loginId,
    phone: null,
    gender: 'MALE',
  });
  logger.info({ loginId, created }, created ? 'admin created' : 'admin ensured');
}

/** Opens and migrates the database, wires the services and serves GraphQL on the configured port. */
export async function startApp(config: Config, dependencies: AppDependencies = {}): Promise<RunningApp> {
  const clock = dependencies.clock ?? systemClock;
  const logger = dependencies.logger ?? createLogger(config.logLevel);

  const database = await openDatabase(config, logger);
  try {
    await migrateDatabase(database, logger);
    const { prisma } = database;
    const graphqlAdmission = new ConcurrencyLimit(config.graphqlMaxConcurrency);
    const metrics = createMetrics(graphqlAdmission);
    const tokens = new TokenService(
      {
        secret: resolveJwtSecret(config),
        issuer: config.jwtIssuer,
        audience: config.jwtAudience,
        ttlSeconds: config.jwtTtlSeconds,
      },
      clock,
    );
    const members = new MemberService(prisma, database.read);
    const throttle = new LoginThrottle(
      prisma,
      { maxFailures: config.loginMaxFailures, windowMinutes: config.loginFailureWindowMinutes },
      clock,
    );
    const auth = new AuthService(members, tokens, throttle, new AuthRateLimiter(prisma, config.authRateLimitPerMinute, clock), config.signupCode);
    const penalties = new PenaltyService(prisma, config.penalties, clock, metrics);
    const { webhookUrl } = config.settlement;
    const notifier = webhookUrl ? new SettlementNotifier({ ...config.settlement, webhookUrl }, config.timeZone, logger) : undefined;
    const settlement = new SettlementService(prisma, config.penalties, clock, logger, notifier, metrics);
    const scheduler = new SettlementScheduler(settlement, prisma, clock, logger, config.settlement.sweepIntervalMs);
    const events = new EventService(prisma, database.read, createGeocoder(config.geocoder, metrics), clock, logger, scheduler);
    const participations = new ParticipationService(prisma, penalties, clock);
    const checkIns = new CheckInService(prisma, config.checkIn, clock);
    const dues = new DuesService(prisma, participations, penalties, clock);
    const calendars = new CalendarService(prisma, clock);
    await ensureBootstrapAdmin(config, members, logger);

    const schema = await buildGraphQLSchema(
      config.timeZone,
      new Map<Function, object>([
        [AuthResolver, new AuthResolver(auth)],
        [MemberResolver, new MemberResolver(members)],
        [MemberConnectionResolver, new MemberConnectionResolver()],
        [EventResolver, new EventResolver(events)],
        [EventConnectionResolver, new EventConnectionResolver()],
        [ParticipationResolver, new ParticipationResolver(participations)],
        [MemberParticipationsResolver, new MemberParticipationsResolver()],
        [CheckInResolver, new CheckInResolver(checkIns)],
        [DuesResolver, new DuesResolver(dues)],
        [PenaltyResolver, new PenaltyResolver(penalties)],
        [MemberPenaltiesResolver, new MemberPenaltiesResolver(config.penalties)],
        [SettlementResolver, new SettlementResolver(settlement, scheduler)],
        [ReportResolver, new ReportResolver(new ReportService(prisma))],
        [EventAttendanceResolver, new EventAttendanceResolver()],
        [MemberAttendanceResolver, new MemberAttendanceResolver()],
        [MemberStatsResolver, new MemberStatsResolver()],
        [CalendarResolver, new CalendarResolver(calendars, config.publicUrl)],
      ]),
    );
    const limits = queryLimits(config.graphqlIntrospection);
    const errorMasking = createErrorMasking(logger);
    const apollo = new ApolloServer<GraphQLContext>({
      schema: withPermissions(schema),
      validationRules: limits.validationRules,
      allowBatchedHttpRequests: false,
      introspection: config.graphqlIntrospection,
      includeStacktraceInErrorResponses: false,
      // main.ts owns the signals: Apollo's own handler would stop it before in-flight requests finish.
      stopOnTerminationSignals: false,
      formatError: errorMasking.formatError,
      // The playground is served by graphqlRoutes from our own dependencies, not Apollo's CDN page.
      // No HTTP caching of answers here, so Apollo's per-field cache-control bookkeeping goes too.
      plugins: [
        ApolloServerPluginLandingPageDisabled(),
        ApolloServerPluginCacheControlDisabled(),
        errorMasking.plugin,
        graphqlMetricsPlugin(metrics),
        ...(limits.plugins as ApolloServerPlugin<GraphQLContext>[]),
      ],
    });
    await apollo.start();
    // Catch-up before the port opens: what ended while no server ran is settled first.
    await scheduler.start();

    let stopping: Promise<void> | undefined;
    const routes = [
      ...graphqlRoutes(apollo, createContextBuilder(tokens, members, database, config.trustProxy), {
        playground: config.graphqlIntrospection,
        executionTimeoutMs: config.executionTimeoutMs,
        admission: graphqlAdmission,
        logger,
      }),
      ...calendarRoutes(calendars),
      ...(await operationsRoutes(prisma, metrics, () => stopping !== undefined)),
    ];
    const http = await listen(createRequestHandler(routes, logger, metrics), config.port, config.host);
    const url = `http://${config.host && config.host !== '0.0.0.0' ? config.host : 'localhost'}:${http.port}/graphql`;
    logger.info({ url, database: database.kind }, 'pitchside is ready');

    return {
      url,
      port: http.port,
      database,
      scheduler,
      logger,
      stop() {
        stopping ??= (async () => {
          await http.close(config.shutdownTimeoutMs);
          await scheduler.stop();
          notifier?.stop();
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
