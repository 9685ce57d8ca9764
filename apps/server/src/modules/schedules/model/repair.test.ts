import { describe, expect, it } from 'vitest';
import { INTERVALS_PER_DAY } from '../forecast/series.js';
import { DEFAULT_SHIFT_PATTERNS } from './presets.js';
import { repairUnfilled } from './repair.js';
import { DEFAULT_REST_RULES } from './types.js';

const patterns = new Map(DEFAULT_SHIFT_PATTERNS.map((p) => [p.code, p]));
const base = { patterns, rules: DEFAULT_REST_RULES, leave: new Map(), horizonDays: 7 };
const sortKey = (a: { agentId: number; day: number }) => a.day * 1000 + a.agentId;

describe('repair of unfilled shifts', () => {
  it('swaps: the agent on C takes the early shift, the agent after a late shift takes C', () => {
    const requirement = new Array(7 * INTERVALS_PER_DAY).fill(1);
    const r = repairUnfilled({
      ...base,
      requirement,
      agents: [{ id: 1 }, { id: 2 }],
      assignments: [{ agentId: 1, day: 0, shiftCode: 'E' }, { agentId: 2, day: 1, shiftCode: 'C' }],
      unfilled: [{ day: 1, shiftCode: 'A', count: 1 }],
    });
    expect(r.unfilled).toEqual([]);
    expect(r.assignments.sort((a, b) => sortKey(a) - sortKey(b))).toEqual([
      { agentId: 1, day: 0, shiftCode: 'E' },
      { agentId: 1, day: 1, shiftCode: 'C' },
      { agentId: 2, day: 1, shiftCode: 'A' },
    ]);
  });

  it('moves a working day of the same week to where it covers more', () => {
    // Nothing needed on day 4, one agent all day on day 5; the only agent has used its 5 days.
    const requirement = Array.from({ length: 7 * INTERVALS_PER_DAY }, (_, k) => (Math.floor(k / INTERVALS_PER_DAY) === 4 ? 0 : 1));
    const r = repairUnfilled({
      ...base,
      requirement,
      agents: [{ id: 1 }],
      assignments: [0, 1, 2, 3, 4].map((day) => ({ agentId: 1, day, shiftCode: 'C' })),
      unfilled: [{ day: 5, shiftCode: 'C', count: 1 }],
    });
    expect(r.unfilled).toEqual([]);
    expect(r.assignments.map((a) => a.day)).toEqual([0, 1, 2, 3, 5]);
  });

  it('leaves the shift unfilled when nothing helps', () => {
    const r = repairUnfilled({
      ...base,
      requirement: new Array(7 * INTERVALS_PER_DAY).fill(1),
      agents: [{ id: 1 }],
      assignments: [0, 1, 2, 3, 4].map((day) => ({ agentId: 1, day, shiftCode: 'C' })),
      unfilled: [{ day: 5, shiftCode: 'C', count: 2 }],
    });
    expect(r.unfilled).toEqual([{ day: 5, shiftCode: 'C', count: 2 }]);
  });
});
