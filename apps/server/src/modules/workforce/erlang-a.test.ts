import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/app-error.js';
import { erlangAMetrics, findErlangAAgents } from './erlang-a.js';
import { erlangB, erlangCMetrics, findErlangCAgents } from './erlang.js';

// ---------------------------------------------------------------- independent references

interface Case {
  agents: number;
  load: number;
  aht: number;
  patience: number;
  targetT: number;
}

/**
 * Brute force: the M/M/N+M birth–death chain with plain products, truncated far in the tail; the share
 * answered within T and the mean wait of answered calls come from integrating the forward equations of a
 * tagged caller (k callers ahead, each leaving by service or abandonment, the caller's own patience) with
 * classical Runge–Kutta. Nothing here shares the closed forms of erlang-a.ts.
 */
function bruteForce({ agents, load, aht, patience, targetT }: Case) {
  const mu = 1 / aht;
  const theta = 1 / patience;
  const lambda = load * mu;
  const p = [1];
  for (let n = 1; ; n++) {
    const rate = Math.min(n, agents) * mu + Math.max(n - agents, 0) * theta;
    p.push((p[n - 1]! * lambda) / rate);
    if (n > agents + 20 && p[n]! < 1e-22 * p[agents]!) break;
  }
  const total = p.reduce((a, b) => a + b, 0);
  const pi = p.map((v) => v / total);
  const queued = pi.slice(agents);
  const pWait = queued.reduce((a, b) => a + b, 0);
  const pAbandon = (theta * queued.reduce((sum, v, k) => sum + k * v, 0)) / lambda;
  const K = queued.length;
  // state: u_0 … u_{K−1} (still waiting with j ahead), then answered so far, then ∫ t d(answered)
  const derivative = (v: number[], t: number) => {
    const d = new Array<number>(K + 2);
    for (let j = 0; j < K; j++) d[j] = -(agents * mu + j * theta + theta) * v[j]! + (j + 1 < K ? (agents * mu + (j + 1) * theta) * v[j + 1]! : 0);
    d[K] = agents * mu * v[0]!;
    d[K + 1] = t * agents * mu * v[0]!;
    return d;
  };
  let v = [...queued, 0, 0];
  let answeredWithinT = 0;
  // fine steps up to T (RK4 error far below the asserted precision), then coarser ones (dt·rate = 0.05)
  const steps = 4000;
  const coarse = 0.05 / (agents * mu + K * theta);
  let t = 0;
  for (let i = 0; ; i++) {
    if (i === steps) answeredWithinT = v[K]!;
    const dt = targetT > 0 && i < steps ? targetT / steps : coarse;
    const add = (a: number[], b: number[], h: number) => a.map((value, j) => value + h * b[j]!);
    const k1 = derivative(v, t);
    const k2 = derivative(add(v, k1, dt / 2), t + dt / 2);
    const k3 = derivative(add(v, k2, dt / 2), t + dt / 2);
    const k4 = derivative(add(v, k3, dt), t + dt);
    v = v.map((value, j) => value + (dt / 6) * (k1[j]! + 2 * k2[j]! + 2 * k3[j]! + k4[j]!));
    t += dt;
    if (i > steps && v.slice(0, K).reduce((a, b) => a + b, 0) < 1e-13) break;
  }
  const answered = v[K]!;
  const answeredWait = v[K + 1]!;
  const immediate = 1 - pWait;
  return {
    pWait,
    pAbandon,
    serviceLevel: immediate + (targetT > 0 ? answeredWithinT : 0),
    asa: answeredWait / (immediate + answered),
    answeredByChain: immediate + answered,
  };
}

/**
 * GMR's A(x, y) = x·e^y·y^(−x)·γ(x, y) = x·∫₀¹ u^(x−1)·e^(y(1−u)) du, by composite Simpson; for x < 1 the
 * integrand is singular at 0 and the substitution u = s^(1/x) gives the smooth ∫₀¹ e^(y(1 − s^(1/x))) ds.
 */
function gmrA(x: number, y: number): number {
  const n = 200_000;
  const h = 1 / n;
  const f = x > 1 ? (u: number) => x * Math.exp((x - 1) * Math.log(u) + y * (1 - u)) : (s: number) => Math.exp(y * (1 - Math.pow(s, 1 / x)));
  let sum = x > 1 ? 0 : f(0);
  for (let i = 1; i <= n; i++) sum += f(i * h) * (i === n ? 1 : i % 2 ? 4 : 2);
  return (sum * h) / 3;
}

