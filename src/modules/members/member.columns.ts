import { selectList } from '../../db/columns';
import type { MemberRecord } from './member.service';

const MEMBER_RECORD_COLUMNS = {
  id: 'id',
  loginId: 'login_id',
  name: 'name',
  phone: 'phone',
  gender: 'gender',
  role: 'role',
  status: 'status',
  statusReason: 'status_reason',
  tokenVersion: 'token_version',
  calendarTokenHash: 'calendar_token_hash',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} satisfies Record<keyof MemberRecord, string>;

/** A MemberRecord's columns (never the password hash) from `members` aliased as `alias`, fields under `prefix`. */
export const memberRecordColumns = (alias: string, prefix?: string) => selectList(MEMBER_RECORD_COLUMNS, alias, prefix);
