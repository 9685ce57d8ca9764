// Requirement per interval: forecast contacts → Erlang C agents (workforce module) → agents to schedule.
import { computeStaffing } from '../../workforce/staffing.js';

export interface RequirementParams {
  /** Average handle time in seconds. */
  aht: number;
  targetSl: number;
  targetT: number;
  shrinkage: number;
  maxOccupancy?: number;
  intervalMin?: number;
}

export const DEFAULT_REQUIREMENT: RequirementParams = { aht: 240, targetSl: 0.9, targetT: 15, shrinkage: 0.3, maxOccupancy: 0.9 };

/** Agents to schedule per interval; an interval without contacts needs nobody. Identical loads are computed once. */
export function requirementOf(contacts: readonly number[], params: RequirementParams): number[] {
  const memo = new Map<number, number>();
  return contacts.map((c) => {
    const calls = Math.round(c * 100) / 100;
    if (calls <= 0) return 0;
    let agents = memo.get(calls);
    if (agents === undefined) {
      agents = computeStaffing({ calls, intervalMin: params.intervalMin ?? 30, aht: params.aht, targetSl: params.targetSl, targetT: params.targetT, maxOccupancy: params.maxOccupancy, shrinkage: params.shrinkage }).staffWithShrinkage;
      memo.set(calls, agents);
    }
    return agents;
  });
}
