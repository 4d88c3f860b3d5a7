// type-graphql's decorators need the metadata API before any module's GraphQL types load.
import 'reflect-metadata';
import type DataLoader from 'dataloader';
import type { GraphQLSchema } from 'graphql';
import { buildGraphQLSchema } from '../graphql/schema';
import type { Services } from '../services';
import { absencesModule } from './absences/absences.module';
import { authModule } from './auth/auth.module';
import { backupsModule } from './backups/backups.module';
import { calendarModule } from './calendar/calendar.module';
import { clubModule } from './club/club.module';
import { checkInModule } from './check-in/check-in.module';
import { dashboardModule } from './dashboard/dashboard.module';
import { duesModule } from './dues/dues.module';
import { eventsModule } from './events/events.module';
import { exportsModule } from './exports/exports.module';
import type { LoaderScope, ModuleManifest } from './manifest';
import { liveModule } from './live/live.module';
import { membersModule } from './members/members.module';
import { notificationsModule } from './notifications/notifications.module';
import { participationsModule } from './participations/participations.module';
import { penaltiesModule } from './penalties/penalties.module';
import { pushModule } from './push/push.module';
import { playgroundModule } from './playground/playground.module';
import { membersAppModule } from './members-app/members-app.module';
import { remindersModule } from './reminders/reminders.module';
import { reportsModule } from './reports/reports.module';
import { retentionModule } from './retention/retention.module';
import { seasonsModule } from './seasons/seasons.module';
import { settlementModule } from './settlement/settlement.module';

/**
 * Every module of the app, the one list the schema, the request loaders, the HTTP routes and the
 * background jobs are read from (jobs start in this order and stop in reverse). Adding a module is
 * one line here. Loaders are made in this order, so a module may use the loaders of those before it.
 */
export const appModules = [
  authModule,
  clubModule,
  membersModule,
  seasonsModule,
  eventsModule,
  participationsModule,
  checkInModule,
  duesModule,
  penaltiesModule,
  absencesModule,
  liveModule,
  notificationsModule,
  pushModule,
  settlementModule,
  remindersModule,
  reportsModule,
  calendarModule,
  exportsModule,
  retentionModule,
  backupsModule,
  dashboardModule,
  playgroundModule,
  membersAppModule,
] as const;

type LoadersOf<M> = M extends ModuleManifest<infer L, infer _Needs> ? L : never;
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Every module's per-request DataLoaders, by name. */
export type Loaders = Intersection<LoadersOf<(typeof appModules)[number]>>;

/** The loaders of one request: made fresh, so nothing cached outlives it. */
export function createLoaders(scope: Omit<LoaderScope, 'loaders'>): Loaders {
  const loaders: Record<string, DataLoader<never, unknown>> = {};
  for (const module of appModules as readonly ModuleManifest<object, object>[]) {
    Object.assign(loaders, module.loaders?.({ ...scope, loaders }));
  }
  return loaders as Loaders;
}

/** The schema of every module's resolvers (made from `services`; without, for the emitted SDL). */
export function buildAppSchema(timeZone: string, services?: Services): Promise<GraphQLSchema> {
  return buildGraphQLSchema(timeZone, appModules.flatMap((module) => module.resolvers), services);
}
