import type { Clock } from '../../src/platform/clock.ts';

// The outside world's clock, under the test's control.
export interface TestClock {
  now: Clock;
  advance(ms: number): void;
  set(at: Date): void;
}

export function createTestClock(start = new Date('2026-03-02T09:00:00Z')): TestClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms) {
      current += ms;
    },
    set(at) {
      current = at.getTime();
    },
  };
}

export const MINUTE = 60 * 1000;
export const HOUR = 60 * MINUTE;
