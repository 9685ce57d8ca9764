// SQL of the monthly complaint analysis: cases received in the month, grouped several ways, their SLA results,
// root causes of the cases closed, and the follow-up results.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { firstReplyBreached, firstReplyMet, resolutionBreached, resolutionMet } from '../sla/sla-report.repo.js';

export interface Period { from: Date; to: Date }
export interface BucketRow { key: string | null; name: string | null; count: number }

function received(db: Kysely<DB>, tenantId: number, p: Period) {
  return db.selectFrom('complaint_cases as c')
    .innerJoin('tickets as t', (j) => j.onRef('t.tenant_id', '=', 'c.tenant_id').onRef('t.id', '=', 'c.ticket_id'))
    .where('c.tenant_id', '=', tenantId)
    .where('t.created_at', '>=', p.from)
    .where('t.created_at', '<', p.to);
}

export async function selectTotals(db: Kysely<DB>, tenantId: number, p: Period) {
  return received(db, tenantId, p).select([
    sql<number>`count(*)::int`.as('cases'),
    sql<number>`(count(*) filter (where c.grade = 'serious'))::int`.as('serious'),
    sql<number>`(count(*) filter (where c.justified))::int`.as('justified'),
    sql<number>`(count(*) filter (where c.closed_at is not null))::int`.as('closed'),
    sql<number>`coalesce(sum(c.payout_total_fen), 0)::float8`.as('payout_fen'),
  ]).executeTakeFirstOrThrow();
}

export async function selectBuckets(db: Kysely<DB>, tenantId: number, p: Period, by: 'grade' | 'category' | 'channel' | 'team' | 'responsible'): Promise<BucketRow[]> {
  const q = received(db, tenantId, p);
  const rows = by === 'team'
    ? await q.leftJoin('teams as g', (j) => j.onRef('g.tenant_id', '=', 'c.tenant_id').on('g.id', '=', sql<number>`coalesce(c.responsible_team_id, t.team_id)`))
      .select([sql<string | null>`g.id::text`.as('key'), 'g.name as name', sql<number>`count(*)::int`.as('count')]).groupBy(['g.id', 'g.name']).execute()
    : by === 'responsible'
      ? await q.leftJoin('users as g', (j) => j.onRef('g.tenant_id', '=', 'c.tenant_id').onRef('g.id', '=', 'c.responsible_user_id'))
        .select([sql<string | null>`g.id::text`.as('key'), 'g.display_name as name', sql<number>`count(*)::int`.as('count')]).groupBy(['g.id', 'g.display_name']).execute()
      : await q.select([
        (by === 'grade' ? sql<string | null>`c.grade` : by === 'category' ? sql<string | null>`c.category` : sql<string | null>`t.channel`).as('key'),
        sql<null>`null`.as('name'), sql<number>`count(*)::int`.as('count'),
      ]).groupBy(sql`1`).execute();
  return (rows as BucketRow[]).sort((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key)));
}

export async function selectSla(db: Kysely<DB>, tenantId: number, p: Period, now: Date) {
  return received(db, tenantId, p)
    .innerJoin('ticket_sla as s', (j) => j.onRef('s.tenant_id', '=', 'c.tenant_id').onRef('s.ticket_id', '=', 'c.ticket_id'))
    .select([
      sql<number>`(count(*) filter (where ${firstReplyMet}))::int`.as('first_reply_met'),
      sql<number>`(count(*) filter (where ${firstReplyBreached(now)}))::int`.as('first_reply_breached'),
      sql<number>`(count(*) filter (where ${resolutionMet}))::int`.as('resolution_met'),
      sql<number>`(count(*) filter (where ${resolutionBreached(now)}))::int`.as('resolution_breached'),
      sql<number | null>`(avg(extract(epoch from s.resolved_at - s.started_at) / 3600) filter (where s.resolved_at is not null))::float8`.as('avg_resolution_hours'),
    ])
    .executeTakeFirstOrThrow();
}

/** Cases closed in the month: their root causes and follow-up results. */
export async function selectClosed(db: Kysely<DB>, tenantId: number, p: Period) {
  return db.selectFrom('complaint_cases as c')
    .innerJoin('tickets as t', (j) => j.onRef('t.tenant_id', '=', 'c.tenant_id').onRef('t.id', '=', 'c.ticket_id'))
    .where('c.tenant_id', '=', tenantId)
    .where('c.closed_at', '>=', p.from)
    .where('c.closed_at', '<', p.to)
    .select([
      'c.ticket_id', 't.number', 'c.category', 'c.justified', 'c.follow_up_result',
      sql<string | null>`c.step_data -> 'close' ->> 'rootCause'`.as('root_cause'),
      sql<string | null>`c.step_data -> 'close' ->> 'improvement'`.as('improvement'),
    ])
    .orderBy('c.closed_at')
    .execute();
}
