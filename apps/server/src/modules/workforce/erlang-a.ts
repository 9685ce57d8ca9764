/**
 * Erlang A (Palm's M/M/N+M): Erlang C plus callers who hang up after an exponential patience with mean
 * `patience` seconds (rate θ = 1/patience). Pure arithmetic, no I/O.
 *
 * Method — the birth–death chain, summed with recursive ratios. With μ = 1/aht, λ = A·μ and
 * x = Nμ/θ, y = λ/θ, the stationary probabilities are
 *   π_n / π_N = D-terms for n < N, where D = Σ_{n<N} π_n/π_N = 1/ErlangB(N, A) − 1,
 *               computed as D(n) = (n/A)·(1 + D(n−1)) (the reciprocal Erlang B recursion);
 *   π_{N+k} / π_N = t_k(y),  t_k(w) = w^k / ((x+1)(x+2)…(x+k))  (ratio y/(x+k) from state to state).
 * S(w) = Σ t_k(w) is Garnett–Mandelbaum–Reiman's A(x, w) = x·e^w·w^(−x)·γ(x, w). From the chain:
 *   P(W>0)  = S(y) / (D + S(y))                                            (arrivals see time averages)
 *   P(ab)   = θ·E[queue]/λ = Σ k·t_k(y) / y / (D + S(y))
 * A caller who finds k others waiting is answered with probability x/(x+k+1) (each of the k+1 levels ahead
 * ends by a service or an abandonment ahead, at rate θ(x+j), before its own patience, rate θ), after a wait
 * whose levels last Exp(θ(x+j+1)); solving the forward equations of "k ahead" (they keep the shape
 * c(t)·t_k(y·e^(−θt))) gives the mass still waiting at T, of which x/(x+k+1) is answered later:
 *   answered within T = [D + x·F(y) − x·e^(−(x+1)θT + y − z)·F(z)] / (D + S(y)),  z = y·e^(−θT),
 *   F(w) = Σ t_k(w)/(x+k+1);   ASA (answered calls) = x·Σ t_k(y)·H_k/(x+k+1) / θ / [D + x·F(y)],
 *   H_k = Σ_{j≤k} 1/(x+j+1).
 *
 * Why this and not GMR's incomplete-gamma expressions evaluated directly: γ(x, y), e^y and y^x overflow a
 * double once y reaches a few hundred (y = λ × patience: 2 calls/s × 5 min is already 600), and the
 * textbook P(ab|W>0) = 1/(ρ·A(x,y)) + 1 − 1/ρ cancels catastrophically near ρ = 1. Here every sum has
 * positive terms only, is rescaled whenever a term passes 1e250, is combined in logarithms, and is cut past
 * its peak once the geometric bound of what is left is below 1e−17 of the sum. The tests check the result
 * against GMR's closed forms (computed independently by quadrature), a brute-force chain with the
 * answered-within-T probability integrated numerically, the θ = μ case (M/M/∞, Poisson) and θ → 0 (Erlang C).
 */
import { STAFFING_LIMITS } from '@kefu/shared';
import { assertAgents, assertPositive, assertTargets, staffingError, TARGET_SLACK, type QueueMetrics, type Targets } from './erlang.js';

export interface ErlangAMetrics extends QueueMetrics {
  pAbandon: number;
}

const RESCALE_AT = 1e250;
const LOG_RESCALE = Math.log(RESCALE_AT);
/** Terms one sum may take; past it the question (patience × call rate in the millions) is refused. */
const MAX_TERMS = 20_000_000;

interface Sums {
  logS: number;
  logF: number;
  logQ: number;
  logG: number;
}

