import { sql, type Kysely, type Updateable } from 'kysely';
import type { Customer, CustomerCreate, CustomerListQuery, CustomerPanel, CustomerUpdate } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../lib/actor.js';
import { AppError, invalid, notFound, versionConflict } from '../../lib/app-error.js';
import { now, toIsoRequired } from '../../lib/clock.js';
import { isPlausiblePhone } from '../../lib/phone.js';
import { indexTokens } from '../../lib/search-text.js';
import { writeAudit } from '../audit/audit.service.js';
import { decryptOrNull, decryptValue, encryptAddress, encryptIdCard, encryptPhone, phoneLookupKeys } from '../pii/pii-fields.js';
import { customerColumns, customerIdsByPhone, filteredCustomers } from './customers.repo.js';
import { maskEmail, presentCustomer } from './customers.presenter.js';

function assertCanRead(actor: Actor) {
  if (!can(actor, 'customers.read')) throw new AppError('FORBIDDEN');
}
function assertCanWrite(actor: Actor) {
  if (!can(actor, 'customers.write')) throw new AppError('FORBIDDEN');
}

type PhoneInput = CustomerCreate['phones'][number];
function phoneParts(phone: PhoneInput) {
  const number = typeof phone === 'string' ? phone : phone.number;
  if (!isPlausiblePhone(number)) throw invalid(`phones: ${number}`);
  // Stored encrypted with a blind index; `number` keeps only the masked copy.
  return Object.assign(encryptPhone(number), { label: typeof phone === 'string' ? null : (phone.label ?? null) });
}

function searchVector(name: string, notes: string | null | undefined, tags: readonly string[] | undefined) {
  return sql<string>`to_tsvector('simple', ${indexTokens(name, notes, (tags ?? []).join(' '))})`;
}

async function assertOrganization(db: Kysely<DB>, tenantId: number, organizationId: number | null | undefined) {
  if (organizationId == null) return;
  const org = await db.selectFrom('customers').select('kind').where('tenant_id', '=', tenantId).where('id', '=', organizationId).executeTakeFirst();
  if (!org || org.kind !== 'organization') throw notFound('customer');
}

/** Inserts a customer and its phones; the caller owns the transaction (used by ticket intake too). */
export async function insertCustomer(db: Kysely<DB>, actor: Actor, input: CustomerCreate): Promise<number> {
  await assertOrganization(db, actor.tenantId, input.organizationId);
  const row = await db
    .insertInto('customers')
    .values(Object.assign(
      { tenant_id: actor.tenantId, kind: input.kind, name: input.name, organization_id: input.organizationId ?? null, email: input.email ?? null },
      encryptAddress(input.address),
      encryptIdCard(input.idCard),
      {
        grade: input.grade ?? null,
        notes: input.notes ?? null,
        tags: input.tags ?? [],
        search_vector: searchVector(input.name, input.notes, input.tags) as never,
        created_by: actor.userId || null,
      },
    ))
    .returning('id')
    .executeTakeFirstOrThrow();
  const phones = input.phones.map(phoneParts);
  if (phones.length > 0) {
    await db.insertInto('customer_phones').values(phones.map((p) => ({ tenant_id: actor.tenantId, customer_id: row.id, ...p }))).execute();
  }
  await writeAudit(db, actor, { action: 'customer.created', entity: 'customer', entityId: row.id, detail: { name: input.name, kind: input.kind, phones: phones.length } });
  return row.id;
}

export async function createCustomer({ db, actor, input }: { db: Kysely<DB>; actor: Actor; input: CustomerCreate }): Promise<Customer> {
  assertCanWrite(actor);
  const id = await db.transaction().execute((trx) => insertCustomer(trx, actor, input));
  return getCustomer({ db, actor, id });
}

export async function getCustomer({ db, actor, id }: { db: Kysely<DB>; actor: Actor; id: number }): Promise<Customer> {
  assertCanRead(actor);
  const row = await customerColumns(db, actor.tenantId).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('customer');
  // A merged record answers 404 with a pointer to the record it was merged into (customer-archive).
  if (row.merged_into_id !== null) throw new AppError('NOT_FOUND', { entity: 'customer' }, { mergedIntoId: row.merged_into_id });
  return presentCustomer(row);
}

export async function findCustomerIdsByPhone(db: Kysely<DB>, tenantId: number, phone: string): Promise<number[]> {
  return customerIdsByPhone(db, tenantId, phoneLookupKeys(phone));
}

