import DataLoader from 'dataloader';
import type { ReadSql } from '../../db/database';
import type { Participation } from '../../generated/prisma/client';
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

const BY_EVENTS = `SELECT ${participationColumns('p')} FROM participations p WHERE p.event_id = ANY($1) ORDER BY p.id`;
const BY_MEMBERS = `SELECT ${participationColumns('p')} FROM participations p WHERE p.member_id = ANY($1) ORDER BY p.id`;
const COUNTS_BY_EVENTS = `SELECT p.event_id AS "eventId", count(*)::int AS count FROM participations p WHERE p.event_id = ANY($1) GROUP BY p.event_id`;
const MEMBERS_OWN = `SELECT ${participationColumns('p')} FROM participations p WHERE p.member_id = $1 AND p.event_id = ANY($2)`;

/**
 * Participations by event, by member, counted per event, and the viewer's own: each batched into
 * one query per request tick, so a list of events costs the same few queries whatever its length.
 */
export function createParticipationLoaders(read: ReadSql, viewerId: string | null) {
  return {
    participantsByEvent: new DataLoader<string, Participation[]>(async (eventIds) => {
      const groups = groupBy(await read<Participation>(BY_EVENTS, [eventIds]), (row) => row.eventId);
      return eventIds.map((id) => groups.get(id) ?? []);
    }),
    participationsByMember: new DataLoader<string, Participation[]>(async (memberIds) => {
      const groups = groupBy(await read<Participation>(BY_MEMBERS, [memberIds]), (row) => row.memberId);
      return memberIds.map((id) => groups.get(id) ?? []);
    }),
    participantCountByEvent: new DataLoader<string, number>(async (eventIds) => {
      const counts = await read<{ eventId: string; count: number }>(COUNTS_BY_EVENTS, [eventIds]);
      const byEvent = new Map(counts.map((row) => [row.eventId, row.count]));
      return eventIds.map((id) => byEvent.get(id) ?? 0);
    }),
    viewerParticipationByEvent: new DataLoader<string, Participation | null>(async (eventIds) => {
      if (viewerId === null) return eventIds.map(() => null);
      const byEvent = new Map((await read<Participation>(MEMBERS_OWN, [viewerId, eventIds])).map((row) => [row.eventId, row]));
      return eventIds.map((id) => byEvent.get(id) ?? null);
    }),
  };
}
