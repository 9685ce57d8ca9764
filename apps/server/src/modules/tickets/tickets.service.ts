import type { Kysely } from 'kysely';
import type { TicketCreate, Ticket, TicketListQuery, TicketPage, TicketStatus, TicketUpdate, CustomFieldDef } from '@kefu/shared';
import type { DB, TicketRow } from '../../db/schema.js';
import { can, type Actor } from '../../lib/actor.js';
import { AppError, invalid, notFound, versionConflict } from '../../lib/app-error.js';
import { now } from '../../lib/clock.js';
import { inTransaction } from '../../lib/transaction.js';
import { decryptOrNull, displayPhone, encryptContactPhone } from '../pii/pii-fields.js';
import { writeAudit } from '../audit/audit.service.js';
import { findCustomerIdsByPhone, insertCustomer } from '../customers/customers.service.js';
import { chooseAssignee } from './ticket-assignment.service.js';
import { assertTransition, isReopen, statusTimestamps } from './ticket-lifecycle.js';
import { assertCustomFields, assertFollowUpFields } from './ticket-rules.js';
import { currentStep, startProcess } from './ticket-process.js';
import { reindexTicket, ticketSearchText } from './ticket-search.js';
import { insertTicketsWithAudit, submitTicketIntake, type IntakeItem } from './ticket-intake.js';
import { assertCanAssign, assertCanReadTicket, assertCanUpdateTicket, listRestriction } from './tickets.policy.js';
import { presentTicket } from './tickets.presenter.js';
import { activeUserNameOrThrow, findCustomerBrief, findTicketView, listTicketRows, lockTicket } from './tickets.repo.js';
import { findTicketTypeCached } from '../ticket-types/ticket-type-cache.js';
import { callContactForIntake, linkCallOnIntake } from '../calls/call-tickets.js';
import { applySlaEvents, newTicketSla, slaColumnsOf, slaEventsOfChange } from '../sla/ticket-sla.service.js';

interface Ctx {
  db: Kysely<DB>;
  actor: Actor;
}

async function activeTicketType(db: Kysely<DB>, tenantId: number, key: string) {
  const type = await findTicketTypeCached(db, tenantId, key);
  if (!type || !type.active) throw invalid(`type: ${key}`, { field: 'type' });
  return type;
}

async function assertExists(db: Kysely<DB>, table: 'users' | 'teams' | 'skill_groups', tenantId: number, id: number | null | undefined, entity: string) {
  if (id == null) return;
  const row = await db.selectFrom(table).select('id').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(entity);
}

