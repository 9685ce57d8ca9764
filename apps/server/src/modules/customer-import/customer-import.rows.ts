import { z } from 'zod';
import { CUSTOMER_GRADES, isValidIdCard, LIMITS, type CustomerImportColumn } from '@kefu/shared';
import { isPlausiblePhone } from '../../lib/phone.js';
import { normalizeIdCard } from '../pii/pii-mask.js';

// One data row of a customer file → the customer it describes, or why it cannot be imported. Pure.

export interface ParsedCustomer {
  row: number;
  kind: 'person' | 'organization';
  name: string;
  phones: string[];
  idCard: string | null;
  address: string | null;
  email: string | null;
  organization: string | null;
  grade: string | null;
  tags: string[];
  notes: string | null;
}

export interface RowIssue {
  row: number;
  column: CustomerImportColumn | null;
  /** A key of the customer-import rule messages (cimp_*). */
  code: string;
  params?: Record<string, string | number>;
}

const KINDS: Record<string, ParsedCustomer['kind']> = {
  '': 'person', person: 'person', personal: 'person', individual: 'person', 个人: 'person', 个人客户: 'person', 自然人: 'person', 人: 'person',
  organization: 'organization', organisation: 'organization', org: 'organization', company: 'organization', 组织: 'organization',
  单位: 'organization', 企业: 'organization', 公司: 'organization', 机构: 'organization', 企业客户: 'organization', 单位客户: 'organization',
};

/** Several numbers in one cell: "138…; 010-…", "138…，139…", "138… / 139…", "138…、139…". */
export function splitPhones(cell: string): string[] {
  return cell.split(/[;；,，/／、|\n]+/).map((p) => p.trim()).filter(Boolean);
}

export function splitTags(cell: string): string[] {
  return [...new Set(cell.split(/[;；,，、|\n]+/).map((t) => t.trim()).filter(Boolean))];
}

// Digits with the usual separators, an optional leading +, and an extension (转 / ext / x / #).
const PHONE_SHAPE = /^\+?[\d\s\-()（）.]+((转|ext\.?|x|#)\s*\d{1,6})?$/i;

const BARE_MOBILE = /^1[3-9]\d{9}$/;

export function isImportablePhone(text: string): boolean {
  // Most cells of a big file are bare mainland mobiles: no normalizing needed.
  if (BARE_MOBILE.test(text)) return true;
  const value = text.normalize('NFKC');
  return PHONE_SHAPE.test(value) && isPlausiblePhone(value.replace(/(转|ext\.?|x|#).*$/i, ''));
}

const emailSchema = z.email();

const cellText = (cells: readonly string[], index: number) => (cells[index] ?? '').replace(/\u00a0/g, ' ').trim();

/** Reads one record with the column → field mapping of its file; `row` is the spreadsheet row number. */
export function readCustomerRow(cells: readonly string[], fields: readonly (CustomerImportColumn | null)[], row: number): { customer: ParsedCustomer; issues: RowIssue[] } {
  const value: Partial<Record<CustomerImportColumn, string>> = {};
  fields.forEach((field, i) => {
    if (field) value[field] = cellText(cells, i);
  });
  const issues: RowIssue[] = [];
  const issue = (column: CustomerImportColumn, code: string, params?: RowIssue['params']) => issues.push({ row, column, code, ...(params ? { params } : {}) });
  const orNull = (text: string | undefined) => (text ? text : null);

  const name = value.name ?? '';
  if (!name) issue('name', 'cimp_required_name');
  else if (name.length > LIMITS.nameMax) issue('name', 'cimp_too_long', { max: LIMITS.nameMax });

  const kindText = (value.kind ?? '').normalize('NFKC').toLowerCase();
  const kind = KINDS[kindText];
  if (!kind) issue('kind', 'cimp_bad_kind');

  const phones = splitPhones(value.phones ?? '');
  for (const phone of phones) {
    if (phone.includes('*')) issue('phones', 'cimp_masked', { value: phone });
    else if (phone.length > LIMITS.phoneMax || !isImportablePhone(phone)) issue('phones', 'cimp_bad_phone', { value: phone });
  }
  if (phones.length > LIMITS.phonesPerCustomer) issue('phones', 'cimp_too_many_phones', { max: LIMITS.phonesPerCustomer });

  let idCard = orNull(value.idCard);
  if (idCard) {
    if (idCard.includes('*')) issue('idCard', 'cimp_masked', { value: idCard });
    else if (!isValidIdCard(idCard)) issue('idCard', 'cimp_bad_id_card', { value: idCard });
    else idCard = normalizeIdCard(idCard);
  }

  const address = orNull(value.address);
  if (address?.includes('***')) issue('address', 'cimp_masked', { value: address });
  else if (address && address.length > LIMITS.addressMax) issue('address', 'cimp_too_long', { max: LIMITS.addressMax });

  const email = orNull(value.email);
  if (email?.includes('*')) issue('email', 'cimp_masked', { value: email });
  else if (email && (email.length > 200 || !emailSchema.safeParse(email).success)) issue('email', 'cimp_bad_email', { value: email });

  const organization = orNull(value.organization);
  if (organization && organization.length > LIMITS.nameMax) issue('organization', 'cimp_too_long', { max: LIMITS.nameMax });

  const gradeText = (value.grade ?? '').normalize('NFKC').toUpperCase().replace(/级$/, '');
  const grade = gradeText ? gradeText : null;
  if (grade && !(CUSTOMER_GRADES as readonly string[]).includes(grade)) issue('grade', 'cimp_bad_grade');

  const tags = splitTags(value.tags ?? '');
  if (tags.length > LIMITS.tagsPerTicket) issue('tags', 'cimp_too_many_tags', { max: LIMITS.tagsPerTicket });
  for (const tag of tags) if (tag.length > LIMITS.tagMax) issue('tags', 'cimp_too_long', { max: LIMITS.tagMax });

  const notes = orNull(value.notes);
  if (notes && notes.length > LIMITS.noteMax) issue('notes', 'cimp_too_long', { max: LIMITS.noteMax });

  return { customer: { row, kind: kind ?? 'person', name, phones, idCard, address, email, organization, grade, tags, notes }, issues };
}
