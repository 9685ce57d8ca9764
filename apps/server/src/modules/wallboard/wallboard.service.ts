import { sql, type Kysely } from 'kysely';
import { AGENT_STATES, CALL_STATS_DEFAULTS, WALLBOARD_READERS, type AgentState, type Wallboard } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../lib/actor.js';
import { AppError } from '../../lib/app-error.js';
import { now } from '../../lib/clock.js';
import { listAgentStates } from '../calls/agent-states.service.js';
import { getCallStats } from '../calls/call-stats.service.js';
import { windowMetrics } from './wallboard-windows.js';
import { createWindowsCache } from './windows-cache.js';

export const WINDOWS_MINUTES = [15, 30, 60] as const;
// Seed 000's targets: connect rate ≥ 90 %, 90 % answered within 15 s.
const TARGETS = { serviceLevel: CALL_STATS_DEFAULTS.targetServiceLevel, thresholdSeconds: CALL_STATS_DEFAULTS.thresholdSeconds, connectRate: 0.9 };

/** Inbound calls now waiting (ringing or queued, not answered, not ended), and how long the oldest has waited. */
async function waitingCalls(db: Kysely<DB>, tenantId: number, at: Date) {
  const row = await db
    .selectFrom('calls')
    .select([(eb) => eb.fn.countAll<number>().as('n'), sql<Date | null>`min(coalesce(queued_at, started_at))`.as('oldest')])
    .where('tenant_id', '=', tenantId)
    // A call left open for a day lost its hangup event; it is not waiting any more.
    .where('started_at', '>', new Date(at.getTime() - 86_400_000))
    // Written as literals so the planner can prove the partial index calls_waiting (migration 0005) applies.
    .where(sql<boolean>`direction = 'in' and answered_at is null and ended_at is null and not blocked`)
    .executeTakeFirstOrThrow();
  const oldest = row.oldest ? new Date(row.oldest) : null;
  return { waiting: Number(row.n), longestWaitSeconds: oldest ? Math.max(0, Math.round((at.getTime() - oldest.getTime()) / 1000)) : null };
}

// One computation per tenant at a time: every leader's screen asks on every change, and under heavy traffic the
// requests that arrive while one runs share its answer instead of queueing behind each other.
const inFlight = new Map<number, Promise<Wallboard>>();
const windowsCache = createWindowsCache<Wallboard['windows']>();

export async function getWallboard({ db, actor }: { db: Kysely<DB>; actor: Actor }): Promise<Wallboard> {
  if (!WALLBOARD_READERS.some((p) => can(actor, p))) throw new AppError('FORBIDDEN');
  const running = inFlight.get(actor.tenantId);
  if (running) return running;
  const computing = computeWallboard(db, actor).finally(() => inFlight.delete(actor.tenantId));
  inFlight.set(actor.tenantId, computing);
  return computing;
}

/** The windows as GET /calls/stats computes them (a scan of the last hour's calls); the definition the rollups keep. */
export function scannedWindows(db: Kysely<DB>, actor: Actor, at: Date) {
  return Promise.all(
    WINDOWS_MINUTES.map(async (minutes) => {
      const stats = await getCallStats({
        db,
        actor,
        query: { from: new Date(at.getTime() - minutes * 60_000).toISOString(), to: at.toISOString(), threshold: TARGETS.thresholdSeconds, shortAbandon: CALL_STATS_DEFAULTS.shortAbandonSeconds },
      });
      return { minutes, metrics: stats.totals };
    }),
  );
}

async function computeWallboard(db: Kysely<DB>, actor: Actor): Promise<Wallboard> {
  const at = now();
  const [queue, windows, agents] = await Promise.all([
    waitingCalls(db, actor.tenantId, at),
    // Everyone who may see all calls reads the per-minute rollups; anyone else gets the statistics of what they may see.
    can(actor, 'calls.read_all') ? windowsCache.get(actor.tenantId, () => windowMetrics(db, actor.tenantId, at, WINDOWS_MINUTES)) : scannedWindows(db, actor, at),
    listAgentStates({ db, actor }),
  ]);
  const agentCounts = Object.fromEntries(AGENT_STATES.map((s) => [s, 0])) as Record<AgentState, number>;
  for (const agent of agents.items) agentCounts[agent.state] += 1;
  return Object.assign({ at: at.toISOString(), targets: TARGETS }, queue, { windows, agentCounts, agents: agents.items });
}
