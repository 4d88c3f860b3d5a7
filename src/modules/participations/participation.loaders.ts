import DataLoader from 'dataloader';
import type { PrismaClient } from '../../db/database';
import type { Participation } from '../../generated/prisma/client';

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/**
 * Participations by event, by member, counted per event, and the viewer's own: each batched into
 * one query per request tick, so a list of events costs the same few queries whatever its length.
 */
export function createParticipationLoaders(prisma: PrismaClient, viewerId: string | null) {
  return {
    participantsByEvent: new DataLoader<string, Participation[]>(async (eventIds) => {
      const rows = await prisma.participation.findMany({ where: { eventId: { in: [...eventIds] } }, orderBy: { id: 'asc' } });
      const groups = groupBy(rows, (row) => row.eventId);
      return eventIds.map((id) => groups.get(id) ?? []);
    }),
    participationsByMember: new DataLoader<string, Participation[]>(async (memberIds) => {
      const rows = await prisma.participation.findMany({ where: { memberId: { in: [...memberIds] } }, orderBy: { id: 'asc' } });
      const groups = groupBy(rows, (row) => row.memberId);
      return memberIds.map((id) => groups.get(id) ?? []);
    }),
    participantCountByEvent: new DataLoader<string, number>(async (eventIds) => {
      const counts = await prisma.participation.groupBy({
        by: ['eventId'],
        where: { eventId: { in: [...eventIds] } },
        _count: { _all: true },
      });
      const byEvent = new Map(counts.map((row) => [row.eventId, row._count._all]));
      return eventIds.map((id) => byEvent.get(id) ?? 0);
    }),
    viewerParticipationByEvent: new DataLoader<string, Participation | null>(async (eventIds) => {
      if (viewerId === null) return eventIds.map(() => null);
      const rows = await prisma.participation.findMany({ where: { memberId: viewerId, eventId: { in: [...eventIds] } } });
      const byEvent = new Map(rows.map((row) => [row.eventId, row]));
      return eventIds.map((id) => byEvent.get(id) ?? null);
    }),
  };
}
