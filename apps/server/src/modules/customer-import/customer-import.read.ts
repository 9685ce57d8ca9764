import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { AppError, invalid } from '../../lib/app-error.js';

// Reading a customer file as a stream of records: CSV (UTF-8 with or without BOM, or GBK/GB18030 as Excel saves
// it in China; comma or tab separated) or an Excel .xlsx workbook (first sheet). Nothing holds the whole file's rows.

export interface CustomerFileSource {
  /** The uploaded bytes, or a file on disk (CLI, benchmark). */
  bytes?: Uint8Array;
  path?: string;
}

export interface FileRecord {
  /** The spreadsheet row number (the header is row 1). */
  row: number;
  cells: string[];
}

export interface OpenedCustomerFile {
  format: 'csv' | 'xlsx';
  /** CSV only: utf-8 or gb18030. */
  encoding: string | null;
  records: AsyncIterable<FileRecord>;
}

const SNIFF_BYTES = 1024 * 1024;

async function headOf(source: CustomerFileSource): Promise<Uint8Array> {
  if (source.bytes) return source.bytes.subarray(0, SNIFF_BYTES);
  const handle = await open(source.path!, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function streamOf(source: CustomerFileSource): Readable {
  if (source.bytes) {
    const bytes = source.bytes;
    // Chunks of 1 MB, so decoding and parsing interleave with the rest of the pipeline like a file stream.
    return Readable.from((function* () {
      for (let i = 0; i < bytes.length; i += SNIFF_BYTES) yield Buffer.from(bytes.buffer, bytes.byteOffset + i, Math.min(SNIFF_BYTES, bytes.length - i));
    })());
  }
  return createReadStream(source.path!, { highWaterMark: SNIFF_BYTES });
}

/** UTF-8 when the head decodes strictly as UTF-8 (a multi-byte character cut at the end is allowed), else GB18030 (a superset of GBK). */
export function detectEncoding(head: Uint8Array): 'utf-8' | 'gb18030' {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  let end = head.length;
  // Drop a trailing incomplete UTF-8 sequence (at most 3 continuation bytes after a lead byte).
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = head[end - back]!;
    if ((byte & 0xc0) === 0xc0) {
      end -= back;
      break;
    }
    if ((byte & 0xc0) !== 0x80) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

type Kind = 'csv' | 'xlsx' | 'unsupported';
export function sniffFormat(head: Uint8Array): Kind {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  // The old binary .xls (OLE compound file) and anything with NUL bytes is not a text file we can read.
  if (head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'unsupported';
  if (head.subarray(0, 4096).includes(0)) return 'unsupported';
  return 'csv';
}

export async function openCustomerFile(source: CustomerFileSource): Promise<OpenedCustomerFile> {
  const head = await headOf(source);
  if (head.length === 0) throw invalid('cimp_no_rows');
  const kind = sniffFormat(head);
  if (kind === 'unsupported') throw invalid('cimp_bad_file');
  if (kind === 'xlsx') return { format: 'xlsx', encoding: null, records: xlsxRecords(source) };
  const encoding = detectEncoding(head);
  return { format: 'csv', encoding, records: csvRecords(source, encoding, head) };
}

async function* decoded(source: CustomerFileSource, encoding: string): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  let first = true;
  for await (const chunk of streamOf(source)) {
    let text = decoder.decode(chunk as Buffer, { stream: true });
    if (first) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

async function* csvRecords(source: CustomerFileSource, encoding: string, head: Uint8Array): AsyncGenerator<FileRecord> {
  const firstLine = new TextDecoder(encoding).decode(head.subarray(0, 4096)).split(/\r?\n/)[0] ?? '';
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const parser = Readable.from(decoded(source, encoding)).pipe(
    parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: false }),
  );
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, cells };
    }
  } catch (error) {
    if (error instanceof Error && 'code' in error && String((error as { code: unknown }).code).startsWith('CSV_')) throw invalid('cimp_bad_file');
    throw error;
  }
}

/** A cell as the text a person sees: numbers without exponent where exact, dates as YYYY-MM-DD, rich text joined. */
export function cellToText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return cellToText(v.text);
    if (v.result !== undefined) return cellToText(v.result);
    if (v.error) return '';
  }
  return String(value);
}

async function* xlsxRecords(source: CustomerFileSource): AsyncGenerator<FileRecord> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source.path ?? streamOf(source), { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore' });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellToText(values[i]).trim());
        yield { row: row.number, cells };
      }
      return; // the first sheet only
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalid('cimp_bad_file');
  }
}
