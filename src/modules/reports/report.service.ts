import { Prisma } from '../../generated/prisma/client';
import type { PrismaClient } from '../../db/database';
import { validateScope, type FigureScope, type SeasonWindow } from '../seasons/season-rules';
import type { SeasonService } from '../seasons/season.service';
import { rowPerKey } from '../../graphql/batch';
import type { MemberStats } from './report.types';

/**
 * Attendance figures, computed by SQL aggregates. The one definition of eligibility
 * (MemberStats.eligibleEvents) lives in ELIGIBLE_PAIRS: a member is eligible for a settled event
 * they took part in, or one whose audience includes them that started after they signed up.
 */

export interface AttendanceCounts {
  eligible: number;
  joined: number;
  attended: number;
  late: number;
  absent: number;
  excused: number;
}

export interface MemberStatsFigures extends AttendanceCounts {
  memberId: string;
}

export interface EventAttendanceFigures extends AttendanceCounts {
  eventId: string;
}

/** attendanceReport's answer; events and members are filled in by field resolvers from their ids. */
export interface AttendanceReportFigures extends Omit<AttendanceCounts, 'eligible' | 'joined'> {
  from: Date | null;
  to: Date | null;
  eventCount: number;
  participations: number;
  attendanceRate: number;
  participationRate: number;
  events: (EventAttendanceFigures & { participants: number })[];
  members: { memberId: string; stats: MemberStats }[];
}

export interface ReportWindow {
  from?: Date | null;
  to?: Date | null;
}

/** attendanceReport's arguments: a window, or a season (its window), not both. */
export type ReportScope = FigureScope;

/** (event, member, attendance-or-null) for every eligible pair over the settled events in `events`. */
function eligiblePairs(events: Prisma.Sql, members: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT e.id AS event_id, m.id AS member_id, p.attendance
      FROM (${events}) e
      JOIN (${members}) m ON true
      LEFT JOIN participations p ON p.event_id = e.id AND p.member_id = m.id
     WHERE p.id IS NOT NULL
        OR ((e.audience = 'ALL' OR e.audience::text = m.gender::text) AND e.starts_at > m.created_at)`;
}

function settledEvents(window: ReportWindow): Prisma.Sql {
  return Prisma.sql`
    SELECT id, audience, starts_at FROM events
     WHERE settled_at IS NOT NULL
       ${window.from ? Prisma.sql`AND starts_at >= ${window.from}` : Prisma.empty}
       ${window.to ? Prisma.sql`AND starts_at < ${window.to}` : Prisma.empty}`;
}

const COUNTS = Prisma.sql`
  count(*)::int AS eligible,
  count(attendance)::int AS joined,
  count(*) FILTER (WHERE attendance = 'ATTENDED')::int AS attended,
  count(*) FILTER (WHERE attendance = 'LATE')::int AS late,
  count(*) FILTER (WHERE attendance = 'ABSENT')::int AS absent,
  count(*) FILTER (WHERE attendance = 'EXCUSED')::int AS excused`;

const rate = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/** MemberStats from counts: the two rates of api-rules.md ("Reports"), 0 when there is nothing to divide by. */
export function memberStatsOf(counts: AttendanceCounts): MemberStats {
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

const NO_COUNTS: AttendanceCounts = { eligible: 0, joined: 0, attended: 0, late: 0, absent: 0, excused: 0 };

export class ReportService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly seasons: SeasonService,
  ) {}

  /**
   * attendanceReport: totals and rates over the settled events in [from, to), or in the season
   * `seasonId`, one row per event (oldest first) and one per member eligible for at least one of them.
   */
  async attendanceReport(scope: ReportScope): Promise<AttendanceReportFigures> {
    validateScope(scope);
    const window = scope.seasonId ? await this.seasons.windowOf(scope.seasonId) : scope;
    const { from, to } = window ?? {};
    const [eventRows, memberRows] = await Promise.all([this.eventAttendance({ from, to }), this.memberStatsInWindow({ from, to })]);
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
      events: eventRows.map((row) => ({ ...row, participants: row.joined })),
      members: memberRows.map((row) => ({ memberId: row.memberId, stats: memberStatsOf(row) })),
    };
  }

  /** Member.stats over the settled events of a season (null: all time), for each of the given members, in their order. */
  async memberStats(memberIds: readonly string[], window: SeasonWindow): Promise<MemberStats[]> {
    const members = Prisma.sql`SELECT id, gender, created_at FROM members WHERE id IN (${Prisma.join(memberIds)})`;
    const rows = await this.prisma.$queryRaw<MemberStatsFigures[]>`
      SELECT member_id AS "memberId", ${COUNTS}
        FROM (${eligiblePairs(settledEvents(window ?? {}), members)}) pairs
       GROUP BY member_id`;
    return rowPerKey(memberIds, rows, (row) => row.memberId, NO_COUNTS).map(memberStatsOf);
  }

  /** Per-member figures over the settled events in [from, to): members eligible for at least one. */
  private memberStatsInWindow(window: ReportWindow): Promise<MemberStatsFigures[]> {
    const members = Prisma.sql`SELECT id, gender, created_at FROM members`;
    return this.prisma.$queryRaw<MemberStatsFigures[]>`
      SELECT member_id AS "memberId", ${COUNTS}
        FROM (${eligiblePairs(settledEvents(window), members)}) pairs
       GROUP BY member_id
       ORDER BY member_id`;
  }

  /** One row per settled event in [from, to), oldest first, with its eligible members and attendance. */
  private eventAttendance(window: ReportWindow): Promise<(EventAttendanceFigures & { startsAt: Date })[]> {
    const members = Prisma.sql`SELECT id, gender, created_at FROM members`;
    return this.prisma.$queryRaw`
      SELECT e.id AS "eventId", e.starts_at AS "startsAt",
             coalesce(c.eligible, 0)::int AS eligible, coalesce(c.joined, 0)::int AS joined,
             coalesce(c.attended, 0)::int AS attended, coalesce(c.late, 0)::int AS late,
             coalesce(c.absent, 0)::int AS absent, coalesce(c.excused, 0)::int AS excused
        FROM (${settledEvents(window)}) e
        LEFT JOIN (
          SELECT event_id, ${COUNTS} FROM (${eligiblePairs(settledEvents(window), members)}) pairs GROUP BY event_id
        ) c ON c.event_id = e.id
       ORDER BY e.starts_at, e.id`;
  }
}
