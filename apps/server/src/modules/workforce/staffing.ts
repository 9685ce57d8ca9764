import type { StaffingQuery, StaffingResult } from '@kefu/shared';
import { erlangAMetrics, findErlangAAgents } from './erlang-a.js';
import { assertAgents, assertTargets, erlangCMetrics, findErlangCAgents, offeredLoad, staffWithShrinkage } from './erlang.js';

/**
 * The staffing answer for one interval: the smallest number of agents meeting the targets (or the figures
 * of `agents` when given), by Erlang C, or by Erlang A when the callers' patience is known. Pure: the API
 * and the CLI both call it with a parsed staffingQuerySchema.
 */
export function computeStaffing(query: StaffingQuery): StaffingResult {
  const { aht, targetSl, targetT, maxOccupancy, patience } = query;
  const load = offeredLoad(query);
  assertTargets({ targetSl, targetT, maxOccupancy });
  const shrinkage = query.shrinkage ?? 0;
  staffWithShrinkage(1, shrinkage);
  if (query.agents !== undefined) assertAgents(query.agents);

  if (patience === undefined) {
    const agents = query.agents ?? findErlangCAgents({ load, aht, targetSl, targetT, maxOccupancy });
    const metrics = erlangCMetrics({ agents, load, aht, targetT });
    return { agents, staffWithShrinkage: staffWithShrinkage(agents, shrinkage), ...metrics };
  }
  const agents = query.agents ?? findErlangAAgents({ load, aht, patience, targetSl, targetT, maxOccupancy });
  const { pAbandon, ...metrics } = erlangAMetrics({ agents, load, aht, patience, targetT });
  return Object.assign({ agents, staffWithShrinkage: staffWithShrinkage(agents, shrinkage) }, metrics, { pAbandon });
}
