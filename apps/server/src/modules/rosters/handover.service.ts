// The shift-handover log (交接班记录, seeds 000 and 002): open work orders and pending complaints are listed
// automatically; the outgoing leader signs, then the incoming leader signs as themselves. The next shift cannot open
// its own log before the previous one carries both signatures.
import { handoverTicketSchema, OPEN_TICKET_STATUSES, type Handover, type HandoverStatus } from '@kefu/shared';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../../lib/actor.js';
import { notFound, ruleViolation, versionConflict } from '../../lib/app-error.js';
import { now, toIso, toIsoRequired } from '../../lib/clock.js';
import { writeAudit } from '../audit/audit.service.js';
import { assertCan } from './rosters.policy.js';
import type { Db } from './rosters-common.js';

type Ctx = { db: Db; actor: Actor };
type HandoverTicket = z.infer<typeof handoverTicketSchema>;
const LIST_MAX = 200;

/** Open work orders of the team (all teams when none), complaints apart with their promised reply time. */
export async function handoverLists(db: Db, tenantId: number, teamId: number | null): Promise<{ openTickets: HandoverTicket[]; pendingComplaints: HandoverTicket[] }> {
  let q = db
    .selectFrom('tickets as t')
    .leftJoin('users as a', (j) => j.onRef('a.tenant_id', '=', 't.tenant_id').onRef('a.id', '=', 't.assignee_id'))
    .leftJoin('ticket_sla as s', (j) => j.onRef('s.tenant_id', '=', 't.tenant_id').onRef('s.ticket_id', '=', 't.id'))
    .select(['t.id', 't.number', 't.subject', 't.status', 't.priority', 't.type_key', 'a.display_name'])
    // The promised time the customer waits for: the first reply while none was given, else the next update, else resolution.
    .select(sql<Date | null>`case when s.first_reply_at is null and s.first_reply_due_at is not null then s.first_reply_due_at else coalesce(s.next_update_due_at, s.resolution_due_at) end`.as('due_at'))
    .where('t.tenant_id', '=', tenantId)
    .where('t.status', 'in', [...OPEN_TICKET_STATUSES])
    .where('t.merged_into_id', 'is', null);
  if (teamId !== null) q = q.where('t.team_id', '=', teamId);
  const rows = await q.orderBy('due_at', (o) => o.asc().nullsLast()).orderBy('t.id').limit(LIST_MAX * 2).execute();
  const present = (r: (typeof rows)[number]): HandoverTicket => ({ id: r.id, number: r.number, subject: r.subject, status: r.status, priority: r.priority, assigneeName: r.display_name, dueAt: toIso(r.due_at) });
  return {
    openTickets: rows.filter((r) => r.type_key !== 'complaint').slice(0, LIST_MAX).map(present),
    pendingComplaints: rows.filter((r) => r.type_key === 'complaint').slice(0, LIST_MAX).map(present),
  };
}

function handoverQuery(db: Db, tenantId: number) {
  return db
    .selectFrom('roster_handovers as h')
    .innerJoin('users as o', (j) => j.onRef('o.tenant_id', '=', 'h.tenant_id').onRef('o.id', '=', 'h.outgoing_leader_id'))
    .leftJoin('users as i', (j) => j.onRef('i.tenant_id', '=', 'h.tenant_id').onRef('i.id', '=', 'h.incoming_leader_id'))
    .selectAll('h')
    .select(['o.display_name as outgoing_name', 'i.display_name as incoming_name'])
    .where('h.tenant_id', '=', tenantId);
}
type Row = Awaited<ReturnType<ReturnType<typeof handoverQuery>['executeTakeFirstOrThrow']>>;
const parseList = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as HandoverTicket[];

const present = (r: Row): Handover => ({
  id: r.id,
  teamId: r.team_id,
  shiftDate: r.shift_date,
  shiftCode: r.shift_code,
  outgoingLeaderId: r.outgoing_leader_id,
  outgoingLeaderName: r.outgoing_name,
  incomingLeaderId: r.incoming_leader_id,
  incomingLeaderName: r.incoming_name,
  openTickets: parseList(r.open_tickets),
  pendingComplaints: parseList(r.pending_complaints),
  businessChanges: r.business_changes,
  systemProblems: r.system_problems,
  staffChanges: r.staff_changes,
  notes: r.notes,
  status: r.status as HandoverStatus,
  outgoingSignedAt: toIso(r.outgoing_signed_at),
  incomingSignedAt: toIso(r.incoming_signed_at),
  createdAt: toIsoRequired(r.created_at),
  version: r.version,
});

