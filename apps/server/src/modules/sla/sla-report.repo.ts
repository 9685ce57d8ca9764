// SQL of the SLA report: one grouped pass over the clocks started in the period.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface SlaReportCounts {
  key: number | null;
  name: string | null;
  orders: number;
  resolved: number;
  open: number;
  met: number;
  breached: number;
  first_reply_met: number;
  first_reply_breached: number;
  /** Orders with a first reply: the weight of avg_first_reply_minutes in the totals. */
  replied: number;
  avg_first_reply_minutes: number | null;
  avg_resolution_minutes: number | null;
  paused_minutes: number;
}

export interface SlaRecordRow {
  number: string;
  subject: string;
  type_key: string;
  status: string;
  holder: string | null;
  team: string | null;
  policy_name: string;
  started_at: Date;
  first_reply_due_at: Date | null;
  first_reply_at: Date | null;
  resolution_due_at: Date | null;
  resolved_at: Date | null;
  paused_minutes: number;
  breached: string[];
}

type Grouping = 'agent' | 'team';

// Late, or still open past its due time, or marked breached by the escalation sweep.
export const resolutionBreached = (now: Date) => sql<boolean>`s.resolution_due_at is not null and ('resolution' = any(s.breached)
  or (s.resolved_at is not null and s.resolved_at > s.resolution_due_at) or (s.resolved_at is null and s.resolution_due_at < ${now}))`;
export const resolutionMet = sql<boolean>`s.resolution_due_at is not null and s.resolved_at is not null and s.resolved_at <= s.resolution_due_at
  and not ('resolution' = any(s.breached))`;
export const firstReplyMet = sql<boolean>`s.first_reply_due_at is not null and s.first_reply_at is not null and s.first_reply_at <= s.first_reply_due_at`;
export const firstReplyBreached = (now: Date) => sql<boolean>`s.first_reply_due_at is not null and ((s.first_reply_at is not null and s.first_reply_at > s.first_reply_due_at)
  or (s.first_reply_at is null and s.first_reply_due_at < ${now}))`;

function clocks(db: Kysely<DB>, tenantId: number, from: Date, to: Date) {
  return db.selectFrom('ticket_sla as s')
    .innerJoin('tickets as t', (j) => j.onRef('t.tenant_id', '=', 's.tenant_id').onRef('t.id', '=', 's.ticket_id'))
    .where('s.tenant_id', '=', tenantId)
    .where('s.started_at', '>=', from)
    .where('s.started_at', '<', to)
    .where('t.merged_into_id', 'is', null);
}

export async function selectSlaReportCounts(db: Kysely<DB>, tenantId: number, from: Date, to: Date, groupBy: Grouping, now: Date): Promise<SlaReportCounts[]> {
  const base = clocks(db, tenantId, from, to);
  const grouped = groupBy === 'agent'
    ? base.leftJoin('users as g', (j) => j.onRef('g.tenant_id', '=', 't.tenant_id').on('g.id', '=', sql<number>`coalesce(t.assignee_id, t.responsible_id)`))
      .select(['g.id as key', 'g.display_name as name']).groupBy(['g.id', 'g.display_name'])
    : base.leftJoin('teams as g', (j) => j.onRef('g.tenant_id', '=', 't.tenant_id').onRef('g.id', '=', 't.team_id'))
      .select(['g.id as key', 'g.name as name']).groupBy(['g.id', 'g.name']);
  const rows = await grouped
    .select([
      sql<number>`count(*)::int`.as('orders'),
      sql<number>`(count(*) filter (where s.resolved_at is not null))::int`.as('resolved'),
      sql<number>`(count(*) filter (where s.resolved_at is null))::int`.as('open'),
      sql<number>`(count(*) filter (where ${resolutionMet}))::int`.as('met'),
      sql<number>`(count(*) filter (where ${resolutionBreached(now)}))::int`.as('breached'),
      sql<number>`(count(*) filter (where ${firstReplyMet}))::int`.as('first_reply_met'),
      sql<number>`(count(*) filter (where ${firstReplyBreached(now)}))::int`.as('first_reply_breached'),
      sql<number>`(count(*) filter (where s.first_reply_at is not null))::int`.as('replied'),
      sql<number | null>`(avg(extract(epoch from s.first_reply_at - s.started_at) / 60) filter (where s.first_reply_at is not null))::float8`.as('avg_first_reply_minutes'),
      sql<number | null>`(avg(extract(epoch from s.resolved_at - s.started_at) / 60) filter (where s.resolved_at is not null))::float8`.as('avg_resolution_minutes'),
      sql<number>`coalesce(sum(s.paused_minutes), 0)::float8`.as('paused_minutes'),
    ])
    .orderBy(sql`2`)
    .execute();
  return rows as SlaReportCounts[];
}

/** One row per work order, for the export (capped by the caller). */
export async function selectSlaRecords(db: Kysely<DB>, tenantId: number, from: Date, to: Date, limit: number): Promise<SlaRecordRow[]> {
  return clocks(db, tenantId, from, to)
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 't.tenant_id').on('u.id', '=', sql<number>`coalesce(t.assignee_id, t.responsible_id)`))
    .leftJoin('teams as tm', (j) => j.onRef('tm.tenant_id', '=', 't.tenant_id').onRef('tm.id', '=', 't.team_id'))
    .select([
      't.number', 't.subject', 't.type_key', 't.status', 'u.display_name as holder', 'tm.name as team', 's.policy_name', 's.started_at',
      's.first_reply_due_at', 's.first_reply_at', 's.resolution_due_at', 's.resolved_at', 's.paused_minutes', 's.breached',
    ])
    .orderBy('s.started_at')
    .limit(limit)
    .execute() as Promise<SlaRecordRow[]>;
}
