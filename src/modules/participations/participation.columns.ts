import { selectList } from '../../db/columns';
import type { Participation } from '../../generated/prisma/client';

const PARTICIPATION_COLUMNS = {
  id: 'id',
  eventId: 'event_id',
  memberId: 'member_id',
  attendance: 'attendance',
  attendanceNote: 'attendance_note',
  checkedInAt: 'checked_in_at',
  checkInDistanceMeters: 'check_in_distance_meters',
  payment: 'payment',
  paymentRequestedAt: 'payment_requested_at',
  paymentConfirmedAt: 'payment_confirmed_at',
  paymentRejectReason: 'payment_reject_reason',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} satisfies Record<keyof Participation, string>;

/** A Participation's columns from `participations` aliased as `alias`, fields under `prefix`. */
export const participationColumns = (alias: string, prefix?: string) => selectList(PARTICIPATION_COLUMNS, alias, prefix);
