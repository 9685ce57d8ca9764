import type { LiveBus, LiveEvent } from '../../lib/live/live-bus.js';

/**
 * Collects the live events of one turn of the event loop (a written batch of CTI events resolves its requests
 * together) and publishes them in one go: one round trip to PostgreSQL instead of one per event, in order.
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
  let inflight: Promise<void> = Promise.resolve();

  const send = async (events: LiveEvent[]): Promise<void> => {
    if (live.publishMany) await live.publishMany(events);
    else for (const event of events) await live.publish(event);
  };

  const flushNow = () => {
    scheduled = false;
    const events = queue;
    queue = [];
    // One statement after the other: a call's answered must never overtake its ringing on another connection.
    for (let i = 0; i < events.length; i += MAX_PER_STATEMENT) {
      const chunk = events.slice(i, i + MAX_PER_STATEMENT);
      inflight = inflight.then(() => send(chunk)).catch(onError);
    }
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
