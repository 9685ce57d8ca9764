import { z } from 'zod';

/** The monthly complaint analysis (SPEC §5): generated on the 1st for the previous month, due by the 5th. */
export const COMPLAINT_REPORT_DUE_DAY = 5;

export const complaintReportMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
export const complaintReportParamsSchema = z.object({ month: complaintReportMonthSchema });

const bucket = z.object({ key: z.string().nullable(), name: z.string().nullable(), count: z.number() });
export type ComplaintReportBucket = z.infer<typeof bucket>;

export const complaintAnalysisSchema = z.object({
  month: z.string(),
  generatedAt: z.string(),
  /** The day the analysis is due (the 5th of the following month). */
  dueBy: z.string(),
  totals: z.object({
    cases: z.number(),
    serious: z.number(),
    justified: z.number(),
    closed: z.number(),
    open: z.number(),
    payoutFen: z.number(),
  }),
  byGrade: z.array(bucket),
  byCategory: z.array(bucket),
  byChannel: z.array(bucket),
  byTeam: z.array(bucket),
  byResponsible: z.array(bucket),
  sla: z.object({
    firstReplyMet: z.number(),
    firstReplyBreached: z.number(),
    firstReplyMetPct: z.number().nullable(),
    resolutionMet: z.number(),
    resolutionBreached: z.number(),
    resolutionMetPct: z.number().nullable(),
    avgResolutionHours: z.number().nullable(),
  }),
  rootCauses: z.array(z.object({ ticketId: z.number(), number: z.string(), category: z.string().nullable(), rootCause: z.string(), improvement: z.string().nullable() })),
  satisfaction: z.object({
    satisfied: z.number(),
    unsatisfied: z.number(),
    unreachable: z.number(),
    /** Satisfied ÷ (satisfied + unsatisfied) justified cases closed in the month, in %; the target is 100 %. */
    justifiedRate: z.number().nullable(),
    target: z.number(),
  }),
});
export type ComplaintAnalysis = z.infer<typeof complaintAnalysisSchema>;

export const complaintReportListSchema = z.object({
  items: z.array(z.object({ month: z.string(), generatedAt: z.string(), dueBy: z.string(), cases: z.number() })),
});
