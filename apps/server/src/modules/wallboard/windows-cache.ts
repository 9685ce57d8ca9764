import { now as clockNow } from '../../lib/clock.js';

/**
 * The wallboard's 15/30/60-minute windows of a tenant, computed at most once per `maxAgeMs` in a server process.
 * Under thousands of CTI events a second every leader's screen refetches several times a second, and each
 * computation refreshes the minute rollups and scans the windows' edge minutes (tens of thousands of calls): one
 * computation after another kept the database busy and the screens behind (bench/wallboard-freshness.ts). The
 * waiting calls and the agents' states stay exact on every request; only these rolling figures may be up to
 * `maxAgeMs` old, which a 15-minute service level does not notice.
 */
export interface WindowsCache<T> {
  get(tenantId: number, compute: () => Promise<T>): Promise<T>;
}

export function createWindowsCache<T>({ maxAgeMs = 1_000, clock = () => clockNow().getTime() }: { maxAgeMs?: number; clock?: () => number } = {}): WindowsCache<T> {
  const entries = new Map<number, { startedAt: number; value: Promise<T> }>();
  return {
    get(tenantId, compute) {
      const now = clock();
      const cached = entries.get(tenantId);
      if (cached && now - cached.startedAt < maxAgeMs) return cached.value;
      const entry = { startedAt: now, value: compute() };
      entries.set(tenantId, entry);
      // A failed computation is not kept: the next request tries again.
      entry.value.catch(() => {
        if (entries.get(tenantId) === entry) entries.delete(tenantId);
      });
      return entry.value;
    },
  };
}
