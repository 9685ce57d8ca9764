import { describe, expect, it } from 'vitest';
import { jsonbText } from './jsonb-text.js';

describe('jsonbText', () => {
  it('replaces lone surrogates with U+FFFD and keeps pairs, escaped backslashes and ordinary text', () => {
    expect(JSON.parse(jsonbText({ a: 'x\ud83dy' }))).toEqual({ a: 'x\ufffdy' });
    expect(JSON.parse(jsonbText(['\udc00']))).toEqual(['\ufffd']);
    expect(jsonbText({ a: '😀' })).toBe('{"a":"😀"}');
    expect(JSON.parse(jsonbText({ a: '\\ud800' }))).toEqual({ a: '\\ud800' });
    expect(JSON.parse(jsonbText({ a: '\\\ud800' }))).toEqual({ a: '\\\ufffd' });
    expect(jsonbText({ 客户: '退费' })).toBe('{"客户":"退费"}');
  });
});
