// A work order's SLA clock: started with the order, moved by status changes, public replies, callbacks and
// explicit pauses, all inside the transaction of the change (rule 4), with pause and resume audit rows.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { SlaEscalationStep, SlaPauseReason, SlaTarget, Ticket, TicketSla, TicketSlaDetail, TicketStatus } from '@kefu/shared';
import type { DB, TicketRow, TicketSlaTable } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, notFound } from '../../lib/app-error.js';
import { now, toIso, toIsoRequired } from '../../lib/clock.js';
import type { AuditEntryInput } from '../audit/audit.service.js';
import { isOpenStatus } from '../tickets/ticket-lifecycle.js';
import { changeTicket, getTicket } from '../tickets/tickets.service.js';
import { clockOf } from './sla-calendars.js';
import { dueAt, nextEscalation, type ClockPause } from './sla-clock.js';
import { activePoliciesCached, type LoadedPolicy } from './sla-policies.service.js';
import { isVip } from '../grading/grading-vip.service.js';
import { choosePolicy, VIP_GRADE, type OrderFacts } from './sla-policy-match.js';

type Ctx = { db: Kysely<DB>; actor: Actor };
export type TicketSlaRow = Selectable<TicketSlaTable>;
export type NewTicketSla = Omit<Insertable<TicketSlaTable>, 'tenant_id' | 'ticket_id'>;

/** The resolved stretch of a reopened order is kept as a pause of this reason, so the clock continues where it stood. */
const RESOLVED_STRETCH = 'resolved';

/** The clock a new order starts with, or null when no policy applies. Pure apart from the cached policy list. */
export async function newTicketSla(db: Kysely<DB>, tenantId: number, order: OrderFacts & { customerId?: number | null }, at: Date, answeredOnSpot: boolean): Promise<NewTicketSla | null> {
  const policies = await activePoliciesCached(db, tenantId);
  // Only when some policy is for big customers does the intake ask whether this customer is one.
  const vip = order.customerId != null && policies.some((p) => p.customerGrade === VIP_GRADE) ? await isVip(db, tenantId, order.customerId) : false;
  const policy = choosePolicy(policies, Object.assign({}, order, { vip }));
  return policy ? initialSla(policy, at, answeredOnSpot) : null;
}

export function initialSla(policy: LoadedPolicy, at: Date, answeredOnSpot: boolean): NewTicketSla {
  const clock = clockOf(policy.calendar, policy.timeBasis);
  const due = (minutes: number | null) => (minutes === null ? null : dueAt(clock, at, minutes));
  return {
    policy_id: policy.id,
    policy_name: policy.name,
    calendar: JSON.stringify(policy.calendar),
    time_basis: policy.timeBasis,
    first_reply_minutes: policy.firstReplyMinutes,
    update_minutes: policy.updateMinutes,
    resolution_minutes: policy.resolutionMinutes,
    escalation: JSON.stringify(policy.escalation),
    started_at: at,
    // Answered on the spot: replied and resolved at once, nothing left to escalate.
    first_reply_at: answeredOnSpot ? at : null,
    last_update_at: answeredOnSpot ? at : null,
    resolved_at: answeredOnSpot ? at : null,
    first_reply_due_at: due(policy.firstReplyMinutes),
    next_update_due_at: answeredOnSpot ? null : due(policy.updateMinutes),
    resolution_due_at: due(policy.resolutionMinutes),
    next_escalation_at: answeredOnSpot || policy.resolutionMinutes === null ? null
      : (nextEscalation(clock, at, policy.resolutionMinutes, [], policy.escalation, 0)?.at ?? null),
  };
}

/** The due times of a clock given its pauses (pure). */
export function recomputeSla(row: TicketSlaRow, pauses: readonly ClockPause[]) {
  const clock = clockOf(row.calendar, row.time_basis);
  const resolved = row.resolved_at !== null;
  const due = (from: Date, minutes: number | null) => (minutes === null ? null : dueAt(clock, from, minutes, pauses));
  return {
    first_reply_due_at: due(row.started_at, row.first_reply_minutes),
    next_update_due_at: resolved ? null : due(row.last_update_at ?? row.started_at, row.update_minutes),
    resolution_due_at: due(row.started_at, row.resolution_minutes),
    next_escalation_at: resolved || row.resolution_minutes === null ? null
      : (nextEscalation(clock, row.started_at, row.resolution_minutes, pauses, row.escalation as SlaEscalationStep[], row.escalation_level)?.at ?? null),
  };
}

