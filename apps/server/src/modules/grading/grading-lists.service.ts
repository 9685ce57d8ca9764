import { sql, type Kysely } from 'kysely';
import { CUSTOMER_GRADES, type DueItem, type GradeDistribution, type GradingOverview } from '@kefu/shared';
import type { z } from 'zod';
import type { dueListQuerySchema } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { forbidden } from '../../lib/app-error.js';
import { now, toIso } from '../../lib/clock.js';
import { localToday, overdueDays } from './grade-rules.js';
import { tenantZone } from './grading-rules.service.js';
import { assertOverview, assertRead, canSeeOthersLists } from './grading.policy.js';

type Ctx = { db: Kysely<DB>; actor: Actor };
const UPCOMING_DAYS = 7;

/** An owner's follow-ups: due (today or earlier), overdue (before today) or upcoming (the next 7 days). */
export async function listDue({ db, actor, query }: Ctx & { query: z.infer<typeof dueListQuerySchema> }): Promise<{ today: string; items: DueItem[] }> {
  assertRead(actor);
  const ownerId = query.ownerId ?? actor.userId;
  if (ownerId !== actor.userId && !canSeeOthersLists(actor)) throw forbidden();
  const today = localToday(now(), await tenantZone(db, actor.tenantId));
  const range = query.scope === 'overdue' ? sql`p.next_follow_up_on < ${today}::date`
    : query.scope === 'due' ? sql`p.next_follow_up_on <= ${today}::date`
    : sql`p.next_follow_up_on > ${today}::date and p.next_follow_up_on <= ${today}::date + ${UPCOMING_DAYS}::int`;
  const rows = await sql<{ customer_id: number; name: string; grade: string | null; is_vip: boolean; deal_status: string | null; importance: string | null; urgency: string | null; demand: string | null;
    last_follow_up_at: Date | null; next_follow_up_on: string; version: number }>`
    select p.customer_id, c.name, p.grade, p.is_vip, p.deal_status, p.importance, p.urgency, p.demand, p.last_follow_up_at,
      p.next_follow_up_on::text as next_follow_up_on, p.version
    from grading_profiles p join customers c on c.tenant_id = p.tenant_id and c.id = p.customer_id
    where p.tenant_id = ${actor.tenantId} and p.owner_id = ${ownerId} and ${range}
    order by p.next_follow_up_on, p.grade nulls last, p.customer_id
    limit 500`.execute(db);
  return {
    today,
    items: rows.rows.map((r) => ({
      customerId: r.customer_id, customerName: r.name, grade: r.grade as DueItem['grade'], isVip: r.is_vip,
      axes: r.demand && r.deal_status && r.importance && r.urgency ? { dealStatus: r.deal_status, importance: r.importance, urgency: r.urgency, demand: r.demand } as DueItem['axes'] : null,
      lastFollowUpAt: toIso(r.last_follow_up_at), nextFollowUpOn: r.next_follow_up_on, overdueDays: overdueDays(r.next_follow_up_on, today), version: r.version,
    })),
  };
}

type Counts = { total: number; a: number; b: number; c: number; d: number; e: number; due: number; overdue: number };
const byGrade = (r: Counts) => ({ A: r.a, B: r.b, C: r.c, D: r.d, E: r.e });

/** The leader's overview: graded customers by owner and grade, with due and overdue follow-ups. */
export async function gradingOverview({ db, actor }: Ctx): Promise<GradingOverview> {
  assertOverview(actor);
  const today = localToday(now(), await tenantZone(db, actor.tenantId));
  const rows = await sql<Counts & { owner_id: number | null; owner_name: string | null }>`
    select p.owner_id, u.display_name as owner_name, count(*)::int as total,
      count(*) filter (where p.grade = 'A')::int as a, count(*) filter (where p.grade = 'B')::int as b, count(*) filter (where p.grade = 'C')::int as c,
      count(*) filter (where p.grade = 'D')::int as d, count(*) filter (where p.grade = 'E')::int as e,
      count(*) filter (where p.next_follow_up_on <= ${today}::date)::int as due, count(*) filter (where p.next_follow_up_on < ${today}::date)::int as overdue
    from grading_profiles p left join users u on u.tenant_id = p.tenant_id and u.id = p.owner_id
    where p.tenant_id = ${actor.tenantId} and p.grade is not null
    group by p.owner_id, u.display_name
    order by overdue desc, due desc, total desc`.execute(db);
  const sum = (k: keyof Counts) => rows.rows.reduce((s, r) => s + r[k], 0);
  const totals: Counts = { total: sum('total'), a: sum('a'), b: sum('b'), c: sum('c'), d: sum('d'), e: sum('e'), due: sum('due'), overdue: sum('overdue') };
  return {
    today,
    owners: rows.rows.map((r) => ({ owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '' } : null, total: r.total, byGrade: byGrade(r), due: r.due, overdue: r.overdue })),
    totals: { total: totals.total, byGrade: byGrade(totals), due: totals.due, overdue: totals.overdue },
  };
}

/** Customers per grade (customers.grade, whoever set it), the ungraded, and the VIPs. */
export async function gradeDistribution({ db, actor }: Ctx): Promise<GradeDistribution> {
  assertRead(actor);
  const rows = await sql<{ grade: string | null; count: number }>`
    select grade, count(*)::int as count from customers where tenant_id = ${actor.tenantId} group by grade`.execute(db);
  const vip = await sql<{ count: number }>`select count(*)::int as count from grading_profiles where tenant_id = ${actor.tenantId} and is_vip`.execute(db);
  const counts = new Map(rows.rows.map((r) => [r.grade, r.count]));
  return {
    grades: CUSTOMER_GRADES.map((grade) => ({ grade, count: counts.get(grade) ?? 0 })),
    ungraded: counts.get(null) ?? 0,
    vip: vip.rows[0]?.count ?? 0,
  };
}
