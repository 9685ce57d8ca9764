import { z } from 'zod';
import { LIMITS } from './limits.js';

// Path and query ids arrive as text: only plain decimal digits count ("0x10", "1e3", " 7" are refused).
export const idSchema = z.preprocess(
  (value) => (typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value),
  z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
);
export const idParamSchema = z.object({ id: idSchema });
export type IdParam = z.infer<typeof idParamSchema>;

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});

/** Years a customer-service record can plausibly carry; year 0001 would also come back from PGlite as 2001. */
export const DATE_YEAR_MIN = 1900;
export const DATE_YEAR_MAX = 2999;
export const isoDateTimeSchema = z.iso.datetime({ offset: true }).refine((value) => {
  const year = Number(value.slice(0, 4));
  return year >= DATE_YEAR_MIN && year <= DATE_YEAR_MAX;
}, { message: `year ${DATE_YEAR_MIN}–${DATE_YEAR_MAX}` });

/** Splits "a,b,c" query values into a list; repeated parameters arrive as arrays. */
export function csvList<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => {
    if (value === undefined || value === '') return undefined;
    const parts = Array.isArray(value) ? value : String(value).split(',');
    return parts.map((p) => String(p).trim()).filter(Boolean);
  }, z.array(item).max(50).optional());
}

export const booleanQuery = z.preprocess((value) => {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value;
}, z.boolean().optional());

export const userRefSchema = z.object({ id: z.number(), name: z.string() });
export type UserRef = z.infer<typeof userRefSchema>;

export function pagedSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number(),
    totalCapped: z.boolean(),
    page: z.number(),
    pageSize: z.number(),
  });
}

export const okSchema = z.object({ ok: z.literal(true) });
