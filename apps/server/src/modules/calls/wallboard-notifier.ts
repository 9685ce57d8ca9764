import { WALLBOARD_READERS } from '@kefu/shared';
import type { LiveBus } from '../../lib/live/live-bus.js';

/**
 * Tells every open browser of a tenant that may watch the wallboard that the hotline changed (`wallboard.changed`), at most once per
 * `intervalMs` per tenant and server process: a burst of thousands of events becomes a few messages a second,
 * the first one sent at once, the last change never later than `intervalMs`. The message goes through the live bus
 * (LISTEN/NOTIFY with several processes), so browsers connected to any process hear of changes received by any
 * other; what they then read is in the database.
 *
 * `maintain` (the wallboard's minute rollups, see call-stats.minutes.ts) runs at most once per `maintainEveryMs` per
 * tenant while changes flow, one run at a time, so the log of changed minutes stays short even when no one reads
 * the wallboard.
 */
export interface WallboardNotifier {
  touch(tenantId: number): void;
  /** Stops sending and waits for a maintenance run in progress. */
  close(): Promise<void>;
}

export interface WallboardNotifierOptions {
  intervalMs?: number;
  maintainEveryMs?: number;
  maintain?: (tenantId: number) => Promise<void>;
  onError?: (error: unknown) => void;
}

export function createWallboardNotifier(live: LiveBus, { intervalMs = 300, maintainEveryMs = 5_000, maintain, onError }: WallboardNotifierOptions = {}): WallboardNotifier {
  const lastSent = new Map<number, number>();
  const timers = new Map<number, NodeJS.Timeout>();
  const lastMaintained = new Map<number, number>();
  const maintaining = new Map<number, Promise<void>>();
  let closed = false;

  const send = (tenantId: number) => {
    timers.delete(tenantId);
    if (closed) return;
    const at = Date.now();
    lastSent.set(tenantId, at);
    live.publish({ tenantId, topic: 'wallboard.changed', anyOf: WALLBOARD_READERS, payload: { at: new Date(at).toISOString() } }).catch((error: unknown) => onError?.(error));
  };

  const upkeep = (tenantId: number) => {
    if (!maintain || maintaining.has(tenantId)) return;
    const at = Date.now();
    if (!lastMaintained.has(tenantId)) lastMaintained.set(tenantId, at);
    if (at - lastMaintained.get(tenantId)! < maintainEveryMs) return;
    lastMaintained.set(tenantId, at);
    maintaining.set(tenantId, maintain(tenantId)
      .catch((error: unknown) => onError?.(error))
      .finally(() => maintaining.delete(tenantId)));
  };

  return {
    touch(tenantId) {
      if (closed) return;
      upkeep(tenantId);
      if (timers.has(tenantId)) return;
      const wait = (lastSent.get(tenantId) ?? 0) + intervalMs - Date.now();
      if (wait <= 0) send(tenantId);
      else timers.set(tenantId, setTimeout(() => send(tenantId), wait));
    },
    async close() {
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.all(maintaining.values());
    },
  };
}