export async function listCustomers({ db, actor, query }: { db: Kysely<DB>; actor: Actor; query: CustomerListQuery }) {
  assertCanRead(actor);
  const filters = { q: query.q, phoneKeys: query.phone ? phoneLookupKeys(query.phone) : undefined, kind: query.kind, organizationId: query.organizationId };
  const page = filteredCustomers(db, actor.tenantId, filters).orderBy('c.id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  if (filters.phoneKeys && !filters.q) {
    // Screen pop and the agent's lookup: a number belongs to a handful of customers, so no count query.
    const rows = await page.execute();
    const total = (query.page - 1) * query.pageSize + rows.length;
    return { items: rows.map(presentCustomer), total, totalCapped: false, page: query.page, pageSize: query.pageSize };
  }
  const [rows, count] = await Promise.all([
    page.execute(),
    db.selectFrom(filteredCustomers(db, actor.tenantId, filters).limit(10_001).as('x')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const total = Number(count.n);
  return { items: rows.map(presentCustomer), total: Math.min(total, 10_000), totalCapped: total > 10_000, page: query.page, pageSize: query.pageSize };
}

export async function updateCustomer({ db, actor, id, input }: { db: Kysely<DB>; actor: Actor; id: number; input: CustomerUpdate }): Promise<Customer> {
  assertCanWrite(actor);
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('customers').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current || current.merged_into_id !== null) throw notFound('customer');
    if (current.version !== input.version) throw versionConflict();
    if (input.organizationId === id) throw invalid('organizationId');
    await assertOrganization(trx, actor.tenantId, input.organizationId);
    const name = input.name ?? current.name;
    const notes = input.notes === undefined ? current.notes : input.notes;
    const tags = input.tags ?? current.tags;
    // A form that loaded the masked record sends the masked values back: they mean "unchanged", never "overwrite".
    const keep = {
      email: input.email !== undefined && input.email !== null && current.email !== null && input.email === maskEmail(current.email),
      address: input.address !== undefined && input.address !== null && input.address === current.address_masked,
      idCard: input.idCard !== undefined && input.idCard !== null && input.idCard === current.id_card_masked,
    };
    if (input.idCard?.includes('*') && !keep.idCard) throw invalid('idCard');
    const set: Updateable<DB['customers']> = { name, notes, tags };
    if (input.email !== undefined && !keep.email) set.email = input.email;
    if (input.address !== undefined && !keep.address) Object.assign(set, encryptAddress(input.address));
    if (input.idCard !== undefined && !keep.idCard) Object.assign(set, encryptIdCard(input.idCard));
    if (input.organizationId !== undefined) set.organization_id = input.organizationId;
    if (input.grade !== undefined) set.grade = input.grade;
    set.search_vector = searchVector(name, notes, tags) as never;
    set.updated_at = now();
    set.version = current.version + 1;
    await trx
      .updateTable('customers')
      .set(set)
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', id)
      .execute();
    if (input.phones) {
      await trx.deleteFrom('customer_phones').where('tenant_id', '=', actor.tenantId).where('customer_id', '=', id).execute();
      const phones = input.phones.map(phoneParts);
      if (phones.length) await trx.insertInto('customer_phones').values(phones.map((p) => ({ tenant_id: actor.tenantId, customer_id: id, ...p }))).execute();
    }
    const changed = Object.keys(input).filter((k) => k !== 'version');
    await writeAudit(trx, actor, { action: 'customer.updated', entity: 'customer', entityId: id, detail: { fields: changed } });
  });
  return getCustomer({ db, actor, id });
}

/** The unmasked personal data, for roles that need it; every reveal is audit-logged. */
export async function revealCustomerPii({ db, actor, id }: { db: Kysely<DB>; actor: Actor; id: number }) {
  if (!can(actor, 'customers.reveal_pii')) throw new AppError('FORBIDDEN');
  const row = await db.selectFrom('customers').select(['email', 'address', 'address_enc', 'id_card_enc']).where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('customer');
  const phones = await db.selectFrom('customer_phones').select(['id', 'number', 'phone_enc', 'label']).where('tenant_id', '=', actor.tenantId).where('customer_id', '=', id).orderBy('id').execute();
  await writeAudit(db, actor, { action: 'customer.pii_revealed', entity: 'customer', entityId: id, detail: { fields: ['phones', 'email', 'address', 'idCard'] } });
  return {
    // A row the start-up backfill has not reached yet is still readable as stored.
    phones: phones.map((p) => ({ id: p.id, number: p.phone_enc ? decryptValue(p.phone_enc) : p.number, label: p.label })),
    email: row.email,
    address: decryptOrNull(row.address_enc) ?? row.address,
    idCard: decryptOrNull(row.id_card_enc),
  };
}

export async function getCustomerPanel({ db, actor, id }: { db: Kysely<DB>; actor: Actor; id: number }): Promise<CustomerPanel> {
  const customer = await getCustomer({ db, actor, id });
  const ticketBase = db.selectFrom('tickets').where('tenant_id', '=', actor.tenantId).where('customer_id', '=', id);
  const pick = ['id', 'number', 'subject', 'status', 'type_key', 'created_at'] as const;
  const [open, recent, counts, members] = await Promise.all([
    ticketBase.select(pick).where('status', 'not in', ['resolved', 'closed']).orderBy('created_at', 'desc').limit(10).execute(),
    ticketBase.select(pick).orderBy('created_at', 'desc').limit(10).execute(),
    ticketBase
      .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.countAll<number>().filterWhere('type_key', '=', 'complaint').as('complaints')])
      .executeTakeFirstOrThrow(),
    customer.kind === 'organization'
      ? db.selectFrom('customers').select(['id', 'name']).where('tenant_id', '=', actor.tenantId).where('organization_id', '=', id).orderBy('name').limit(100).execute()
      : Promise.resolve([]),
  ]);
  const brief = (t: (typeof open)[number]) => ({ id: t.id, number: t.number, subject: t.subject, status: t.status, type: t.type_key, createdAt: toIsoRequired(t.created_at) });
  return Object.assign(customer, { openTickets: open.map(brief), recentTickets: recent.map(brief), ticketCount: Number(counts.total), complaintCount: Number(counts.complaints), members });
}
