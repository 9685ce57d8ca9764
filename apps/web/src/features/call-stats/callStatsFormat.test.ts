import { describe, expect, it } from 'vitest';
import type { CallMetrics } from '@kefu/shared';
import { axisLabels } from './CallStatsChart';
import { belowTarget, formatMetric, percent } from './callStatsFormat';

const m = { offered: 12137, serviceLevel: 0.8766, asa: 75.4, aht: 3725, occupancy: null } as unknown as CallMetrics;

describe('call statistics formatting', () => {
  it('shows counts with separators, rates as percentages, times as the call records do', () => {
    expect(formatMetric('offered', m)).toBe('12,137');
    expect(formatMetric('serviceLevel', m)).toBe('87.7%');
    expect(formatMetric('asa', m)).toBe('01:15');
    expect(formatMetric('aht', m)).toBe('1:02:05');
    expect(formatMetric('occupancy', m)).toBe('—');
    expect(percent(1)).toBe('100.0%');
  });

  it('flags a service level below the target only when there is one', () => {
    expect(belowTarget(0.8999, 0.9)).toBe(true);
    expect(belowTarget(0.9, 0.9)).toBe(false);
    expect(belowTarget(null, 0.9)).toBe(false);
  });

  it('labels one day\u2019s intervals by time alone, several days in full', () => {
    expect(axisLabels(['2026-11-20 09:00', '2026-11-20 09:15'])).toEqual(['09:00', '09:15']);
    expect(axisLabels(['2026-11-20 23:45', '2026-11-21 00:00'])).toEqual(['2026-11-20 23:45', '2026-11-21 00:00']);
    expect(axisLabels(['2026-11-20', '2026-11-21'])).toEqual(['2026-11-20', '2026-11-21']);
  });
});
