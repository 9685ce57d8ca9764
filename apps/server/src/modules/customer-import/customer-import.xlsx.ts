import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { CUSTOMER_IMPORT_COLUMNS, type CustomerExportQuery, type Locale } from '@kefu/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { CUSTOMER_EXPORT_HEADER, exportCustomerRows } from '../pii/customer-export.service.js';
import { TEMPLATE } from './customer-import.columns.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function styleHeader(sheet: ExcelJS.Worksheet, widths: number[]) {
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
}

const TEMPLATE_WIDTHS: Record<(typeof CUSTOMER_IMPORT_COLUMNS)[number], number> = {
  name: 18, kind: 10, phones: 28, idCard: 22, address: 32, email: 24, organization: 20, grade: 8, tags: 16, notes: 24,
};

/** The import template: the headers in the reader's language, an organization and a member as examples, notes beside them. */
export async function importTemplateWorkbook(locale: Locale): Promise<Buffer> {
  const t = TEMPLATE[locale];
  const book = new ExcelJS.Workbook();
  book.creator = 'Kefu';
  const sheet = book.addWorksheet(t.sheet);
  sheet.addRow(CUSTOMER_IMPORT_COLUMNS.map((c) => t.headers[c]));
  sheet.addRow(CUSTOMER_IMPORT_COLUMNS.map((c) => t.organization[c]));
  sheet.addRow(CUSTOMER_IMPORT_COLUMNS.map((c) => t.example[c]));
  styleHeader(sheet, CUSTOMER_IMPORT_COLUMNS.map((c) => TEMPLATE_WIDTHS[c]));
  // Phone and ID columns as text, so Excel keeps leading zeros and all 18 digits.
  for (const column of ['phones', 'idCard'] as const) sheet.getColumn(CUSTOMER_IMPORT_COLUMNS.indexOf(column) + 1).numFmt = '@';
  const help = book.addWorksheet(locale === 'en' ? 'Help' : '说明');
  for (const line of t.notes) help.addRow([line]);
  help.getColumn(1).width = 90;
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The customer export as CSV (UTF-8 with BOM) or Excel; rows, masking and audit from the pii export. */
export async function exportCustomersFile({ db, actor, query }: { db: Kysely<DB>; actor: Actor; query: CustomerExportQuery }): Promise<{ body: Buffer; count: number }> {
  const { lines, count } = await exportCustomerRows({ db, actor, query, format: query.format });
  if (query.format === 'csv') return { body: Buffer.from(`\uFEFF${stringify([CUSTOMER_EXPORT_HEADER, ...lines])}`), count };
  const book = new ExcelJS.Workbook();
  book.creator = 'Kefu';
  const sheet = book.addWorksheet(actor.locale === 'en' ? 'Customers' : '客户');
  sheet.addRow(CUSTOMER_EXPORT_HEADER);
  for (const line of lines) sheet.addRow(line.map((v) => (v === null || v === undefined ? '' : v)));
  styleHeader(sheet, [8, 14, 18, 30, 24, 32, 22, 10, 20, 16, 24, 30]);
  return { body: Buffer.from(await book.xlsx.writeBuffer()), count };
}
