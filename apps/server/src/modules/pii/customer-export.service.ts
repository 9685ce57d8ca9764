import type { Kysely } from 'kysely';
import { stringify } from 'csv-stringify/sync';
import type { Customer, PiiExportQuery } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../lib/actor.js';
import { AppError } from '../../lib/app-error.js';
import { writeAudit } from '../audit/audit.service.js';
import { filteredCustomers } from '../customers/customers.repo.js';
import { presentCustomer } from '../customers/customers.presenter.js';
import { decryptOrNull, phoneLookupKeys } from './pii-fields.js';

export const CUSTOMER_EXPORT_HEADER = ['ID', '类型 kind', '姓名 name', '电话 phones', '邮箱 email', '地址 address', '身份证号 idCard', '等级 grade', '所属单位 organization', '标签 tags', '创建时间 createdAt', '备注 notes'];

/** Unmasked values of the exported customers, for an export the actor may and did ask to reveal. */
async function revealedValues(db: Kysely<DB>, tenantId: number, ids: number[]) {
  if (ids.length === 0) return new Map<number, Pick<Customer, 'email' | 'address' | 'idCard'> & { phones: string[] }>();
  const [rows, phones] = await Promise.all([
    db.selectFrom('customers').select(['id', 'email', 'address', 'address_enc', 'id_card_enc']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute(),
    db.selectFrom('customer_phones').select(['customer_id', 'number', 'phone_enc']).where('tenant_id', '=', tenantId).where('customer_id', 'in', ids).orderBy('id').execute(),
  ]);
  const map = new Map(rows.map((r) => [r.id, { email: r.email, address: decryptOrNull(r.address_enc) ?? r.address, idCard: decryptOrNull(r.id_card_enc), phones: [] as string[] }]));
  for (const p of phones) map.get(p.customer_id)?.phones.push(p.phone_enc ? decryptOrNull(p.phone_enc)! : p.number);
  return map;
}

/**
 * The customer export (CSV, UTF-8 with BOM for Excel): the same presenter as the API, so masked by default;
 * `reveal` needs customers.reveal_pii. Every export is audit-logged with its size and whether it was unmasked.
 */
export async function exportCustomersCsv({ db, actor, query }: { db: Kysely<DB>; actor: Actor; query: PiiExportQuery }): Promise<{ csv: string; count: number }> {
  const { lines, count } = await exportCustomerRows({ db, actor, query, format: 'csv' });
  return { csv: `\uFEFF${stringify([CUSTOMER_EXPORT_HEADER, ...lines])}`, count };
}

/** The export's rows (CUSTOMER_EXPORT_HEADER order) for any file format; the permission checks and the audit entry are here. */
export async function exportCustomerRows({ db, actor, query, format }: { db: Kysely<DB>; actor: Actor; query: PiiExportQuery; format: 'csv' | 'xlsx' }) {
  if (!can(actor, 'customers.read')) throw new AppError('FORBIDDEN');
  if (query.reveal && !can(actor, 'customers.reveal_pii')) throw new AppError('FORBIDDEN');
  const filters = { q: query.q, phoneKeys: query.phone ? phoneLookupKeys(query.phone) : undefined, kind: query.kind };
  const rows = await filteredCustomers(db, actor.tenantId, filters).orderBy('c.id').limit(query.limit).execute();
  const customers = rows.map(presentCustomer);
  const revealed = query.reveal ? await revealedValues(db, actor.tenantId, customers.map((c) => c.id)) : null;
  const lines = customers.map((c) => {
    const full = revealed?.get(c.id);
    return [
      c.id, c.kind, c.name,
      (full ? full.phones : c.phones.map((p) => p.number)).join('; '),
      full ? full.email : c.email, full ? full.address : c.address, full ? full.idCard : c.idCard,
      c.grade, c.organization?.name ?? '', c.tags.join('; '), c.createdAt, c.notes,
    ];
  });
  await writeAudit(db, actor, {
    action: query.reveal ? 'customer.pii_exported' : 'customer.exported', entity: 'customer', entityId: null,
    detail: { count: customers.length, revealed: query.reveal, format, filters: { q: query.q ?? null, kind: query.kind ?? null, phone: query.phone ? 'yes' : null } },
  });
  return { lines, count: customers.length };
}
