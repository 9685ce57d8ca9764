import { z } from 'zod';

// Kept apart from sla.schemas.ts so tickets.schemas.ts can embed it without an import cycle.

export const SLA_TARGETS = ['first_reply', 'update', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

/** The SLA state shown with a work order. */
export const ticketSlaSchema = z.object({
  policy: z.object({ id: z.number().nullable(), name: z.string() }),
  firstReplyDueAt: z.string().nullable(),
  firstReplyAt: z.string().nullable(),
  nextUpdateDueAt: z.string().nullable(),
  resolutionDueAt: z.string().nullable(),
  pausedSince: z.string().nullable(),
  pauseReason: z.string().nullable(),
  escalationLevel: z.number(),
  breached: z.array(z.enum(SLA_TARGETS)),
});
export type TicketSla = z.infer<typeof ticketSlaSchema>;