export type SlaEvent =
  | { kind: 'status'; from: TicketStatus; to: TicketStatus }
  | { kind: 'reply' }
  | { kind: 'update' }
  | { kind: 'pause'; reason: Exclude<SlaPauseReason, 'waiting_customer'>; note: string | null }
  | { kind: 'resume'; note: string | null }
  /** Type, priority, channel or customer changed: the order may fall under another policy. */
  | { kind: 'facts'; typeKey: string; priority: string; channel: string; customerId: number | null };

/** Statuses whose change the customer sees (internal hand-overs are not progress updates). */
const CUSTOMER_VISIBLE: readonly TicketStatus[] = ['in_progress', 'waiting_customer', 'waiting_department', 'resolved', 'closed'];

/**
 * Applies events to an order's clock inside the caller's transaction; answers the audit rows to write with the
 * change. An order without a clock (no policy matched) is left alone.
 */
export async function applySlaEvents(trx: Kysely<DB>, actor: Actor, ticketId: number, events: readonly SlaEvent[], at = now()): Promise<AuditEntryInput[]> {
  if (events.length === 0) return [];
  const t = actor.tenantId;
  const row = await trx.selectFrom('ticket_sla').selectAll().where('tenant_id', '=', t).where('ticket_id', '=', ticketId).forUpdate().executeTakeFirst();
  const explicit = events.some((e) => e.kind === 'pause' || e.kind === 'resume');
  if (!row) {
    if (explicit) throw notFound('record');
    return [];
  }
  const audit: AuditEntryInput[] = [];
  const set: Partial<Record<keyof TicketSlaRow, unknown>> = {};
  let open = await trx.selectFrom('ticket_sla_pauses').selectAll().where('tenant_id', '=', t).where('ticket_id', '=', ticketId).where('ended_at', 'is', null).executeTakeFirst();

  const openPause = async (reason: string, note: string | null) => {
    open = await trx.insertInto('ticket_sla_pauses').values({ tenant_id: t, ticket_id: ticketId, reason, note, started_at: at, started_by: actor.userId || null })
      .returningAll().executeTakeFirstOrThrow();
    if (reason !== RESOLVED_STRETCH) {
      Object.assign(set, { paused_since: at, pause_reason: reason });
      audit.push({ action: 'ticket.sla_paused', entity: 'ticket', entityId: ticketId, detail: { reason, note } });
    }
  };
  const closePause = async (note: string | null) => {
    if (!open) return;
    await trx.updateTable('ticket_sla_pauses').set({ ended_at: at, ended_by: actor.userId || null })
      .where('tenant_id', '=', t).where('id', '=', open.id).execute();
    if (open.reason !== RESOLVED_STRETCH) {
      const minutes = Math.max(0, (at.getTime() - open.started_at.getTime()) / 60_000);
      Object.assign(set, { paused_since: null, pause_reason: null, paused_minutes: row.paused_minutes + minutes });
      audit.push({ action: 'ticket.sla_resumed', entity: 'ticket', entityId: ticketId, detail: { reason: open.reason, note, pausedMinutes: Math.round(minutes) } });
    }
    open = undefined;
  };
  const touch = (reply: boolean) => {
    if (reply && row.first_reply_at === null && set.first_reply_at === undefined) set.first_reply_at = at;
    set.last_update_at = at;
  };

  for (const event of events) {
    switch (event.kind) {
      case 'status': {
        const { from, to } = event;
        if (from === to) break;
        if (CUSTOMER_VISIBLE.includes(to)) touch(to === 'resolved' || to === 'closed');
        if (isOpenStatus(from) && !isOpenStatus(to)) {
          await closePause(null);
          await openPause(RESOLVED_STRETCH, null);
          set.resolved_at = at;
        } else if (!isOpenStatus(from) && isOpenStatus(to)) {
          // Reopened: the time it stood resolved does not count; the clock continues where it stood.
          await closePause(null);
          set.resolved_at = null;
          set.breached = row.breached;
        }
        if (to === 'waiting_customer' && !open) await openPause('waiting_customer', null);
        else if (from === 'waiting_customer' && open?.reason === 'waiting_customer' && isOpenStatus(to)) await closePause(null);
        break;
      }
      case 'reply':
        touch(true);
        break;
      case 'update':
        touch(false);
        break;
      case 'pause':
        if (row.resolved_at !== null && set.resolved_at !== null) throw new AppError('CONFLICT', { detail: 'sla_resolved' });
        if (open) throw new AppError('CONFLICT', { detail: 'sla_already_paused' });
        await openPause(event.reason, event.note);
        break;
      case 'resume':
        if (!open || open.reason === RESOLVED_STRETCH || open.reason === 'waiting_customer') throw new AppError('CONFLICT', { detail: 'sla_not_paused' });
        await closePause(event.note);
        break;
      case 'facts': {
        const grade = event.customerId === null ? null
          : (await trx.selectFrom('customers').select('grade').where('tenant_id', '=', t).where('id', '=', event.customerId).executeTakeFirst())?.grade ?? null;
        const policies = await activePoliciesCached(trx, t);
        const vip = event.customerId !== null && policies.some((p) => p.customerGrade === VIP_GRADE) ? await isVip(trx, t, event.customerId) : false;
        const policy = choosePolicy(policies, { typeKey: event.typeKey, priority: event.priority, channel: event.channel, customerGrade: grade, vip });
        if (!policy || policy.id === row.policy_id) break;
        // The new targets count from the order's start, with its pauses: re-typing a consultation as a complaint
        // gives it the complaint's times as if it had been one from the beginning.
        Object.assign(set, {
          policy_id: policy.id, policy_name: policy.name, calendar: JSON.stringify(policy.calendar), time_basis: policy.timeBasis,
          first_reply_minutes: policy.firstReplyMinutes, update_minutes: policy.updateMinutes, resolution_minutes: policy.resolutionMinutes,
          escalation: JSON.stringify(policy.escalation),
        });
        audit.push({ action: 'ticket.sla_policy_changed', entity: 'ticket', entityId: ticketId, detail: { from: row.policy_name, to: policy.name } });
        break;
      }
      default: {
        const unknownEvent: never = event;
        return unknownEvent;
      }
    }
  }
  const merged = Object.assign({}, row, set) as TicketSlaRow;
  if (typeof set.calendar === 'string') merged.calendar = JSON.parse(set.calendar);
  if (typeof set.escalation === 'string') merged.escalation = JSON.parse(set.escalation);
  const pauses = await loadPauses(trx, t, ticketId);
  // The resolved stretch that still stands only keeps a reopen from counting the resolved time; it does not
  // move the targets, so a resolved order keeps the due times it was measured against (met or breached).
  const counted = pauses.filter((p) => !(p.reason === RESOLVED_STRETCH && p.ended_at === null));
  const recomputed = recomputeSla(merged, counted.map((p) => ({ from: p.started_at, to: p.ended_at })));
  await trx.updateTable('ticket_sla').set(Object.assign({}, set as object, recomputed, { updated_at: at })).where('tenant_id', '=', t).where('ticket_id', '=', ticketId).execute();
  return audit;
}

