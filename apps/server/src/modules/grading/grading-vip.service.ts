import { sql, type Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { VIP_FACTORS, type ChurnAlert, type GradingRules, type VipItem } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { now } from '../../lib/clock.js';
import { enqueueJob, type JobHandler } from '../../lib/jobs/job-queue.js';
import { writeAudit } from '../audit/audit.service.js';
import { churnReasons } from './grade-rules.js';
import { loadRules, tenantZone } from './grading-rules.service.js';
import { assertOverview, assertRead } from './grading.policy.js';

type Ctx = { db: Kysely<DB>; actor: Actor };
const CONTACT_DAYS = 90;
const COMPLAINT_TYPE = 'complaint';

/**
 * Scores every graded customer of a tenant on the eight factors of seed 003 and flags the top share VIP, in one
 * statement. Each factor is scaled to 0…1 as ln(1 + x) / ln(1 + tenant maximum): spend in yuan and referrals in
 * people then weigh alike, one very large customer does not flatten everyone else, and no factor needs its own
 * sort (percent ranks did: eight sorts, 400 s at 1M customers); the weights (complaints negative by default)
 * scale them to a score. From data: history (months since the first purchase, else since the record was created),
 * total spend, number of purchases, contact frequency (work orders and follow-ups in the last 90 days), distinct
 * items, complaints (complaint work orders in the last 365 days). By hand: referrals, campaign participation.
 */
export async function recomputeVip(db: Kysely<DB>, tenantId: number, rules: GradingRules, at: Date = now()): Promise<{ customers: number; vip: number }> {
  const w = rules.vip.weights;
  const scaled = (f: string) => sql`coalesce(ln(1 + ${sql.ref(`f.${f}`)}) / nullif(ln(1 + max(${sql.ref(`f.${f}`)}) over ()), 0), 0)`;
  const score = sql.join(VIP_FACTORS.map((f) => sql`${w[f]}::float8 * ${scaled(f)}`), sql` + `);
  const since90 = new Date(at.getTime() - CONTACT_DAYS * 86_400_000);
  const since365 = new Date(at.getTime() - 365 * 86_400_000);
  // The final ranking sorts every customer once: give it room (SET LOCAL ends with the caller's transaction).
  await sql`set local work_mem = '64MB'`.execute(db);
  await db.deleteFrom('grading_vip_scores').where('tenant_id', '=', tenantId).execute();
  const result = await sql<{ customers: number; vip: number }>`
    with f as (
      select p.customer_id, p.is_vip,
        greatest(0, floor(extract(epoch from (${at}::timestamptz - coalesce(pu.first_at, c.created_at))) / 2629800))::float8 as "historyMonths",
        coalesce(pu.total, 0)::float8 as "totalSpend", coalesce(pu.n, 0)::float8 as "purchaseCount",
        (coalesce(t.recent, 0) + coalesce(fu.recent, 0))::float8 as frequency, coalesce(pu.items, 0)::float8 as items,
        p.referrals::float8 as referrals, p.campaigns::float8 as campaigns, coalesce(t.complaints, 0)::float8 as complaints
      from grading_profiles p
      join customers c on c.tenant_id = p.tenant_id and c.id = p.customer_id
      left join (select customer_id, min(purchased_at) as first_at, sum(amount) as total, count(*) as n, count(distinct item) as items
                 from grading_purchases where tenant_id = ${tenantId} group by customer_id) pu on pu.customer_id = p.customer_id
      left join (select customer_id, count(*) filter (where created_at >= ${since90}) as recent,
                   count(*) filter (where type_key = ${COMPLAINT_TYPE} and created_at >= ${since365}) as complaints
                 from tickets where tenant_id = ${tenantId} and customer_id is not null and created_at >= ${since365} group by customer_id) t on t.customer_id = p.customer_id
      left join (select customer_id, count(*) as recent from grading_follow_ups where tenant_id = ${tenantId} and at >= ${since90} group by customer_id) fu
                 on fu.customer_id = p.customer_id
      where p.tenant_id = ${tenantId}
    ), s as (
      select f.*, round((${score})::numeric, 2)::float8 as score from f
    ), r as (
      select s.*, row_number() over (order by score desc, customer_id) as rnk, count(*) over () as total from s
    ), ins as (
      insert into grading_vip_scores (tenant_id, customer_id, score, rank, factors, computed_at)
      select ${tenantId}, customer_id, score, rnk, array[${sql.join(VIP_FACTORS.map((f) => sql`r.${sql.ref(f)}`))}], ${at}
      from r
      returning customer_id, rank
    ), flags as (
      select r.customer_id, r.is_vip as was_vip, r.rnk <= greatest(1, ceil(r.total * ${rules.vip.share}::float8 - 1e-9)) as now_vip from r
    ), upd as (
      update grading_profiles p set is_vip = flags.now_vip
      from flags
      where p.tenant_id = ${tenantId} and p.customer_id = flags.customer_id and flags.now_vip <> flags.was_vip
      returning 1
    )
    select (select count(*) from ins)::int as customers, (select count(*) from flags where now_vip)::int as vip, (select count(*) from upd)::int as flipped`.execute(db);
  return result.rows[0] ?? { customers: 0, vip: 0 };
}

export async function recomputeVipByActor({ db, actor }: Ctx): Promise<{ customers: number; vip: number; computedAt: string }> {
  assertOverview(actor);
  return db.transaction().execute(async (trx) => {
    const { rules } = await loadRules(trx, actor.tenantId);
    const at = now();
    const counts = await recomputeVip(trx, actor.tenantId, rules, at);
    await writeAudit(trx, actor, { action: 'grading.vip_recomputed', entity: 'grading_rules', entityId: actor.tenantId, detail: counts });
    return Object.assign({}, counts, { computedAt: at.toISOString() });
  });
}

export async function listVip({ db, actor }: Ctx): Promise<VipItem[]> {
  assertRead(actor);
  const rows = await sql<{ customer_id: number; name: string; grade: string | null; score: number; rank: number; factors: number[] }>`
    select v.customer_id, c.name, p.grade, v.score, v.rank, v.factors
    from grading_vip_scores v
    join grading_profiles p on p.tenant_id = v.tenant_id and p.customer_id = v.customer_id
    join customers c on c.tenant_id = v.tenant_id and c.id = v.customer_id
    where v.tenant_id = ${actor.tenantId} and p.is_vip order by v.rank limit 1000`.execute(db);
  return rows.rows.map((r) => ({
    customerId: r.customer_id, customerName: r.name, grade: r.grade as VipItem['grade'], score: r.score, rank: r.rank,
    factors: Object.fromEntries(VIP_FACTORS.map((f, i) => [f, Number(r.factors[i] ?? 0)])) as VipItem['factors'],
  }));
}

/** The SLA hook: is this customer a big customer (flagged by the last recompute)? */
export async function isVip(db: Kysely<DB>, tenantId: number, customerId: number): Promise<boolean> {
  const row = await db.selectFrom('grading_profiles').select('is_vip').where('tenant_id', '=', tenantId).where('customer_id', '=', customerId).executeTakeFirst();
  return row?.is_vip ?? false;
}

/** The grade an SLA policy should match on: 'VIP' for big customers, else the A–E grade. */
export function slaCustomerGrade(grade: string | null, vip: boolean): string | null {
  return vip ? 'VIP' : grade;
}

/** Customers at risk of leaving: contacts or spend falling against the previous window, or repeated complaints. */
export async function listChurnAlerts({ db, actor, vipOnly }: Ctx & { vipOnly: boolean }): Promise<ChurnAlert[]> {
  assertRead(actor);
  const { rules } = await loadRules(db, actor.tenantId);
  const c = rules.churn;
  const at = now();
  const day = 86_400_000;
  const curFrom = new Date(at.getTime() - c.windowDays * day);
  const prevFrom = new Date(at.getTime() - 2 * c.windowDays * day);
  const complaintsFrom = new Date(at.getTime() - c.complaintsWindowDays * day);
  const earliest = prevFrom < complaintsFrom ? prevFrom : complaintsFrom;
  const rows = await sql<{ customer_id: number; name: string; grade: string | null; is_vip: boolean; cc: number; cp: number; sc: number; sp: number; complaints: number }>`
    with contacts as (
      select customer_id, created_at as at, type_key = ${COMPLAINT_TYPE} as is_complaint from tickets
        where tenant_id = ${actor.tenantId} and customer_id is not null and created_at >= ${earliest}
      union all
      select customer_id, at, false from grading_follow_ups where tenant_id = ${actor.tenantId} and at >= ${prevFrom}
    ), ct as (
      select customer_id,
        count(*) filter (where at >= ${curFrom})::int as cc, count(*) filter (where at >= ${prevFrom} and at < ${curFrom})::int as cp,
        count(*) filter (where is_complaint and at >= ${complaintsFrom})::int as complaints
      from contacts group by customer_id
    ), sp as (
      select customer_id, coalesce(sum(amount) filter (where purchased_at >= ${curFrom}), 0)::float8 as sc,
        coalesce(sum(amount) filter (where purchased_at < ${curFrom}), 0)::float8 as sp
      from grading_purchases where tenant_id = ${actor.tenantId} and purchased_at >= ${prevFrom} group by customer_id
    )
    select p.customer_id, cu.name, p.grade, p.is_vip, coalesce(ct.cc, 0) as cc, coalesce(ct.cp, 0) as cp,
      coalesce(sp.sc, 0) as sc, coalesce(sp.sp, 0) as sp, coalesce(ct.complaints, 0) as complaints
    from grading_profiles p
    join customers cu on cu.tenant_id = p.tenant_id and cu.id = p.customer_id
    left join ct on ct.customer_id = p.customer_id
    left join sp on sp.customer_id = p.customer_id
    where p.tenant_id = ${actor.tenantId} and (ct.customer_id is not null or sp.customer_id is not null)
      ${vipOnly ? sql`and p.is_vip` : sql``}`.execute(db);
  const alerts: ChurnAlert[] = [];
  for (const r of rows.rows) {
    const facts = { contactsCurrent: r.cc, contactsPrevious: r.cp, spendCurrent: r.sc, spendPrevious: r.sp, complaints: r.complaints };
    const reasons = churnReasons(facts, c);
    if (reasons.length > 0) alerts.push({ customerId: r.customer_id, customerName: r.name, grade: r.grade as ChurnAlert['grade'], isVip: r.is_vip, reasons, ...facts });
  }
  return alerts.sort((a, b) => Number(b.isVip) - Number(a.isVip) || b.reasons.length - a.reasons.length || a.customerId - b.customerId).slice(0, 500);
}

export const GRADING_VIP_JOB = 'grading.vip_recompute';

/** Queues the next nightly recompute (02:00 in the tenant's zone), once per night. */
export async function scheduleVipRecompute(db: Kysely<DB>, tenantId: number, at: Date = now()): Promise<void> {
  const zone = await tenantZone(db, tenantId);
  const local = DateTime.fromJSDate(at, { zone });
  let runAt = local.startOf('day').plus({ hours: 2 });
  if (runAt <= local) runAt = runAt.plus({ days: 1 });
  // Keyed by the night: the running job (not yet done) must not swallow the next night's.
  await enqueueJob(db, { tenantId, kind: GRADING_VIP_JOB, runAt: runAt.toJSDate(), dedupeKey: `nightly-${runAt.toISODate()}` });
}

/** Job handler for the background worker (register under GRADING_VIP_JOB): recompute, then queue the next night. */
export const vipRecomputeJobHandler: JobHandler = async ({ db, job }) => {
  const { rules } = await loadRules(db, job.tenantId);
  await recomputeVip(db, job.tenantId, rules);
  await scheduleVipRecompute(db, job.tenantId);
};
