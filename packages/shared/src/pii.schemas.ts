import { z } from 'zod';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Resident identity card number (GB 11643): 18 characters whose last is a check digit, or the old 15 digits. */
export function isValidIdCard(value: string): boolean {
  const text = value.normalize('NFKC').replace(/\s/g, '').toUpperCase();
  if (/^\d{15}$/.test(text)) return true;
  if (!/^\d{17}[\dX]$/.test(text)) return false;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(text[i]), 0);
  return CHECK[sum % 11] === text[17];
}

/** 身份证号 input: spaces allowed, checked against its check digit. */
export const idCardInputSchema = z.string().trim().max(24).refine(isValidIdCard, { message: 'not a valid resident ID card number (身份证号校验位不符)' });

/** The masked display form (110***********1234): a form that loaded the record may send it back to mean "unchanged". */
export const maskedIdCardSchema = z.string().trim().regex(/^\d{3}\*{4,}[\dX]{4}$/);

export const PII_FIELDS = ['phones', 'email', 'address', 'idCard'] as const;

/** POST /pii/keys/status (admin): which key encrypts new data and how many values each key still holds. */
export const piiKeyStatusSchema = z.object({
  currentKeyId: z.string(),
  source: z.enum(['env', 'file', 'ephemeral']),
  keyIds: z.array(z.string()),
  valuesByKey: z.record(z.string(), z.number()),
  plaintextLeft: z.number(),
});
export type PiiKeyStatus = z.infer<typeof piiKeyStatusSchema>;

/** GET /pii/customers/export: the customer list as CSV, masked unless `reveal` (customers.reveal_pii; audit-logged). */
export const piiExportQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  phone: z.string().trim().min(3).max(40).optional(),
  kind: z.enum(['person', 'organization']).optional(),
  reveal: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(50_000).default(10_000),
});
export type PiiExportQuery = z.infer<typeof piiExportQuerySchema>;
