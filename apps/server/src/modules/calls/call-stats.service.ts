import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { CTI_LIMITS, type CallStats, type CallStatsQuery } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { invalid } from '../../lib/app-error.js';
import { now } from '../../lib/clock.js';
import { addCounts, computeCallMetrics, EMPTY_COUNTS, foldClassRows, type CallCounts } from './call-metrics.js';
import { aggregateCallClasses, aggregateStaffedSeconds, type StatsFilter } from './call-stats.repo.js';
import { callRestriction } from './calls.policy.js';

const DAY_MS = 86_400_000;

export async function getCallStats({ db, actor, query }: { db: Kysely<DB>; actor: Actor; query: CallStatsQuery }): Promise<CallStats> {
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
    origin: DateTime.fromObject({ year: 2000, month: 1, day: 1 }, { zone: tenant.timezone }).toJSDate(),
    queue: query.queue, agentId: only ?? query.agent, teamId: query.team, groupBy: query.groupBy,
  };
  if (only !== undefined && query.agent !== undefined && query.agent !== only) filter.agentId = -1;
  // Agents belong to no queue: with a queue filter or grouping there is no ready time to divide by.
  const withOccupancy = query.queue === undefined && query.groupBy !== 'queue';
  const [classes, staffed] = await Promise.all([
    aggregateCallClasses(db, filter),
    withOccupancy ? aggregateStaffedSeconds(db, filter, now()) : Promise.resolve(new Map<string, number>()),
  ]);
  const calls = foldClassRows(classes);
  const keys = [...new Set([...calls.keys(), ...staffed.keys()])];
  const counts = new Map<string, CallCounts>(keys.map((k) => [k, { ...(calls.get(k) ?? EMPTY_COUNTS), staffedSeconds: withOccupancy ? (staffed.get(k) ?? 0) : null }]));
  const totals = [...counts.values()].reduce(addCounts, { ...EMPTY_COUNTS, staffedSeconds: withOccupancy ? 0 : null });
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