describe('Erlang A against Garnett, Mandelbaum & Reiman (2002)', () => {
  // Garnett, Mandelbaum & Reiman, "Designing a call center with impatient customers", M&SOM 4(3):208–227,
  // exact M/M/N+M formulas: with x = Nμ/θ, y = λ/θ, ρ = λ/(Nμ), E = Erlang B(N, λ/μ),
  //   P{W>0} = A(x,y)·E / (1 + (A(x,y) − 1)·E),   P{Ab | W>0} = 1/(ρ·A(x,y)) + 1 − 1/ρ.
  const cases: Case[] = [
    { agents: 12, load: 10, aht: 180, patience: 120, targetT: 20 },
    { agents: 9, load: 10, aht: 180, patience: 300, targetT: 15 },
    { agents: 50, load: 48, aht: 60, patience: 120, targetT: 10 },
    { agents: 3, load: 4.5, aht: 300, patience: 60, targetT: 30 },
  ];
  it.each(cases)('N = $agents, A = $load, patience $patience s', (c) => {
    const m = erlangAMetrics(c);
    const x = (c.agents * c.patience) / c.aht;
    const y = (c.load * c.patience) / c.aht;
    const rho = c.load / c.agents;
    const A = gmrA(x, y);
    const E = erlangB(c.agents, c.load);
    const pWait = (A * E) / (1 + (A - 1) * E);
    expect(m.pWait).toBeCloseTo(pWait, 9);
    expect(m.pAbandon).toBeCloseTo(pWait * (1 / (rho * A) + 1 - 1 / rho), 9);
  });
});

describe('Erlang A against the brute-force chain', () => {
  const cases: Case[] = [
    { agents: 12, load: 10, aht: 180, patience: 120, targetT: 20 },
    { agents: 8, load: 10, aht: 180, patience: 90, targetT: 15 },
    { agents: 4, load: 3.2, aht: 240, patience: 600, targetT: 60 },
    { agents: 20, load: 18, aht: 120, patience: 45, targetT: 5 },
    { agents: 12, load: 10, aht: 180, patience: 120, targetT: 0 },
  ];
  it.each(cases)('N = $agents, A = $load, patience $patience s, T = $targetT s', (c) => {
    const m = erlangAMetrics(c);
    const ref = bruteForce(c);
    expect(m.pWait).toBeCloseTo(ref.pWait, 10);
    expect(m.pAbandon).toBeCloseTo(ref.pAbandon, 10);
    expect(ref.answeredByChain).toBeCloseTo(1 - ref.pAbandon, 7); // the reference agrees with itself
    expect(m.serviceLevel).toBeCloseTo(ref.serviceLevel, 6);
    expect(m.asa).toBeCloseTo(ref.asa, 4);
    expect(m.occupancy).toBeCloseTo((c.load * (1 - ref.pAbandon)) / c.agents, 10);
  });
});

