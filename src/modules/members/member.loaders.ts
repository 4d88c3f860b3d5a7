import DataLoader from 'dataloader';
import type { ReadSql } from '../../db/database';
import { rowPerKey } from '../../graphql/batch';
import { memberRecordColumns } from './member.columns';
import type { MemberRecord } from './member.service';

const BY_IDS = `SELECT ${memberRecordColumns('m')} FROM members m WHERE m.id = ANY($1)`;

export interface MemberLoaders {
  memberById: DataLoader<string, MemberRecord | null>;
}

/**
 * Members by id, one query per request tick however many participations name them; primed with
 * the viewer, whose record the request has read already.
 */
export function createMemberLoaders(read: ReadSql, viewer: MemberRecord | null): MemberLoaders {
  const memberById = new DataLoader<string, MemberRecord | null>(async (ids) =>
    rowPerKey(ids, await read<MemberRecord>(BY_IDS, [ids]), (row) => row.id, null),
  );
  if (viewer) memberById.prime(viewer.id, viewer);
  return { memberById };
}
