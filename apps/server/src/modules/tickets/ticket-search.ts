import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { indexTokens } from '../../lib/search-text.js';
import { findCustomerName, loadSearchExtras } from './tickets.repo.js';

export interface SearchableTicket {
  number?: string | null;
  subject: string;
  description: string;
  contact_name: string | null;
  /** Not indexed: the number is encrypted at rest; lookups by number use contact_phone_bidx. */
  contact_phone_normalized?: string | null;
  event_place: string | null;
  event_person: string | null;
  tags: readonly string[];
}

/**
 * The segmented words an order is found by (stored as to_tsvector('simple', …)): subject, body, contact name, tags,
 * customer and notes, segmented by jieba. Never the contact number: it is encrypted at rest (contact_phone_bidx finds it).
 */
export function ticketSearchText(t: SearchableTicket, customerName: string | null, notes: readonly string[] = []): string {
  return indexTokens(t.number, t.subject, t.description, t.contact_name, t.event_place, t.event_person, t.tags.join(' '), customerName, ...notes);
}

export function ticketSearchVector(t: SearchableTicket, customerName: string | null, notes: readonly string[] = []) {
  return sql<string>`to_tsvector('simple', ${ticketSearchText(t, customerName, notes)})`;
}

/** Rebuilds one order's search vector from what is stored now (after notes or customer changes). */
export async function reindexTicket(db: Kysely<DB>, tenantId: number, ticketId: number): Promise<void> {
  const t = await db.selectFrom('tickets').selectAll().where('tenant_id', '=', tenantId).where('id', '=', ticketId).executeTakeFirst();
  if (!t) return;
  const [customerName, notes] = await Promise.all([findCustomerName(db, tenantId, t.customer_id), loadSearchExtras(db, tenantId, ticketId)]);
  await db
    .updateTable('tickets')
    .set({ search_vector: ticketSearchVector(t, customerName, notes) as never })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', ticketId)
    .execute();
}
