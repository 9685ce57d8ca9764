import type { Kysely } from 'kysely';
import { BUILTIN_TICKET_TYPES, type CustomFieldDef, type ProcessStepDef, type TicketType, type TicketTypeInput } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../lib/actor.js';
import { AppError, notFound } from '../../lib/app-error.js';
import { writeAudit } from '../audit/audit.service.js';
import { forgetTicketTypes } from './ticket-type-cache.js';

export const BUILTIN_TYPE_NAMES: Record<(typeof BUILTIN_TICKET_TYPES)[number], { zh: string; en: string }> = {
  consultation: { zh: '咨询', en: 'Consultation' },
  suggestion: { zh: '建议', en: 'Suggestion' },
  complaint: { zh: '投诉', en: 'Complaint' },
  repair: { zh: '报修', en: 'Repair request' },
  callback: { zh: '回访', en: 'Callback' },
};

type Row = { id: number; key: string; name_zh: string; name_en: string; fields: unknown; steps: unknown; builtin: boolean; active: boolean };
const present = (r: Row): TicketType => ({
  id: r.id, key: r.key, nameZh: r.name_zh, nameEn: r.name_en, fields: r.fields as CustomFieldDef[], steps: r.steps as ProcessStepDef[], builtin: r.builtin, active: r.active,
});

export async function listTicketTypes({ db, actor }: { db: Kysely<DB>; actor: Actor }): Promise<TicketType[]> {
  const rows = await db.selectFrom('ticket_types').select(['id', 'key', 'name_zh', 'name_en', 'fields', 'steps', 'builtin', 'active']).where('tenant_id', '=', actor.tenantId).orderBy('id').execute();
  return rows.map(present);
}

function assertUniqueStepKeys(steps: ProcessStepDef[]) {
  const keys = steps.map((s) => s.key);
  if (new Set(keys).size !== keys.length) throw new AppError('VALIDATION', { detail: 'steps.key' });
  for (const step of steps) {
    const items = step.checklist.map((i) => i.key);
    if (new Set(items).size !== items.length) throw new AppError('VALIDATION', { detail: `steps.${step.key}.checklist.key` });
  }
}

function assertUniqueFieldKeys(fields: CustomFieldDef[]) {
  const keys = fields.map((f) => f.key);
  if (new Set(keys).size !== keys.length) throw new AppError('VALIDATION', { detail: 'fields.key' });
  for (const f of fields) if (f.kind === 'select' && !f.options?.length) throw new AppError('VALIDATION', { detail: `fields.${f.key}.options` });
}

export async function createTicketType({ db, actor, input }: { db: Kysely<DB>; actor: Actor; input: TicketTypeInput }): Promise<TicketType> {
  if (!can(actor, 'admin.ticket_types')) throw new AppError('FORBIDDEN');
  assertUniqueFieldKeys(input.fields);
  assertUniqueStepKeys(input.steps);
  return db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('ticket_types').select('id').where('tenant_id', '=', actor.tenantId).where('key', '=', input.key).executeTakeFirst();
    if (exists) throw new AppError('CONFLICT', { detail: 'duplicate_key' }, { field: 'key', value: input.key });
    const row = await trx
      .insertInto('ticket_types')
      .values({ tenant_id: actor.tenantId, key: input.key, name_zh: input.nameZh, name_en: input.nameEn, fields: JSON.stringify(input.fields), steps: JSON.stringify(input.steps), active: input.active })
      .returning(['id', 'key', 'name_zh', 'name_en', 'fields', 'steps', 'builtin', 'active'])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'ticket_type.created', entity: 'ticket_type', entityId: row.id, detail: { key: input.key } });
    forgetTicketTypes(actor.tenantId);
    return present(row);
  });
}

export async function updateTicketType({ db, actor, id, input }: { db: Kysely<DB>; actor: Actor; id: number; input: Partial<Omit<TicketTypeInput, 'key'>> }): Promise<TicketType> {
  if (!can(actor, 'admin.ticket_types')) throw new AppError('FORBIDDEN');
  if (input.fields) assertUniqueFieldKeys(input.fields);
  if (input.steps) assertUniqueStepKeys(input.steps);
  return db.transaction().execute(async (trx) => {
    const set: { name_zh?: string; name_en?: string; fields?: string; steps?: string; active?: boolean } = {};
    if (input.nameZh !== undefined) set.name_zh = input.nameZh;
    if (input.nameEn !== undefined) set.name_en = input.nameEn;
    if (input.fields !== undefined) set.fields = JSON.stringify(input.fields);
    if (input.steps !== undefined) set.steps = JSON.stringify(input.steps);
    if (input.active !== undefined) set.active = input.active;
    const columns = ['id', 'key', 'name_zh', 'name_en', 'fields', 'steps', 'builtin', 'active'] as const;
    // An empty change has no column to set (UPDATE … SET would be invalid SQL): answer the type as it is.
    const row = Object.keys(set).length > 0
      ? await trx.updateTable('ticket_types').set(set).where('tenant_id', '=', actor.tenantId).where('id', '=', id).returning(columns).executeTakeFirst()
      : await trx.selectFrom('ticket_types').select(columns).where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('ticketType');
    await writeAudit(trx, actor, { action: 'ticket_type.updated', entity: 'ticket_type', entityId: id, detail: { fields: Object.keys(input) } });
    forgetTicketTypes(actor.tenantId);
    return present(row);
  });
}
