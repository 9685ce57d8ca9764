// The monthly complaint analysis: generated for the previous month on the 1st (by every process's background
// tick; the stored snapshot's key makes it once), regenerated on request, read by report readers.
import { DateTime } from 'luxon';
import { complaintAnalysisSchema, type ComplaintAnalysis } from '@kefu/shared';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { can, systemActor, type Actor } from '../../lib/actor.js';
import { AppError } from '../../lib/app-error.js';
import { now } from '../../lib/clock.js';
import { tenantTimeZone } from '../../lib/tenant.js';
import { writeAudit } from '../audit/audit.service.js';
import { assembleAnalysis, dueDayOf, monthPeriod, previousMonth } from './complaint-analysis.js';
import { selectBuckets, selectClosed, selectSla, selectTotals } from './complaint-analysis.repo.js';

type Ctx = { db: Kysely<DB>; actor: Actor };

function assertCanRead(actor: Actor) {
  if (!can(actor, 'reports.read')) throw new AppError('FORBIDDEN');
}

export async function computeComplaintAnalysis(db: Kysely<DB>, tenantId: number, month: string, at: Date): Promise<ComplaintAnalysis> {
  const period = monthPeriod(month, await tenantTimeZone(db, tenantId));
  const [totals, grade, category, channel, team, responsible, sla, closed] = await Promise.all([
    selectTotals(db, tenantId, period),
    selectBuckets(db, tenantId, period, 'grade'),
    selectBuckets(db, tenantId, period, 'category'),
    selectBuckets(db, tenantId, period, 'channel'),
    selectBuckets(db, tenantId, period, 'team'),
    selectBuckets(db, tenantId, period, 'responsible'),
    selectSla(db, tenantId, period, at),
    selectClosed(db, tenantId, period),
  ]);
  return assembleAnalysis({ month, generatedAt: at, totals, buckets: { grade, category, channel, team, responsible }, sla, closed });
}

async function store(db: Kysely<DB>, tenantId: number, analysis: ComplaintAnalysis, replace: boolean): Promise<boolean> {
  const values = { tenant_id: tenantId, month: analysis.month, generated_at: analysis.generatedAt, due_by: dueDayOf(analysis.month), data: JSON.stringify(analysis) };
  const q = db.insertInto('complaint_reports').values(values);
  const done = replace
    ? await q.onConflict((oc) => oc.columns(['tenant_id', 'month']).doUpdateSet({ generated_at: values.generated_at, data: values.data })).executeTakeFirst()
    : await q.onConflict((oc) => oc.columns(['tenant_id', 'month']).doNothing()).executeTakeFirst();
  return Number(done.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Background: each tenant's previous month, when not yet stored. Answers how many were generated. */
export async function ensureMonthlyComplaintReports({ db, at = now() }: { db: Kysely<DB>; at?: Date }): Promise<number> {
  const tenants = await db.selectFrom('tenants').select(['id', 'timezone']).execute();
  let generated = 0;
  for (const t of tenants) {
    const month = previousMonth(at, t.timezone);
    const exists = await db.selectFrom('complaint_reports').select('month').where('tenant_id', '=', t.id).where('month', '=', month).executeTakeFirst();
    if (exists) continue;
    const analysis = await computeComplaintAnalysis(db, t.id, month, at);
    if (await store(db, t.id, analysis, false)) {
      generated += 1;
      await writeAudit(db, systemActor(t.id, []), { action: 'complaint_report.generated', entity: 'complaint_report', entityId: null, detail: { month, cases: analysis.totals.cases } });
    }
  }
  return generated;
}

/** A stored month as it was generated; the running or a not yet stored month is computed live (not stored). */
export async function getComplaintAnalysis({ db, actor, month }: Ctx & { month: string }): Promise<ComplaintAnalysis> {
  assertCanRead(actor);
  const row = await db.selectFrom('complaint_reports').select('data').where('tenant_id', '=', actor.tenantId).where('month', '=', month).executeTakeFirst();
  if (row) return complaintAnalysisSchema.parse(row.data);
  return computeComplaintAnalysis(db, actor.tenantId, month, now());
}

export async function regenerateComplaintAnalysis({ db, actor, month }: Ctx & { month: string }): Promise<ComplaintAnalysis> {
  assertCanRead(actor);
  const zone = await tenantTimeZone(db, actor.tenantId);
  if (month >= DateTime.fromJSDate(now(), { zone }).toFormat('yyyy-MM')) throw new AppError('CONFLICT', { detail: 'complaint_report_month_running' });
  const analysis = await computeComplaintAnalysis(db, actor.tenantId, month, now());
  await db.transaction().execute(async (trx) => {
    await store(trx, actor.tenantId, analysis, true);
    await writeAudit(trx, actor, { action: 'complaint_report.regenerated', entity: 'complaint_report', entityId: null, detail: { month, cases: analysis.totals.cases } });
  });
  return analysis;
}

export async function listComplaintReports({ db, actor }: Ctx) {
  assertCanRead(actor);
  const rows = await db.selectFrom('complaint_reports').select(['month', 'generated_at', sql<string>`due_by::text`.as('due_by'), sql<number>`(data -> 'totals' ->> 'cases')::int`.as('cases')])
    .where('tenant_id', '=', actor.tenantId).orderBy('month', 'desc').limit(60).execute();
  return { items: rows.map((r) => ({ month: r.month, generatedAt: new Date(r.generated_at).toISOString(), dueBy: r.due_by, cases: r.cases })) };
}
