import { Kind } from 'graphql';
import { formatInTimeZone } from '../../src/clock/time-zone';
import { createDateTimeScalar } from '../../src/graphql/date-time';

describe('the DateTime scalar', () => {
  const instant = new Date('2026-11-29T01:00:00Z');

  it("shows instants in the club's time zone with its offset", () => {
    expect(formatInTimeZone(instant, 'Asia/Seoul')).toBe('2026-11-29T10:00:00+09:00');
    expect(formatInTimeZone(new Date('2026-11-29T01:00:00.250Z'), 'Asia/Seoul')).toBe('2026-11-29T10:00:00.250+09:00');
    expect(formatInTimeZone(instant, 'UTC')).toBe('2026-11-29T01:00:00+00:00');
    expect(formatInTimeZone(new Date('2026-07-01T12:00:00Z'), 'America/New_York')).toBe('2026-07-01T08:00:00-04:00');
    expect(formatInTimeZone(new Date('2026-01-01T12:00:00Z'), 'Asia/Kolkata')).toBe('2026-01-01T17:30:00+05:30');
  });

  it('reads any offset, and refuses a time without one', () => {
    const scalar = createDateTimeScalar('Asia/Seoul');
    expect(scalar.parseValue('2026-11-29T10:00:00+09:00')).toEqual(instant);
    expect(scalar.parseValue('2026-11-29T01:00:00Z')).toEqual(instant);
    expect(scalar.parseLiteral({ kind: Kind.STRING, value: '2026-11-29T01:00:00.000Z' })).toEqual(instant);
    for (const bad of ['2026-11-29T10:00:00', '2026-11-29', 'tomorrow', '2026-13-45T10:00:00Z', 1764378000000, null]) {
      expect(() => scalar.parseValue(bad)).toThrow(/offset/);
    }
  });
});
