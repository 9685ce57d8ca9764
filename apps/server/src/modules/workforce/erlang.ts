/**
 * Erlang B / Erlang C for one planning interval: pure arithmetic, no I/O.
 *
 * Calls arrive as a Poisson stream, handle times are exponential with mean `aht`, callers wait as long as
 * needed (M/M/N). The offered load A = calls × aht / interval (Erlangs). With N agents (N > A):
 *   P(W>0) = C(N, A),  P(W ≤ T) = 1 − C·e^(−(N−A)·T/aht),  ASA = C·aht/(N − A),  occupancy = A/N.
 *
 * Stability: C is never computed from A^N/N! (overflows past N ≈ 170) but from the Erlang B recursion
 * B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)), whose terms stay in [0, 1], then C = N·B / (N − A(1 − B)).
 * For N ≫ A, B underflows to 0 gracefully (C = 0, service level 1), never to NaN.
 */
import { STAFFING_LIMITS } from '@kefu/shared';
import { AppError } from '../../lib/app-error.js';

/** What an Erlang model says about one staffing level. */
export interface QueueMetrics {
  serviceLevel: number;
  pWait: number;
  asa: number;
  occupancy: number;
}

export interface Targets {
  /** Share of calls to answer within `targetT` seconds, 0 ≤ targetSl < 1. */
  targetSl: number;
  targetT: number;
  /** Highest acceptable occupancy, 0 < maxOccupancy ≤ 1 (1 = no cap). */
  maxOccupancy?: number;
}

/**
 * Floating-point slack for "meets the target": a service level computed as 0.8999999999999999 for a target
 * of 0.9, or an occupancy of 0.8500000000000001 for a cap of 0.85, must not cost an extra agent.
 */
export const TARGET_SLACK = 1e-12;