function loadPauses(db: Kysely<DB>, tenantId: number, ticketId: number) {
  return db.selectFrom('ticket_sla_pauses').selectAll().where('tenant_id', '=', tenantId).where('ticket_id', '=', ticketId).orderBy('started_at').orderBy('id').execute();
}

/** SLA events implied by a change made through changeTicket (status changes and callbacks). */
export function slaEventsOfChange(current: TicketRow, set: Partial<Record<keyof TicketRow, unknown>>, actions: readonly string[]): SlaEvent[] {
  const events: SlaEvent[] = [];
  if (typeof set.status === 'string' && set.status !== current.status) events.push({ kind: 'status', from: current.status as TicketStatus, to: set.status as TicketStatus });
  if (actions.includes('ticket.callback')) events.push({ kind: 'update' });
  if (set.type_key !== undefined || set.priority !== undefined || set.channel !== undefined || set.customer_id !== undefined) {
    events.push({
      kind: 'facts',
      typeKey: (set.type_key ?? current.type_key) as string,
      priority: (set.priority ?? current.priority) as string,
      channel: (set.channel ?? current.channel) as string,
      customerId: (set.customer_id !== undefined ? set.customer_id : current.customer_id) as number | null,
    });
  }
  return events;
}

export interface SlaColumns {
  sla_policy_id: number | null;
  sla_policy_name: string | null;
  sla_first_reply_due_at: Date | null;
  sla_first_reply_at: Date | null;
  sla_next_update_due_at: Date | null;
  sla_resolution_due_at: Date | null;
  sla_resolved_at: Date | null;
  sla_paused_since: Date | null;
  sla_pause_reason: string | null;
  sla_escalation_level: number | null;
  sla_breached: string[] | null;
}

