import DataLoader from 'dataloader';
import type { ReadSql } from '../../db/database';
import { memberRecordColumns } from './member.columns';
import type { MemberRecord } from './member.service';

const BY_IDS = `SELECT ${memberRecordColumns('m')} FROM members m WHERE m.id = ANY($1)`;

/** Members by id, one query per request tick however many participations name them. */
export function createMemberLoaders(read: ReadSql) {
  return {
    memberById: new DataLoader<string, MemberRecord | null>(async (ids) => {
      const byId = new Map((await read<MemberRecord>(BY_IDS, [ids])).map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
