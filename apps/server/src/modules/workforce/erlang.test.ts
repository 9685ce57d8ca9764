import { describe, expect, it } from 'vitest';
import { STAFFING_LIMITS } from '@kefu/shared';
import { AppError } from '../../lib/app-error.js';
import { agentsForOccupancy, erlangB, erlangC, erlangCMetrics, findErlangCAgents, offeredLoad, staffWithShrinkage } from './erlang.js';
import { computeStaffing } from './staffing.js';

// ---------------------------------------------------------------- independent references
// Straightforward textbook formulas, written differently from the code under test: Poisson terms
// A^k/k! built as running products (fine in doubles for A, N ≤ 150), and for large N the same terms
// as logarithms with a log-sum-exp, so neither shares the Erlang B recursion.

function poissonTerms(load: number, upTo: number): number[] {
  const terms = [1];
  for (let k = 1; k <= upTo; k++) terms.push((terms[k - 1]! * load) / k);
  return terms;
}
function directErlangB(agents: number, load: number): number {
  const terms = poissonTerms(load, agents);
  return terms[agents]! / terms.reduce((a, b) => a + b, 0);
}
function directErlangC(agents: number, load: number): number {
  const terms = poissonTerms(load, agents);
  const waiting = (terms[agents]! * agents) / (agents - load);
  return waiting / (terms.slice(0, agents).reduce((a, b) => a + b, 0) + waiting);
}
function logErlangC(agents: number, load: number): number {
  const logs = [0];
  for (let k = 1; k <= agents; k++) logs.push(logs[k - 1]! + Math.log(load) - Math.log(k));
  const logWaiting = logs[agents]! + Math.log(agents / (agents - load));
  const all = [...logs.slice(0, agents), logWaiting];
  const max = Math.max(...all);
  const logSum = max + Math.log(all.reduce((sum, l) => sum + Math.exp(l - max), 0));
  return Math.exp(logWaiting - logSum);
}
/** Load A for which Erlang B of N circuits equals the grade of service (bisection on the direct formula). */
function tableLoad(agents: number, grade: number): number {
  let lo = 0;
  let hi = 2 * agents + 10;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (directErlangB(agents, mid) > grade) hi = mid;
    else lo = mid;
  }
  return lo;
}

function expectStaffingError(run: () => unknown, field: string, word: string) {
  try {
    run();
    expect.unreachable(`expected ${word}`);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION');
    expect((error as AppError).params).toEqual({ detail: word });
    expect((error as AppError).details).toMatchObject({ field });
  }
}

describe('Erlang B', () => {
  // The classic Erlang B table (offered traffic in Erlangs that N circuits carry at a grade of service),
  // as printed in standard teletraffic references and Erlang B tables: 1 % row 0.0101, 0.153, 0.455,
  // 0.869, 1.36 … 4.46 (10), 12.0 (20), 37.9 (50), 84.1 (100); 2 % 5.08 / 13.2 / 40.3 / 88.0;
  // 5 % 6.22 / 15.2 / 44.5 / 95.2. Each entry, rounded as printed, must come back from our B.
  const table: Array<[number, number, number, number]> = [
    // [N, grade, printed load, decimals printed]
    [1, 0.01, 0.0101, 4], [2, 0.01, 0.153, 3], [3, 0.01, 0.455, 3], [4, 0.01, 0.869, 3], [5, 0.01, 1.36, 2],
    [10, 0.01, 4.46, 2], [20, 0.01, 12.0, 1], [50, 0.01, 37.9, 1], [100, 0.01, 84.1, 1],
    [10, 0.02, 5.08, 2], [20, 0.02, 13.2, 1], [50, 0.02, 40.3, 1], [100, 0.02, 88.0, 1],
    [10, 0.05, 6.22, 2], [20, 0.05, 15.2, 1], [50, 0.05, 44.5, 1], [100, 0.05, 95.2, 1],
  ];
  it.each(table)('N = %i at %f blocking carries %f Erlangs (printed table)', (agents, grade, printed, decimals) => {
    const reference = tableLoad(agents, grade);
    expect(reference).toBeCloseTo(printed, decimals);
    // our recursion at the reference load gives the table's grade of service
    expect(erlangB(agents, reference)).toBeCloseTo(grade, 10);
  });
  it('agrees with the direct formula to 1e-12 over a grid', () => {
    for (const load of [0.05, 0.5, 1, 2.5, 10, 37.5, 80, 120]) {
      for (const agents of [1, 2, 5, 10, 20, 50, 100, 150]) expect(Math.abs(erlangB(agents, load) - directErlangB(agents, load))).toBeLessThan(1e-12);
    }
  });
});

