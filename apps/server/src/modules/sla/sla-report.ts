// Pure arithmetic of the SLA report: counts from SQL → the presented rows and the totals line.
import type { SlaReportRow } from '@kefu/shared';
import type { SlaReportCounts } from './sla-report.repo.js';

const round1 = (v: number) => Math.round(v * 10) / 10;

/** met ÷ decided in %, one decimal; null when nothing was decided. */
export function percentOf(met: number, breached: number): number | null {
  const decided = met + breached;
  return decided === 0 ? null : round1((met / decided) * 100);
}

export function toReportRow(c: SlaReportCounts): SlaReportRow {
  return {
    key: c.key,
    name: c.name,
    orders: c.orders,
    resolved: c.resolved,
    open: c.open,
    met: c.met,
    breached: c.breached,
    metPct: percentOf(c.met, c.breached),
    firstReplyMet: c.first_reply_met,
    firstReplyBreached: c.first_reply_breached,
    firstReplyMetPct: percentOf(c.first_reply_met, c.first_reply_breached),
    avgFirstReplyMinutes: c.avg_first_reply_minutes === null ? null : round1(c.avg_first_reply_minutes),
    avgResolutionMinutes: c.avg_resolution_minutes === null ? null : round1(c.avg_resolution_minutes),
    pausedMinutes: round1(c.paused_minutes),
  };
}

/** The totals line: sums, and averages weighted by how many orders each group's average stands for. */
export function totalsOf(rows: readonly SlaReportCounts[]): SlaReportCounts {
  const sum = (f: (r: SlaReportCounts) => number) => rows.reduce((a, r) => a + f(r), 0);
  const weighted = (avg: (r: SlaReportCounts) => number | null, weight: (r: SlaReportCounts) => number) => {
    const w = sum((r) => (avg(r) === null ? 0 : weight(r)));
    return w === 0 ? null : sum((r) => (avg(r) ?? 0) * (avg(r) === null ? 0 : weight(r))) / w;
  };
  return {
    key: null,
    name: null,
    orders: sum((r) => r.orders),
    resolved: sum((r) => r.resolved),
    open: sum((r) => r.open),
    met: sum((r) => r.met),
    breached: sum((r) => r.breached),
    first_reply_met: sum((r) => r.first_reply_met),
    first_reply_breached: sum((r) => r.first_reply_breached),
    replied: sum((r) => r.replied),
    avg_first_reply_minutes: weighted((r) => r.avg_first_reply_minutes, (r) => r.replied),
    avg_resolution_minutes: weighted((r) => r.avg_resolution_minutes, (r) => r.resolved),
    paused_minutes: sum((r) => r.paused_minutes),
  };
}

