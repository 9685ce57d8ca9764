import { z } from 'zod';
import { piiExportQuerySchema } from './pii.schemas.js';

// Customer import (CSV / Excel) and export: preview, all-or-nothing confirm, template, export in both formats.

/** The customer fields a file may carry, in template order. */
export const CUSTOMER_IMPORT_COLUMNS = ['name', 'kind', 'phones', 'idCard', 'address', 'email', 'organization', 'grade', 'tags', 'notes'] as const;
export type CustomerImportColumn = (typeof CUSTOMER_IMPORT_COLUMNS)[number];

/** The biggest file accepted over HTTP (a 1,000,000-row CSV is about 60–90 MB). */
export const CUSTOMER_IMPORT_MAX_BYTES = 200 * 1024 * 1024;
/** Errors listed in a preview or a refusal (the total is always counted). */
export const CUSTOMER_IMPORT_ERRORS_LISTED = 500;
/** Rows shown in a preview. */
export const CUSTOMER_IMPORT_SAMPLE_ROWS = 20;

/** What to do with a row whose phone already belongs to a customer: report it (nothing is imported) or skip the row. */
export const CUSTOMER_IMPORT_ON_EXISTING = ['error', 'skip'] as const;
export const customerImportQuerySchema = z.object({
  onExisting: z.enum(CUSTOMER_IMPORT_ON_EXISTING).default('error'),
});
export type CustomerImportQuery = z.infer<typeof customerImportQuerySchema>;

export const customerImportErrorSchema = z.object({
  /** Row of the file as the spreadsheet shows it (the header is row 1). */
  row: z.number(),
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type CustomerImportError = z.infer<typeof customerImportErrorSchema>;

export const customerImportRowSchema = z.object({
  row: z.number(),
  kind: z.enum(['person', 'organization']),
  name: z.string(),
  phones: z.array(z.string()),
  idCard: z.string().nullable(),
  address: z.string().nullable(),
  email: z.string().nullable(),
  organization: z.string().nullable(),
  grade: z.string().nullable(),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  /** Valid and will be imported; `skip`: its phone belongs to an existing customer and onExisting=skip. */
  status: z.enum(['ok', 'invalid', 'skip']),
});
export type CustomerImportRow = z.infer<typeof customerImportRowSchema>;

export const customerImportPreviewSchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable(),
  /** Each header of the file and the field it was read as (null: ignored). */
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  total: z.number(),
  valid: z.number(),
  invalid: z.number(),
  skipped: z.number(),
  errorCount: z.number(),
  errors: z.array(customerImportErrorSchema),
  sample: z.array(customerImportRowSchema),
});
export type CustomerImportPreview = z.infer<typeof customerImportPreviewSchema>;

export const customerImportResultSchema = z.object({
  imported: z.number(),
  skipped: z.number(),
  seconds: z.number(),
});
export type CustomerImportResult = z.infer<typeof customerImportResultSchema>;

/** GET /customer-import/export: the customer list as CSV or Excel, masked unless reveal (customers.reveal_pii; audit-logged). */
export const customerExportQuerySchema = piiExportQuerySchema.extend({
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
});
export type CustomerExportQuery = z.infer<typeof customerExportQuerySchema>;
