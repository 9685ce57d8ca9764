// A serious complaint alerts the managers at once (seed 001: 立即上报客服部经理). The alert is a durable job
// enqueued with the change that makes the case serious, delivered on screen through the live bus like the
// SLA escalations; the audit row is written in the same transaction.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { enqueueJob, type JobHandler } from '../../lib/jobs/job-queue.js';
import type { LiveBus } from '../../lib/live/live-bus.js';
import { writeAudit } from '../audit/audit.service.js';

export const COMPLAINT_NOTIFY_JOB = 'complaints.notify';
export const SERIOUS_COMPLAINT_TOPIC = 'complaint.serious';

export interface SeriousComplaintNotice {
  tenantId: number;
  ticketId: number;
  number: string;
  subject: string;
  userIds: number[];
  title: string;
}

/** Active users whose role approves complaints: the managers (and the general manager). */
async function complaintManagers(db: Kysely<DB>, tenantId: number): Promise<number[]> {
  const rows = await db.selectFrom('users as u')
    .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'u.tenant_id').onRef('r.id', '=', 'u.role_id'))
    .where('u.tenant_id', '=', tenantId).where('u.active', '=', true)
    .where(sql<boolean>`r.permissions && array['complaints.approve', 'complaints.approve_serious']::text[]`)
    .select('u.id').orderBy('u.id').execute();
  return rows.map((r) => r.id);
}

/** In the caller's transaction: marks the case alerted, writes the audit row, enqueues the on-screen notice. */
export async function alertSeriousComplaint(trx: Kysely<DB>, actor: Actor, ticketId: number): Promise<void> {
  const t = actor.tenantId;
  const marked = await trx.updateTable('complaint_cases').set({ serious_alerted_at: new Date() })
    .where('tenant_id', '=', t).where('ticket_id', '=', ticketId).where('serious_alerted_at', 'is', null).returning('ticket_id').executeTakeFirst();
  if (!marked) return; // alerted once per case, however often the grade is re-judged
  const ticket = await trx.selectFrom('tickets').select(['number', 'subject']).where('tenant_id', '=', t).where('id', '=', ticketId).executeTakeFirstOrThrow();
  const userIds = await complaintManagers(trx, t);
  const notice: SeriousComplaintNotice = {
    tenantId: t, ticketId, number: ticket.number, subject: ticket.subject, userIds,
    title: `【严重投诉】工单 ${ticket.number}：${ticket.subject}`,
  };
  await writeAudit(trx, actor, { action: 'complaint.serious_alerted', entity: 'ticket', entityId: ticketId, detail: { userIds } });
  await enqueueJob(trx, { tenantId: t, kind: COMPLAINT_NOTIFY_JOB, payload: notice });
}

/** Job handlers of this module, for the background worker (sla-runtime registers them). */
export function complaintJobHandlers(live: LiveBus): Record<string, JobHandler> {
  return {
    [COMPLAINT_NOTIFY_JOB]: async ({ job }) => {
      const notice = job.payload as SeriousComplaintNotice;
      if (notice.userIds.length === 0) return;
      await live.publish({ tenantId: notice.tenantId, topic: SERIOUS_COMPLAINT_TOPIC, userIds: notice.userIds, payload: notice });
    },
  };
}
