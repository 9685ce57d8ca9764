import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { formatSlaDuration, pauseReasonText } from './formatSla';
import { slaEn, slaZhCN } from './sla.i18n';

/** A minimal t over one catalog: dotted keys, {{placeholders}}, defaultValue. */
function tOf(catalog: object): TFunction {
  return ((key: string, options: Record<string, unknown> = {}) => {
    const found = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);
    if (typeof found !== 'string') return (options.defaultValue as string) ?? key;
    return found.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name]));
  }) as unknown as TFunction;
}

const zh = tOf(slaZhCN);
const en = tOf(slaEn);

describe('formatSlaDuration', () => {
  it('writes hours and minutes in Chinese without plurals', () => {
    expect(formatSlaDuration(192, zh)).toBe('3小时12分');
    expect(zh('sla.left', { time: formatSlaDuration(192, zh) })).toBe('还剩 3小时12分');
    expect(zh('sla.overdue', { time: formatSlaDuration(-25, zh) })).toBe('已超时 25分');
  });

  it('drops the minutes from a day on, and speaks English compactly', () => {
    expect(formatSlaDuration(2 * 1440 + 3 * 60 + 5, zh)).toBe('2天3小时');
    expect(formatSlaDuration(192, en)).toBe('3h 12m');
    expect(formatSlaDuration(1500, en)).toBe('1d 1h');
    expect(en('sla.overdue', { time: formatSlaDuration(-25, en) })).toBe('25m overdue');
    expect(formatSlaDuration(0, zh)).toBe('不到1分');
    expect(formatSlaDuration(-0, en)).toBe('<1m');
  });

  it('names pause reasons, long and short, and keeps unknown ones as stored', () => {
    expect(pauseReasonText('customer_unreachable', zh)).toBe('客户无法联系（无人接听、用户挂断）');
    expect(pauseReasonText('customer_unreachable', zh, true)).toBe('客户无法联系');
    expect(pauseReasonText('vendor_delay', zh)).toBe('vendor_delay');
    expect(pauseReasonText(null, zh)).toBe('');
  });
});
