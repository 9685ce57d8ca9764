import { z } from 'zod';
import { LIMITS } from './limits.js';
import { idSchema, pageQuerySchema, pagedSchema } from './common.schemas.js';
import { idCardInputSchema, maskedIdCardSchema } from './pii.schemas.js';

export const CUSTOMER_KINDS = ['person', 'organization'] as const;
export const CUSTOMER_GRADES = ['A', 'B', 'C', 'D', 'E'] as const;

const phoneInput = z.union([
  z.string().trim().min(3).max(LIMITS.phoneMax),
  z.object({ number: z.string().trim().min(3).max(LIMITS.phoneMax), label: z.string().trim().max(20).optional() }),
]);

export const customerCreateSchema = z.object({
  kind: z.enum(CUSTOMER_KINDS).default('person'),
  name: z.string().trim().min(1).max(LIMITS.nameMax),
  phones: z.array(phoneInput).max(LIMITS.phonesPerCustomer).default([]),
  email: z.email().max(200).optional(),
  address: z.string().trim().max(LIMITS.addressMax).optional(),
  /** 身份证号: stored encrypted, shown masked (110***********1234). */
  idCard: idCardInputSchema.optional(),
  organizationId: idSchema.optional(),
  grade: z.enum(CUSTOMER_GRADES).optional(),
  notes: z.string().max(LIMITS.noteMax).optional(),
  tags: z.array(z.string().trim().min(1).max(LIMITS.tagMax)).max(LIMITS.tagsPerTicket).optional(),
});
export type CustomerCreate = z.infer<typeof customerCreateSchema>;

// zod 4 keeps defaults under .partial(): `phones` must lose its default([]) here, or every change that
// does not mention phones would delete them all.
export const customerUpdateSchema = customerCreateSchema
  .omit({ kind: true })
  .extend({
    phones: z.array(phoneInput).max(LIMITS.phonesPerCustomer),
    organizationId: idSchema.nullable(),
    email: z.email().max(200).nullable(),
    address: z.string().trim().max(LIMITS.addressMax).nullable(),
    idCard: z.union([idCardInputSchema, maskedIdCardSchema]).nullable(),
  })
  .partial()
  .extend({ version: z.number().int().min(1) });
export type CustomerUpdate = z.infer<typeof customerUpdateSchema>;

export const customerListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(LIMITS.searchQueryMax).optional(),
  phone: z.string().trim().min(3).max(LIMITS.phoneMax).optional(),
  kind: z.enum(CUSTOMER_KINDS).optional(),
  organizationId: idSchema.optional(),
});
export type CustomerListQuery = z.infer<typeof customerListQuerySchema>;

export const customerPhoneSchema = z.object({ id: z.number(), number: z.string(), label: z.string().nullable(), masked: z.boolean() });

export const customerSchema = z.object({
  id: z.number(),
  kind: z.enum(CUSTOMER_KINDS),
  name: z.string(),
  phones: z.array(customerPhoneSchema),
  email: z.string().nullable(),
  address: z.string().nullable(),
  idCard: z.string().nullable(),
  organization: z.object({ id: z.number(), name: z.string() }).nullable(),
  grade: z.enum(CUSTOMER_GRADES).nullable(),
  notes: z.string().nullable(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type Customer = z.infer<typeof customerSchema>;
export const customerPageSchema = pagedSchema(customerSchema);

export const customerPanelSchema = customerSchema.extend({
  openTickets: z.array(z.object({ id: z.number(), number: z.string(), subject: z.string(), status: z.string(), type: z.string(), createdAt: z.string() })),
  recentTickets: z.array(z.object({ id: z.number(), number: z.string(), subject: z.string(), status: z.string(), type: z.string(), createdAt: z.string() })),
  ticketCount: z.number(),
  complaintCount: z.number(),
  members: z.array(z.object({ id: z.number(), name: z.string() })),
});
export type CustomerPanel = z.infer<typeof customerPanelSchema>;

export const revealedPiiSchema = z.object({
  phones: z.array(z.object({ id: z.number(), number: z.string(), label: z.string().nullable() })),
  email: z.string().nullable(),
  address: z.string().nullable(),
  idCard: z.string().nullable(),
});
