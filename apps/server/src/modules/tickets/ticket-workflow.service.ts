import type { Kysely } from 'kysely';
import { formatErrorMessage, type Ticket, type TicketAssign, type TicketBulkAssign, type TicketCallbackDone, type TicketStatus, type TicketTransfer } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, invalid, notFound } from '../../lib/app-error.js';
import { now } from '../../lib/clock.js';
import { chooseAssignee } from './ticket-assignment.service.js';
import { assertTransition, isOpenStatus, statusTimestamps } from './ticket-lifecycle.js';
import { assertFollowUpFields } from './ticket-rules.js';
import { completeStep, setChecklistItem } from './ticket-process.js';
import { assertCanAssign } from './tickets.policy.js';
import { changeTicket } from './tickets.service.js';

type Ctx = { db: Kysely<DB>; actor: Actor };

export async function assignTicket({ db, actor, id, input }: Ctx & { id: number; input: TicketAssign }): Promise<Ticket> {
  return changeTicket({ db, actor, id, version: input.version }, async (trx, current) => {
    let assigneeId: number | null;
    if (input.skillGroupId !== undefined) {
      assertCanAssign(actor, current, -1);
      assigneeId = await chooseAssignee(trx, actor.tenantId, input.skillGroupId, input.strategy);
    } else {
      assigneeId = input.assigneeId ?? null;
      assertCanAssign(actor, current, assigneeId);
      if (assigneeId !== null) {
        const user = await trx.selectFrom('users').select('active').where('tenant_id', '=', actor.tenantId).where('id', '=', assigneeId).executeTakeFirst();
        if (!user || !user.active) throw notFound('user');
      }
    }
    const from = current.status as TicketStatus;
    const set: Record<string, unknown> = { assignee_id: assigneeId };
    if (input.skillGroupId !== undefined) set.skill_group_id = input.skillGroupId;
    if (from === 'new' && assigneeId !== null) set.status = 'assigned';
    if (from === 'assigned' && assigneeId === null) set.status = 'new';
    if (from === 'resolved' || from === 'closed') throw new AppError('INVALID_TRANSITION', { from, to: 'assigned' });
    return {
      set,
      audit: [{ action: 'ticket.assigned', detail: { from: current.assignee_id, to: assigneeId, skillGroupId: input.skillGroupId ?? null, strategy: input.strategy ?? null } }],
    };
  });
}

/** Reassigns many orders; each succeeds or fails on its own and the answer says which. */
export async function bulkAssignTickets({ db, actor, input }: Ctx & { input: TicketBulkAssign }) {
  const updated: Array<{ id: number; assigneeId: number | null }> = [];
  const failed: Array<{ id: number; code: string; message: string }> = [];
  for (const id of [...new Set(input.ticketIds)]) {
    try {
      const ticket = await assignTicket({ db, actor, id, input: { assigneeId: input.assigneeId, skillGroupId: input.skillGroupId, strategy: input.strategy } });
      updated.push({ id, assigneeId: ticket.assignee?.id ?? null });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      failed.push({ id, code: error.code, message: formatErrorMessage(actor.locale, error.code, error.params) });
    }
  }
  return { updated, failed };
}


/**
 * Hands the order to another department with a due time (the order waits on them). The first-contact
 * agent stays responsible: the department's answer comes back to them as a call-back duty.
 */
