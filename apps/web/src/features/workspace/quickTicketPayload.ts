import type { Dayjs } from 'dayjs';
import type { Channel, CustomFieldDef, Priority, TicketCreate } from '@kefu/shared';
import { toCustomPayload } from '../tickets/components/customValues';

export type Mode = 'spot' | 'followUp';

export interface QuickTicketValues {
  phone?: string;
  contactName?: string;
  createCustomer?: boolean;
  type: string;
  subject: string;
  description?: string;
  priority: Priority;
  channel: Channel;
  mode: Mode;
  answer?: string;
  eventTime?: Dayjs;
  eventPlace?: string;
  eventPerson?: string;
  contactPhone?: string;
  custom?: Record<string, string | number | boolean | Dayjs | null>;
}

/** The API names the five facts of seed 002; these are the inputs that hold them. */
export const MISSING_FIELD_INPUTS: Record<string, keyof QuickTicketValues> = {
  time: 'eventTime',
  place: 'eventPlace',
  person: 'eventPerson',
  event: 'description',
  contactPhone: 'contactPhone',
  answer: 'answer',
};

/** The quick form's values → POST /tickets. Follow-up orders carry the five facts; on-the-spot ones the answer. */
export function toTicketCreate(
  values: QuickTicketValues,
  context: { customerId?: number; isUnknownCaller: boolean; customFields: CustomFieldDef[] },
): TicketCreate {
  const phone = values.phone?.trim() || undefined;
  const followUp = values.mode === 'followUp';
  return {
    type: values.type,
    subject: values.subject,
    description: values.description ?? '',
    priority: values.priority,
    channel: values.channel,
    customerId: context.customerId,
    contactName: values.contactName?.trim() || undefined,
    contactPhone: (followUp ? values.contactPhone?.trim() : phone) || phone,
    answeredOnSpot: !followUp,
    answer: followUp ? undefined : values.answer,
    eventTime: followUp ? values.eventTime?.toISOString() : undefined,
    eventPlace: followUp ? values.eventPlace : undefined,
    eventPerson: followUp ? values.eventPerson : undefined,
    createCustomer: !context.customerId && context.isUnknownCaller ? Boolean(values.createCustomer) : undefined,
    custom: context.customFields.length ? toCustomPayload(context.customFields, values.custom) : undefined,
  };
}
