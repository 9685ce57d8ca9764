import type { LiveBus } from '../../lib/live/live-bus.js';

/**
 * Tells every open browser of a tenant that the hotline changed (`wallboard.changed`), at most once per
 * `intervalMs` per tenant and server process: a burst of thousands of events becomes a few messages a second,
 * the first one sent at once, the last change never later than `intervalMs`.
 */
export interface WallboardNotifier {
  touch(tenantId: number): void;
  close(): void;
}

export function createWallboardNotifier(live: LiveBus, { intervalMs = 300, onError }: { intervalMs?: number; onError?: (error: unknown) => void } = {}): WallboardNotifier {
  const lastSent = new Map<number, number>();
  const timers = new Map<number, NodeJS.Timeout>();
  let closed = false;

  const send = (tenantId: number) => {
    timers.delete(tenantId);
    if (closed) return;
    const at = Date.now();
    lastSent.set(tenantId, at);
    live.publish({ tenantId, topic: 'wallboard.changed', payload: { at: new Date(at).toISOString() } }).catch((error: unknown) => onError?.(error));
  };

  return {
    touch(tenantId) {
      if (closed || timers.has(tenantId)) return;
      const wait = (lastSent.get(tenantId) ?? 0) + intervalMs - Date.now();
      if (wait <= 0) send(tenantId);
      else timers.set(tenantId, setTimeout(() => send(tenantId), wait));
    },
    close() {
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
