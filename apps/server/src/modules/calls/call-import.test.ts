import { describe, expect, it } from 'vitest';
import { decodeCsv, parseCsv, parseImportTime, readImportRows } from './call-import.js';

describe('parseCsv', () => {
  it('reads quotes, escaped quotes, commas and line breaks inside quotes, CRLF, and skips blank lines', () => {
    expect(parseCsv('a,b,c\r\n"x, y","say ""hi""","line\nbreak"\r\n\r\n1,,3\n')).toEqual([['a', 'b', 'c'], ['x, y', 'say "hi"', 'line\nbreak'], ['1', '', '3']]);
    expect(parseCsv('a,b')).toEqual([['a', 'b']]);
  });
});

describe('decodeCsv', () => {
  it('reads UTF-8 (dropping a BOM) and falls back to GB18030, as Excel saves CSV in China', () => {
    expect(decodeCsv(new TextEncoder().encode('\uFEFF呼入,1'))).toBe('呼入,1');
    expect(decodeCsv(new Uint8Array(Buffer.from('baf4c8eb2c31', 'hex')))).toBe('呼入,1');
  });
});

describe('parseImportTime', () => {
  it('takes an offset when given, else the center\u2019s time zone', () => {
    expect(parseImportTime('2026-11-20T09:00:00Z', 'Asia/Shanghai')?.toISOString()).toBe('2026-11-20T09:00:00.000Z');
    expect(parseImportTime('2026-11-20 09:00:00', 'Asia/Shanghai')?.toISOString()).toBe('2026-11-20T01:00:00.000Z');
    expect(parseImportTime('2026/11/20 09:00', 'Asia/Shanghai')?.toISOString()).toBe('2026-11-20T01:00:00.000Z');
    expect(parseImportTime('20.11.2026', 'Asia/Shanghai')).toBeNull();
    expect(parseImportTime('0001-01-01 00:00:00', 'Asia/Shanghai')).toBeNull();
  });
});

describe('readImportRows', () => {
  it('maps English and Chinese headers and reads a row', () => {
    const { rows, errors } = readImportRows([['CallId', '方向', 'startedAt', '保持时长', 'agent'], ['x1', '呼出', '2026-11-20 09:00:00', '12', '8001']], 'Asia/Shanghai');
    expect(errors).toEqual([]);
    expect(rows).toMatchObject([{ line: 2, callId: 'x1', direction: 'out', holdSeconds: 12, agent: '8001', answeredAt: null }]);
  });

  it('reports every problem with its line and column', () => {
    const { errors } = readImportRows([
      ['callId', 'direction', 'startedAt', 'endedAt', 'answeredAt'],
      ['', 'in', '2026-11-20 09:00:00', '', ''],
      ['a', '', 'x', '', ''],
      ['b', 'in', '2026-11-20 09:00:00', '2026-11-20 08:59:00', '2026-11-20 09:00:10'],
    ], 'Asia/Shanghai');
    expect(errors).toEqual([
      { row: 2, column: 'callId', code: 'import_required' },
      { row: 3, column: 'direction', code: 'import_required' },
      { row: 3, column: 'startedAt', code: 'import_invalid_time' },
      { row: 4, column: 'endedAt', code: 'import_time_order' },
      { row: 4, column: 'endedAt', code: 'import_time_order' },
    ]);
    expect(readImportRows([['from'], ['1']], 'UTC').errors.map((e) => e.column)).toEqual(['callId', 'direction', 'startedAt']);
    expect(readImportRows([['callId', 'direction', 'startedAt']], 'UTC').errors).toEqual([{ row: 1, column: null, code: 'import_no_rows' }]);
  });
});
