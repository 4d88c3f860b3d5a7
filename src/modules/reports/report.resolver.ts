import { Args, ArgsType, Ctx, Field, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { canSeePrivateFieldsOf } from '../../auth/privacy';
import type { Event } from '../../generated/prisma/client';
import type { GraphQLContext } from '../../graphql/context';
import type { MemberRecord } from '../members/member.service';
import { EventNode } from '../events/event.types';
import { MemberNode } from '../members/member.types';
import type { AttendanceReportFigures, EventAttendanceFigures, ReportService } from './report.service';
import { AttendanceReport, EventAttendance, MemberAttendance, MemberStats } from './report.types';

@ArgsType()
class AttendanceReportArgs {
  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;
}

@Resolver(() => AttendanceReport)
export class ReportResolver {
  constructor(private readonly reportService: ReportService) {}

  @Query(() => AttendanceReport, { description: 'Admins only.' })
  attendanceReport(@Args(() => AttendanceReportArgs) { from, to }: AttendanceReportArgs): Promise<AttendanceReportFigures> {
    return this.reportService.attendanceReport({ from, to });
  }
}

@Resolver(() => EventAttendance)
export class EventAttendanceResolver {
  @FieldResolver(() => EventNode)
  async event(@Root() row: EventAttendanceFigures, @Ctx() ctx: GraphQLContext): Promise<Event> {
    return (await ctx.loaders.eventById.load(row.eventId))!;
  }
}

@Resolver(() => MemberAttendance)
export class MemberAttendanceResolver {
  @FieldResolver(() => MemberNode)
  async member(@Root() row: { memberId: string }, @Ctx() ctx: GraphQLContext): Promise<MemberRecord> {
    return (await ctx.loaders.memberById.load(row.memberId))!;
  }
}

/** Member.stats: private, like the member's other figures. */
@Resolver(() => MemberNode)
export class MemberStatsResolver {
  @FieldResolver(() => MemberStats, { nullable: true })
  stats(@Root() member: MemberRecord, @Ctx() ctx: GraphQLContext): Promise<MemberStats> | null {
    return canSeePrivateFieldsOf(ctx, member.id) ? ctx.loaders.statsByMember.load(member.id) : null;
  }
}
