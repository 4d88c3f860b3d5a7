import type { Clock } from '../../clock/clock';
import { formatInTimeZone } from '../../clock/time-zone';
import type { PrismaClient } from '../../db/database';
import { badUserInput, hasErrorCode, ErrorCode } from '../../errors/errors';
import { Prisma } from '../../generated/prisma/client';
import type { PenaltyService } from '../penalties/penalty.service';
import { penaltyInWindowSql } from '../penalties/penalty-window';
import type { ReportService } from '../reports/report.service';
import type { SeasonWindow } from '../seasons/season-rules';
import type { SeasonService } from '../seasons/season.service';
import type { ExportScope } from './export-scope';

export const EXPORT_NAMES = ['members', 'attendance', 'penalties', 'dues'] as const;
export type ExportName = (typeof EXPORT_NAMES)[number];

export type ExportRow = Record<string, string | number | Date | null>;

/** One export: its columns (key and header, in order) and its rows, read a batch at a time. */
export interface ExportTable {
  columns: { key: string; header: string }[];
  rows: AsyncIterable<ExportRow>;
}

/** Rows are read this many at a time, so an export's memory does not grow with the club. */
const BATCH = 500;

/** A window open at one end: bounds every stored time lies within. */
const OPEN_START = new Date('0001-01-01T00:00:00Z');
const OPEN_END = new Date('9999-12-31T00:00:00Z');

const columns = (pairs: [string, string][]) => pairs.map(([key, header]) => ({ key, header }));

const MEMBER_COLUMNS = columns([
  ['loginId', 'Login ID'], ['name', 'Name'], ['gender', 'Gender'], ['role', 'Role'], ['status', 'Status'], ['phone', 'Phone'],
  ['penaltyPoints', 'Penalty points'], ['warningCount', 'Warnings'], ['standing', 'Standing'],
  ['eligibleEvents', 'Eligible events'], ['joined', 'Joined'], ['attended', 'Attended'], ['late', 'Late'], ['absent', 'Absent'],
  ['excused', 'Excused'], ['attendanceRate', 'Attendance rate'], ['participationRate', 'Participation rate'],
]);
const ATTENDANCE_COLUMNS = columns([
  ['startsAt', 'Event start'], ['title', 'Event'], ['loginId', 'Login ID'], ['name', 'Name'], ['attendance', 'Attendance'],
  ['checkedInAt', 'Checked in at'], ['payment', 'Payment'], ['points', 'Points issued'],
]);
const PENALTY_COLUMNS = columns([
  ['issuedAt', 'Issued at'], ['loginId', 'Login ID'], ['name', 'Name'], ['reason', 'Reason'], ['points', 'Points'],
  ['eventStartsAt', 'Event start'], ['eventTitle', 'Event'], ['note', 'Note'], ['issuedBy', 'Issued by'], ['state', 'State'],
  ['revokedAt', 'Revoked at'], ['revokeReason', 'Revoke reason'], ['revokedBy', 'Revoked by'],
]);
const DUES_COLUMNS = columns([
  ['startsAt', 'Event start'], ['title', 'Event'], ['fee', 'Fee'], ['loginId', 'Login ID'], ['name', 'Name'], ['payment', 'Payment'],
  ['requestedAt', 'Requested at'], ['confirmedAt', 'Confirmed at'],
]);

const eventsIn = (window: SeasonWindow) =>
  window ? Prisma.sql`AND e.starts_at >= ${window.from} AND e.starts_at < ${window.to}` : Prisma.empty;

/**
 * The club's records as spreadsheets' rows (api-rules.md, "Exports"). Reads only: each figure comes
 * from the function GraphQL answers it with (points, standing, stats), so the two always agree.
 */
