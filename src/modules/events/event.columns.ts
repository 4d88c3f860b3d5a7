import { selectList } from '../../db/columns';
import type { Event } from '../../generated/prisma/client';

const EVENT_COLUMNS = {
  id: 'id',
  title: 'title',
  description: 'description',
  address: 'address',
  latitude: 'latitude',
  longitude: 'longitude',
  audience: 'audience',
  fee: 'fee',
  startsAt: 'starts_at',
  endsAt: 'ends_at',
  settledAt: 'settled_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} satisfies Record<keyof Event, string>;

/** An Event's columns from `events` aliased as `alias`. */
export const eventColumns = (alias: string) => selectList(EVENT_COLUMNS, alias);
