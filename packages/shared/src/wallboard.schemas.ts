import { z } from 'zod';
import { callMetricsSchema, agentStateSchema, AGENT_STATES } from './calls.schemas.js';

/** The shift leader's live view (实时监控): the queue now, the last 15/30/60 minutes, the agents by state. */
export const wallboardSchema = z.object({
  at: z.string(),
  targets: z.object({ serviceLevel: z.number(), thresholdSeconds: z.number(), connectRate: z.number() }),
  waiting: z.number(),
  longestWaitSeconds: z.number().nullable(),
  windows: z.array(z.object({ minutes: z.number(), metrics: callMetricsSchema })),
  agentCounts: z.record(z.enum(AGENT_STATES), z.number()),
  agents: z.array(agentStateSchema),
});
export type Wallboard = z.infer<typeof wallboardSchema>;
