import type { LiveBus, LiveEvent } from '../../lib/live/live-bus.js';

/**
 * Collects the live events of one turn of the event loop (a written batch of CTI events resolves its requests
 * together) and publishes them in one go: one round trip to PostgreSQL instead of one per event.
 */
export interface LiveBatcher {
  publish(event: LiveEvent): void;
  /** Publishes what is queued and waits for it. */
  flush(): Promise<void>;
}

const MAX_PER_STATEMENT = 500;

export function createLiveBatcher(live: LiveBus, onError: (error: unknown) => void): LiveBatcher {
  let queue: LiveEvent[] = [];
  let scheduled = false;
  let inflight: Promise<unknown> = Promise.resolve();

  const send = (events: LiveEvent[]) =>
    live.publishMany ? live.publishMany(events) : Promise.all(events.map((event) => live.publish(event)));

  const flushNow = () => {
    scheduled = false;
    const events = queue;
    queue = [];
    const sends: Array<Promise<unknown>> = [];
    for (let i = 0; i < events.length; i += MAX_PER_STATEMENT) sends.push(send(events.slice(i, i + MAX_PER_STATEMENT)).catch(onError));
    inflight = Promise.all([inflight, ...sends]);
  };

  return {
    publish(event) {
      queue.push(event);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flushNow);
      }
    },
    async flush() {
      flushNow();
      await inflight;
    },
  };
}
