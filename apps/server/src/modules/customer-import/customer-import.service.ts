import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import {
  CUSTOMER_IMPORT_ERRORS_LISTED, CUSTOMER_IMPORT_SAMPLE_ROWS, translateWord,
  type CustomerImportError, type CustomerImportPreview, type CustomerImportQuery, type CustomerImportResult, type CustomerImportRow, type Locale,
} from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../lib/actor.js';
import { AppError, invalid } from '../../lib/app-error.js';
import { maskPhone } from '../../lib/phone.js';
import { writeAudit } from '../audit/audit.service.js';
import { normalizeForIndex, phoneLookupKeys } from '../pii/pii-fields.js';
import { encryptCustomerBatch, insertEncryptedBatch, type EncryptedCustomerBatch } from '../pii/pii-import.js';
import { maskIdCard } from '../pii/pii-mask.js';
import { mapHeaders, type ColumnMapping } from './customer-import.columns.js';
import { openCustomerFile, type CustomerFileSource } from './customer-import.read.js';
import { existingPhoneKeys, linkMembers, lockTenantImports, organizationsByName, tenantHasPhones } from './customer-import.repo.js';
import { readCustomerRow, type ParsedCustomer, type RowIssue } from './customer-import.rows.js';

const BATCH = 5000;

export function assertCanImport(actor: Actor) {
  if (!can(actor, 'customers.import')) throw new AppError('FORBIDDEN');
}

/** A row issue as the reader sees it: its rule message with the placeholders filled. */
export function describeIssue(locale: Locale, issue: RowIssue): CustomerImportError {
  const template = translateWord(locale, issue.code);
  const message = template.replace(/\{(\w+)\}/g, (_, key: string) => String(issue.params?.[key] ?? ''));
  return { row: issue.row, column: issue.column, code: issue.code, message };
}

interface ScanOptions {
  db: Kysely<DB>;
  actor: Actor;
  source: CustomerFileSource;
  onExisting: CustomerImportQuery['onExisting'];
  /** Inserts a batch of valid rows (confirm); absent: a preview, nothing is written. */
  insert?: (batch: EncryptedCustomerBatch) => Promise<number[]>;
}

interface ScanResult {
  format: 'csv' | 'xlsx';
  encoding: string | null;
  mapping: ColumnMapping;
  total: number;
  valid: number;
  invalid: number;
  skipped: number;
  errorCount: number;
  issues: RowIssue[];
  sample: { parsed: ParsedCustomer; status: CustomerImportRow['status'] }[];
  /** Confirm: imported members and the organization each names. */
  members: { id: number; organization: string }[];
  imported: number;
}

/**
 * The one pass over a customer file shared by preview and confirm: parse (streamed), validate each row, find
 * phones repeated inside the file or already belonging to a customer (blind index), resolve organizations,
 * and — for a confirm — insert in batches of 5,000 while the next batch is read (the caller's transaction).
 * Once any row is invalid nothing more is inserted; the caller rolls back.
 */
