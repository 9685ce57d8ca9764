// The SLA timers: ticket_sla.next_escalation_at is each open order's next timer. Every Kefu process sweeps due
// rows with `for update skip locked`; taking a step raises escalation_level, writes the audit row and enqueues
// the notification jobs in one transaction, so each step happens exactly once however many processes sweep.
import type { Kysely } from 'kysely';
import { PERMISSIONS, type SlaEscalationStep } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { systemActor } from '../../lib/actor.js';
import { now, toIso } from '../../lib/clock.js';
import { enqueueJob } from '../../lib/jobs/job-queue.js';
import { writeAudit } from '../audit/audit.service.js';
import { SLA_NOTIFY_JOB, type EscalationNotice, type NotifyJobPayload } from './sla-notify.js';
import { recomputeSla, type TicketSlaRow } from './ticket-sla.service.js';

async function recipients(trx: Kysely<DB>, tenantId: number, step: SlaEscalationStep, ticket: { assignee_id: number | null; responsible_id: number | null; team_id: number | null }) {
  let ids: number[] = [];
  if (step.notify === 'owner') {
    const owner = ticket.assignee_id ?? ticket.responsible_id;
    ids = owner === null ? [] : [owner];
  } else if (step.notify === 'shift_leader') {
    if (ticket.team_id !== null) {
      const team = await trx.selectFrom('teams').select('leader_id').where('tenant_id', '=', tenantId).where('id', '=', ticket.team_id).executeTakeFirst();
      if (team?.leader_id) ids = [team.leader_id];
    }
  } else {
    const managers = await trx.selectFrom('users as u').innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'u.tenant_id').onRef('r.id', '=', 'u.role_id'))
      .select('u.id').where('u.tenant_id', '=', tenantId).where('r.key', '=', 'manager').where('u.active', '=', true).execute();
    ids = managers.map((m) => m.id);
  }
  if (ids.length === 0) return { userIds: [], emails: [] };
  const users = await trx.selectFrom('users').select(['id', 'email']).where('tenant_id', '=', tenantId).where('id', 'in', ids).where('active', '=', true).execute();
  return { userIds: users.map((u) => u.id), emails: users.map((u) => u.email).filter((e): e is string => Boolean(e)) };
}

/** Takes every escalation step due at `at` (up to `limit` orders); answers how many steps were taken. */
export async function escalateDueSlas({ db, at = now(), limit = 200 }: { db: Kysely<DB>; at?: Date; limit?: number }): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const due = await trx.selectFrom('ticket_sla as s')
      .innerJoin('tickets as t', (j) => j.onRef('t.tenant_id', '=', 's.tenant_id').onRef('t.id', '=', 's.ticket_id'))
      .selectAll('s')
      .select(['t.number', 't.subject', 't.assignee_id', 't.responsible_id', 't.team_id'])
      .where('s.next_escalation_at', '<=', at)
      .orderBy('s.next_escalation_at')
      .limit(limit)
      .forUpdate('s').skipLocked()
      .execute();
    for (const row of due) {
      const ladder = [...(row.escalation as SlaEscalationStep[])].sort((a, b) => a.percent - b.percent);
      const step = ladder[row.escalation_level];
      const level = row.escalation_level + 1;
      const breached = step && step.percent >= 100 && !row.breached.includes('resolution') ? [...row.breached, 'resolution'] : row.breached;
      const pauses = await trx.selectFrom('ticket_sla_pauses').select(['started_at', 'ended_at']).where('tenant_id', '=', row.tenant_id).where('ticket_id', '=', row.ticket_id).execute();
      const next = recomputeSla(Object.assign({}, row as TicketSlaRow, { escalation_level: level }), pauses.map((p) => ({ from: p.started_at, to: p.ended_at })));
      await trx.updateTable('ticket_sla').set({ escalation_level: level, breached, next_escalation_at: next.next_escalation_at, updated_at: at })
        .where('tenant_id', '=', row.tenant_id).where('ticket_id', '=', row.ticket_id).execute();
      if (!step) continue;
      const { userIds, emails } = await recipients(trx, row.tenant_id, step, row);
      const notice: EscalationNotice = {
        tenantId: row.tenant_id, ticketId: row.ticket_id, number: row.number, subject: row.subject,
        percent: step.percent, notify: step.notify, userIds, emails, resolutionDueAt: toIso(row.resolution_due_at),
      };
      for (const channel of step.channels) {
        const payload: NotifyJobPayload = { channel, notice };
        await enqueueJob(trx, { tenantId: row.tenant_id, kind: SLA_NOTIFY_JOB, payload, runAt: at });
      }
      await writeAudit(trx, systemActor(row.tenant_id, PERMISSIONS), {
        action: 'ticket.sla_escalated', entity: 'ticket', entityId: row.ticket_id,
        detail: { level, percent: step.percent, notify: step.notify, userIds, channels: step.channels },
      });
    }
    return due.length;
  });
}
