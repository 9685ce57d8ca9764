import type { Kysely } from 'kysely';
import type { AppConfig } from '../../config.js';
import type { DB } from '../../db/schema.js';
import { initKeyRing, keySource } from '../../lib/crypto/key-ring.js';
import { encryptPlaintextPii } from './pii-backfill.js';

/**
 * At start, after the migrations: load the data keys (KEFU_DATA_KEYS, or `<dataDir>/keys.json` created on the
 * first start) and encrypt whatever personal data is still readable.
 */
export async function preparePii(db: Kysely<DB>, config: Pick<AppConfig, 'dataDir' | 'databaseUrl'>): Promise<void> {
  initKeyRing({ dataDir: config.dataDir });
  if (config.databaseUrl && keySource().kind === 'file') {
    console.warn(`data keys: using ${keySource().file}; with several hosts set KEFU_DATA_KEYS instead (all hosts need the same keys)`);
  }
  const counts = await encryptPlaintextPii(db);
  if (counts.phones + counts.addresses + counts.ticketPhones + counts.callNumbers > 0) {
    console.log(`personal data encrypted: ${counts.phones} phones, ${counts.addresses} addresses, ${counts.ticketPhones} work-order contact numbers, ${counts.callNumbers} calls`);
  }
}