async function scan({ db, actor, source, onExisting, insert }: ScanOptions): Promise<ScanResult> {
  const file = await openCustomerFile(source);
  const checkExisting = await tenantHasPhones(db, actor.tenantId);
  let mapping: ColumnMapping | null = null;
  const firstRowOfPhone = new Map<string, number>();
  const issues: RowIssue[] = [];
  const sample: ScanResult['sample'] = [];
  const sampleByRow = new Map<number, ScanResult['sample'][number]>();
  const fileOrganizations = new Set<string>();
  const references: { customer: ParsedCustomer; index: number }[] = [];
  const result = { total: 0, valid: 0, invalid: 0, skipped: 0, errorCount: 0, imported: 0 };
  const invalidRows = new Set<number>();
  const ids: number[] = [];
  let batch: ParsedCustomer[] = [];
  let pending: Promise<void> = Promise.resolve();
  let insertFailure: unknown = null;

  const report = (issue: RowIssue) => {
    result.errorCount++;
    if (issues.length < CUSTOMER_IMPORT_ERRORS_LISTED * 4) issues.push(issue);
    if (!invalidRows.has(issue.row)) {
      invalidRows.add(issue.row);
      const shown = sampleByRow.get(issue.row);
      if (shown) shown.status = 'invalid';
    }
  };

  const flush = async () => {
    const rows = batch;
    batch = [];
    if (rows.length === 0) return;
    let accepted = rows;
    if (checkExisting) {
      const keysOf = rows.map((c) => c.phones.map((p) => phoneLookupKeys(p)));
      const taken = await existingPhoneKeys(db, actor.tenantId, keysOf.flat(2));
      accepted = [];
      rows.forEach((c, i) => {
        const clash = c.phones.find((_, k) => keysOf[i]![k]!.some((key) => taken.has(key)));
        if (clash === undefined) return accepted.push(c);
        if (onExisting === 'skip') {
          result.skipped++;
          const shown = sampleByRow.get(c.row);
          if (shown) shown.status = 'skip';
        } else report({ row: c.row, column: 'phones', code: 'cimp_phone_exists', params: { value: clash } });
      });
    }
    const offset = ids.length;
    accepted.forEach((c, k) => {
      if (c.kind === 'organization') fileOrganizations.add(c.name);
      if (c.organization) references.push({ customer: c, index: offset + k });
    });
    ids.length += accepted.length;
    if (!insert || result.errorCount > 0) return;
    // Encrypt this batch while PostgreSQL still writes the previous one; then one statement at a time on the transaction.
    const encrypted = encryptCustomerBatch(accepted);
    await pending;
    if (insertFailure) throw insertFailure;
    pending = insert(encrypted).then(
      (inserted) => {
        inserted.forEach((id, k) => (ids[offset + k] = id));
        result.imported += inserted.length;
      },
      (error: unknown) => {
        insertFailure = error;
      },
    );
  };

  for await (const record of file.records) {
    if (!mapping) {
      mapping = mapHeaders(record.cells);
      if (!mapping.fields.includes('name')) throw invalid('cimp_no_name_column');
      continue;
    }
    if (record.cells.every((c) => c.trim() === '')) continue;
    result.total++;
    const { customer, issues: rowIssues } = readCustomerRow(record.cells, mapping.fields, record.row);
    for (const phone of rowIssues.some((i) => i.column === 'phones') ? [] : customer.phones) {
      const key = normalizeForIndex(phone);
      const first = firstRowOfPhone.get(key);
      if (first === undefined) firstRowOfPhone.set(key, record.row);
      else rowIssues.push({ row: record.row, column: 'phones', code: 'cimp_duplicate_in_file', params: { value: phone, other: first } });
    }
    if (sample.length < CUSTOMER_IMPORT_SAMPLE_ROWS) {
      const shown = { parsed: customer, status: 'ok' as CustomerImportRow['status'] };
      sample.push(shown);
      sampleByRow.set(record.row, shown);
    }
    rowIssues.forEach(report);
    if (rowIssues.length === 0) batch.push(customer);
    if (batch.length >= BATCH) await flush();
  }
  if (!mapping) throw invalid('cimp_no_rows');
  await flush();
  await pending;
  if (insertFailure) throw insertFailure;
  if (result.total === 0) throw invalid('cimp_no_rows');

  // Organizations named by members: one that exists, or one this file adds.
  const names = [...new Set(references.map((r) => r.customer.organization!))];
  const known = await organizationsByName(db, actor.tenantId, names);
  const members: ScanResult['members'] = [];
  for (const { customer, index } of references) {
    const name = customer.organization!;
    if (!known.has(name) && !fileOrganizations.has(name)) report({ row: customer.row, column: 'organization', code: 'cimp_unknown_organization', params: { value: name } });
    else if (ids[index] !== undefined) members.push({ id: ids[index]!, organization: name });
  }
  result.invalid = invalidRows.size;
  result.valid = result.total - result.invalid - result.skipped;
  issues.sort((a, b) => a.row - b.row);
  return Object.assign({ format: file.format, encoding: file.encoding, mapping }, result, { issues, sample, members });
}