describe('Erlang A special cases', () => {
  it('patience equal to the handle time is an M/M/∞ system: the number present is Poisson(A)', () => {
    // GMR 2002 note the case θ = μ: every caller leaves at rate μ whether served or waiting.
    for (const [agents, load] of [[5, 4], [10, 12], [30, 25]] as const) {
      const m = erlangAMetrics({ agents, load, aht: 200, patience: 200, targetT: 10 });
      let term = Math.exp(-load);
      let below = 0;
      let meanBelow = 0;
      for (let n = 0; n < agents; n++) {
        below += term;
        meanBelow += (n - agents) * term;
        term = (term * load) / (n + 1);
      }
      const pWait = 1 - below;
      const meanExcess = load - agents - meanBelow; // E[(X − N)+] = E[X − N] − E[(X − N); X < N]
      expect(m.pWait).toBeCloseTo(pWait, 12);
      expect(m.pAbandon).toBeCloseTo(meanExcess / load, 12);
    }
  });
  it('tends to Erlang C as patience grows without end', () => {
    const c = erlangCMetrics({ agents: 12, load: 10, aht: 180, targetT: 20 });
    const a = erlangAMetrics({ agents: 12, load: 10, aht: 180, patience: 180 * 1e6, targetT: 20 });
    expect(a.pWait).toBeCloseTo(c.pWait, 5);
    expect(a.serviceLevel).toBeCloseTo(c.serviceLevel, 5);
    expect(a.asa).toBeCloseTo(c.asa, 3);
    expect(a.pAbandon).toBeLessThan(1e-6);
  });
  it('stays finite where e^y and γ(x, y) overflow: 500–1,000 agents, y = λ·patience in the thousands', () => {
    for (const agents of [500, 700, 1000]) {
      for (const load of [480, 900, 1400]) {
        const m = erlangAMetrics({ agents, load, aht: 180, patience: 600, targetT: 15 });
        for (const value of Object.values(m)) expect(Number.isFinite(value)).toBe(true);
        expect(m.pWait).toBeLessThanOrEqual(1);
        expect(m.serviceLevel).toBeLessThanOrEqual(1 - m.pAbandon + 1e-12);
        expect(m.occupancy).toBeLessThanOrEqual(1);
        // flow balance: carried load = offered × answered share, never more than the agents
        expect(m.occupancy * agents).toBeCloseTo(load * (1 - m.pAbandon), 6);
        if (load > agents) expect(m.pAbandon).toBeGreaterThan(1 - agents / load - 1e-9);
      }
    }
  });
  it('answers an overloaded center (A = 2 × N) with most callers abandoning, not NaN', () => {
    const m = erlangAMetrics({ agents: 100, load: 200, aht: 300, patience: 60, targetT: 15 });
    expect(m.pWait).toBeGreaterThan(0.99);
    expect(m.pAbandon).toBeGreaterThan(0.49);
    expect(m.occupancy).toBeGreaterThan(0.99);
  });
});

describe('Erlang A monotonicity and search', () => {
  it('the service level rises, occupancy and abandonment fall as agents are added', () => {
    for (const [load, patience] of [[10, 120], [48, 60], [300, 900], [2.5, 30]] as const) {
      let previous = erlangAMetrics({ agents: 1, load, aht: 180, patience, targetT: 15 });
      for (let agents = 2; agents <= load * 1.5 + 10; agents++) {
        const m = erlangAMetrics({ agents, load, aht: 180, patience, targetT: 15 });
        expect(m.serviceLevel).toBeGreaterThanOrEqual(previous.serviceLevel - 1e-12);
        expect(m.occupancy).toBeLessThanOrEqual(previous.occupancy + 1e-12);
        expect(m.pAbandon).toBeLessThanOrEqual(previous.pAbandon + 1e-12);
        expect(m.pWait).toBeLessThanOrEqual(previous.pWait + 1e-12);
        previous = m;
      }
    }
  });
  it('finds the smallest N, checked by a linear scan', () => {
    for (const [load, patience, targetSl, targetT, maxOccupancy] of [
      [10, 120, 0.8, 20, 1],
      [10, 120, 0.9, 15, 0.8],
      [48, 60, 0.9, 15, 1],
      [300, 300, 0.85, 20, 0.9],
      [0.4, 30, 0.5, 10, 1],
      [25, 45, 0, 0, 0.6],
    ] as const) {
      const found = findErlangAAgents({ load, aht: 180, patience, targetSl, targetT, maxOccupancy });
      let scan = 1;
      for (;; scan++) {
        const m = erlangAMetrics({ agents: scan, load, aht: 180, patience, targetT });
        if (m.serviceLevel >= targetSl - 1e-12 && m.occupancy <= maxOccupancy + 1e-12) break;
      }
      expect(found).toBe(scan);
    }
  });
  it('needs fewer agents than Erlang C when callers abandon', () => {
    for (const [load, patience] of [[48, 60], [10, 120], [300, 120]] as const) {
      const erlangA = findErlangAAgents({ load, aht: 240, patience, targetSl: 0.8, targetT: 20 });
      expect(erlangA).toBeLessThan(findErlangCAgents({ load, aht: 240, targetSl: 0.8, targetT: 20 }));
    }
  });
  it('refuses a patience too long to sum for the load', () => {
    try {
      erlangAMetrics({ agents: 1, load: 5000, aht: 1, patience: 1e6, targetT: 15 });
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).params).toEqual({ detail: 'staffing_patience_too_long' });
    }
  });
});
