import DataLoader from 'dataloader';
import type { ReadSql } from '../../db/database';
import { rowPerKey } from '../../graphql/batch';
import { memberRecordColumns } from './member.columns';
import type { MemberRecord } from './member.service';

const BY_IDS = `SELECT ${memberRecordColumns('m')} FROM members m WHERE m.id = ANY($1)`;

/** Members by id, one query per request tick however many participations name them. */
export function createMemberLoaders(read: ReadSql) {
  return {
    memberById: new DataLoader<string, MemberRecord | null>(async (ids) =>
      rowPerKey(ids, await read<MemberRecord>(BY_IDS, [ids]), (row) => row.id, null),
    ),
  };
}
