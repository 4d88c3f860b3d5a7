import DataLoader from 'dataloader';
import type { ReadSql } from '../../db/database';
import type { Event } from '../../generated/prisma/client';
import { eventColumns } from './event.columns';

const BY_IDS = `SELECT ${eventColumns('e')} FROM events e WHERE e.id = ANY($1)`;

export function createEventLoaders(read: ReadSql) {
  return {
    eventById: new DataLoader<string, Event | null>(async (ids) => {
      const byId = new Map((await read<Event>(BY_IDS, [ids])).map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
