// Merging a duplicate customer into another, in one transaction; and finding the candidates.
import { sql, type Kysely } from 'kysely';
import { LIMITS, type Duplicates, type MergeInput, type MergeResult } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, invalid, notFound, ruleViolation, versionConflict } from '../../lib/app-error.js';
import { now, toIsoRequired } from '../../lib/clock.js';
import { maskPhone } from '../../lib/phone.js';
import { indexTokens } from '../../lib/search-text.js';
import { writeAudit } from '../audit/audit.service.js';
import { assertMerge } from './customer-archive.policy.js';
import { MOVED_TABLES, planFields, planPhones, planProfile } from './merge-plan.js';

const NOTES_MAX = LIMITS.noteMax;

/** Moves everything of `sourceId` onto `targetId` and marks the source merged (merged_into_id). */
export async function mergeCustomers({ db, actor, targetId, input }: { db: Kysely<DB>; actor: Actor; targetId: number; input: MergeInput }): Promise<MergeResult> {
  assertMerge(actor);
  if (input.sourceId === targetId) throw invalid('customer_merge_self');
  const t = actor.tenantId;
  return db.transaction().execute(async (trx) => {
    // Both rows locked in id order, so two merges of the same pair cannot deadlock.
    const rows = await trx.selectFrom('customers').selectAll().where('tenant_id', '=', t).where('id', 'in', [targetId, input.sourceId]).orderBy('id').forUpdate().execute();
    const target = rows.find((r) => r.id === targetId);
    const source = rows.find((r) => r.id === input.sourceId);
    if (!target) throw notFound('customer');
    if (target.merged_into_id !== null) throw new AppError('NOT_FOUND', { entity: 'customer' }, { mergedIntoId: target.merged_into_id });
    if (!source) throw notFound('customer');
    if (source.merged_into_id !== null) throw ruleViolation('customer_merge_merged', { name: source.name });
    if (target.version !== input.version || (input.sourceVersion !== undefined && source.version !== input.sourceVersion)) throw versionConflict();
    if (target.kind !== source.kind) throw ruleViolation('customer_merge_kind');

    const moved: Record<string, number> = {};
    const scope = { tenant: t, from: source.id, to: target.id };

    // Phones: one number is kept once.
    const phoneRows = await trx.selectFrom('customer_phones').select(['id', 'customer_id', 'phone_bidx', 'normalized', 'number']).where('tenant_id', '=', t).where('customer_id', 'in', [target.id, source.id]).orderBy('id').execute();
    const ref = (p: (typeof phoneRows)[number]) => ({ id: p.id, key: p.phone_bidx ?? p.normalized ?? p.number });
    const phones = planPhones(phoneRows.filter((p) => p.customer_id === target.id).map(ref), phoneRows.filter((p) => p.customer_id === source.id).map(ref), LIMITS.phonesPerCustomer);
    if (phones.drop.length) await trx.deleteFrom('customer_phones').where('tenant_id', '=', t).where('id', 'in', phones.drop).execute();
    if (phones.move.length) await trx.updateTable('customer_phones').set({ customer_id: target.id }).where('tenant_id', '=', t).where('id', 'in', phones.move).execute();
    moved.customer_phones = phones.move.length;

    for (const table of MOVED_TABLES) moved[table] = await moveRows(trx, table, scope);

    // Grading profile: one per customer (merge-plan planProfile says which).
    const profiles = await trx.selectFrom('grading_profiles').selectAll().where('tenant_id', '=', t).where('customer_id', 'in', [target.id, source.id]).forUpdate().execute();
    const tp = profiles.find((p) => p.customer_id === target.id) ?? null;
    const sp = profiles.find((p) => p.customer_id === source.id) ?? null;
    const profile = planProfile(tp, sp);
    if (profile.keep === 'source') {
      if (tp) await trx.deleteFrom('grading_profiles').where('tenant_id', '=', t).where('customer_id', '=', target.id).execute();
      await trx.updateTable('grading_profiles').set({ customer_id: target.id }).where('tenant_id', '=', t).where('customer_id', '=', source.id).execute();
    } else if (sp) {
      await trx.deleteFrom('grading_profiles').where('tenant_id', '=', t).where('customer_id', '=', source.id).execute();
    }
    if (profile.keep !== 'none') {
      await trx.updateTable('grading_profiles')
        .set((eb) => ({ owner_id: profile.owner_id, referrals: profile.referrals, campaigns: profile.campaigns, updated_at: now(), version: eb('version', '+', 1) }))
        .where('tenant_id', '=', t).where('customer_id', '=', target.id).execute();
    }
    moved.grading_profiles = profile.keep === 'source' ? 1 : 0;
    // The VIP score is a ranking of the old records; the next VIP run scores the merged one.
    await trx.deleteFrom('grading_vip_scores').where('tenant_id', '=', t).where('customer_id', '=', source.id).execute();

    // An organization's members, and records merged earlier into the source.
    moved.members = Number((await trx.updateTable('customers').set({ organization_id: target.id }).where('tenant_id', '=', t).where('organization_id', '=', source.id).where('id', '!=', target.id).executeTakeFirst()).numUpdatedRows);
    await trx.updateTable('customers').set({ merged_into_id: target.id }).where('tenant_id', '=', t).where('merged_into_id', '=', source.id).execute();

    const fields = planFields(target, source, { maxTags: LIMITS.tagsPerTicket, notesMax: NOTES_MAX });
    if (fields.organization_id === target.id || fields.organization_id === source.id) delete fields.organization_id;
    const keptGrade = profile.keep === 'source' ? sp?.grade : profile.keep === 'target' ? tp?.grade : undefined;
    const name = target.name;
    const notes = fields.notes ?? target.notes;
    const tags = fields.tags ?? target.tags;
    const version = target.version + 1;
    await trx.updateTable('customers')
      .set(Object.assign(fields, keptGrade ? { grade: keptGrade } : {}, {
        search_vector: sql`to_tsvector('simple', ${indexTokens(name, notes, tags.join(' '))})` as never,
        updated_at: now(),
        version,
      }))
      .where('tenant_id', '=', t).where('id', '=', target.id).execute();
    await trx.updateTable('customers')
      .set({ merged_into_id: target.id, merged_at: now(), organization_id: null, updated_at: now(), version: source.version + 1 })
      .where('tenant_id', '=', t).where('id', '=', source.id).execute();

    await writeAudit(trx, actor, [
      { action: 'customer.merged', entity: 'customer', entityId: target.id, detail: { sourceId: source.id, sourceName: source.name, moved, droppedPhones: phones.drop.length, profileKept: profile.keep } },
      { action: 'customer.merged_away', entity: 'customer', entityId: source.id, detail: { targetId: target.id } },
    ]);
    return { targetId: target.id, sourceId: source.id, version, moved };
  });
}

