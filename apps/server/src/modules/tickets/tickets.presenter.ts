import type { Priority, Ticket, TicketStatus, Channel } from '@kefu/shared';
import type { Actor } from '../../lib/actor.js';
import { toIso, toIsoRequired } from '../../lib/clock.js';
import { displayPhone } from '../pii/pii-fields.js';
import type { TicketViewRow } from './tickets.repo.js';
import { presentSla } from '../sla/ticket-sla.service.js';

export function presentTicket(row: TicketViewRow, actor: Actor): Ticket {
  return {
    id: row.id,
    number: row.number,
    type: row.type_key,
    subject: row.subject,
    description: row.description,
    status: row.status as TicketStatus,
    priority: row.priority as Priority,
    channel: row.channel as Channel,
    customer: row.customer_id !== null && row.customer_name !== null ? { id: row.customer_id, name: row.customer_name, grade: row.customer_grade } : null,
    contactName: row.contact_name,
    // Always masked: the full number comes only from the audited reveal (revealTicketContact).
    contactPhone: displayPhone(row.contact_phone),
    contactPhoneMasked: Boolean(row.contact_phone),
    eventTime: toIso(row.event_time),
    eventPlace: row.event_place,
    eventPerson: row.event_person,
    responsible: row.responsible_id !== null ? { id: row.responsible_id, name: row.responsible_name ?? '' } : null,
    assignee: row.assignee_id !== null ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    teamId: row.team_id,
    skillGroupId: row.skill_group_id,
    department: row.department_id !== null ? { id: row.department_id, name: row.department_name ?? '' } : null,
    transferDueAt: toIso(row.transfer_due_at),
    callbackPending: row.callback_pending,
    answeredOnSpot: row.answered_on_spot,
    tags: row.tags,
    custom: row.custom,
    mergedIntoId: row.merged_into_id,
    process: row.process,
    createdAt: toIsoRequired(row.created_at),
    updatedAt: toIsoRequired(row.updated_at),
    resolvedAt: toIso(row.resolved_at),
    closedAt: toIso(row.closed_at),
    reopenCount: row.reopen_count,
    version: row.version,
    sla: presentSla(row),
  };
}
