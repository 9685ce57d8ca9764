// The SLA report over a period (SPEC §4): per agent or team, SLA-met percentage, first-reply and resolution times.
import { DateTime } from 'luxon';
import type { SlaReport, SlaReportQuery } from '@kefu/shared';
import { SLA_REPORT_DAYS_MAX } from '@kefu/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../lib/actor.js';
import { AppError, invalid } from '../../lib/app-error.js';
import { now } from '../../lib/clock.js';
import { tenantTimeZone } from '../../lib/tenant.js';
import { selectSlaRecords, selectSlaReportCounts, type SlaRecordRow } from './sla-report.repo.js';
import { toReportRow, totalsOf } from './sla-report.js';

type Ctx = { db: Kysely<DB>; actor: Actor };

/** Rows of the per-order sheet of an export. */
export const SLA_EXPORT_ROWS_MAX = 100_000;

function assertCanReadReports(actor: Actor) {
  if (!can(actor, 'reports.read')) throw new AppError('FORBIDDEN');
}

/** The period's first instant and the instant after its last day, in the tenant's time zone. */
export function periodOf(query: Pick<SlaReportQuery, 'from' | 'to'>, zone: string): { from: Date; to: Date } {
  const from = DateTime.fromISO(query.from, { zone });
  const last = DateTime.fromISO(query.to, { zone });
  if (!from.isValid) throw invalid('sla_report_from', { field: 'from' });
  if (!last.isValid) throw invalid('sla_report_to', { field: 'to' });
  const days = last.diff(from, 'days').days + 1;
  if (days < 1 || days > SLA_REPORT_DAYS_MAX) throw invalid('sla_report_range', { field: 'to' });
  return { from: from.toJSDate(), to: last.plus({ days: 1 }).toJSDate() };
}

export async function getSlaReport({ db, actor, query }: Ctx & { query: SlaReportQuery }): Promise<SlaReport> {
  assertCanReadReports(actor);
  const { from, to } = periodOf(query, await tenantTimeZone(db, actor.tenantId));
  const counts = await selectSlaReportCounts(db, actor.tenantId, from, to, query.groupBy, now());
  return { from: query.from, to: query.to, groupBy: query.groupBy, rows: counts.map(toReportRow), totals: toReportRow(totalsOf(counts)) };
}

export async function getSlaRecords({ db, actor, query }: Ctx & { query: SlaReportQuery }): Promise<SlaRecordRow[]> {
  assertCanReadReports(actor);
  const { from, to } = periodOf(query, await tenantTimeZone(db, actor.tenantId));
  return selectSlaRecords(db, actor.tenantId, from, to, SLA_EXPORT_ROWS_MAX);
}
