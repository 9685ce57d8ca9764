import { sql, type Kysely } from 'kysely';
import type { CallbackStats } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { addCounts, callbackMetrics, emptyCounts, monthRange, surveyMetrics, type CallbackCounts } from './callback-rules.js';
import { tenantTimezone } from './callback-targets.repo.js';
import { assertReadCallbackStats } from './callbacks.policy.js';
import { surveyCountsOf } from './surveys.service.js';

/**
 * An item counts in the month of its last call, or of its generation while nobody has called yet: a list
 * generated on the 30th and worked on the 2nd is next month's work.
 */
async function itemCounts(db: Kysely<DB>, tenantId: number, from: Date, to: Date) {
  const statAt = sql`coalesce(i.last_attempt_at, i.created_at)`;
  const rows = await db
    .selectFrom('callback_items as i')
    .innerJoin('callback_campaigns as cp', (j) => j.onRef('cp.tenant_id', '=', 'i.tenant_id').onRef('cp.id', '=', 'i.campaign_id'))
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'i.tenant_id').onRef('u.id', '=', 'i.assignee_id'))
    .select([
      'i.campaign_id', 'i.assignee_id',
      sql<string>`max(cp.name)`.as('campaign_name'),
      sql<string | null>`max(u.display_name)`.as('agent_name'),
      sql<number>`count(*)`.as('items'),
      sql<number>`count(*) filter (where i.status = 'pending')`.as('pending'),
      sql<number>`count(*) filter (where i.status = 'done')`.as('done'),
      sql<number>`count(*) filter (where i.status = 'unreachable')`.as('unreachable'),
      sql<number>`count(*) filter (where i.status = 'refused')`.as('refused'),
      sql<number>`count(*) filter (where i.satisfaction = 'very_satisfied')`.as('very_satisfied'),
      sql<number>`count(*) filter (where i.satisfaction = 'satisfied')`.as('satisfied'),
      sql<number>`count(*) filter (where i.satisfaction = 'neutral')`.as('neutral'),
      sql<number>`count(*) filter (where i.satisfaction = 'dissatisfied')`.as('dissatisfied'),
      sql<number>`count(*) filter (where i.satisfaction = 'very_dissatisfied')`.as('very_dissatisfied'),
      sql<number>`coalesce(sum(i.rating), 0)`.as('rating_sum'),
      sql<number>`count(i.rating)`.as('rating_count'),
    ])
    .where('i.tenant_id', '=', tenantId)
    .where(sql<boolean>`${statAt} >= ${from} and ${statAt} < ${to}`)
    .groupBy(['i.campaign_id', 'i.assignee_id'])
    .execute();
  const n = (v: unknown) => Number(v);
  return rows.map((r) => ({
    campaignId: r.campaign_id, campaignName: r.campaign_name, agentId: r.assignee_id ?? 0, agentName: r.agent_name ?? '',
    counts: {
      items: n(r.items), pending: n(r.pending), done: n(r.done), unreachable: n(r.unreachable), refused: n(r.refused),
      satisfaction: { very_satisfied: n(r.very_satisfied), satisfied: n(r.satisfied), neutral: n(r.neutral), dissatisfied: n(r.dissatisfied), very_dissatisfied: n(r.very_dissatisfied) },
      ratingSum: n(r.rating_sum), ratingCount: n(r.rating_count),
    } satisfies CallbackCounts,
  }));
}

function groupBy<K extends number>(rows: Array<{ key: K; name: string; counts: CallbackCounts }>) {
  const groups = new Map<K, { name: string; counts: CallbackCounts }>();
  for (const r of rows) {
    const g = groups.get(r.key) ?? { name: r.name, counts: emptyCounts() };
    g.counts = addCounts(g.counts, r.counts);
    groups.set(r.key, g);
  }
  return [...groups.entries()].map(([id, g]) => ({ id, name: g.name, ...callbackMetrics(g.counts) }));
}

/** The monthly callback report: per campaign, per agent, in total, and the satisfaction surveys of the month. */
export async function getCallbackStats({ db, actor, month }: { db: Kysely<DB>; actor: Actor; month: string }): Promise<CallbackStats> {
  assertReadCallbackStats(actor);
  const timezone = await tenantTimezone(db, actor.tenantId);
  const { from, to } = monthRange(month, timezone);
  const [rows, surveys] = await Promise.all([itemCounts(db, actor.tenantId, from, to), surveyCountsOf(db, actor.tenantId, from, to)]);
  const campaigns = groupBy(rows.map((r) => ({ key: r.campaignId, name: r.campaignName, counts: r.counts }))).sort((a, b) => a.id - b.id);
  const agents = groupBy(rows.map((r) => ({ key: r.agentId, name: r.agentName, counts: r.counts }))).sort((a, b) => b.items - a.items || a.id - b.id);
  const total = callbackMetrics(rows.reduce((sum, r) => addCounts(sum, r.counts), emptyCounts()));
  return { month, timezone, total, campaigns, agents, surveys: surveyMetrics(surveys) };
}
