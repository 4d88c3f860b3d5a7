import type { Clock } from '../../src/clock/clock';

/** A clock that tests move by hand, so no test sleeps to reach a time. It starts at the real now. */
export class TestClock implements Clock {
  private current = Date.now();

  now(): Date {
    return new Date(this.current);
  }

  advance(milliseconds: number): void {
    this.current += milliseconds;
  }

  set(date: Date): void {
    this.current = date.getTime();
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
