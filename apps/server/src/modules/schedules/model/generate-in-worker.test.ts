import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { generateSchedule } from './generate.js';
import { generateScheduleInWorker } from './generate-in-worker.js';
import type { GenerateInput } from './generate.js';

const patterns = [
  { code: 'D', start: '09:00', lengthMinutes: 540, paidBreakMinutes: 60, night: false },
  { code: 'E', start: '13:00', lengthMinutes: 540, paidBreakMinutes: 60, night: false },
];

describe('schedule generation in a worker thread', () => {
  it('answers what the in-process generation answers, while the main thread stays free', async () => {
    const input = {
      requirement: Array.from({ length: 7 * 48 }, (_, i) => ((i % 48) >= 18 && (i % 48) < 42 ? 3 : 0)),
      horizonDays: 7,
      patterns,
      agents: Array.from({ length: 6 }, (_, i) => ({ id: i + 1, teamId: 1, maxDaysPerWeek: 5, nights: true })),
      rules: { minRestHours: 11, minDaysOffPerWeek: 2, maxConsecutiveDays: 6, morningBeforeHour: 12 },
      leave: new Map([[1, new Set([2])]]),
    } as unknown as GenerateInput;
    let ticks = 0;
    const timer = setInterval(() => { ticks += 1; }, 5);
    const started = performance.now();
    const inWorker = await generateScheduleInWorker(input);
    clearInterval(timer);
    const elapsed = performance.now() - started;
    const local = await generateSchedule(input);
    expect(inWorker.underCoverage).toBe(local.underCoverage);
    expect(inWorker.assignments).toEqual(local.assignments);
    // The event loop kept ticking while the worker solved (at least half of the 5 ms ticks it could have had).
    expect(ticks).toBeGreaterThan(elapsed / 5 / 2);
  }, 60_000);
});
