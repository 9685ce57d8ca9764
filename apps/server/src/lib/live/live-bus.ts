import { EventEmitter } from 'node:events';
import pg from 'pg';

/** Something that happened which open browsers should see at once (a ringing call, a changed order…). */
export interface LiveEvent {
  tenantId: number;
  topic: string;
  /** Only these users receive it; absent means everyone of the tenant. */
  userIds?: number[];
  payload: unknown;
}

export interface LiveBus {
  publish(event: LiveEvent): Promise<void>;
  /** Several events in one go (one round trip on PostgreSQL); for busy publishers such as the CTI endpoint. */
  publishMany?(events: readonly LiveEvent[]): Promise<void>;
  subscribe(handler: (event: LiveEvent) => void): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'kefu_live';
// NOTIFY payloads are limited to 8,000 bytes; live events carry ids and short texts, never documents.
const MAX_PAYLOAD_BYTES = 7_900;

/** One process (embedded database): events go straight to this process's subscribers. */
export function createLocalBus(): LiveBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish: async (event) => {
      emitter.emit('event', event);
    },
    publishMany: async (events) => {
      for (const event of events) emitter.emit('event', event);
    },
    subscribe: (handler) => {
      emitter.on('event', handler);
      return () => emitter.off('event', handler);
    },
    close: async () => {
      emitter.removeAllListeners();
    },
  };
}

/**
 * Several processes on one PostgreSQL: publishing is a NOTIFY, and every process (the publisher too)
 * delivers what it hears on LISTEN to its own subscribers, so a browser connected anywhere sees every event.
 */
export async function createPgBus(url: string): Promise<LiveBus> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let closed = false;
  let listener: pg.Client | null = null;

  const connect = async () => {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      try {
        emitter.emit('event', JSON.parse(message.payload) as LiveEvent);
      } catch {
        // A malformed payload from an older or foreign publisher is dropped, never fatal.
      }
    });
    client.on('error', () => {
      // Reconnect: live updates must survive a database restart.
      if (!closed) setTimeout(() => void connect().catch(() => undefined), 1000);
    });
    await client.connect();
    await client.query(`listen ${CHANNEL}`);
    listener = client;
  };
  await connect();

  const publisher = new pg.Pool({ connectionString: url, max: 2 });
  publisher.on('error', () => undefined);

  return {
    publish: async (event) => {
      const text = JSON.stringify(event);
      if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) throw new Error(`live event ${event.topic} too large for NOTIFY`);
      await publisher.query('select pg_notify($1, $2)', [CHANNEL, text]);
    },
    publishMany: async (events) => {
      if (events.length === 0) return;
      const texts = events.map((event) => JSON.stringify(event));
      const tooLarge = texts.findIndex((text) => Buffer.byteLength(text) > MAX_PAYLOAD_BYTES);
      if (tooLarge >= 0) throw new Error(`live event ${events[tooLarge]!.topic} too large for NOTIFY`);
      // One NOTIFY per event still (listeners are unchanged), all sent in one statement.
      await publisher.query('select pg_notify($1, payload) from unnest($2::text[]) as payload', [CHANNEL, texts]);
    },
    subscribe: (handler) => {
      emitter.on('event', handler);
      return () => emitter.off('event', handler);
    },
    close: async () => {
      closed = true;
      emitter.removeAllListeners();
      await listener?.end().catch(() => undefined);
      await publisher.end();
    },
  };
}

export function isForUser(event: LiveEvent, tenantId: number, userId: number): boolean {
  return event.tenantId === tenantId && (!event.userIds || event.userIds.includes(userId));
}