async function load(db: Db, actor: Actor, id: number): Promise<Handover> {
  const row = await handoverQuery(db, actor.tenantId).where('h.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('record');
  return present(row);
}

export async function getHandover({ db, actor, id }: Ctx & { id: number }) {
  assertCan(actor, 'handover.sign', 'workforce.approve', 'workforce.direct');
  return load(db, actor, id);
}

const teamFilter = (teamId: number | null) => sql<boolean>`coalesce(h.team_id, 0) = ${teamId ?? 0}`;

export async function openHandover({ db, actor, input }: Ctx & { input: { teamId?: number | null; shiftDate: string; shiftCode: string; businessChanges: string; systemProblems: string; staffChanges: string; notes: string } }): Promise<Handover> {
  assertCan(actor, 'handover.sign');
  const teamId = input.teamId ?? null;
  return db.transaction().execute(async (trx) => {
    const previous = await trx.selectFrom('roster_handovers as h').select(['h.status', 'h.shift_date', 'h.shift_code']).where('h.tenant_id', '=', actor.tenantId).where(teamFilter(teamId)).orderBy('h.id', 'desc').forUpdate().executeTakeFirst();
    if (previous && previous.status !== 'signed') throw ruleViolation('rosters.handover.previous_unsigned', { date: previous.shift_date, shift: previous.shift_code });
    const lists = await handoverLists(trx, actor.tenantId, teamId);
    const row = await trx
      .insertInto('roster_handovers')
      .values({
        tenant_id: actor.tenantId,
        team_id: teamId,
        shift_date: input.shiftDate,
        shift_code: input.shiftCode,
        outgoing_leader_id: actor.userId,
        open_tickets: JSON.stringify(lists.openTickets),
        pending_complaints: JSON.stringify(lists.pendingComplaints),
        business_changes: input.businessChanges,
        system_problems: input.systemProblems,
        staff_changes: input.staffChanges,
        notes: input.notes,
        status: 'open',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'handover.opened', entity: 'handover', entityId: row.id, detail: { teamId, shiftDate: input.shiftDate, shiftCode: input.shiftCode } });
    return load(trx, actor, row.id);
  });
}

/** The log still waiting for signatures (lists refreshed while the outgoing leader has not signed), or null. */
export async function currentHandover({ db, actor, teamId }: Ctx & { teamId: number | null }): Promise<{ handover: Handover | null; previous: Handover | null }> {
  assertCan(actor, 'handover.sign', 'workforce.approve', 'workforce.direct');
  const rows = await handoverQuery(db, actor.tenantId).where(teamFilter(teamId)).orderBy('h.id', 'desc').limit(1).execute();
  const last = rows[0] ? present(rows[0]) : null;
  if (!last || last.status === 'signed') return { handover: null, previous: last };
  if (last.status === 'open') Object.assign(last, await handoverLists(db, actor.tenantId, last.teamId));
  return { handover: last, previous: null };
}

async function lockOpen(trx: Db, actor: Actor, id: number, version: number) {
  const row = await trx.selectFrom('roster_handovers').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound('record');
  if (row.version !== version) throw versionConflict();
  return row;
}

export async function updateHandover({ db, actor, id, input }: Ctx & { id: number; input: { version: number; businessChanges?: string; systemProblems?: string; staffChanges?: string; notes?: string } }) {
  assertCan(actor, 'handover.sign');
  return db.transaction().execute(async (trx) => {
    const row = await lockOpen(trx, actor, id, input.version);
    if (row.status !== 'open') throw ruleViolation('rosters.handover.already_signed');
    const { version: _v, ...fields } = input;
    const changes = { business_changes: fields.businessChanges, system_problems: fields.systemProblems, staff_changes: fields.staffChanges, notes: fields.notes };
    await trx.updateTable('roster_handovers').set({ updated_at: now(), version: row.version + 1, ...changes }).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'handover.updated', entity: 'handover', entityId: id, detail: { fields: Object.keys(fields) } });
    return load(trx, actor, id);
  });
}

/** Each leader signs as themselves: the outgoing one first (the lists are frozen then), then a different incoming one. */
export async function signHandover({ db, actor, id, input }: Ctx & { id: number; input: { version: number; as: 'outgoing' | 'incoming' } }) {
  assertCan(actor, 'handover.sign');
  return db.transaction().execute(async (trx) => {
    const row = await lockOpen(trx, actor, id, input.version);
    const at = now();
    if (row.status === 'signed') throw ruleViolation('rosters.handover.already_signed');
    if (input.as === 'outgoing') {
      if (row.status !== 'open') throw ruleViolation('rosters.handover.already_signed');
      if (row.outgoing_leader_id !== actor.userId) throw ruleViolation('rosters.handover.not_outgoing');
      const lists = await handoverLists(trx, actor.tenantId, row.team_id);
      await trx
        .updateTable('roster_handovers')
        .set({ status: 'outgoing_signed', outgoing_signed_at: at, open_tickets: JSON.stringify(lists.openTickets), pending_complaints: JSON.stringify(lists.pendingComplaints), updated_at: at, version: row.version + 1 })
        .where('tenant_id', '=', actor.tenantId)
        .where('id', '=', id)
        .execute();
    } else {
      if (row.status !== 'outgoing_signed') throw ruleViolation('rosters.handover.outgoing_first');
      if (row.outgoing_leader_id === actor.userId) throw ruleViolation('rosters.handover.incoming_is_outgoing');
      await trx.updateTable('roster_handovers').set({ status: 'signed', incoming_leader_id: actor.userId, incoming_signed_at: at, updated_at: at, version: row.version + 1 }).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    }
    await writeAudit(trx, actor, { action: `handover.signed_${input.as}`, entity: 'handover', entityId: id });
    return load(trx, actor, id);
  });
}

export async function searchHandovers({ db, actor, query }: Ctx & { query: { q?: string; from?: string; to?: string; teamId?: number } }): Promise<Handover[]> {
  assertCan(actor, 'handover.sign', 'workforce.approve', 'workforce.direct');
  let q = handoverQuery(db, actor.tenantId);
  if (query.from) q = q.where('h.shift_date', '>=', query.from);
  if (query.to) q = q.where('h.shift_date', '<=', query.to);
  if (query.teamId) q = q.where('h.team_id', '=', query.teamId);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('h.business_changes', 'ilike', like),
        eb('h.system_problems', 'ilike', like),
        eb('h.staff_changes', 'ilike', like),
        eb('h.notes', 'ilike', like),
        eb('h.shift_code', 'ilike', like),
        eb('o.display_name', 'ilike', like),
        eb(sql<string>`h.open_tickets::text || h.pending_complaints::text`, 'ilike', like),
      ]),
    );
  }
  return (await q.orderBy('h.shift_date', 'desc').orderBy('h.id', 'desc').limit(200).execute()).map(present);
}