/** A staffing input that cannot be answered; `word` is translated by the shared error catalog. */
export function staffingError(field: string, word: string, extra: Record<string, number> = {}): AppError {
  return new AppError('VALIDATION', { detail: word }, { field, ...extra });
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function assertPositive(value: number, field: string, word: string): void {
  if (!isFiniteNumber(value) || value <= 0) throw staffingError(field, word);
}

export function assertTargets({ targetSl, targetT, maxOccupancy }: Targets): void {
  if (!isFiniteNumber(targetSl) || targetSl < 0 || targetSl >= 1) throw staffingError('targetSl', 'staffing_target_sl');
  if (!isFiniteNumber(targetT) || targetT < 0) throw staffingError('targetT', 'staffing_target_t');
  if (maxOccupancy !== undefined && (!isFiniteNumber(maxOccupancy) || maxOccupancy <= 0 || maxOccupancy > 1)) {
    throw staffingError('maxOccupancy', 'staffing_max_occupancy');
  }
}

export function assertAgents(agents: number): void {
  if (!Number.isInteger(agents) || agents < 1 || agents > STAFFING_LIMITS.agentsMax) {
    throw staffingError('agents', 'staffing_agents', { max: STAFFING_LIMITS.agentsMax });
  }
}

/** Offered load A in Erlangs: the number of agents the calls would keep busy on average. */
export function offeredLoad({ calls, intervalMin, aht }: { calls: number; intervalMin: number; aht: number }): number {
  assertPositive(calls, 'calls', 'staffing_calls');
  assertPositive(intervalMin, 'intervalMin', 'staffing_interval');
  assertPositive(aht, 'aht', 'staffing_aht');
  const load = (calls * aht) / (intervalMin * 60);
  if (!isFiniteNumber(load) || load > STAFFING_LIMITS.agentsMax) {
    throw staffingError('calls', 'staffing_load_too_high', { offeredLoad: load, max: STAFFING_LIMITS.agentsMax });
  }
  return load;
}

/** Erlang B: the share of calls lost when N agents serve load A and there is no queue. */
export function erlangB(agents: number, load: number): number {
  let b = 1;
  for (let n = 1; n <= agents; n++) b = (load * b) / (n + load * b);
  return b;
}

/** Erlang C from Erlang B of the same N and A; needs N > A. */
export function erlangCFromB(agents: number, load: number, b: number): number {
  return (agents * b) / (agents - load * (1 - b));
}

/** Erlang C: the probability that a call waits (all N agents busy); needs N > A. */
export function erlangC(agents: number, load: number): number {
  if (!(agents > load)) throw staffingError('agents', 'staffing_agents_unstable', { agents, offeredLoad: load });
  return erlangCFromB(agents, load, erlangB(agents, load));
}

function serviceLevelFromC(c: number, agents: number, load: number, aht: number, targetT: number): number {
  return 1 - c * Math.exp((-(agents - load) * targetT) / aht);
}

/** Every figure of N agents under Erlang C. */
export function erlangCMetrics({ agents, load, aht, targetT }: { agents: number; load: number; aht: number; targetT: number }): QueueMetrics {
  assertAgents(agents);
  const c = erlangC(agents, load);
  return {
    serviceLevel: serviceLevelFromC(c, agents, load, aht, targetT),
    pWait: c,
    asa: (c * aht) / (agents - load),
    occupancy: load / agents,
  };
}

/** The fewest agents whose occupancy A/N stays within the cap. */
export function agentsForOccupancy(load: number, maxOccupancy: number): number {
  let n = Math.max(1, Math.ceil(load / maxOccupancy));
  // load / cap can land a hair above a whole number (8.4 / 0.84 = 10.000000000000002).
  while (n > 1 && load / (n - 1) <= maxOccupancy + TARGET_SLACK) n -= 1;
  if (n > STAFFING_LIMITS.agentsMax) throw staffingError('maxOccupancy', 'staffing_occupancy_unreachable', { offeredLoad: load, max: STAFFING_LIMITS.agentsMax });
  return n;
}

/**
 * The smallest N that meets the service level (and the occupancy cap) under Erlang C.
 *
 * Both constraints are monotone in N (the service level rises with N, A/N falls), so the first N that
 * meets them, counting up from the larger of ⌊A⌋+1 (stability) and ⌈A/cap⌉, is the answer. B is carried
 * from one N to the next, so the whole search costs one pass of the recursion up to the answer: about
 * N divisions and a handful of exponentials (≈ A + β√A, β ≈ 1–3, in practice).
 */
export function findErlangCAgents({ load, aht, targetSl, targetT, maxOccupancy = 1 }: Targets & { load: number; aht: number }): number {
  assertPositive(load, 'calls', 'staffing_calls');
  assertPositive(aht, 'aht', 'staffing_aht');
  assertTargets({ targetSl, targetT, maxOccupancy });
  const start = Math.max(Math.floor(load) + 1, agentsForOccupancy(load, maxOccupancy));
  let b = 1;
  for (let n = 1; n < start; n++) b = (load * b) / (n + load * b);
  const decay = -targetT / aht;
  for (let n = start; n <= STAFFING_LIMITS.agentsMax; n++) {
    b = (load * b) / (n + load * b);
    const c = erlangCFromB(n, load, b);
    if (1 - c * Math.exp((n - load) * decay) >= targetSl - TARGET_SLACK) return n;
  }
  throw staffingError('targetSl', 'staffing_target_unreachable', { max: STAFFING_LIMITS.agentsMax });
}

/** Agents to schedule so that `agents` are on the phones after shrinkage (breaks, training, leave). */
export function staffWithShrinkage(agents: number, shrinkage = 0): number {
  if (!isFiniteNumber(shrinkage) || shrinkage < 0 || shrinkage >= 1) throw staffingError('shrinkage', 'staffing_shrinkage');
  // 14 / (1 − 0.3) is 20.000000000000004 in binary floating point: it must stay 20.
  return Math.ceil(agents / (1 - shrinkage) - 1e-9);
}