async function moveRows(trx: Kysely<DB>, table: (typeof MOVED_TABLES)[number], s: { tenant: number; from: number; to: number }): Promise<number> {
  // The same statement for each table; the table name comes from the fixed list above, never from input.
  const result = await sql`update ${sql.table(table)} set customer_id = ${s.to} where tenant_id = ${s.tenant} and customer_id = ${s.from}`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

/** Candidate duplicates: the same phone number (blind index), or the same name within the same organization. */
export async function findDuplicates({ db, actor, customerId, limit }: { db: Kysely<DB>; actor: Actor; customerId?: number; limit: number }): Promise<Duplicates> {
  assertMerge(actor);
  const t = actor.tenantId;
  const onlyPhones = customerId === undefined ? sql`` : sql`and p.phone_bidx in (select phone_bidx from customer_phones where tenant_id = ${t} and customer_id = ${customerId} and phone_bidx is not null)`;
  const byPhone = await sql<{ ids: number[] }>`
    select array_agg(distinct p.customer_id) as ids
    from customer_phones p join customers c on c.tenant_id = p.tenant_id and c.id = p.customer_id and c.merged_into_id is null
    where p.tenant_id = ${t} and p.phone_bidx is not null ${onlyPhones}
    group by p.phone_bidx having count(distinct p.customer_id) > 1
    order by min(p.customer_id) desc limit ${limit}`.execute(db);
  const onlyName = customerId === undefined ? sql`` : sql`and (c.kind, c.name, coalesce(c.organization_id, 0)) = (select kind, name, coalesce(organization_id, 0) from customers where tenant_id = ${t} and id = ${customerId})`;
  // A person is a duplicate by name only within one organization; organizations by name alone.
  const byName = await sql<{ ids: number[] }>`
    select array_agg(c.id order by c.id) as ids
    from customers c
    where c.tenant_id = ${t} and c.merged_into_id is null and (c.kind = 'organization' or c.organization_id is not null) ${onlyName}
    group by c.kind, c.name, c.organization_id having count(*) > 1
    order by min(c.id) desc limit ${limit}`.execute(db);
  const groups: { reason: 'phone' | 'name_org'; ids: number[] }[] = [];
  const seen = new Set<string>();
  for (const [reason, result] of [['phone', byPhone], ['name_org', byName]] as const) {
    for (const r of result.rows) {
      const ids = r.ids.map(Number).sort((a, b) => a - b);
      const key = ids.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      groups.push({ reason, ids });
    }
  }
  const ids = [...new Set(groups.flatMap((g) => g.ids))];
  if (ids.length === 0) return { groups: [] };
  const details = await db
    .selectFrom('customers as c')
    .leftJoin('customers as o', (j) => j.onRef('o.tenant_id', '=', 'c.tenant_id').onRef('o.id', '=', 'c.organization_id'))
    .where('c.tenant_id', '=', t)
    .where('c.id', 'in', ids)
    .select(['c.id', 'c.kind', 'c.name', 'c.organization_id', 'o.name as organization_name', 'c.created_at', 'c.version'])
    .select([
      // `number` is the masked display copy: nothing readable leaves the table.
      sql<string[]>`coalesce((select array_agg(p.number order by p.id) from customer_phones p where p.tenant_id = c.tenant_id and p.customer_id = c.id), '{}')`.as('phones'),
      sql<number>`(select count(*) from tickets t where t.tenant_id = c.tenant_id and t.customer_id = c.id)`.as('ticket_count'),
    ])
    .execute();
  const byId = new Map(details.map((d) => [d.id, d]));
  return {
    groups: groups.slice(0, limit).map((g) => ({
      reason: g.reason,
      customers: g.ids.flatMap((id) => {
        const d = byId.get(id);
        if (!d) return [];
        return [{
          id: d.id, kind: d.kind, name: d.name,
          organization: d.organization_id !== null && d.organization_name !== null ? { id: d.organization_id, name: d.organization_name } : null,
          phones: d.phones.map((p) => (p.includes('*') ? p : maskPhone(p))),
          ticketCount: Number(d.ticket_count),
          createdAt: toIsoRequired(d.created_at),
          version: d.version,
        }];
      }),
    })),
  };
}
