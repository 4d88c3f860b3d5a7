import { DomainError, ErrorCode } from '../../errors/errors';
import type { AttendanceStatus } from '../../generated/prisma/client';
import { validText } from '../../validation/text';

/** The absence-notice rules of api-rules.md ("Absence notices"), each in one function. */

/** Why the member will miss the event: 1–500 characters, line breaks allowed. */
export function validateAbsenceReason(reason: string): string {
  return validText('reason', reason, { min: 1, max: 500, multiLine: true });
}

/** Notices close `deadlineMinutes` before the start (ABSENCE_NOTICE_DEADLINE_MINUTES). */
export class AbsenceDeadline {
  constructor(private readonly deadlineMinutes: number) {}

  closesAt(startsAt: Date): Date {
    return new Date(startsAt.getTime() - this.deadlineMinutes * 60_000);
  }

  assertOpen(startsAt: Date, now: Date): void {
    if (now.getTime() >= this.closesAt(startsAt).getTime()) {
      throw new DomainError(
        ErrorCode.ABSENCE_DEADLINE_PASSED,
        `Absence notices close ${this.deadlineMinutes} minutes before the start: tell an admin instead.`,
      );
    }
  }
}

/**
 * What an approved notice excuses: a participation not yet settled (PENDING) or settled as ABSENT.
 * Someone who came anyway keeps their ATTENDED or LATE.
 */
export const EXCUSABLE_ON_APPROVAL: AttendanceStatus[] = ['PENDING', 'ABSENT'];