export class ExportService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly seasons: SeasonService,
    private readonly reports: ReportService,
    private readonly penalties: PenaltyService,
    private readonly clock: Clock,
    /** The club's zone: the files show times as the API does, and are named by the club's date. */
    readonly timeZone: string,
  ) {}

  /** Today's date in the club's zone, for the file name: 2026-11-28. */
  today(): string {
    return formatInTimeZone(this.clock.now(), this.timeZone).slice(0, 10);
  }

  /**
   * The export over the scope's window: a season's, or [from, to), or by default everything, but
   * for members' figures, which count the default season as GraphQL's do. An unknown season is
   * BAD_USER_INPUT (field seasonId).
   */
  async open(name: ExportName, scope: ExportScope): Promise<ExportTable> {
    const window = await this.windowOf(scope, name === 'members');
    switch (name) {
      case 'members':
        return { columns: MEMBER_COLUMNS, rows: this.memberRows(window) };
      case 'attendance':
        return { columns: ATTENDANCE_COLUMNS, rows: this.attendanceRows(window) };
      case 'penalties':
        return { columns: PENALTY_COLUMNS, rows: this.penaltyRows(window) };
      case 'dues':
        return { columns: DUES_COLUMNS, rows: this.duesRows(window) };
    }
  }

  private async windowOf(scope: ExportScope, seasonByDefault: boolean): Promise<SeasonWindow> {
    if (scope.from || scope.to) return { from: scope.from ?? OPEN_START, to: scope.to ?? OPEN_END };
    if (!scope.seasonId && !seasonByDefault) return null;
    try {
      return await this.seasons.windowOf(scope.seasonId);
    } catch (error) {
      if (hasErrorCode(error, ErrorCode.NOT_FOUND)) throw badUserInput('seasonId', 'No such season.');
      throw error;
    }
  }

  /** One row per member, by login id, with the window's points, standing and stats. */
  private async *memberRows(window: SeasonWindow): AsyncIterable<ExportRow> {
    let after = '';
    for (;;) {
      const members = await this.prisma.member.findMany({
        where: { loginId: { gt: after } },
        orderBy: { loginId: 'asc' },
        take: BATCH,
        select: { id: true, loginId: true, name: true, gender: true, role: true, status: true, phone: true },
      });
      if (members.length === 0) return;
      const ids = members.map((member) => member.id);
      const [points, stats] = await Promise.all([this.penalties.activePoints(ids, window), this.reports.memberStats(ids, window)]);
      for (const [index, { id: _id, ...member }] of members.entries()) {
        const { warningCount, standing } = this.penalties.standingOf(points[index]);
        yield { ...member, penaltyPoints: points[index], warningCount, standing, ...stats[index] };
      }
      after = members[members.length - 1].loginId;
    }
  }

  /** One row per participation of a settled event, by event start, with the points it cost (active penalties). */
  private attendanceRows(window: SeasonWindow): AsyncIterable<ExportRow> {
    return this.keysetRows((after) => Prisma.sql`
      SELECT e.starts_at AS "startsAt", e.id AS "eventId", e.title, m.login_id AS "loginId", m.name, p.attendance::text AS attendance,
             p.checked_in_at AS "checkedInAt", p.payment::text AS payment,
             coalesce((SELECT sum(x.points) FROM penalties x
                        WHERE x.event_id = e.id AND x.member_id = m.id AND x.revoked_at IS NULL), 0)::int AS points
        FROM participations p JOIN events e ON e.id = p.event_id JOIN members m ON m.id = p.member_id
       WHERE e.settled_at IS NOT NULL ${eventsIn(window)} ${after}
       ORDER BY e.starts_at, e.id, m.login_id LIMIT ${BATCH}`);
  }

  /** One row per participation of an event with a fee, by event start. */
  private duesRows(window: SeasonWindow): AsyncIterable<ExportRow> {
    return this.keysetRows((after) => Prisma.sql`
      SELECT e.starts_at AS "startsAt", e.id AS "eventId", e.title, e.fee, m.login_id AS "loginId", m.name, p.payment::text AS payment,
             p.payment_requested_at AS "requestedAt", p.payment_confirmed_at AS "confirmedAt"
        FROM participations p JOIN events e ON e.id = p.event_id JOIN members m ON m.id = p.member_id
       WHERE e.fee > 0 ${eventsIn(window)} ${after}
       ORDER BY e.starts_at, e.id, m.login_id LIMIT ${BATCH}`);
  }

  /** Rows of (startsAt, eventId, loginId) order, a batch at a time from where the last one ended. */
  private async *keysetRows(query: (after: Prisma.Sql) => Prisma.Sql): AsyncIterable<ExportRow> {
    let after = Prisma.empty;
    for (;;) {
      const rows = await this.prisma.$queryRaw<(ExportRow & { startsAt: Date; eventId: string; loginId: string })[]>(query(after));
      for (const { eventId: _eventId, ...row } of rows) yield row;
      if (rows.length < BATCH) return;
      const last = rows[rows.length - 1];
      after = Prisma.sql`AND (e.starts_at, e.id, m.login_id) > (${last.startsAt}::timestamptz, ${last.eventId}, ${last.loginId})`;
    }
  }

  /** One row per penalty in the window, revoked ones included and marked, by issue time. */
  private async *penaltyRows(window: SeasonWindow): AsyncIterable<ExportRow> {
    let after = Prisma.empty;
    for (;;) {
      const rows = await this.prisma.$queryRaw<(ExportRow & { id: string; issuedAt: Date })[]>`
        SELECT p.id, p.created_at AS "issuedAt", m.login_id AS "loginId", m.name, p.reason::text AS reason, p.points,
               e.starts_at AS "eventStartsAt", e.title AS "eventTitle", p.note,
               CASE WHEN p.reason <> 'MANUAL' AND p.issued_by_id IS NULL THEN 'settlement' ELSE ib.login_id END AS "issuedBy",
               CASE WHEN p.revoked_at IS NULL THEN 'ACTIVE' ELSE 'REVOKED' END AS state,
               p.revoked_at AS "revokedAt", p.revoke_reason AS "revokeReason", rb.login_id AS "revokedBy"
          FROM penalties p JOIN members m ON m.id = p.member_id
          LEFT JOIN events e ON e.id = p.event_id
          LEFT JOIN members ib ON ib.id = p.issued_by_id
          LEFT JOIN members rb ON rb.id = p.revoked_by_id
         WHERE true ${penaltyInWindowSql(window)} ${after}
         ORDER BY p.created_at, p.id LIMIT ${BATCH}`;
      for (const { id: _id, ...row } of rows) yield row;
      if (rows.length < BATCH) return;
      const last = rows[rows.length - 1];
      after = Prisma.sql`AND (p.created_at, p.id) > (${last.issuedAt}::timestamptz, ${last.id})`;
    }
  }
}
