import type { TFunction } from 'i18next';
import type { TicketEvent } from '@kefu/shared';
import { TICKET_STATUSES } from '@kefu/shared';
import type { DirectoryLookup } from '../../directory/useDirectory';

export const KNOWN_EVENTS = [
  'created',
  'contact_revealed',
  'status_changed',
  'assigned',
  'field_changed',
  'note_added',
  'attachment_added',
  'attachment_deleted',
  'transferred',
  'transfer_answered',
  'callback_done',
  'callback',
  'updated',
  'merged',
  'merged_into',
  'linked',
  'unlinked',
  'reopened',
  'checklist_changed',
  'step_completed',
] as const;
type KnownEvent = (typeof KNOWN_EVENTS)[number];

/** Ticket fields (API names) → labels under ticket.field. */
const FIELD_LABELS = {
  subject: 'subject',
  description: 'description',
  type: 'type',
  priority: 'priority',
  channel: 'channel',
  customerId: 'customer',
  contactName: 'contactName',
  contactPhone: 'contactPhone',
  eventTime: 'eventTime',
  eventPlace: 'eventPlace',
  eventPerson: 'eventPerson',
  tags: 'tags',
  custom: 'custom',
  teamId: 'team',
  skillGroupId: 'skillGroup',
  assigneeId: 'assignee',
} as const;

const isKnown = (kind: string): kind is KnownEvent => (KNOWN_EVENTS as readonly string[]).includes(kind);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : undefined);
const nameOf = (value: unknown): string | undefined =>
  str(value) ?? (value && typeof value === 'object' && 'name' in value ? str((value as { name: unknown }).name) : undefined);

/** A sentence and detail lines for one history entry; tolerant of what each kind carries in `data`. */
export function describeEvent(
  event: TicketEvent,
  t: TFunction,
  lookup: DirectoryLookup,
  context: { stepName?: (key: string) => string; transferDepartment?: (transferId: number) => string | undefined } = {},
): { title: string; details: string[] } {
  const stepName = context.stepName ?? ((key: string) => key);
  const d = event.data;
  const status = (value: unknown) => {
    const s = str(value);
    return s && (TICKET_STATUSES as readonly string[]).includes(s) ? t(`status.${s as (typeof TICKET_STATUSES)[number]}`) : (s ?? '—');
  };
  const details: string[] = [];
  const reason = str(d.reason) ?? str(d.statusReason);
  if (reason) details.push(t('events.detail.reason', { reason }));

  if (!isKnown(event.kind)) return { title: event.kind, details };
  switch (event.kind) {
    case 'status_changed':
      return { title: t('events.status_changed', { from: status(d.from), to: status(d.to) }), details };
    case 'assigned': {
      const assigneeId = typeof d.to === 'number' ? d.to : typeof d.assigneeId === 'number' ? d.assigneeId : null;
      const assignee = nameOf(d.assignee) ?? (assigneeId !== null ? lookup.userName(assigneeId) : undefined);
      const group = typeof d.skillGroupId === 'number' ? lookup.skillGroupName(d.skillGroupId) : undefined;
      if (group) details.push(t('events.detail.skillGroup', { group }));
      return { title: assignee ? t('events.assigned', { name: assignee }) : t('events.unassigned'), details };
    }
    case 'field_changed':
    case 'updated': {
      const fields = Array.isArray(d.fields) ? d.fields.map(String) : d.changes && typeof d.changes === 'object' ? Object.keys(d.changes) : [];
      const labels = fields.map((f) => (f in FIELD_LABELS ? t(`ticket.field.${FIELD_LABELS[f as keyof typeof FIELD_LABELS]}`) : f));
      return { title: t('events.field_changed', { fields: labels.join(t('events.listSeparator')) || '—' }), details };
    }
    case 'transferred': {
      const department = nameOf(d.department) ?? (typeof d.departmentId === 'number' ? lookup.departmentName(d.departmentId) : '—');
      const request = str(d.request);
      if (request) details.push(request);
      return { title: t('events.transferred', { department }), details };
    }
    case 'transfer_answered': {
      const department =
        nameOf(d.department) ??
        (typeof d.departmentId === 'number' ? lookup.departmentName(d.departmentId) : undefined) ??
        (typeof d.transferId === 'number' ? context.transferDepartment?.(d.transferId) : undefined) ??
        '—';
      const answer = str(d.answer);
      if (answer) details.push(answer);
      return { title: t('events.transfer_answered', { department }), details };
    }
    case 'callback':
    case 'callback_done': {
      const outcome = str(d.outcome);
      const note = str(d.note);
      if (note) details.push(note);
      const label = outcome === 'accepted' || outcome === 'declined' || outcome === 'unreachable' ? t(`ticket.callback.${outcome}`) : (outcome ?? '—');
      return { title: t('events.callback_done', { outcome: label }), details };
    }
    case 'note_added': {
      const excerpt = str(d.excerpt);
      if (excerpt) details.push(excerpt);
      return { title: t(d.internal ? 'events.internal_note_added' : 'events.note_added'), details };
    }
    case 'checklist_changed':
      return { title: t(d.checked ? 'events.checklist_checked' : 'events.checklist_unchecked', { step: stepName(str(d.step) ?? '') }), details };
    case 'step_completed': {
      const note = str(d.note);
      if (note) details.push(note);
      return { title: t('events.step_completed', { step: stepName(str(d.step) ?? '') }), details };
    }
    case 'attachment_added':
      return { title: t('events.attachment_added', { name: str(d.filename) ?? '' }), details };
    case 'attachment_deleted':
      return { title: t('events.attachment_deleted', { name: str(d.filename) ?? '' }), details };
    case 'merged': {
      const sources = Array.isArray(d.sources) ? d.sources.map((x) => nameOf((x as { number?: unknown }).number) ?? '') : [];
      return { title: t('events.merged', { numbers: sources.join(t('events.listSeparator')) }), details };
    }
    case 'merged_into':
      return { title: t('events.merged_into', { number: str(d.targetNumber) ?? `#${str(d.targetId) ?? ''}` }), details };
    case 'linked':
    case 'unlinked':
      return { title: t(`events.${event.kind}`, { number: str(d.otherNumber) ?? str(d.number) ?? `#${str(d.otherId) ?? ''}` }), details };
    default:
      return { title: t(`events.${event.kind}`), details };
  }
}