describe('Erlang C reference values', () => {
  it('Call Centre Helper worked example: 100 calls / 30 min, AHT 180 s', () => {
    // callcentrehelper.com, "Erlang C Formula – Made Simple With an Easy Worked Example": A = 10 Erlangs;
    // 11 agents → probability of waiting 68.21 %; 80 % in 20 s needs 14 agents (occupancy 71.4 %);
    // with 30 % shrinkage 20 agents must be scheduled.
    const load = offeredLoad({ calls: 100, intervalMin: 30, aht: 180 });
    expect(load).toBe(10);
    expect(erlangC(11, load)).toBeCloseTo(0.6821, 4);
    expect(erlangC(11, load)).toBeCloseTo(directErlangC(11, 10), 12);
    expect(findErlangCAgents({ load, aht: 180, targetSl: 0.8, targetT: 20 })).toBe(14);
    const at14 = erlangCMetrics({ agents: 14, load, aht: 180, targetT: 20 });
    expect(at14.occupancy).toBeCloseTo(0.714, 3);
    expect(at14.serviceLevel).toBeCloseTo(1 - directErlangC(14, 10) * Math.exp((-4 * 20) / 180), 12);
    expect(staffWithShrinkage(14, 0.3)).toBe(20);
    const at13 = erlangCMetrics({ agents: 13, load, aht: 180, targetT: 20 });
    expect(at13.serviceLevel).toBeLessThan(0.8);
  });

  it('worked example λ = 0.2 calls/s, 240 s, 55 agents: Ec 0.2387, Tw 8.184 s, P(W ≤ 15 s) 0.8459', () => {
    // The example reproduced in the Maxima worked note "Expressing well-known formulas for service
    // waiting time" (erlang.mac): A = 48 Erlangs.
    const load = offeredLoad({ calls: 0.2 * 1800, intervalMin: 30, aht: 240 });
    expect(load).toBeCloseTo(48, 12);
    const m = erlangCMetrics({ agents: 55, load, aht: 240, targetT: 15 });
    expect(m.pWait).toBeCloseTo(0.2387, 4);
    expect(m.asa).toBeCloseTo(8.184, 3);
    expect(m.serviceLevel).toBeCloseTo(0.8459, 4);
    expect(m.pWait).toBeCloseTo(directErlangC(55, 48), 12);
  });

  it('agrees with the direct formula to 1e-12 for N ≤ 150', () => {
    for (const load of [0.3, 2.5, 10, 48, 99.5, 140]) {
      for (let agents = Math.floor(load) + 1; agents <= 150; agents += 3) {
        expect(Math.abs(erlangC(agents, load) - directErlangC(agents, load))).toBeLessThan(1e-12);
      }
    }
  });
});