/** Which targets are missed as of `at`: met late, or not met and past due. */
export function breachedTargets(s: SlaColumns, at: Date): SlaTarget[] {
  const late = (due: Date | null, met: Date | null) => due !== null && (met ?? at).getTime() > due.getTime();
  const out = new Set<SlaTarget>(s.sla_breached as SlaTarget[] | null ?? []);
  if (late(s.sla_first_reply_due_at, s.sla_first_reply_at)) out.add('first_reply');
  if (s.sla_resolved_at === null && late(s.sla_next_update_due_at, null)) out.add('update');
  if (late(s.sla_resolution_due_at, s.sla_resolved_at)) out.add('resolution');
  return [...out];
}

export function presentSla(s: SlaColumns, at = now()): TicketSla | null {
  if (s.sla_policy_name === null) return null;
  return {
    policy: { id: s.sla_policy_id, name: s.sla_policy_name },
    firstReplyDueAt: toIso(s.sla_first_reply_due_at),
    firstReplyAt: toIso(s.sla_first_reply_at),
    nextUpdateDueAt: toIso(s.sla_next_update_due_at),
    resolutionDueAt: toIso(s.sla_resolution_due_at),
    pausedSince: toIso(s.sla_paused_since),
    pauseReason: s.sla_pause_reason,
    escalationLevel: s.sla_escalation_level ?? 0,
    breached: breachedTargets(s, at),
  };
}

export function slaColumnsOf(row: NewTicketSla | TicketSlaRow | null): SlaColumns {
  const d = (v: unknown) => (v == null ? null : new Date(v as Date));
  return {
    sla_policy_id: (row?.policy_id as number | null | undefined) ?? null,
    sla_policy_name: row?.policy_name ?? null,
    sla_first_reply_due_at: d(row?.first_reply_due_at),
    sla_first_reply_at: d(row?.first_reply_at),
    sla_next_update_due_at: d(row?.next_update_due_at),
    sla_resolution_due_at: d(row?.resolution_due_at),
    sla_resolved_at: d(row?.resolved_at),
    sla_paused_since: d(row?.paused_since),
    sla_pause_reason: row?.pause_reason ?? null,
    sla_escalation_level: (row?.escalation_level as number | undefined) ?? 0,
    sla_breached: (row?.breached as string[] | undefined) ?? [],
  };
}

export async function getTicketSla({ db, actor, id }: Ctx & { id: number }): Promise<TicketSlaDetail> {
  await getTicket({ db, actor, id }); // read permission: NOT_FOUND for orders the caller may not see
  const row = await db.selectFrom('ticket_sla').selectAll().where('tenant_id', '=', actor.tenantId).where('ticket_id', '=', id).executeTakeFirst();
  if (!row) throw notFound('record');
  const pauses = await loadPauses(db, actor.tenantId, id);
  return Object.assign(presentSla(slaColumnsOf(row))!, {
    pausedMinutes: Math.round(row.paused_minutes),
    pauses: pauses.filter((p) => p.reason !== RESOLVED_STRETCH).map((p) => ({
      id: p.id, reason: p.reason, note: p.note, startedAt: toIsoRequired(p.started_at), endedAt: toIso(p.ended_at), startedBy: p.started_by, endedBy: p.ended_by,
    })),
  });
}

