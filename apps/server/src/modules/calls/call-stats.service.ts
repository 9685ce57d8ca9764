import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { CALL_STATS_DEFAULTS, CTI_LIMITS, type CallStats, type CallStatsQuery } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { invalid } from '../../lib/app-error.js';
import { now } from '../../lib/clock.js';
import { addCounts, computeCallMetrics, EMPTY_COUNTS, foldClassRows, type CallCounts, type ClassRow } from './call-metrics.js';
import {
  aggregateCallClasses, aggregateStaffedSeconds, buildStatsDays, rollupClassRows, type LocalDay, type RollupSource, type StatsFilter,
} from './call-stats.repo.js';
import { callRestriction } from './calls.policy.js';

const DAY_MS = 86_400_000;

/** Where the center's intervals are counted from: a local midnight, so quarter hours fall on the local clock. */
const statsOrigin = (zone: string) => DateTime.fromObject({ year: 2000, month: 1, day: 1 }, { zone }).toJSDate();
/** A day's rollup is built once the day has been over this long (calls still running at midnight have ended). */
const CLOSED_AFTER_MS = 2 * 3_600_000;

/**
 * The rollup a query can be answered from, if any (see the rollup tables in migrations 0004 and 0017). Any threshold
 * and short-abandon limit: the rollups hold wait-time histograms.
 */
export function rollupFor(f: Pick<StatsFilter, 'groupBy' | 'queue' | 'agentId' | 'teamId'>): RollupSource | null {
  const byAgent = f.agentId !== undefined || f.teamId !== undefined;
  if (f.groupBy === 'agent' || f.groupBy === 'team') return f.queue === undefined ? 'agents' : null;
  if (byAgent) return f.queue === undefined && (!f.groupBy || f.groupBy === 'day') ? 'agents' : null;
  return 'intervals';
}

/**
 * The whole local days inside [from, to) that are closed: those come from rollups; the rest of the period
 * (a partial first or last day, today) is scanned. Closed days are a prefix of time, so they form one run.
 */
export function planPeriod(from: Date, to: Date, timezone: string, at: Date): { days: LocalDay[]; raw: Array<{ from: Date; to: Date }> } {
  const days: LocalDay[] = [];
  let day = DateTime.fromJSDate(from, { zone: timezone }).startOf('day');
  if (day.toJSDate() < from) day = day.plus({ days: 1 });
  for (; ; day = day.plus({ days: 1 })) {
    const endsAt = day.plus({ days: 1 }).toJSDate();
    if (endsAt > to || endsAt.getTime() > at.getTime() - CLOSED_AFTER_MS) break;
    days.push({ day: day.toFormat('yyyy-MM-dd'), startsAt: day.toJSDate(), endsAt });
  }
  if (days.length === 0) return { days, raw: [{ from, to }] };
  const raw = [{ from, to: days[0]!.startsAt }, { from: days.at(-1)!.endsAt, to }].filter((r) => r.to > r.from);
  return { days, raw };
}