describe('Erlang C at hundreds of agents', () => {
  it('stays finite and matches a log-space reference for N = 500 … 1,000', () => {
    for (const load of [480, 700, 950]) {
      for (let agents = Math.floor(load) + 1; agents <= 1000; agents += 7) {
        const m = erlangCMetrics({ agents, load, aht: 300, targetT: 15 });
        for (const value of Object.values(m)) expect(Number.isFinite(value)).toBe(true);
        expect(m.pWait).toBeGreaterThanOrEqual(0);
        expect(m.pWait).toBeLessThanOrEqual(1);
        expect(m.serviceLevel).toBeGreaterThanOrEqual(1 - m.pWait - 1e-15);
        expect(m.serviceLevel).toBeLessThanOrEqual(1);
        expect(Math.abs(m.pWait - logErlangC(agents, load))).toBeLessThan(1e-11);
      }
    }
  });
  it('underflows to certainty, not NaN, when N ≫ A', () => {
    const m = erlangCMetrics({ agents: STAFFING_LIMITS.agentsMax, load: 1, aht: 300, targetT: 0 });
    expect(m).toEqual({ serviceLevel: 1, pWait: 0, asa: 0, occupancy: 1 / STAFFING_LIMITS.agentsMax });
  });
});

describe('monotonicity', () => {
  it('the service level rises and P(W>0), ASA and occupancy fall as agents are added', () => {
    for (const load of [0.7, 4.2, 10, 55.5, 480]) {
      let previous = erlangCMetrics({ agents: Math.floor(load) + 1, load, aht: 240, targetT: 15 });
      for (let agents = Math.floor(load) + 2; agents <= load + 60; agents++) {
        const m = erlangCMetrics({ agents, load, aht: 240, targetT: 15 });
        expect(m.serviceLevel).toBeGreaterThanOrEqual(previous.serviceLevel);
        expect(m.pWait).toBeLessThanOrEqual(previous.pWait);
        expect(m.asa).toBeLessThanOrEqual(previous.asa);
        expect(m.occupancy).toBeLessThan(previous.occupancy);
        previous = m;
      }
    }
  });
  it('P(W>0) rises with the load at fixed N', () => {
    let previous = 0;
    for (let load = 1; load < 50; load += 0.5) {
      const c = erlangC(50, load);
      expect(c).toBeGreaterThan(previous);
      previous = c;
    }
  });
});

describe('the search for the fewest agents', () => {
  it('returns the smallest N meeting the target (and the occupancy cap), checked by a linear scan', () => {
    for (const calls of [3, 17, 100, 420, 1500, 5000]) {
      for (const [targetSl, targetT, maxOccupancy] of [[0.8, 20, 1], [0.9, 15, 1], [0.95, 5, 0.85], [0, 0, 0.7], [0.5, 60, 1]] as const) {
        const load = offeredLoad({ calls, intervalMin: 30, aht: 300 });
        const found = findErlangCAgents({ load, aht: 300, targetSl, targetT, maxOccupancy });
        const meets = (n: number) => n > load && load / n <= maxOccupancy + 1e-12 && erlangCMetrics({ agents: n, load, aht: 300, targetT }).serviceLevel >= targetSl;
        let scan = 1;
        while (!meets(scan)) scan++;
        expect(found).toBe(scan);
      }
    }
  });
  it('puts the occupancy cap on whole agents without floating-point slips', () => {
    expect(agentsForOccupancy(8.4, 0.84)).toBe(10);
    expect(agentsForOccupancy(10, 0.8)).toBe(13);
    expect(findErlangCAgents({ load: 8.4, aht: 300, targetSl: 0, targetT: 0, maxOccupancy: 0.84 })).toBe(10);
  });
  it('a target time of 0 s asks for P(W>0) ≤ 1 − target', () => {
    const n = findErlangCAgents({ load: 2.5, aht: 300, targetSl: 0.9, targetT: 0 });
    expect(erlangC(n, 2.5)).toBeLessThanOrEqual(0.1);
    expect(erlangC(n - 1, 2.5)).toBeGreaterThan(0.1);
    expect(n).toBe(6);
  });
});

describe('shrinkage', () => {
  it('schedules ceil(N / (1 − shrinkage))', () => {
    expect(staffWithShrinkage(14, 0)).toBe(14);
    expect(staffWithShrinkage(14, 0.3)).toBe(20);
    expect(staffWithShrinkage(15, 0.3)).toBe(22);
    expect(staffWithShrinkage(1, 0.5)).toBe(2);
    expect(staffWithShrinkage(480, 0.35)).toBe(739);
  });
});

