import type { Kysely } from 'kysely';
import type { CustomFieldDef, ProcessStepDef } from '@kefu/shared';
import type { DB } from '../../db/schema.js';

// Every work order created looks up its type; types change a few times a year. Entries expire after
// TTL_MS so that a change made through another server process reaches this one within that time.
const TTL_MS = 30_000;
const cache = new Map<number, { at: number; types: Map<string, { active: boolean; fields: CustomFieldDef[]; steps: ProcessStepDef[] }> }>();

export async function findTicketTypeCached(db: Kysely<DB>, tenantId: number, key: string) {
  let entry = cache.get(tenantId);
  if (!entry || Date.now() - entry.at > TTL_MS || !entry.types.has(key)) {
    const rows = await db.selectFrom('ticket_types').select(['key', 'active', 'fields', 'steps']).where('tenant_id', '=', tenantId).execute();
    entry = { at: Date.now(), types: new Map(rows.map((r) => [r.key, { active: r.active, fields: r.fields as CustomFieldDef[], steps: r.steps as ProcessStepDef[] }])) };
    cache.set(tenantId, entry);
  }
  return entry.types.get(key) ?? null;
}

export function forgetTicketTypes(tenantId: number): void {
  cache.delete(tenantId);
}
