import DataLoader from 'dataloader';
import { takePrefixed } from '../../db/columns';
import type { ReadSql } from '../../db/database';
import type { Participation } from '../../generated/prisma/client';
import { memberRecordColumns } from '../members/member.columns';
import type { MemberRecord } from '../members/member.service';
import { participationColumns } from './participation.columns';

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

// A match's participants are shown with their members: read together, the members primed into memberById.
const WITH_MEMBERS_BY_EVENTS = `SELECT ${participationColumns('p')}, ${memberRecordColumns('m', 'member.')}
  FROM participations p JOIN members m ON m.id = p.member_id WHERE p.event_id = ANY($1) ORDER BY p.id`;
const BY_MEMBERS = `SELECT ${participationColumns('p')} FROM participations p WHERE p.member_id = ANY($1) ORDER BY p.id`;
// Every event of a list shows its participant count and the viewer's own participation: one read for both.
const SUMMARY_BY_EVENTS = `SELECT c.event_id AS "summary.eventId", c.count AS "summary.count", ${participationColumns('p')}
  FROM (SELECT event_id, count(*)::int AS count FROM participations WHERE event_id = ANY($1) GROUP BY event_id) c
  LEFT JOIN participations p ON p.event_id = c.event_id AND p.member_id = $2`;

export interface ParticipationSummary {
  count: number;
  /** The viewer's own participation in the event, if any. */
  mine: Participation | null;
}

/**
 * Participations by event (with their members), by member, and each event's summary for the
 * viewer: each batched into one query per request tick, so a list of events costs the same few
 * queries whatever its length.
 */
export function createParticipationLoaders(read: ReadSql, viewerId: string | null, memberById: DataLoader<string, MemberRecord | null>) {
  return {
    participantsByEvent: new DataLoader<string, Participation[]>(async (eventIds) => {
      const rows = (await read<Record<string, unknown>>(WITH_MEMBERS_BY_EVENTS, [eventIds])).map((row) => {
        const { joined: member, own: participation } = takePrefixed<MemberRecord, Participation>(row, 'member.');
        memberById.prime(member.id, member);
        return participation;
      });
      const groups = groupBy(rows, (row) => row.eventId);
      return eventIds.map((id) => groups.get(id) ?? []);
    }),
    participationsByMember: new DataLoader<string, Participation[]>(async (memberIds) => {
      const groups = groupBy(await read<Participation>(BY_MEMBERS, [memberIds]), (row) => row.memberId);
      return memberIds.map((id) => groups.get(id) ?? []);
    }),
    participationSummaryByEvent: new DataLoader<string, ParticipationSummary>(async (eventIds) => {
      const rows = await read<Record<string, unknown>>(SUMMARY_BY_EVENTS, [eventIds, viewerId]);
      const byEvent = new Map<string, ParticipationSummary>();
      for (const row of rows) {
        const { joined: summary, own: participation } = takePrefixed<{ eventId: string; count: number }, Participation>(row, 'summary.');
        byEvent.set(summary.eventId, { count: summary.count, mine: participation.id === null ? null : participation });
      }
      return eventIds.map((id) => byEvent.get(id) ?? { count: 0, mine: null });
    }),
  };
}
