import DataLoader from 'dataloader';
import { takePrefixed } from '../../db/columns';
import type { ReadSql } from '../../db/database';
import type { Participation } from '../../generated/prisma/client';
import { rowPerKey, rowsPerKey } from '../../graphql/batch';
import { memberRecordColumns } from '../members/member.columns';
import type { MemberRecord } from '../members/member.service';
import { participationColumns } from './participation.columns';
import { takeParticipationSummary, type ParticipationSummary } from './participation-summary';

// A match's participants are shown with their members: read together, the members primed into memberById.
const WITH_MEMBERS_BY_EVENTS = `SELECT ${participationColumns('p')}, ${memberRecordColumns('m', 'member.')}
  FROM participations p JOIN members m ON m.id = p.member_id WHERE p.event_id = ANY($1) ORDER BY p.id`;
const BY_MEMBERS = `SELECT ${participationColumns('p')} FROM participations p WHERE p.member_id = ANY($1) ORDER BY p.id`;
// Every event of a list shows its participant count and the viewer's own participation: one read for both.
const SUMMARY_BY_EVENTS = `SELECT c.event_id AS "eventId", c.count AS "summary.count", ${participationColumns('p', 'mine.')}
  FROM (SELECT event_id, count(*)::int AS count FROM participations WHERE event_id = ANY($1) GROUP BY event_id) c
  LEFT JOIN participations p ON p.event_id = c.event_id AND p.member_id = $2`;


export interface ParticipationLoaders {
  participantsByEvent: DataLoader<string, Participation[]>;
  participationsByMember: DataLoader<string, Participation[]>;
  participationSummaryByEvent: DataLoader<string, ParticipationSummary>;
}

/**
 * Participations by event (with their members), by member, and each event's summary for the
 * viewer: each batched into one query per request tick, so a list of events costs the same few
 * queries whatever its length.
 */
export function createParticipationLoaders(
  read: ReadSql,
  viewerId: string | null,
  memberById: DataLoader<string, MemberRecord | null>,
): ParticipationLoaders {
  return {
    participantsByEvent: new DataLoader<string, Participation[]>(async (eventIds) => {
      const rows = (await read<Record<string, unknown>>(WITH_MEMBERS_BY_EVENTS, [eventIds])).map((row) => {
        const { joined: member, own: participation } = takePrefixed<MemberRecord, Participation>(row, 'member.');
        memberById.prime(member.id, member);
        return participation;
      });
      return rowsPerKey(eventIds, rows, (row) => row.eventId);
    }),
    participationsByMember: new DataLoader<string, Participation[]>(async (memberIds) =>
      rowsPerKey(memberIds, await read<Participation>(BY_MEMBERS, [memberIds]), (row) => row.memberId),
    ),
    participationSummaryByEvent: new DataLoader<string, ParticipationSummary>(async (eventIds) => {
      const rows = (await read<Record<string, unknown>>(SUMMARY_BY_EVENTS, [eventIds, viewerId])).map((row) => takeParticipationSummary<{ eventId: string }>(row));
      const none: ParticipationSummary = { count: 0, mine: null };
      return rowPerKey(eventIds, rows, (row) => row.rest.eventId, null).map((row) => row?.summary ?? none);
    }),
  };
}
