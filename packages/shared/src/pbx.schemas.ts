import { z } from 'zod';

/** Click-to-call: the agent's phone rings first, then the PBX dials the number. */
export const originateRequestSchema = z.object({
  /** A number typed by the agent, or … */
  number: z.string().trim().min(3).max(40).optional(),
  /** … the contact number of a work order (its call-back task), or … */
  ticketId: z.number().int().positive().optional(),
  /** … one of a customer's numbers (customer_phones id), or … */
  customerPhoneId: z.number().int().positive().optional(),
  /** … the other party of a call (calls id): calling back a caller whose number the agent only sees masked. */
  callId: z.number().int().positive().optional(),
}).refine((v) => [v.number, v.ticketId, v.customerPhoneId, v.callId].filter((x) => x !== undefined).length >= 1, { message: 'number, ticketId, customerPhoneId or callId' });
export type OriginateRequestBody = z.infer<typeof originateRequestSchema>;

export const originateResponseSchema = z.object({
  actionId: z.string(),
  /** The number dialled, masked as everywhere else. */
  number: z.string(),
  extension: z.string(),
});
export type OriginateResponse = z.infer<typeof originateResponseSchema>;