export async function getCallStats({ db, actor, query, useRollups = true }: { db: Kysely<DB>; actor: Actor; query: CallStatsQuery; useRollups?: boolean }): Promise<CallStats> {
  // Agents without calls.read_all see the figures of their own calls only.
  const only = callRestriction(actor);
  const from = new Date(query.from);
  const to = new Date(query.to);
  const days = (to.getTime() - from.getTime()) / DAY_MS;
  const isInterval = query.groupBy?.startsWith('interval') ?? false;
  if (!(days > 0) || days > (isInterval ? CTI_LIMITS.statsIntervalDaysMax : CTI_LIMITS.statsDaysMax)) throw invalid('stats_range', { field: 'to' });
  const tenant = await db.selectFrom('tenants').select('timezone').where('id', '=', actor.tenantId).executeTakeFirstOrThrow();
  const filter: StatsFilter = {
    tenantId: actor.tenantId, from, to, timezone: tenant.timezone, thresholdSeconds: query.threshold, shortAbandonSeconds: query.shortAbandon,
    origin: statsOrigin(tenant.timezone),
    queue: query.queue, agentId: only ?? query.agent, teamId: query.team, groupBy: query.groupBy,
  };
  if (only !== undefined && query.agent !== undefined && query.agent !== only) filter.agentId = -1;
  // Agents belong to no queue: with a queue filter or grouping there is no ready time to divide by.
  const withOccupancy = query.queue === undefined && query.groupBy !== 'queue';
  const at = now();
  const [classes, staffed] = await Promise.all([
    callClassRows(db, filter, useRollups ? rollupFor(filter) : null, at),
    withOccupancy ? aggregateStaffedSeconds(db, filter, at) : Promise.resolve(new Map<string, number>()),
  ]);
  const calls = foldClassRows(classes);
  const keys = [...new Set([...calls.keys(), ...staffed.keys()])];
  const counts = new Map<string, CallCounts>(keys.map((k) => [k, Object.assign({}, calls.get(k) ?? EMPTY_COUNTS, { staffedSeconds: withOccupancy ? (staffed.get(k) ?? 0) : null })]));
  const totals = [...counts.values()].reduce(addCounts, Object.assign({}, EMPTY_COUNTS, { staffedSeconds: withOccupancy ? 0 : null }));
  const labels = await groupLabels(db, actor.tenantId, query.groupBy, keys);
  const groups = query.groupBy
    ? [...counts.entries()]
      .map(([key, c]) => ({ key, label: labels.get(key) ?? key, ...computeCallMetrics(c) }))
      .sort((a, b) => (query.groupBy === 'agent' || query.groupBy === 'team' ? a.label.localeCompare(b.label, 'zh-CN') || a.key.localeCompare(b.key) : a.key.localeCompare(b.key)))
    : [];
  return {
    from: from.toISOString(), to: to.toISOString(), timezone: tenant.timezone, thresholdSeconds: query.threshold, shortAbandonSeconds: query.shortAbandon,
    groupBy: query.groupBy ?? null, totals: computeCallMetrics(totals), groups,
  };
}

/**
 * Builds the statistics rollups of every tenant's recently closed days ahead of the first query, which would
 * otherwise pay for them (about a second per day of a 300-agent center). Days already built are skipped.
 */
export async function prebuildRecentStatsDays(db: Kysely<DB>, at: Date, days = 3): Promise<void> {
  for (const t of await db.selectFrom('tenants').select(['id', 'timezone']).execute()) {
    const plan = planPeriod(new Date(at.getTime() - days * DAY_MS), at, t.timezone, at);
    await buildStatsDays(db, { tenantId: t.id, timezone: t.timezone, origin: statsOrigin(t.timezone) }, plan.days, CALL_STATS_DEFAULTS);
  }
}

/** The call classes of the period: closed days from their rollups (built on first use), the rest scanned. */
async function callClassRows(db: Kysely<DB>, f: StatsFilter, source: RollupSource | null, at: Date): Promise<ClassRow[]> {
  if (!source) return aggregateCallClasses(db, f, f);
  const plan = planPeriod(f.from, f.to, f.timezone, at);
  if (plan.days.length > 0) await buildStatsDays(db, f, plan.days, CALL_STATS_DEFAULTS);
  const parts = await Promise.all([
    ...(plan.days.length ? [rollupClassRows(db, f, source, plan.days.map((d) => d.day), CALL_STATS_DEFAULTS)] : []),
    ...plan.raw.map((range) => aggregateCallClasses(db, f, range)),
  ]);
  return parts.flat();
}

async function groupLabels(db: Kysely<DB>, tenantId: number, groupBy: CallStatsQuery['groupBy'], keys: string[]): Promise<Map<string, string>> {
  const ids = keys.filter((k) => /^\d+$/.test(k)).map(Number);
  if (groupBy === 'agent' && ids.length) {
    const users = await db.selectFrom('users').select(['id', 'display_name']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
    return new Map(users.map((u) => [String(u.id), u.display_name]));
  }
  if (groupBy === 'team' && ids.length) {
    const teams = await db.selectFrom('teams').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
    return new Map(teams.map((t) => [String(t.id), t.name]));
  }
  if (groupBy === 'queue') return new Map(keys.map((k) => [k, k === '' ? '—' : k]));
  return new Map();
}
