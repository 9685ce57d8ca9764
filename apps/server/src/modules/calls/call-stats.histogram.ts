import type { ClassRow } from './call-metrics.js';

/**
 * A ClassRow read from the rollups with another threshold / short-abandon limit than they were built with: the
 * rows of answered calls (classes 3, 4) also count the calls answered within the asked threshold, the rows of
 * abandoned calls (5, 6) the calls abandoned within the asked short-abandon limit (both from the histograms).
 */
export interface HistogramClassRow extends ClassRow {
  within_threshold?: number;
  short_abandons?: number;
}

const ZERO = { talked: 0, wait_sum: 0, wait_max: null, talk_sum: 0, hold_sum: 0, acw_sum: 0, busy_sum: 0 } as const;

function merge(rows: readonly HistogramClassRow[]): Omit<ClassRow, 'key' | 'class'> {
  let waitMax: number | null = null;
  for (const r of rows) if (r.wait_max !== null) waitMax = Math.max(waitMax ?? -Infinity, Number(r.wait_max));
  const sum = (pick: (r: HistogramClassRow) => number) => rows.reduce((total, r) => total + Number(pick(r)), 0);
  return {
    n: sum((r) => r.n), talked: sum((r) => r.talked), wait_sum: sum((r) => r.wait_sum), wait_max: waitMax, talk_sum: sum((r) => r.talk_sum),
    hold_sum: sum((r) => r.hold_sum), acw_sum: sum((r) => r.acw_sum), busy_sum: sum((r) => r.busy_sum),
  };
}

/**
 * Re-classes rollup rows for another threshold and short-abandon limit; no I/O. foldClassRows treats classes 3 and 4
 * alike except that class 3 counts as answered within the threshold, so per group the answered calls become one
 * class-3 row of the calls within the threshold (no sums) and one class-4 row of the rest with all the sums. Likewise
 * the abandoned calls: class 5 the short abandons, class 6 the rest, whose longest wait is the longest of all
 * abandoned calls if that one is not short (wait ≥ limit), else there is none.
 */
export function resplitClassRows(rows: readonly HistogramClassRow[], shortAbandonSeconds: number): ClassRow[] {
  const out: ClassRow[] = [];
  const answered = new Map<string, HistogramClassRow[]>();
  const abandoned = new Map<string, HistogramClassRow[]>();
  for (const r of rows) {
    const into = r.class === 3 || r.class === 4 ? answered : r.class === 5 || r.class === 6 ? abandoned : null;
    if (!into) {
      const { within_threshold: _w, short_abandons: _s, ...plain } = r;
      out.push(plain);
      continue;
    }
    const list = into.get(r.key);
    if (list) list.push(r);
    else into.set(r.key, [r]);
  }
  for (const [key, group] of answered) {
    const all = merge(group);
    const within = group.reduce((total, r) => total + Number(r.within_threshold ?? 0), 0);
    out.push({ key, class: 3, n: within, ...ZERO });
    out.push(Object.assign({ key, class: 4 }, all, { n: all.n - within }));
  }
  for (const [key, group] of abandoned) {
    const all = merge(group);
    const short = group.reduce((total, r) => total + Number(r.short_abandons ?? 0), 0);
    out.push({ key, class: 5, n: short, ...ZERO });
    out.push(Object.assign({ key, class: 6 }, all, { n: all.n - short, wait_max: all.wait_max !== null && all.wait_max >= shortAbandonSeconds ? all.wait_max : null }));
  }
  return out;
}
