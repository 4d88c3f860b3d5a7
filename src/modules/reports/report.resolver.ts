import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { canSeePrivateFieldsOf } from '../../auth/privacy';
import type { Event } from '../../generated/prisma/client';
import type { GraphQLContext } from '../../graphql/context';
import type { MemberRecord } from '../members/member.service';
import { EventNode } from '../events/event.types';
import { MemberNode } from '../members/member.types';
import { SeasonArgs } from '../seasons/season.types';
import type { AttendanceReportFigures, EventAttendanceFigures, ReportService } from './report.service';
import { AttendanceReport, EventAttendance, MemberAttendance, MemberStats } from './report.types';
import type { MemberLoaders } from '../members/member.loaders';
import type { EventLoaders } from '../events/event.loaders';
import type { SeasonLoaders } from '../seasons/season.loaders';
import type { ReportLoaders } from './report.loaders';

/** The loaders these resolvers use. */
type Context = GraphQLContext<MemberLoaders & EventLoaders & SeasonLoaders & ReportLoaders>;

@ArgsType()
class AttendanceReportArgs {
  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;

  @Field(() => ID, { nullable: true, description: "The season's events; not with from or to." })
  seasonId?: string | null;
}

@Resolver(() => AttendanceReport)
export class ReportResolver {
  constructor(private readonly reportService: ReportService) {}

  @Query(() => AttendanceReport, { description: 'Admins only.' })
  attendanceReport(@Args(() => AttendanceReportArgs) { from, to, seasonId }: AttendanceReportArgs): Promise<AttendanceReportFigures> {
    return this.reportService.attendanceReport({ from, to, seasonId });
  }
}

@Resolver(() => EventAttendance)
export class EventAttendanceResolver {
  @FieldResolver(() => EventNode)
  async event(@Root() row: EventAttendanceFigures, @Ctx() ctx: Context): Promise<Event> {
    return (await ctx.loaders.eventById.load(row.eventId))!;
  }
}

@Resolver(() => MemberAttendance)
export class MemberAttendanceResolver {
  @FieldResolver(() => MemberNode)
  async member(@Root() row: { memberId: string }, @Ctx() ctx: Context): Promise<MemberRecord> {
    return (await ctx.loaders.memberById.load(row.memberId))!;
  }
}

/** Member.stats: private, like the member's other figures. */
@Resolver(() => MemberNode)
export class MemberStatsResolver {
  @FieldResolver(() => MemberStats, { nullable: true })
  async stats(@Root() member: MemberRecord, @Args(() => SeasonArgs) { seasonId }: SeasonArgs, @Ctx() ctx: Context): Promise<MemberStats | null> {
    if (!canSeePrivateFieldsOf(ctx, member.id)) return null;
    return ctx.loaders.statsIn(await ctx.loaders.seasonWindow.load(seasonId ?? '')).load(member.id);
  }
}
