// Pure parts of the monthly complaint analysis: the month's bounds, its due day and the assembled figures.
import { DateTime } from 'luxon';
import { COMPLAINT_REPORT_DUE_DAY, type ComplaintAnalysis } from '@kefu/shared';
import { SATISFACTION_TARGET, satisfactionRate } from '../complaints/complaint-steps.js';
import { percentOf } from '../sla/sla-report.js';
import type { BucketRow, Period } from './complaint-analysis.repo.js';


export function monthPeriod(month: string, zone: string): Period {
  const start = DateTime.fromFormat(month, 'yyyy-MM', { zone });
  return { from: start.toJSDate(), to: start.plus({ months: 1 }).toJSDate() };
}

/** The month before the one `at` falls in, in the tenant's zone. */
export function previousMonth(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).startOf('month').minus({ months: 1 }).toFormat('yyyy-MM');
}

export function dueDayOf(month: string): string {
  return DateTime.fromFormat(month, 'yyyy-MM').plus({ months: 1 }).set({ day: COMPLAINT_REPORT_DUE_DAY }).toISODate()!;
}

export interface AnalysisInputs {
  month: string;
  generatedAt: Date;
  totals: { cases: number; serious: number; justified: number; closed: number; payout_fen: number };
  buckets: Record<'grade' | 'category' | 'channel' | 'team' | 'responsible', BucketRow[]>;
  sla: { first_reply_met: number; first_reply_breached: number; resolution_met: number; resolution_breached: number; avg_resolution_hours: number | null };
  closed: Array<{ ticket_id: number; number: string; category: string | null; justified: boolean | null; follow_up_result: string | null; root_cause: string | null; improvement: string | null }>;
}

export function assembleAnalysis(i: AnalysisInputs): ComplaintAnalysis {
  const followed = i.closed.filter((c) => c.follow_up_result !== null);
  const count = (result: string) => followed.filter((c) => c.follow_up_result === result).length;
  const justified = followed.filter((c) => c.justified === true);
  // The same figure as the complaint desk's: unreachable follow-ups are reported, not counted either way.
  const rate = satisfactionRate({
    satisfied: justified.filter((c) => c.follow_up_result === 'satisfied').length,
    unsatisfied: justified.filter((c) => c.follow_up_result === 'unsatisfied').length,
  });
  return {
    month: i.month,
    generatedAt: i.generatedAt.toISOString(),
    dueBy: dueDayOf(i.month),
    totals: {
      cases: i.totals.cases, serious: i.totals.serious, justified: i.totals.justified, closed: i.totals.closed,
      open: i.totals.cases - i.totals.closed, payoutFen: i.totals.payout_fen,
    },
    byGrade: i.buckets.grade,
    byCategory: i.buckets.category,
    byChannel: i.buckets.channel,
    byTeam: i.buckets.team,
    byResponsible: i.buckets.responsible,
    sla: {
      firstReplyMet: i.sla.first_reply_met,
      firstReplyBreached: i.sla.first_reply_breached,
      firstReplyMetPct: percentOf(i.sla.first_reply_met, i.sla.first_reply_breached),
      resolutionMet: i.sla.resolution_met,
      resolutionBreached: i.sla.resolution_breached,
      resolutionMetPct: percentOf(i.sla.resolution_met, i.sla.resolution_breached),
      avgResolutionHours: i.sla.avg_resolution_hours === null ? null : Math.round(i.sla.avg_resolution_hours * 10) / 10,
    },
    rootCauses: i.closed.filter((c) => c.root_cause).map((c) => ({ ticketId: c.ticket_id, number: c.number, category: c.category, rootCause: c.root_cause!, improvement: c.improvement })),
    satisfaction: {
      satisfied: count('satisfied'),
      unsatisfied: count('unsatisfied'),
      unreachable: count('unreachable'),
      justifiedRate: rate === null ? null : Math.round(rate * 1000) / 10,
      target: SATISFACTION_TARGET * 100,
    },
  };
}