export async function pauseTicketSla({ db, actor, id, reason, note }: Ctx & { id: number; reason: Exclude<SlaPauseReason, 'waiting_customer'>; note: string | null }): Promise<Ticket> {
  return changeTicket({ db, actor, id }, async (trx, current) => {
    if (!isOpenStatus(current.status as TicketStatus)) throw new AppError('CONFLICT', { detail: 'sla_resolved' });
    const audit = await applySlaEvents(trx, actor, id, [{ kind: 'pause', reason, note }]);
    return { set: {}, audit: audit.map((a) => ({ action: a.action, detail: a.detail ?? {} })) };
  });
}

export async function resumeTicketSla({ db, actor, id, note }: Ctx & { id: number; note: string | null }): Promise<Ticket> {
  return changeTicket({ db, actor, id }, async (trx) => {
    const audit = await applySlaEvents(trx, actor, id, [{ kind: 'resume', note }]);
    return { set: {}, audit: audit.map((a) => ({ action: a.action, detail: a.detail ?? {} })) };
  });
}

/**
 * Starts clocks for orders that have none (orders from before SLA policies existed, imports, the demo seed),
 * counted from their creation. Steps of the ladder already in the past are marked taken, not notified: a backfill
 * must not flood anyone with escalations for history. Answers how many clocks were started.
 */
export async function backfillTicketSla(db: Kysely<DB>, tenantId: number, at = now(), batchSize = 500): Promise<number> {
  const policies = await activePoliciesCached(db, tenantId);
  let started = 0;
  for (let afterId = 0; ;) {
    const rows = await db.selectFrom('tickets as t')
      .leftJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 't.tenant_id').onRef('c.id', '=', 't.customer_id'))
      .leftJoin('ticket_sla as s', (j) => j.onRef('s.tenant_id', '=', 't.tenant_id').onRef('s.ticket_id', '=', 't.id'))
      .select(['t.id', 't.type_key', 't.priority', 't.channel', 'c.grade', 't.created_at', 't.status', 't.resolved_at', 't.answered_on_spot'])
      .select((eb) => eb.selectFrom('ticket_notes as n').select((n) => n.fn.min('n.created_at').as('m'))
        .whereRef('n.tenant_id', '=', 't.tenant_id').whereRef('n.ticket_id', '=', 't.id').where('n.internal', '=', false).as('first_public_note'))
      .where('t.tenant_id', '=', tenantId).where('s.ticket_id', 'is', null).where('t.id', '>', afterId)
      .orderBy('t.id').limit(batchSize).execute();
    if (rows.length === 0) return started;
    afterId = rows[rows.length - 1]!.id;
    const values: Insertable<TicketSlaTable>[] = [];
    for (const r of rows) {
      const policy = choosePolicy(policies, { typeKey: r.type_key, priority: r.priority, channel: r.channel, customerGrade: r.grade });
      if (!policy) continue;
      const clock = initialSla(policy, r.created_at, r.answered_on_spot);
      const open = isOpenStatus(r.status as TicketStatus);
      let level = 0;
      let next: Date | null = null;
      if (open && policy.resolutionMinutes !== null) {
        const c = clockOf(policy.calendar, policy.timeBasis);
        for (; ; level++) {
          const step = nextEscalation(c, r.created_at, policy.resolutionMinutes, [], policy.escalation, level);
          if (!step || step.at.getTime() > at.getTime()) { next = step?.at ?? null; break; }
        }
      }
      // The first reply the customer saw: a public note, or the resolution itself, whichever came first.
      const resolvedAt = open ? null : (r.resolved_at ?? at);
      const replies = [r.first_public_note ? new Date(r.first_public_note as unknown as string) : null, resolvedAt].filter((d): d is Date => d !== null);
      const firstReply = clock.first_reply_at ?? (replies.length ? new Date(Math.min(...replies.map((d) => d.getTime()))) : null);
      values.push(Object.assign(clock, {
        tenant_id: tenantId, ticket_id: r.id, escalation_level: level, next_escalation_at: next,
        resolved_at: resolvedAt, next_update_due_at: open ? clock.next_update_due_at : null,
        first_reply_at: firstReply, last_update_at: clock.last_update_at ?? firstReply,
      }));
    }
    if (values.length > 0) {
      await db.insertInto('ticket_sla').values(values).onConflict((oc) => oc.columns(['tenant_id', 'ticket_id']).doNothing()).execute();
      started += values.length;
    }
  }
}