/** A customer merged into another since the caller loaded it (an open page, an integration): the surviving record. */
async function currentCustomerId(db: Kysely<DB>, tenantId: number, id: number | null | undefined): Promise<number | null> {
  if (id == null) return null;
  const row = await db.selectFrom('customers').select(['id', 'merged_into_id']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('customer');
  return row.merged_into_id ?? row.id;
}

export async function getTicket({ db, actor, id }: Ctx & { id: number }): Promise<Ticket> {
  const row = await findTicketView(db, actor.tenantId, id);
  assertCanReadTicket(actor, row);
  return presentTicket(row!, actor);
}

/**
 * An order started from a call that names neither a number nor a customer (the browser only ever saw the masked
 * number): the call's external number and customer fill them, so the order is linked and can be called back.
 */
async function withCallContact(db: Kysely<DB>, tenantId: number, input: TicketCreate): Promise<TicketCreate> {
  if (!input.callId || input.contactPhone?.trim() || input.customerId !== undefined) return input;
  const contact = await callContactForIntake(db, tenantId, input.callId);
  if (!contact) return input;
  return Object.assign({}, input, { contactPhone: contact.phone ?? undefined, customerId: contact.customerId ?? undefined });
}

export async function createTicket({ db, actor, input: given }: Ctx & { input: TicketCreate }): Promise<Ticket> {
  if (!can(actor, 'tickets.create')) throw new AppError('FORBIDDEN');
  const input = await withCallContact(db, actor.tenantId, given);
  const type = await activeTicketType(db, actor.tenantId, input.type);
  assertCustomFields(type.fields, input.custom ?? {});
  if (input.answeredOnSpot === true && !input.answer?.trim()) throw invalid('answer', { field: 'answer' });
  if (input.answeredOnSpot === false) assertFollowUpFields(input);
  if (input.assigneeId !== undefined) assertCanAssign(actor, { assignee_id: null }, input.assigneeId);

  // The plain intake (an integration posting {type, subject, description}) is one statement; anything that
  // reads before it writes (customer match, skill-group pick, answer note) runs in a transaction.
  const needsTransaction = [input.assigneeId, input.teamId, input.skillGroupId, input.customerId, input.contactPhone, input.createCustomer, input.answer, input.callId].some((v) => v !== undefined);
  const create = async (q: Kysely<DB>) => {
    await assertExists(q, 'teams', actor.tenantId, input.teamId, 'team');
    await assertExists(q, 'skill_groups', actor.tenantId, input.skillGroupId, 'skillGroup');
    let customerId = await currentCustomerId(q, actor.tenantId, input.customerId);
    if (customerId === null && input.contactPhone) customerId = (await findCustomerIdsByPhone(q, actor.tenantId, input.contactPhone))[0] ?? null;
    if (customerId === null && input.createCustomer && (input.contactName || input.contactPhone)) {
      customerId = await insertCustomer(q, actor, { kind: 'person', name: input.contactName || input.contactPhone!, phones: input.contactPhone ? [input.contactPhone] : [] });
    }
    let assigneeId = input.assigneeId ?? null;
    if (assigneeId === null && input.skillGroupId && input.answeredOnSpot !== true) assigneeId = await chooseAssignee(q, actor.tenantId, input.skillGroupId);
    const assigneeName = assigneeId === null ? null : await activeUserNameOrThrow(q, actor.tenantId, assigneeId);
    const customer = await findCustomerBrief(q, actor.tenantId, customerId);
    const at = now();
    const status: TicketStatus = input.answeredOnSpot ? 'resolved' : assigneeId !== null ? 'assigned' : 'new';
    const searchable = {
      subject: input.subject,
      description: input.description,
      contact_name: input.contactName ?? null,
      event_place: input.eventPlace ?? null,
      event_person: input.eventPerson ?? null,
      tags: input.tags ?? [],
    };
    const sla = await newTicketSla(q, actor.tenantId, { typeKey: input.type, priority: input.priority, channel: input.channel, customerGrade: customer?.grade ?? null, customerId }, at, input.answeredOnSpot === true);
    // Not { ...a, b }: properties added after a spread cost ~1 µs each on Node 20 (bench/RESULTS.md).
    const values = Object.assign({
      tenant_id: actor.tenantId,
      type_key: input.type,
      status,
      priority: input.priority,
      channel: input.channel,
      customer_id: customerId,
      event_time: input.eventTime ? new Date(input.eventTime) : null,
      responsible_id: actor.userId || null,
      assignee_id: assigneeId,
      team_id: input.teamId ?? actor.teamId,
      skill_group_id: input.skillGroupId ?? null,
      answered_on_spot: input.answeredOnSpot === true,
      custom: JSON.stringify(input.custom ?? {}),
      process: input.answeredOnSpot ? null : JSON.stringify(startProcess(type.steps, at)),
      created_by: actor.userId || null,
      created_at: at,
      updated_at: at,
      resolved_at: status === 'resolved' ? at : null,
    }, encryptContactPhone(input.contactPhone), searchable); // contact number encrypted at rest (migration 0018)
    const item: IntakeItem = { actor, values, searchText: ticketSearchText(searchable, customer?.name ?? null, input.answer ? [input.answer] : []), detail: { type: input.type, status, assigneeId, customerId, answeredOnSpot: input.answeredOnSpot ?? null }, sla };
    // Outside a transaction the order shares its statement with others created at the same moment.
    const row = !needsTransaction ? await submitTicketIntake(db, item) : (await insertTicketsWithAudit(q, [item]))[0]!;
    if (input.callId) await linkCallOnIntake(q, actor, input.callId, row.id);
    if (input.answeredOnSpot && input.answer) {
      await q.insertInto('ticket_notes').values({ tenant_id: actor.tenantId, ticket_id: row.id, author_id: actor.userId || null, body: input.answer, internal: false }).execute();
    }
    return Object.assign({ responsible_name: actor.displayName, assignee_name: assigneeName, customer_name: customer?.name ?? null, customer_grade: customer?.grade ?? null, department_name: null }, row, slaColumnsOf(sla));
  };
  const view = needsTransaction ? await inTransaction(db, create) : await create(db);
  return presentTicket(view, actor);
}

export async function listTickets({ db, actor, query }: Ctx & { query: TicketListQuery }): Promise<TicketPage> {
  const onlyInvolving = listRestriction(actor);
  const { rows, total, totalCapped } = await listTicketRows(db, actor.tenantId, Object.assign({}, query, { onlyInvolving, actorId: actor.userId }));
  return { items: rows.map((r) => presentTicket(r, actor)), total, totalCapped, page: query.page, pageSize: query.pageSize };
}

const EDITABLE: Array<[keyof TicketUpdate, keyof TicketRow]> = [
  ['type', 'type_key'], ['subject', 'subject'], ['description', 'description'], ['priority', 'priority'], ['channel', 'channel'],
  ['customerId', 'customer_id'], ['contactName', 'contact_name'], ['contactPhone', 'contact_phone'], ['eventTime', 'event_time'],
  ['eventPlace', 'event_place'], ['eventPerson', 'event_person'], ['tags', 'tags'], ['custom', 'custom'],
  ['skillGroupId', 'skill_group_id'], ['teamId', 'team_id'], ['assigneeId', 'assignee_id'],
];

function comparable(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value ?? null);
}

