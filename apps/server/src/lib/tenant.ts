import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** The tenant of a single-department installation (and of the demo). Multi-tenant centers add more. */
export const DEFAULT_TENANT_ID = 1;

/** The tenant's IANA time zone (e.g. Asia/Shanghai): days, months and reports are cut in it. */
export async function tenantTimeZone(db: Kysely<DB>, tenantId: number): Promise<string> {
  const row = await db.selectFrom('tenants').select('timezone').where('id', '=', tenantId).executeTakeFirstOrThrow();
  return row.timezone;
}