function presentSample(actor: Actor, rows: ScanResult['sample']): CustomerImportRow[] {
  // The uploader sees their own file, but personal numbers stay masked for a role that may not reveal them.
  const reveal = can(actor, 'customers.reveal_pii');
  return rows.map(({ parsed, status }) => ({
    row: parsed.row, kind: parsed.kind, name: parsed.name, status,
    phones: reveal ? parsed.phones : parsed.phones.map(maskPhone),
    idCard: parsed.idCard && !reveal ? maskIdCard(parsed.idCard) : parsed.idCard,
    address: parsed.address, email: parsed.email, organization: parsed.organization, grade: parsed.grade, tags: parsed.tags, notes: parsed.notes,
  }));
}

/** What a confirm would import: the mapping found, counts, every row's errors (the first 500 listed), the first rows. */
export async function previewCustomerImport({ db, actor, source, query }: { db: Kysely<DB>; actor: Actor; source: CustomerFileSource; query: CustomerImportQuery }): Promise<CustomerImportPreview> {
  assertCanImport(actor);
  const scanned = await scan({ db, actor, source, onExisting: query.onExisting });
  return {
    format: scanned.format,
    encoding: scanned.encoding,
    columns: scanned.mapping.headers.map((header, i) => ({ header, field: scanned.mapping.fields[i] ?? null })),
    total: scanned.total,
    valid: scanned.valid,
    invalid: scanned.invalid,
    skipped: scanned.skipped,
    errorCount: scanned.errorCount,
    errors: scanned.issues.slice(0, CUSTOMER_IMPORT_ERRORS_LISTED).map((i) => describeIssue(actor.locale, i)),
    sample: presentSample(actor, scanned.sample),
  };
}

/**
 * Imports every row of the file or none: one transaction; any invalid row (or a phone that belongs to a
 * customer, unless onExisting=skip) answers 400 cimp_rows_invalid with details.errors and leaves the database
 * as it was. One audit entry for the import.
 */
export async function confirmCustomerImport({ db, actor, source, query, fileName }: { db: Kysely<DB>; actor: Actor; source: CustomerFileSource; query: CustomerImportQuery; fileName?: string | null }): Promise<CustomerImportResult> {
  assertCanImport(actor);
  const started = performance.now();
  return db.transaction().execute(async (trx) => {
    await lockTenantImports(trx, actor.tenantId);
    const scanned = await scan({
      db: trx, actor, source, onExisting: query.onExisting,
      insert: (batch) => insertEncryptedBatch(trx, actor.tenantId, batch),
    });
    if (scanned.errorCount > 0) {
      throw new AppError('VALIDATION', { detail: 'cimp_rows_invalid', count: scanned.errorCount }, {
        errorCount: scanned.errorCount,
        errors: scanned.issues.slice(0, CUSTOMER_IMPORT_ERRORS_LISTED).map((i) => describeIssue(actor.locale, i)),
      });
    }
    if (scanned.members.length > 0) {
      const organizations = await organizationsByName(trx, actor.tenantId, [...new Set(scanned.members.map((m) => m.organization))]);
      await linkMembers(trx, actor.tenantId, scanned.members.map((m) => m.id), scanned.members.map((m) => organizations.get(m.organization)!));
    }
    await writeAudit(trx, actor, {
      action: 'customer.imported', entity: 'customer', entityId: null,
      detail: { imported: scanned.imported, skipped: scanned.skipped, format: scanned.format, encoding: scanned.encoding, file: fileName ?? null, onExisting: query.onExisting },
    });
    return { imported: scanned.imported, skipped: scanned.skipped, seconds: Math.round((performance.now() - started) / 100) / 10 };
  });
}