/** Lock, check the version, apply, audit: the frame every change of an order goes through. */
export async function changeTicket(
  { db, actor, id, version }: Ctx & { id: number; version?: number },
  apply: (trx: Kysely<DB>, current: TicketRow) => Promise<{ set: Partial<Record<keyof TicketRow, unknown>>; audit: Array<{ action: string; detail: Record<string, unknown> }> }>,
): Promise<Ticket> {
  await db.transaction().execute(async (trx) => {
    const current = await lockTicket(trx, actor.tenantId, id);
    assertCanUpdateTicket(actor, current);
    if (version !== undefined && current!.version !== version) throw versionConflict();
    if (current!.merged_into_id !== null) throw new AppError('CONFLICT', { detail: 'ticket_merged' });
    const { set, audit } = await apply(trx, current!);
    if (Object.keys(set).length === 0 && audit.length === 0) return;
    const slaAudit = await applySlaEvents(trx, actor, id, slaEventsOfChange(current!, set, audit.map((a) => a.action)));
    for (const a of slaAudit) audit.push({ action: a.action, detail: a.detail ?? {} });
    await trx
      .updateTable('tickets')
      .set(Object.assign({}, set as object, { updated_at: now(), version: current!.version + 1 }))
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, actor, audit.map((a) => ({ action: a.action, entity: 'ticket', entityId: id, detail: a.detail })));
    if (set.subject !== undefined || set.description !== undefined || set.customer_id !== undefined || set.contact_name !== undefined || set.tags !== undefined || set.contact_phone !== undefined) {
      await reindexTicket(trx, actor.tenantId, id);
    }
  });
  return getTicket({ db, actor, id });
}

/**
 * The contact number is stored encrypted: compared with the decrypted number, written as masked copy + ciphertext +
 * blind index, and audited masked (the audit log holds no plaintext number).
 */
function contactPhoneChange(current: TicketRow, next: string | null, set: Record<string, unknown>, changes: Record<string, [unknown, unknown]>): void {
  const text = next?.trim() || null;
  const old = decryptOrNull(current.contact_phone_enc) ?? current.contact_phone;
  if (old === text) return;
  const encrypted = encryptContactPhone(text);
  Object.assign(set, encrypted);
  changes.contactPhone = [displayPhone(current.contact_phone), encrypted.contact_phone];
}

export async function updateTicket({ db, actor, id, input }: Ctx & { id: number; input: TicketUpdate }): Promise<Ticket> {
  return changeTicket({ db, actor, id, version: input.version }, async (trx, current) => {
    const set: Record<string, unknown> = {};
    const changes: Record<string, [unknown, unknown]> = {};
    for (const [key, column] of EDITABLE) {
      if (input[key] === undefined) continue;
      if (key === 'contactPhone') {
        contactPhoneChange(current, input.contactPhone ?? null, set, changes);
        continue;
      }
      let value: unknown = input[key];
      if (key === 'eventTime') value = value === null ? null : new Date(value as string);
      if (comparable(value) === comparable(current[column])) continue;
      set[column] = key === 'custom' ? JSON.stringify(value) : value;
      changes[key] = [current[column], value];
    }
    if ('assignee_id' in set) {
      assertCanAssign(actor, current, set.assignee_id as number | null);
      await assertExists(trx, 'users', actor.tenantId, set.assignee_id as number | null, 'user');
    }
    if ('customer_id' in set) set.customer_id = await currentCustomerId(trx, actor.tenantId, set.customer_id as number | null);
    if ('skill_group_id' in set) await assertExists(trx, 'skill_groups', actor.tenantId, set.skill_group_id as number | null, 'skillGroup');
    if ('team_id' in set) await assertExists(trx, 'teams', actor.tenantId, set.team_id as number | null, 'team');
    if ('type_key' in set || 'custom' in set) {
      const { fields } = await activeTicketType(trx, actor.tenantId, (set.type_key as string) ?? current.type_key);
      assertCustomFields(fields, (input.custom ?? current.custom) as Record<string, unknown>);
    }
    const audit: Array<{ action: string; detail: Record<string, unknown> }> = [];
    if (Object.keys(changes).length > 0) audit.push({ action: 'ticket.updated', detail: { changes } });
    const from = current.status as TicketStatus;
    let to = input.status ?? from;
    // Giving an unassigned new order an assignee moves it to "assigned" unless a status was asked for.
    if (input.status === undefined && from === 'new' && set.assignee_id) to = 'assigned';
    if (to !== from) {
      assertTransition(from, to);
      if (to === 'assigned' && !(set.assignee_id ?? current.assignee_id)) throw new AppError('INVALID_TRANSITION', { from, to });
      if (to === 'waiting_department' && current.department_id === null) throw new AppError('INVALID_TRANSITION', { from, to });
      const pending = currentStep(current.process);
      if (to === 'resolved' && pending) throw new AppError('CHECKLIST_INCOMPLETE', { step: pending.nameZh, items: [pending.nameZh] }, { step: pending.key });
      Object.assign(set, { status: to }, statusTimestamps(from, to, now()));
      if (isReopen(from, to)) set.reopen_count = current.reopen_count + 1;
      audit.push({ action: isReopen(from, to) ? 'ticket.reopened' : 'ticket.status_changed', detail: { from, to, reason: input.statusReason ?? null } });
    }
    if (audit.length === 0) return { set: {}, audit: [] };
    return { set, audit };
  });
}

