import type { CheckInPolicy } from '../../config/config';
import type { CheckInOutcome } from '../../generated/prisma/client';
import { AttendanceStatus } from '../../generated/prisma/enums';
import { haversineMeters, type Coordinates } from '../../geo/haversine';

/** The check-in rules of api-rules.md ("Check-in"), decided without touching the database. */

const MINUTE = 60_000;

/** Open from `opensMinutesBefore` the start until the end (exclusive), and never once settled. */
export class CheckInWindow {
  constructor(
    readonly opensAt: Date,
    readonly closesAt: Date,
    readonly settled: boolean,
  ) {}

  static of(event: { startsAt: Date; endsAt: Date; settledAt: Date | null }, policy: CheckInPolicy): CheckInWindow {
    return new CheckInWindow(new Date(event.startsAt.getTime() - policy.opensMinutesBefore * MINUTE), event.endsAt, event.settledAt !== null);
  }

  stateAt(now: Date): 'NOT_OPEN' | 'OPEN' | 'CLOSED' {
    if (this.settled || now.getTime() >= this.closesAt.getTime()) return 'CLOSED';
    return now.getTime() < this.opensAt.getTime() ? 'NOT_OPEN' : 'OPEN';
  }
}

/** A participant with one of these attendances is checked in already (absence notices ask it too). */
export const CHECKED_IN: readonly AttendanceStatus[] = ['ATTENDED', 'LATE'];

/** The attendances a check-in may move from: any but checked in. */
export const CHECK_IN_FROM: AttendanceStatus[] = Object.values(AttendanceStatus).filter((status) => !CHECKED_IN.includes(status));

/** LATE from `lateAfterMinutes` after the start, inclusive; ATTENDED before. */
export function attendanceOnArrival(startsAt: Date, now: Date, policy: CheckInPolicy): 'ATTENDED' | 'LATE' {
  return now.getTime() >= startsAt.getTime() + policy.lateAfterMinutes * MINUTE ? 'LATE' : 'ATTENDED';
}

export interface CheckInAttempt {
  event: Coordinates & { startsAt: Date; endsAt: Date; settledAt: Date | null };
  /** The caller's attendance; null when they are not a participant. */
  attendance: AttendanceStatus | null;
  at: Date;
  position: Coordinates;
  accuracyMeters: number | null;
}

export interface CheckInDecision {
  outcome: CheckInOutcome;
  /** Null when the caller is not a participant (their position is none of our business). */
  distanceMeters: number | null;
}

/**
 * In order: a participant? the window open? not in already? a fix precise enough? close enough?
 * Then ATTENDED or LATE by the clock.
 */
export function decideCheckIn(attempt: CheckInAttempt, policy: CheckInPolicy): CheckInDecision {
  if (attempt.attendance === null) return { outcome: 'NOT_A_PARTICIPANT', distanceMeters: null };
  const distanceMeters = haversineMeters(attempt.position, attempt.event);
  const decide = (outcome: CheckInOutcome): CheckInDecision => ({ outcome, distanceMeters });

  const window = CheckInWindow.of(attempt.event, policy).stateAt(attempt.at);
  if (window === 'CLOSED') return decide('CHECK_IN_CLOSED');
  if (window === 'NOT_OPEN') return decide('CHECK_IN_NOT_OPEN');
  if (CHECKED_IN.includes(attempt.attendance)) return decide('ALREADY_CHECKED_IN');
  if (attempt.accuracyMeters !== null && attempt.accuracyMeters > policy.maxAccuracyMeters) return decide('LOCATION_TOO_INACCURATE');
  if (distanceMeters > policy.radiusMeters) return decide('OUT_OF_RANGE');
  return decide(attendanceOnArrival(attempt.event.startsAt, attempt.at, policy));
}
