import type { CallMetrics } from '@kefu/shared';
import { formatDuration } from '../call-records/callFormat';

/** A fraction (0.9) as a percentage ("90.0%"); '—' when there is nothing to divide. */
export function percent(v: number | null | undefined): string {
  return v == null ? '—' : `${(v * 100).toFixed(1)}%`;
}

export type MetricKey = 'offered' | 'answered' | 'abandoned' | 'shortAbandoned' | 'connectRate' | 'serviceLevel' | 'asa' | 'aht' | 'abandonRate' | 'occupancy' | 'longestWait' | 'avgTalk' | 'outbound';

const RATES = new Set<MetricKey>(['connectRate', 'serviceLevel', 'abandonRate', 'occupancy']);
const TIMES = new Set<MetricKey>(['asa', 'aht', 'longestWait', 'avgTalk']);

/** A metric as the page shows it: counts with thousands separators (12,137), rates as percentages, times as mm:ss like the call records. */
export function formatMetric(key: MetricKey, m: CallMetrics): string {
  const v = m[key];
  if (RATES.has(key)) return percent(v);
  if (TIMES.has(key)) return formatDuration(v);
  return v == null ? '—' : v.toLocaleString('en-US');
}

/** Below the center's target (90 % answered within the threshold): the figure turns red. */
export function belowTarget(serviceLevel: number | null, target: number): boolean {
  return serviceLevel !== null && serviceLevel < target;
}
