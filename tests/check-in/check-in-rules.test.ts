import { attendanceOnArrival, CheckInWindow, decideCheckIn, type CheckInAttempt } from '../../src/modules/check-in/check-in-rules';
import { haversineMeters } from '../../src/geo/haversine';

const policy = { radiusMeters: 400, opensMinutesBefore: 60, lateAfterMinutes: 20, maxAccuracyMeters: 100 };
const MINUTE = 60_000;
const startsAt = new Date('2026-11-29T01:00:00Z');
const endsAt = new Date('2026-11-29T03:00:00Z');
const pitch = { latitude: 37.568256, longitude: 126.89724 };

describe('haversineMeters', () => {
  it('measures known distances on the 6,371 km sphere', () => {
    expect(haversineMeters(pitch, pitch)).toBe(0);
    // One degree of latitude: 2πR/360.
    expect(haversineMeters({ latitude: 0, longitude: 0 }, { latitude: 1, longitude: 0 })).toBeCloseTo((2 * Math.PI * 6_371_000) / 360, 6);
    // Seoul City Hall to Busan City Hall: about 325 km.
    const seoulToBusan = haversineMeters({ latitude: 37.5663, longitude: 126.9779 }, { latitude: 35.1798, longitude: 129.075 });
    expect(seoulToBusan).toBeGreaterThan(320_000);
    expect(seoulToBusan).toBeLessThan(330_000);
    // Antipodes: half the circumference.
    expect(haversineMeters({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 })).toBeCloseTo(Math.PI * 6_371_000, 3);
  });
});

describe('CheckInWindow', () => {
  const window = CheckInWindow.of({ startsAt, endsAt, settledAt: null }, policy);
  it('opens 60 minutes before the start and closes at the end, exclusive', () => {
    expect(window.stateAt(new Date(startsAt.getTime() - 60 * MINUTE - 1))).toBe('NOT_OPEN');
    expect(window.stateAt(new Date(startsAt.getTime() - 60 * MINUTE))).toBe('OPEN');
    expect(window.stateAt(new Date(endsAt.getTime() - 1))).toBe('OPEN');
    expect(window.stateAt(endsAt)).toBe('CLOSED');
  });
  it('is closed once the event is settled', () => {
    expect(CheckInWindow.of({ startsAt, endsAt, settledAt: startsAt }, policy).stateAt(startsAt)).toBe('CLOSED');
  });
});

describe('attendanceOnArrival', () => {
  it('is LATE from 20 minutes after the start, inclusive', () => {
    expect(attendanceOnArrival(startsAt, new Date(startsAt.getTime() + 20 * MINUTE - 1), policy)).toBe('ATTENDED');
    expect(attendanceOnArrival(startsAt, new Date(startsAt.getTime() + 20 * MINUTE), policy)).toBe('LATE');
  });
});

describe('decideCheckIn', () => {
  const attempt = (overrides: Partial<CheckInAttempt> = {}): CheckInAttempt => ({
    event: { ...pitch, startsAt, endsAt, settledAt: null },
    attendance: 'PENDING',
    at: startsAt,
    position: pitch,
    accuracyMeters: 10,
    ...overrides,
  });
  it('decides in the order of the rules', () => {
    expect(decideCheckIn(attempt({ attendance: null, at: endsAt }), policy)).toEqual({ outcome: 'NOT_A_PARTICIPANT', distanceMeters: null });
    expect(decideCheckIn(attempt({ attendance: 'ATTENDED', at: endsAt }), policy).outcome).toBe('CHECK_IN_CLOSED');
    expect(decideCheckIn(attempt({ attendance: 'LATE', at: new Date(0) }), policy).outcome).toBe('CHECK_IN_NOT_OPEN');
    expect(decideCheckIn(attempt({ attendance: 'LATE', accuracyMeters: 500 }), policy).outcome).toBe('ALREADY_CHECKED_IN');
    expect(decideCheckIn(attempt({ accuracyMeters: 101, position: { latitude: 0, longitude: 0 } }), policy).outcome).toBe('LOCATION_TOO_INACCURATE');
    expect(decideCheckIn(attempt({ position: { latitude: 37.572, longitude: 126.89724 } }), policy).outcome).toBe('OUT_OF_RANGE');
    expect(decideCheckIn(attempt({ accuracyMeters: null }), policy)).toEqual({ outcome: 'ATTENDED', distanceMeters: 0 });
  });
  it('lets a member marked ABSENT or EXCUSED check in after all', () => {
    expect(decideCheckIn(attempt({ attendance: 'ABSENT' }), policy).outcome).toBe('ATTENDED');
    expect(decideCheckIn(attempt({ attendance: 'EXCUSED' }), policy).outcome).toBe('ATTENDED');
  });
});