function logAddExp(a: number, b: number): number {
  const m = Math.max(a, b);
  if (m === -Infinity) return -Infinity;
  return m + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/** ln D(N) = ln Σ_{n<N} π_n/π_N for load A, by D(n) = (n/A)(1 + D(n−1)), kept as d·e^scale. */
function logBelow(agents: number, load: number): number {
  let d = 0;
  let scale = 0;
  let unit = 1; // e^−scale: the "1 +" of the recursion in the scaled units
  for (let n = 1; n <= agents; n++) {
    d = (n / load) * (unit + d);
    if (d > RESCALE_AT) {
      d /= RESCALE_AT;
      scale += LOG_RESCALE;
      unit = Math.exp(-scale);
    }
  }
  return Math.log(d) + scale;
}

/** The queue sums S, F (and Q = Σ k·t_k, G = Σ t_k·H_k/(x+k+1) when asked) of t_k(w), as logarithms. */
function queueSums(x: number, w: number, withMoments: boolean): Sums {
  if (Math.max(0, w - x) + 60 * Math.sqrt(w) + 100 > MAX_TERMS) throw staffingError('patience', 'staffing_patience_too_long');
  let t = 1;
  let scale = 0;
  let d = 1 / (x + 1);
  let s = 1;
  let f = d;
  let q = 0;
  let h = d;
  let g = h * d;
  for (let k = 1; k <= MAX_TERMS; k++) {
    t *= w / (x + k);
    d = 1 / (x + k + 1);
    s += t;
    f += t * d;
    if (withMoments) {
      h += d;
      q += k * t;
      g += t * h * d;
    }
    if (t > RESCALE_AT) {
      t /= RESCALE_AT;
      s /= RESCALE_AT;
      f /= RESCALE_AT;
      q /= RESCALE_AT;
      g /= RESCALE_AT;
      scale += LOG_RESCALE;
    }
    // Past the peak the terms fall at least geometrically with ratio r: what is left of Σ t and of
    // Σ k·t is below t·(k+1)/(1−r)².
    const r = w * d;
    if (r < 1 && t * (k + 2) <= 1e-17 * s * (1 - r) * (1 - r) * Math.min(1, w)) break;
  }
  return { logS: Math.log(s) + scale, logF: Math.log(f) + scale, logQ: Math.log(q) + scale, logG: Math.log(g) + scale };
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

/** Every figure of N agents under Erlang A; `serviceLevel` counts calls answered within targetT among all offered. */
export function erlangAMetrics({ agents, load, aht, patience, targetT }: { agents: number; load: number; aht: number; patience: number; targetT: number }): ErlangAMetrics {
  assertAgents(agents);
  assertPositive(load, 'calls', 'staffing_calls');
  assertPositive(aht, 'aht', 'staffing_aht');
  assertPositive(patience, 'patience', 'staffing_patience');
  if (!Number.isFinite(targetT) || targetT < 0) throw staffingError('targetT', 'staffing_target_t');
  const x = (agents * patience) / aht;
  const y = (load * patience) / aht;
  const z = y * Math.exp(-targetT / patience);
  const lnD = logBelow(agents, load);
  const at = queueSums(x, y, true);
  const late = queueSums(x, z, false);
  const lnNorm = logAddExp(lnD, at.logS);
  const lnAnswered = logAddExp(lnD, Math.log(x) + at.logF);
  const answered = Math.exp(lnAnswered - lnNorm);
  const answeredAfterT = Math.exp(Math.log(x) + late.logF - ((x + 1) * targetT) / patience + y - z - lnNorm);
  return {
    serviceLevel: clamp01(answered - answeredAfterT),
    pWait: clamp01(Math.exp(at.logS - lnNorm)),
    asa: Math.exp(Math.log(x) + at.logG + Math.log(patience) - lnAnswered),
    occupancy: clamp01((load * answered) / agents),
    pAbandon: clamp01(Math.exp(at.logQ - Math.log(y) - lnNorm)),
  };
}

/**
 * The smallest N meeting the targets under Erlang A. Any N below targetSl·A fails (answered calls never
 * exceed N/A of those offered), so the search starts there, gallops up until the targets are met and
 * bisects back: the service level rises and the occupancy falls with N (checked over a grid in the tests).
 */
export function findErlangAAgents({ load, aht, patience, targetSl, targetT, maxOccupancy = 1 }: Targets & { load: number; aht: number; patience: number }): number {
  assertTargets({ targetSl, targetT, maxOccupancy });
  const max = STAFFING_LIMITS.agentsMax;
  const check = (agents: number) => {
    const m = erlangAMetrics({ agents, load, aht, patience, targetT });
    return { sl: m.serviceLevel >= targetSl - TARGET_SLACK, occupancy: m.occupancy <= maxOccupancy + TARGET_SLACK };
  };
  const unreachable = (occupancyMet: boolean) =>
    occupancyMet ? staffingError('targetSl', 'staffing_target_unreachable', { max }) : staffingError('maxOccupancy', 'staffing_occupancy_unreachable', { offeredLoad: load, max });
  let failing = Math.max(0, Math.ceil(targetSl * load) - 1);
  if (failing >= max) throw unreachable(true);
  let passing = failing + 1; // a candidate until check() says so; from then on the smallest known passing N
  let step = Math.max(1, Math.ceil(Math.sqrt(load)));
  for (;;) {
    const result = check(passing);
    if (result.sl && result.occupancy) break;
    if (passing >= max) throw unreachable(result.occupancy);
    failing = passing;
    passing = Math.min(max, passing + step);
    step *= 2;
  }
  while (passing - failing > 1) {
    const mid = Math.floor((failing + passing) / 2);
    const result = check(mid);
    if (result.sl && result.occupancy) passing = mid;
    else failing = mid;
  }
  return passing;
}
