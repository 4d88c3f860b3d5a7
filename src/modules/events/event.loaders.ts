import DataLoader from 'dataloader';
import type { ReadSql } from '../../db/database';
import type { Event } from '../../generated/prisma/client';
import { rowPerKey } from '../../graphql/batch';
import { eventColumns } from './event.columns';

const BY_IDS = `SELECT ${eventColumns('e')} FROM events e WHERE e.id = ANY($1)`;

export interface EventLoaders {
  eventById: DataLoader<string, Event | null>;
}

export function createEventLoaders(read: ReadSql): EventLoaders {
  return {
    eventById: new DataLoader<string, Event | null>(async (ids) => rowPerKey(ids, await read<Event>(BY_IDS, [ids]), (row) => row.id, null)),
  };
}
