import { Args, ArgsType, Ctx, Field, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { canSeePrivateFieldsOf } from '../../auth/privacy';
import { badUserInput } from '../../errors/errors';
import type { Event } from '../../generated/prisma/client';
import type { GraphQLContext } from '../../graphql/context';
import type { MemberRecord } from '../members/member.service';
import { EventNode } from '../events/event.types';
import { MemberNode } from '../members/member.types';
import { rate, type AttendanceCounts, type ReportService } from './report.service';
import { AttendanceReport, EventAttendance, MemberAttendance, MemberStats } from './report.types';

export function toMemberStats(counts: AttendanceCounts): MemberStats {
  return {
    eligibleEvents: counts.eligible,
    joined: counts.joined,
    attended: counts.attended,
    late: counts.late,
    absent: counts.absent,
    excused: counts.excused,
    attendanceRate: rate(counts.attended + counts.late, counts.joined),
    participationRate: rate(counts.joined, counts.eligible),
  };
}

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
  async attendanceReport(@Args(() => AttendanceReportArgs) { from, to }: AttendanceReportArgs): Promise<AttendanceReport> {
    if (from && to && from.getTime() >= to.getTime()) throw badUserInput('to', 'to must be after from.');
    const [eventRows, memberRows] = await Promise.all([
      this.reportService.eventAttendance({ from, to }),
      this.reportService.memberStatsInWindow({ from, to }),
    ]);
    const sum = (key: keyof AttendanceCounts) => eventRows.reduce((total, row) => total + row[key], 0);
    const participations = sum('joined');
    return {
      from: from ?? null,
      to: to ?? null,
      eventCount: eventRows.length,
      participations,
      attended: sum('attended'),
      late: sum('late'),
      absent: sum('absent'),
      excused: sum('excused'),
      attendanceRate: rate(sum('attended') + sum('late'), participations),
      participationRate: rate(participations, sum('eligible')),
      // Event and member objects are filled in by field resolvers through the request's loaders.
      events: eventRows.map((row) => ({ ...row, participants: row.joined, event: { id: row.eventId } as Event })),
      members: memberRows.map((row) => ({ member: { id: row.memberId } as MemberRecord, stats: toMemberStats(row) })),
    };
  }
}

@Resolver(() => EventAttendance)
export class EventAttendanceResolver {
  @FieldResolver(() => EventNode)
  async event(@Root() row: EventAttendance, @Ctx() ctx: GraphQLContext): Promise<Event> {
    return (await ctx.loaders.eventById.load(row.event.id))!;
  }
}

@Resolver(() => MemberAttendance)
export class MemberAttendanceResolver {
  @FieldResolver(() => MemberNode)
  async member(@Root() row: MemberAttendance, @Ctx() ctx: GraphQLContext): Promise<MemberRecord> {
    return (await ctx.loaders.memberById.load(row.member.id))!;
  }
}

/** Member.stats: private, like the member's other figures. */
@Resolver(() => MemberNode)
export class MemberStatsResolver {
  @FieldResolver(() => MemberStats, { nullable: true })
  async stats(@Root() member: MemberRecord, @Ctx() ctx: GraphQLContext): Promise<MemberStats | null> {
    if (!canSeePrivateFieldsOf(ctx, member.id)) return null;
    return toMemberStats(await ctx.loaders.statsByMember.load(member.id));
  }
}