describe('impossible inputs', () => {
  const base = { calls: 100, intervalMin: 30, aht: 180, targetSl: 0.8, targetT: 20 };
  it.each([
    ['calls', { calls: 0 }, 'staffing_calls'],
    ['calls', { calls: -5 }, 'staffing_calls'],
    ['calls', { calls: Number.NaN }, 'staffing_calls'],
    ['intervalMin', { intervalMin: 0 }, 'staffing_interval'],
    ['aht', { aht: -1 }, 'staffing_aht'],
    ['aht', { aht: Number.POSITIVE_INFINITY }, 'staffing_aht'],
    ['targetSl', { targetSl: 1 }, 'staffing_target_sl'],
    ['targetSl', { targetSl: -0.1 }, 'staffing_target_sl'],
    ['targetT', { targetT: -1 }, 'staffing_target_t'],
    ['maxOccupancy', { maxOccupancy: 0 }, 'staffing_max_occupancy'],
    ['maxOccupancy', { maxOccupancy: 1.2 }, 'staffing_max_occupancy'],
    ['shrinkage', { shrinkage: 1 }, 'staffing_shrinkage'],
    ['patience', { patience: 0 }, 'staffing_patience'],
    ['agents', { agents: 0 }, 'staffing_agents'],
    ['agents', { agents: 12.5 }, 'staffing_agents'],
    ['agents', { agents: 10 }, 'staffing_agents_unstable'],
    ['agents', { agents: 7 }, 'staffing_agents_unstable'],
    ['calls', { calls: 1_000_000, aht: 3600 }, 'staffing_load_too_high'],
    ['maxOccupancy', { calls: 9000, aht: 1800, maxOccupancy: 0.5 }, 'staffing_occupancy_unreachable'],
  ])('%s: %o → %s', (field, change, word) => {
    expectStaffingError(() => computeStaffing({ ...base, ...change }), field, word);
  });
  it('names the offered load when the queue would be unstable', () => {
    try {
      computeStaffing({ ...base, agents: 10 });
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).details).toEqual({ field: 'agents', agents: 10, offeredLoad: 10 });
    }
  });
  it('never answers NaN or Infinity over a sweep of valid questions', () => {
    for (const calls of [0.01, 1, 30, 800, 20_000]) {
      for (const aht of [5, 180, 900]) {
        for (const targetT of [0, 15, 600]) {
          let result;
          try {
            result = computeStaffing({ calls, intervalMin: 30, aht, targetSl: 0.9, targetT, shrinkage: 0.3 });
          } catch (error) {
            expect((error as AppError).code).toBe('VALIDATION');
            continue;
          }
          for (const value of Object.values(result)) expect(Number.isFinite(value)).toBe(true);
          expect(result.serviceLevel).toBeGreaterThanOrEqual(0.9 - 1e-12);
        }
      }
    }
  });
});

describe('computeStaffing', () => {
  it('searches, or evaluates the given agents, with exactly the documented fields', () => {
    const searched = computeStaffing({ calls: 100, intervalMin: 30, aht: 180, targetSl: 0.8, targetT: 20, shrinkage: 0.3 });
    expect(Object.keys(searched)).toEqual(['agents', 'staffWithShrinkage', 'serviceLevel', 'pWait', 'asa', 'occupancy']);
    expect(searched).toMatchObject({ agents: 14, staffWithShrinkage: 20 });
    const evaluated = computeStaffing({ calls: 100, intervalMin: 30, aht: 180, targetSl: 0.8, targetT: 20, agents: 11 });
    expect(evaluated.agents).toBe(11);
    expect(evaluated.pWait).toBeCloseTo(0.6821, 4);
    expect(evaluated.serviceLevel).toBeLessThan(0.8);
  });
});
