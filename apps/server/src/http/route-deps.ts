import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { AppConfig } from '../config.js';
import type { LiveBus } from '../lib/live/live-bus.js';

/** What every route plugin receives: the database and the configuration. */
export interface RouteDeps {
  db: Kysely<DB>;
  config: AppConfig;
  /** Pushes events to open browsers (all server processes). */
  live: LiveBus;
}
