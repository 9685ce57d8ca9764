import { DateTime } from 'luxon';
import { CALL_IMPORT_COLUMNS, CTI_LIMITS, type CallDirection } from '@kefu/shared';

type Column = (typeof CALL_IMPORT_COLUMNS)[number];

/** Header names a call-record CSV may use: ours, and what Chinese PBX exports call them. */
const ALIASES: Record<Column, string[]> = {
  callId: ['callid', 'call_id', '呼叫id', '通话id', '通话编号', '呼叫编号', '流水号'],
  direction: ['direction', '方向', '呼叫方向', '呼叫类型'],
  from: ['from', '主叫', '主叫号码'],
  to: ['to', '被叫', '被叫号码'],
  queue: ['queue', '队列', '技能组'],
  agent: ['agent', '坐席', '坐席工号', '工号', '分机', '分机号'],
  startedAt: ['startedat', 'started_at', '开始时间', '来电时间', '呼叫时间'],
  queuedAt: ['queuedat', 'queued_at', '排队时间', '进入队列时间'],
  answeredAt: ['answeredat', 'answered_at', '应答时间', '接听时间', '接通时间'],
  endedAt: ['endedat', 'ended_at', '结束时间', '挂机时间'],
  hangupCause: ['hangupcause', 'hangup_cause', 'cause', '挂机原因'],
  holdSeconds: ['holdseconds', 'hold_seconds', '保持时长', '保持时长(秒)', '保持时长（秒）'],
  acwSeconds: ['acwseconds', 'acw_seconds', '话后处理时长', '话后时长', '话后处理时长(秒)', '话后处理时长（秒）'],
  recordingUrl: ['recordingurl', 'recording_url', '录音', '录音地址'],
};
const REQUIRED: Column[] = ['callId', 'direction', 'startedAt'];
const DIRECTIONS: Record<string, CallDirection> = { in: 'in', out: 'out', inbound: 'in', outbound: 'out', 呼入: 'in', 呼出: 'out' };

/** UTF-8 (with or without BOM); Excel in China saves CSV as GB18030, which is read when the bytes are not UTF-8. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** RFC 4180: commas, double quotes ("" inside), line breaks inside quotes, CRLF or LF; blank lines skipped. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      if (record.some((f) => f.trim() !== '')) records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  record.push(field);
  if (record.some((f) => f.trim() !== '')) records.push(record);
  return records;
}

export interface ImportError {
  /** Line of the CSV file (the header is line 1). */
  row: number;
  column: string | null;
  code: string;
}

export interface ImportRow {
  line: number;
  callId: string;
  direction: CallDirection;
  from: string | null;
  to: string | null;
  queue: string | null;
  agent: string | null;
  startedAt: Date;
  queuedAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  hangupCause: string | null;
  holdSeconds: number;
  acwSeconds: number;
  recordingUrl: string | null;
  raw: Record<string, string>;
}

/** ISO 8601 with an offset, or a local "YYYY-MM-DD HH:mm[:ss]" (also with slashes) in the tenant's time zone. */
export function parseImportTime(value: string, timezone: string): Date | null {
  const text = value.trim();
  let dt = DateTime.fromISO(text, { zone: timezone, setZone: false });
  if (!dt.isValid) {
    for (const format of ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd HH:mm:ss', 'yyyy/MM/dd HH:mm', 'yyyy/M/d H:mm:ss', 'yyyy/M/d H:mm']) {
      dt = DateTime.fromFormat(text, format, { zone: timezone });
      if (dt.isValid) break;
    }
  }
  if (!dt.isValid || dt.year < 1900 || dt.year > 2999) return null;
  return dt.toJSDate();
}

const MAX_ERRORS = 200;

/** Reads the records of a call-record CSV; every problem of every row is reported, nothing is half-read. */
export function readImportRows(records: string[][], timezone: string): { rows: ImportRow[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const [header, ...data] = records;
  if (!header || data.length === 0) return { rows: [], errors: [{ row: 1, column: null, code: 'import_no_rows' }] };
  if (data.length > CTI_LIMITS.importRowsMax) return { rows: [], errors: [{ row: 1, column: null, code: 'import_too_many_rows' }] };
  const index = new Map<Column, number>();
  header.forEach((name, i) => {
    const key = name.trim().toLowerCase().replace(/\s+/g, '');
    const column = (Object.keys(ALIASES) as Column[]).find((c) => ALIASES[c].includes(key));
    if (column && !index.has(column)) index.set(column, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length) return { rows: [], errors: missing.map((c) => ({ row: 1, column: c, code: 'import_missing_column' })) };

  const rows: ImportRow[] = [];
  const seen = new Set<string>();
  data.forEach((record, i) => {
    const line = i + 2;
    const get = (c: Column) => {
      const at = index.get(c);
      const value = at === undefined ? '' : (record[at] ?? '').trim();
      return value === '' ? null : value;
    };
    const fail = (column: Column, code: string) => {
      if (errors.length < MAX_ERRORS) errors.push({ row: line, column, code });
    };
    const time = (c: Column) => {
      const value = get(c);
      if (value === null) return null;
      const parsed = parseImportTime(value, timezone);
      if (!parsed) fail(c, 'import_invalid_time');
      return parsed;
    };
    const secondsOf = (c: Column) => {
      const value = get(c);
      if (value === null) return 0;
      if (!/^\d{1,6}$/.test(value)) {
        fail(c, 'import_invalid_number');
        return 0;
      }
      return Number(value);
    };
    const text = (c: Column, max: number) => get(c)?.slice(0, max) ?? null;

    const callId = get('callId');
    if (callId === null || callId.length > CTI_LIMITS.callIdMax) fail('callId', 'import_required');
    else if (seen.has(callId)) fail('callId', 'import_duplicate_call');
    else seen.add(callId);
    const directionText = get('direction');
    const direction = directionText === null ? undefined : DIRECTIONS[directionText.toLowerCase()];
    if (!direction) fail('direction', directionText === null ? 'import_required' : 'import_invalid_direction');
    const startedAt = time('startedAt');
    if (get('startedAt') === null) fail('startedAt', 'import_required');
    const queuedAt = time('queuedAt');
    const answeredAt = time('answeredAt');
    const endedAt = time('endedAt');
    if (startedAt) {
      for (const [c, t] of [['queuedAt', queuedAt], ['answeredAt', answeredAt], ['endedAt', endedAt]] as const) if (t && t < startedAt) fail(c, 'import_time_order');
    }
    if (answeredAt && endedAt && endedAt < answeredAt) fail('endedAt', 'import_time_order');
    const recordingUrl = get('recordingUrl');
    if (recordingUrl !== null && !/^https?:\/\/\S+$/i.test(recordingUrl)) fail('recordingUrl', 'import_invalid_url');
    const holdSeconds = secondsOf('holdSeconds');
    const acwSeconds = secondsOf('acwSeconds');
    if (callId && direction && startedAt) {
      const raw: Record<string, string> = {};
      for (const [c, at] of index) if (record[at]?.trim()) raw[c] = record[at]!.trim();
      rows.push({
        line, callId, direction, startedAt, queuedAt, answeredAt, endedAt, holdSeconds, acwSeconds, recordingUrl, raw,
        from: text('from', CTI_LIMITS.numberMax), to: text('to', CTI_LIMITS.numberMax), queue: text('queue', CTI_LIMITS.nameMax),
        agent: text('agent', CTI_LIMITS.nameMax), hangupCause: text('hangupCause', 64),
      });
    }
  });
  return { rows, errors };
}
