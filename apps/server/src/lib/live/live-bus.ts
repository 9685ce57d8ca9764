import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import pg from 'pg';

/** Something that happened which open browsers should see at once (a ringing call, a changed order…). */
export interface LiveEvent {
  tenantId: number;
  topic: string;
  /** Only these users receive it; absent means everyone of the tenant. */
  userIds?: number[];
  /** Only users holding one of these permissions receive it (a screen only they have listens for it). */
  anyOf?: readonly string[];
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
const ORIGIN_BYTES = 6;
// NOTIFY payloads are limited to 8,000 bytes (the origin tag included); live events carry ids and short texts, never documents.
const MAX_PAYLOAD_BYTES = 7_880;

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
 * Several processes on one PostgreSQL: publishing is a NOTIFY, and every other process delivers what it hears on
 * LISTEN to its own subscribers, so a browser connected anywhere sees every event. The publisher delivers its own
 * events at once and skips them when they come back: each payload starts with the publishing bus's origin tag, so
 * they are recognized without being parsed (the CTI endpoint publishes thousands a second).
 */
export async function createPgBus(url: string): Promise<LiveBus> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const origin = randomBytes(ORIGIN_BYTES).toString('hex');
  const tagged = (json: string) => origin + json;
  let closed = false;
  let listener: pg.Client | null = null;

  const connect = async () => {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload || message.payload.startsWith(origin)) return;
      try {
        // One event, or several packed into one notification by publishMany.
        const parsed = JSON.parse(message.payload.slice(ORIGIN_BYTES * 2)) as LiveEvent | LiveEvent[];
        if (Array.isArray(parsed)) for (const event of parsed) emitter.emit('event', event);
        else emitter.emit('event', parsed);
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
      emitter.emit('event', event);
      await publisher.query('select pg_notify($1, $2)', [CHANNEL, tagged(text)]);
    },
    publishMany: async (events) => {
      if (events.length === 0) return;
      const payloads = packPayloads(events);
      for (const event of events) emitter.emit('event', event);
      // Packed into as few notifications as fit (each listener then parses a few payloads, not one per event), in
      // order, all in one statement; the payloads travel as one JSON array (cheaper to send than a text[] literal).
      await publisher.query('select pg_notify($1, payload) from json_array_elements_text($2::json) with ordinality as p(payload, n) order by n', [CHANNEL, JSON.stringify(payloads.map(tagged))]);
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

/** Events packed into NOTIFY payloads (JSON arrays of at most MAX_PAYLOAD_BYTES), keeping their order. */
export function packPayloads(events: readonly LiveEvent[]): string[] {
  const payloads: string[] = [];
  let current: string[] = [];
  let bytes = 2;
  for (const event of events) {
    const text = JSON.stringify(event);
    const size = Buffer.byteLength(text) + 1;
    if (size > MAX_PAYLOAD_BYTES - 2) throw new Error(`live event ${event.topic} too large for NOTIFY`);
    if (current.length > 0 && bytes + size > MAX_PAYLOAD_BYTES) {
      payloads.push(`[${current.join(',')}]`);
      current = [];
      bytes = 2;
    }
    current.push(text);
    bytes += size;
  }
  if (current.length > 0) payloads.push(`[${current.join(',')}]`);
  return payloads;
}

export function isForUser(event: LiveEvent, user: { tenantId: number; userId: number; permissions: ReadonlySet<string> }): boolean {
  return event.tenantId === user.tenantId && (!event.userIds || event.userIds.includes(user.userId)) && (!event.anyOf || event.anyOf.some((p) => user.permissions.has(p)));
}