export async function transferTicket({ db, actor, id, input }: Ctx & { id: number; input: TicketTransfer }): Promise<Ticket> {
  if (new Date(input.dueAt).getTime() <= now().getTime()) throw invalid('dueAt', { field: 'dueAt' });
  return changeTicket({ db, actor, id, version: input.version }, async (trx, current) => {
    assertFollowUpFields({
      eventTime: current.event_time, eventPlace: current.event_place, eventPerson: current.event_person,
      description: current.description, contactPhone: current.contact_phone,
    });
    const department = await trx.selectFrom('departments').select(['id', 'name', 'active']).where('tenant_id', '=', actor.tenantId).where('id', '=', input.departmentId).executeTakeFirst();
    if (!department || !department.active) throw notFound('department');
    const from = current.status as TicketStatus;
    assertTransition(from, 'waiting_department');
    const transfer = await trx
      .insertInto('ticket_transfers')
      .values({ tenant_id: actor.tenantId, ticket_id: id, department_id: department.id, request: input.request, due_at: new Date(input.dueAt), created_by: actor.userId || null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      set: { status: 'waiting_department', department_id: department.id, transfer_due_at: new Date(input.dueAt), callback_pending: false },
      audit: [{ action: 'ticket.transferred', detail: { transferId: transfer.id, departmentId: department.id, department: department.name, dueAt: input.dueAt, from } }],
    };
  });
}

/** Records the department's answer; the order returns to its responsible agent, who must call the customer back. */
export async function answerTransfer({ db, actor, id, transferId, answer }: Ctx & { id: number; transferId: number; answer: string }): Promise<Ticket> {
  return changeTicket({ db, actor, id }, async (trx, current) => {
    const transfer = await trx
      .selectFrom('ticket_transfers')
      .select(['id', 'answered_at'])
      .where('tenant_id', '=', actor.tenantId)
      .where('ticket_id', '=', id)
      .where('id', '=', transferId)
      .executeTakeFirst();
    if (!transfer) throw notFound('record');
    if (transfer.answered_at) throw new AppError('CONFLICT', { detail: 'transfer_answered' });
    await trx.updateTable('ticket_transfers').set({ answer, answered_at: now(), answered_by: actor.displayName }).where('tenant_id', '=', actor.tenantId).where('id', '=', transferId).execute();
    const from = current.status as TicketStatus;
    return {
      set: {
        callback_pending: true,
        transfer_due_at: null,
        assignee_id: current.responsible_id ?? current.assignee_id,
        ...(isOpenStatus(from) ? { status: 'in_progress' } : {}),
      },
      audit: [{ action: 'ticket.transfer_answered', detail: { transferId, answer, callbackTo: current.responsible_id } }],
    };
  });
}

/**
 * The result of calling the customer back (seed 002's outbound flow): accepted closes the matter as
 * resolved; declined keeps it in progress for further handling; unreachable keeps the duty and logs the try.
 */
export async function recordCallback({ db, actor, id, input }: Ctx & { id: number; input: TicketCallbackDone }): Promise<Ticket> {
  return changeTicket({ db, actor, id, version: input.version }, async (trx, current) => {
    const from = current.status as TicketStatus;
    if (!isOpenStatus(from)) throw new AppError('INVALID_TRANSITION', { from, to: 'resolved' });
    if (input.note) {
      await trx.insertInto('ticket_notes').values({ tenant_id: actor.tenantId, ticket_id: id, author_id: actor.userId || null, body: input.note, internal: true }).execute();
    }
    const audit = [{ action: 'ticket.callback', detail: { outcome: input.outcome, note: input.note ?? null } }];
    switch (input.outcome) {
      case 'accepted':
        return { set: { callback_pending: false, status: 'resolved', ...statusTimestamps(from, 'resolved', now()) }, audit };
      case 'declined':
        return { set: { callback_pending: false, status: 'in_progress' }, audit };
      case 'unreachable':
        return { set: { callback_pending: true }, audit };
      default: {
        const unreachable: never = input.outcome;
        return unreachable;
      }
    }
  });
}

/** Ticks or unticks a checklist item of the order's current process step. */
export async function setProcessChecklist({ db, actor, id, stepKey, itemKey, checked, version }: Ctx & { id: number; stepKey: string; itemKey: string; checked: boolean; version: number }): Promise<Ticket> {
  return changeTicket({ db, actor, id, version }, async (_trx, current) => {
    if (!current.process) throw notFound('record');
    const process = setChecklistItem(current.process, stepKey, itemKey, checked);
    return { set: { process: JSON.stringify(process) }, audit: [{ action: 'ticket.checklist_changed', detail: { step: stepKey, item: itemKey, checked } }] };
  });
}

/** Closes the current process step (its checklist complete) and starts the next, with its own due time. */
export async function completeProcessStep({ db, actor, id, stepKey, version, note }: Ctx & { id: number; stepKey: string; version: number; note?: string }): Promise<Ticket> {
  return changeTicket({ db, actor, id, version }, async (trx, current) => {
    if (!current.process) throw notFound('record');
    const process = completeStep(current.process, stepKey, now(), actor.userId || null);
    if (note) await trx.insertInto('ticket_notes').values({ tenant_id: actor.tenantId, ticket_id: id, author_id: actor.userId || null, body: note, internal: true }).execute();
    const next = process.steps.find((s) => s.state === 'active');
    const from = current.status as TicketStatus;
    return {
      set: { process: JSON.stringify(process), ...(from === 'new' || from === 'assigned' ? { status: 'in_progress' } : {}) },
      audit: [{ action: 'ticket.step_completed', detail: { step: stepKey, next: next?.key ?? null, nextDueAt: next?.dueAt ?? null, note: note ?? null } }],
    };
  });
}
