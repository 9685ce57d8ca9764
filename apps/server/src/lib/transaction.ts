import type { Kysely } from 'kysely';

/**
 * Runs `work` in a transaction, or inside the caller's when `db` already is one: Kysely does not nest them, and a
 * service that opens its own (creating a work order) must still join a larger one (a complaint with its order).
 */
export function inTransaction<DB, T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
