import { describe, expect, it } from 'vitest';
import { indexTokens, queryTokens, toTsQuery } from './search-text.js';

describe('Chinese segmentation for search', () => {
  it('indexes words, not characters', () => {
    expect(indexTokens('我要求退费').split(' ')).toEqual(['我', '要求', '退费']);
  });
  it('indexes the parts of long words too', () => {
    expect(indexTokens('投资理财产品').split(' ')).toEqual(expect.arrayContaining(['投资', '理财', '产品']));
  });
  it('keeps numbers and codes whole and lower-cases latin', () => {
    expect(indexTokens('工单GD2026 电话13812345678').split(' ')).toEqual(expect.arrayContaining(['gd2026', '13812345678']));
  });
  it('drops punctuation and function words from queries', () => {
    expect(queryTokens('我要退费！')).toEqual(['我要', '退费']);
    expect(queryTokens('空调的漏水')).toEqual(['空调', '漏水']);
  });
  it('builds an AND query with quoted words', () => {
    expect(toTsQuery('空调 漏水')).toBe("'空调' & '漏水'");
    expect(toTsQuery('！！')).toBeNull();
  });
  it('strips tsquery operators from user input', () => {
    expect(toTsQuery("a'b & c|d")).not.toMatch(/[|]|''/);
  });
});
