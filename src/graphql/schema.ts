import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { buildSchema } from 'type-graphql';
import { createPermissions } from '../auth/permissions';
import { AuthResolver } from '../modules/auth/auth.resolver';
import { CheckInResolver } from '../modules/check-in/check-in.resolver';
import { DuesResolver } from '../modules/dues/dues.resolver';
import { EventConnectionResolver, EventResolver } from '../modules/events/event.resolver';
import { MemberConnectionResolver, MemberResolver } from '../modules/members/member.resolver';
import { MemberParticipationsResolver, ParticipationResolver } from '../modules/participations/participation.resolver';
import { MemberPenaltiesResolver, PenaltyResolver } from '../modules/penalties/penalty.resolver';
import { SettlementResolver } from '../modules/settlement/settlement.resolver';
import { CalendarResolver } from '../modules/calendar/calendar.resolver';
import {
  EventAttendanceResolver,
  MemberAttendanceResolver,
  MemberStatsResolver,
  ReportResolver,
} from '../modules/reports/report.resolver';
import { createDateTimeScalar } from './date-time';

export const resolverClasses = [
  AuthResolver,
  MemberResolver,
  MemberConnectionResolver,
  EventResolver,
  EventConnectionResolver,
  ParticipationResolver,
  MemberParticipationsResolver,
  CheckInResolver,
  DuesResolver,
  PenaltyResolver,
  MemberPenaltiesResolver,
  SettlementResolver,
  ReportResolver,
  EventAttendanceResolver,
  MemberAttendanceResolver,
  MemberStatsResolver,
  CalendarResolver,
] as const;

export type ResolverInstances = Map<Function, object>;

/**
 * The TypeGraphQL schema. `resolvers` maps each resolver class to its instance (built with its
 * services in app.ts); the emitted SDL is built with an empty map, as it never resolves anything.
 */
export async function buildGraphQLSchema(timeZone: string, resolvers: ResolverInstances = new Map()): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...resolverClasses],
    scalarsMap: [{ type: Date, scalar: createDateTimeScalar(timeZone) }],
    validate: false,
    container: {
      get(someClass: Function) {
        const instance = resolvers.get(someClass);
        if (!instance) throw new Error(`No instance registered for ${someClass.name}`);
        return instance;
      },
    },
  });
}

/** The schema as served: with the permission rules around every field. */
export function withPermissions(schema: GraphQLSchema): GraphQLSchema {
  return applyMiddleware(schema, createPermissions(schema));
}
