import fc from 'fast-check';
import { haversineMeters, EARTH_RADIUS_METERS } from '../../src/geo/haversine';
import { decodeCursor, encodeCursor } from '../../src/graphql/pagination';
import { DomainError } from '../../src/errors/errors';
import { attendanceOnArrival, CheckInWindow, decideCheckIn } from '../../src/modules/check-in/check-in-rules';
import { automaticPenaltiesFor, standingOf } from '../../src/modules/penalties/penalty-rules';

/** Property tests of the pure rules; NUM_RUNS cases each (the closing note counts them). */
const NUM_RUNS = 2000;
const run = <T>(property: fc.IProperty<T>) => fc.assert(property, { numRuns: NUM_RUNS });

const point = fc.record({
  latitude: fc.double({ min: -90, max: 90, noNaN: true }),
  longitude: fc.double({ min: -180, max: 180, noNaN: true }),
});
const policy = fc.record({
  radiusMeters: fc.integer({ min: 1, max: 10_000 }),
  opensMinutesBefore: fc.integer({ min: 0, max: 240 }),
  lateAfterMinutes: fc.integer({ min: 0, max: 120 }),
  maxAccuracyMeters: fc.integer({ min: 1, max: 1000 }),
});
const penaltyPolicy = fc.record({
  absentPoints: fc.integer({ min: 0, max: 10 }),
  latePoints: fc.integer({ min: 0, max: 10 }),
  unpaidPoints: fc.integer({ min: 0, max: 10 }),
  pointsPerWarning: fc.integer({ min: 1, max: 20 }),
  expulsionWarnings: fc.integer({ min: 1, max: 10 }),
});
const attendance = fc.constantFrom('PENDING', 'ATTENDED', 'LATE', 'ABSENT', 'EXCUSED' as const);
const payment = fc.constantFrom('NOT_REQUIRED', 'UNPAID', 'AWAITING_CONFIRMATION', 'PAID' as const);
const MINUTE = 60_000;

describe('properties of the pure rules', () => {
  it('haversineMeters is a distance on the sphere: zero to itself, symmetric, bounded, triangular to half a metre', () => {
    run(
      fc.property(point, point, point, (a, b, c) => {
        expect(haversineMeters(a, a)).toBeCloseTo(0, 6);
        expect(haversineMeters(a, b)).toBeCloseTo(haversineMeters(b, a), 6);
        expect(haversineMeters(a, b)).toBeGreaterThanOrEqual(0);
        expect(haversineMeters(a, b)).toBeLessThanOrEqual(Math.PI * EARTH_RADIUS_METERS + 1e-6);
        // Near antipodal points the haversine formula in doubles is good to about R·√ε ≈ 10 cm.
        expect(haversineMeters(a, c)).toBeLessThanOrEqual(haversineMeters(a, b) + haversineMeters(b, c) + 0.5);
      }),
    );
  });

  it('the check-in window is NOT_OPEN, then OPEN, then CLOSED, and always CLOSED once settled', () => {
    run(
      fc.property(policy, fc.integer({ min: 1, max: 24 * 60 }), fc.integer({ min: -600, max: 2000 }), (p, duration, offset) => {
        const startsAt = new Date('2026-11-29T01:00:00Z');
        const endsAt = new Date(startsAt.getTime() + duration * MINUTE);
        const at = new Date(startsAt.getTime() + offset * MINUTE);
        const state = CheckInWindow.of({ startsAt, endsAt, settledAt: null }, p).stateAt(at);
        const expected = at >= endsAt ? 'CLOSED' : at.getTime() < startsAt.getTime() - p.opensMinutesBefore * MINUTE ? 'NOT_OPEN' : 'OPEN';
        expect(state).toBe(expected);
        expect(CheckInWindow.of({ startsAt, endsAt, settledAt: startsAt }, p).stateAt(at)).toBe('CLOSED');
      }),
    );
  });

  it('arrival is ATTENDED up to the late threshold and LATE from it on', () => {
    run(
      fc.property(policy, fc.integer({ min: -120, max: 300 }), (p, minutes) => {
        const startsAt = new Date('2026-11-29T01:00:00Z');
        const status = attendanceOnArrival(startsAt, new Date(startsAt.getTime() + minutes * MINUTE), p);
        expect(status).toBe(minutes >= p.lateAfterMinutes ? 'LATE' : 'ATTENDED');
      }),
    );
  });

  it('a check-in succeeds only for a participant, in the window, precise enough and within the radius', () => {
    run(
      fc.property(policy, point, point, fc.option(fc.double({ min: 0, max: 2000, noNaN: true })), fc.option(attendance), fc.integer({ min: -200, max: 300 }), (p, pitch, position, accuracy, current, minutes) => {
        const startsAt = new Date('2026-11-29T01:00:00Z');
        const event = { ...pitch, startsAt, endsAt: new Date(startsAt.getTime() + 120 * MINUTE), settledAt: null };
        const at = new Date(startsAt.getTime() + minutes * MINUTE);
        const decision = decideCheckIn({ event, attendance: current, at, position, accuracyMeters: accuracy }, p);
        if (decision.outcome === 'ATTENDED' || decision.outcome === 'LATE') {
          expect(current).not.toBeNull();
          expect(['ATTENDED', 'LATE']).not.toContain(current);
          expect(decision.distanceMeters!).toBeLessThanOrEqual(p.radiusMeters);
          expect(accuracy === null || accuracy <= p.maxAccuracyMeters).toBe(true);
          expect(CheckInWindow.of(event, p).stateAt(at)).toBe('OPEN');
        }
      }),
    );
  });

  it('automatic penalties: none when excused, never UNPAID for the absent or a free event, each reason at most once', () => {
    run(
      fc.property(attendance, payment, fc.integer({ min: 0, max: 1_000_000 }), penaltyPolicy, (a, pay, fee, p) => {
        const penalties = automaticPenaltiesFor({ attendance: a, payment: pay }, fee, p);
        const reasons = penalties.map((x) => x.reason);
        expect(new Set(reasons).size).toBe(reasons.length);
        if (a === 'EXCUSED') expect(penalties).toEqual([]);
        if (a === 'ABSENT' || fee === 0 || pay !== 'UNPAID') expect(reasons).not.toContain('UNPAID');
        expect(penalties.every((x) => x.points > 0)).toBe(true);
      }),
    );
  });

  it('standing follows warnings, and warnings follow points, monotonically', () => {
    run(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 50 }), penaltyPolicy, (points, more, p) => {
        const now = standingOf(points, p);
        const later = standingOf(points + more, p);
        expect(now.warningCount).toBe(Math.floor(points / p.pointsPerWarning));
        expect(later.warningCount).toBeGreaterThanOrEqual(now.warningCount);
        const rank = { GOOD: 0, WARNED: 1, EXPULSION_THRESHOLD: 2 };
        expect(rank[later.standing]).toBeGreaterThanOrEqual(rank[now.standing]);
      }),
    );
  });

  it('cursors round-trip, and anything else is refused with BAD_USER_INPUT, never another error', () => {
    run(
      fc.property(fc.string({ minLength: 1, maxLength: 200, unit: 'binary' }), fc.string({ maxLength: 100 }), (position, garbage) => {
        expect(decodeCursor(encodeCursor(position))).toBe(position);
        try {
          const decoded = decodeCursor(garbage);
          expect(encodeCursor(decoded!)).toBe(garbage);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
        }
      }),
    );
  });
});
