import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError, notFound } from '../../lib/app-error.js';

/** The customer if it exists and was not merged away; a merged one answers 404 pointing at its target. */
export async function assertLiveCustomer(db: Kysely<DB>, tenantId: number, id: number): Promise<{ id: number; version: number; name: string }> {
  const row = await db.selectFrom('customers').select(['id', 'version', 'name', 'merged_into_id']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('customer');
  if (row.merged_into_id !== null) throw new AppError('NOT_FOUND', { entity: 'customer' }, { mergedIntoId: row.merged_into_id });
  return row;
}
