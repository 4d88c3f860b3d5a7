import DataLoader from 'dataloader';
import type { PrismaClient } from '../../db/database';
import type { Event } from '../../generated/prisma/client';

export function createEventLoaders(prisma: PrismaClient) {
  return {
    eventById: new DataLoader<string, Event | null>(async (ids) => {
      const rows = await prisma.event.findMany({ where: { id: { in: [...ids] } } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
