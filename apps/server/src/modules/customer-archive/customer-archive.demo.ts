// Demo data of the customer archive: a few contact notes, and three duplicate records for the archivist to merge
// (two re-entered with the same phone number, one with the same name in the same organization).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { indexTokens } from '../../lib/search-text.js';

const NOTES = [
  { channel: 'visit', direction: 'out', summary: '上门拜访，客户对保洁阿姨的服务表示满意，提出周末加一次深度清洁。', person: null },
  { channel: 'wechat', direction: 'in', summary: '客户微信发来照片，反映厨房抽油烟机清洗不到位，已约下周二复洗。', person: null },
  { channel: 'phone', direction: 'out', summary: '用手机回访续签意向，客户倾向续签一年，等家人商量后答复。', person: null },
] as const;

export async function seedCustomerArchiveDemo(db: Kysely<DB>, { tenantId, now = new Date() }: { tenantId: number; now?: Date }): Promise<{ contacts: number; duplicates: number }> {
  return db.transaction().execute(async (trx) => {
    const done = await trx.selectFrom('customer_contacts').select('id').where('tenant_id', '=', tenantId).limit(1).executeTakeFirst();
    if (done) return { contacts: 0, duplicates: 0 };
    const agent = await trx.selectFrom('users').innerJoin('roles', (j) => j.onRef('roles.tenant_id', '=', 'users.tenant_id').onRef('roles.id', '=', 'users.role_id'))
      .select('users.id').where('users.tenant_id', '=', tenantId).where('roles.key', '=', 'agent').orderBy('users.id').executeTakeFirst();
    const withPhones = await trx.selectFrom('customers as c')
      .select(['c.id', 'c.name'])
      .where('c.tenant_id', '=', tenantId).where('c.kind', '=', 'person').where('c.merged_into_id', 'is', null)
      .where((eb) => eb.exists(eb.selectFrom('customer_phones as p').select('p.id').whereRef('p.customer_id', '=', 'c.id').whereRef('p.tenant_id', '=', 'c.tenant_id')))
      .orderBy('c.id').limit(2).execute();
    const inOrg = await trx.selectFrom('customers').select(['id', 'name', 'organization_id']).where('tenant_id', '=', tenantId).where('kind', '=', 'person')
      .where('organization_id', 'is not', null).orderBy('id').limit(1).executeTakeFirst();
    const insertCopy = async (name: string, organizationId: number | null) => (await trx.insertInto('customers').values({
      tenant_id: tenantId, kind: 'person', name, organization_id: organizationId, tags: ['重复录入'], notes: '前台重复录入的档案',
      search_vector: sql`to_tsvector('simple', ${indexTokens(name, '前台重复录入的档案', '重复录入')})` as never,
    }).returning('id').executeTakeFirstOrThrow()).id;
    let duplicates = 0;
    const contacts: { customer_id: number; at: Date; i: number }[] = [];
    for (const original of withPhones) {
      const copy = await insertCopy(original.name, null);
      duplicates += 1;
      // The same number, copied as stored (encrypted with its blind index once the start-up backfill ran).
      const phone = await trx.selectFrom('customer_phones').select(['number', 'normalized', 'phone_enc', 'phone_bidx', 'label']).where('tenant_id', '=', tenantId).where('customer_id', '=', original.id).orderBy('id').executeTakeFirstOrThrow();
      await trx.insertInto('customer_phones').values({ tenant_id: tenantId, customer_id: copy, ...phone }).execute();
      contacts.push({ customer_id: copy, at: new Date(now.getTime() - 3 * 86_400_000), i: 2 });
    }
    if (inOrg) {
      await insertCopy(inOrg.name, inOrg.organization_id);
      duplicates += 1;
    }
    const first = withPhones[0];
    if (first) {
      contacts.push({ customer_id: first.id, at: new Date(now.getTime() - 20 * 86_400_000), i: 0 }, { customer_id: first.id, at: new Date(now.getTime() - 6 * 86_400_000), i: 1 });
    }
    if (contacts.length) {
      await trx.insertInto('customer_contacts').values(contacts.map((c) => ({ tenant_id: tenantId, customer_id: c.customer_id, at: c.at, created_by: agent?.id ?? null, ...NOTES[c.i]! }))).execute();
    }
    return { contacts: contacts.length, duplicates };
  });
}
