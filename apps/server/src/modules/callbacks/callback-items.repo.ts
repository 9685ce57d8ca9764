import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface AgentItemCounts {
  id: number;
  name: string;
  items: number;
  pending: number;
  done: number;
  unreachable: number;
  refused: number;
}

export async function countItemsByAgent(db: Kysely<DB>, tenantId: number, campaignId: number): Promise<AgentItemCounts[]> {
  const rows = await db
    .selectFrom('callback_items as i')
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'i.tenant_id').onRef('u.id', '=', 'i.assignee_id'))
    .select([
      'i.assignee_id',
      sql<string | null>`max(u.display_name)`.as('name'),
      sql<number>`count(*)`.as('items'),
      sql<number>`count(*) filter (where i.status = 'pending')`.as('pending'),
      sql<number>`count(*) filter (where i.status = 'done')`.as('done'),
      sql<number>`count(*) filter (where i.status = 'unreachable')`.as('unreachable'),
      sql<number>`count(*) filter (where i.status = 'refused')`.as('refused'),
    ])
    .where('i.tenant_id', '=', tenantId)
    .where('i.campaign_id', '=', campaignId)
    .groupBy('i.assignee_id')
    .orderBy('i.assignee_id')
    .execute();
  return rows.map((r) => ({
    id: r.assignee_id ?? 0, name: r.name ?? '', items: Number(r.items), pending: Number(r.pending), done: Number(r.done), unreachable: Number(r.unreachable), refused: Number(r.refused),
  }));
}

/** An item with what the agent needs beside it: campaign script and questions, the customer, the work order. */
export function itemViews(db: Kysely<DB>, tenantId: number) {
  return db
    .selectFrom('callback_items as i')
    .innerJoin('callback_campaigns as cp', (j) => j.onRef('cp.tenant_id', '=', 'i.tenant_id').onRef('cp.id', '=', 'i.campaign_id'))
    .leftJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'i.tenant_id').onRef('c.id', '=', 'i.customer_id'))
    .leftJoin('tickets as t', (j) => j.onRef('t.tenant_id', '=', 'i.tenant_id').onRef('t.id', '=', 'i.ticket_id'))
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'i.tenant_id').onRef('u.id', '=', 'i.assignee_id'))
    .where('i.tenant_id', '=', tenantId)
    .select([
      'i.id', 'i.campaign_id', 'i.customer_id', 'i.ticket_id', 'i.assignee_id', 'i.status', 'i.attempts', 'i.next_attempt_at', 'i.answers',
      'i.satisfaction', 'i.note', 'i.last_attempt_at', 'i.version',
      'cp.name as campaign_name', 'cp.purpose', 'cp.script', 'cp.questions', 'cp.max_attempts', 'cp.retry_minutes', 'cp.status as campaign_status',
      'c.name as customer_name', 'c.grade as customer_grade',
      // The customer's first number (masked display copy + ciphertext, see migration 0010), else the order's contact.
      sql<string | null>`coalesce((select p.number from customer_phones p where p.tenant_id = i.tenant_id and p.customer_id = i.customer_id order by p.id limit 1), t.contact_phone)`.as('phone'),
      // The order's contact number is encrypted too (migration 0018): its ciphertext when the customer has no number.
      sql<string | null>`coalesce((select p.phone_enc from customer_phones p where p.tenant_id = i.tenant_id and p.customer_id = i.customer_id order by p.id limit 1), t.contact_phone_enc)`.as('phone_enc'),
      't.number as ticket_number', 't.subject as ticket_subject', 't.type_key as ticket_type',
      'u.display_name as assignee_name',
    ]);
}

export type ItemViewRow = Awaited<ReturnType<ReturnType<typeof itemViews>['executeTakeFirstOrThrow']>>;
