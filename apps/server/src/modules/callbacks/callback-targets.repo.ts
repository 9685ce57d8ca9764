import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { CallbackTarget } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { localDaysRange } from './callback-rules.js';

export interface TargetRow {
  customer_id: number | null;
  ticket_id: number | null;
  name: string;
  ticket_number: string | null;
}

const DONE_STATUSES = ['resolved', 'closed'];

/** Both target kinds answer the same row shape; the source tables differ, so the builder's table set is erased. */
type TargetQuery = SelectQueryBuilder<any, any, TargetRow>;

/**
 * Whom a campaign's filters select, in a stable order (the order the list is dealt out in).
 * customers: one row per customer of the archive; the work-order filters then mean "has such an order".
 * tickets: one row per resolved order (merged ones left out), carrying its customer when known.
 */
export function targetQuery(db: Kysely<DB>, tenantId: number, target: CallbackTarget, timezone: string): TargetQuery {
  const { from, to } = localDaysRange(target.resolvedFrom, target.resolvedTo, timezone);
  const types = target.ticketTypes?.length ? target.ticketTypes : null;
  const teams = target.teamIds?.length ? target.teamIds : null;
  const grades = target.grades?.length ? target.grades : null;
  const tags = target.tags?.length ? target.tags : null;

  if (target.source === 'customers') {
    const byTickets = from !== null || to !== null || types !== null || teams !== null;
    let q = db.selectFrom('customers as c').where('c.tenant_id', '=', tenantId);
    if (grades) q = q.where('c.grade', 'in', grades);
    if (tags) q = q.where(sql<boolean>`c.tags && ${tags}::text[]`);
    if (target.kind) q = q.where('c.kind', '=', target.kind);
    if (byTickets) {
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('tickets as t')
            .select(sql`1`.as('one'))
            .whereRef('t.tenant_id', '=', 'c.tenant_id')
            .whereRef('t.customer_id', '=', 'c.id')
            .where('t.status', 'in', DONE_STATUSES)
            .where('t.merged_into_id', 'is', null)
            .$if(from !== null, (w) => w.where('t.resolved_at', '>=', from!))
            .$if(to !== null, (w) => w.where('t.resolved_at', '<', to!))
            .$if(types !== null, (w) => w.where('t.type_key', 'in', types!))
            .$if(teams !== null, (w) => w.where('t.team_id', 'in', teams!)),
        ),
      );
    }
    return q
      .select(['c.id as customer_id', sql<number | null>`null::bigint`.as('ticket_id'), 'c.name', sql<string | null>`null::text`.as('ticket_number')])
      .orderBy('c.id') as unknown as TargetQuery;
  }

  let q = db
    .selectFrom('tickets as t')
    .leftJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 't.tenant_id').onRef('c.id', '=', 't.customer_id'))
    .where('t.tenant_id', '=', tenantId)
    .where('t.status', 'in', DONE_STATUSES)
    .where('t.merged_into_id', 'is', null);
  if (from) q = q.where('t.resolved_at', '>=', from);
  if (to) q = q.where('t.resolved_at', '<', to);
  if (types) q = q.where('t.type_key', 'in', types);
  if (teams) q = q.where('t.team_id', 'in', teams);
  if (grades) q = q.where('c.grade', 'in', grades);
  if (tags) q = q.where(sql<boolean>`c.tags && ${tags}::text[]`);
  if (target.kind) q = q.where('c.kind', '=', target.kind);
  return q
    .select([
      't.customer_id',
      't.id as ticket_id',
      sql<string>`coalesce(c.name, t.contact_name, t.number)`.as('name'),
      't.number as ticket_number',
    ])
    .orderBy('t.resolved_at')
    .orderBy('t.id') as unknown as TargetQuery;
}

export async function countTargets(db: Kysely<DB>, tenantId: number, target: CallbackTarget, timezone: string): Promise<number> {
  const row = await db
    .selectFrom(targetQuery(db, tenantId, target, timezone).clearOrderBy().as('x'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export { tenantTimeZone as tenantTimezone } from '../../lib/tenant.js';
