import { CALENDAR_PRESET_NAMES, type CalendarPresetName, type SlaEscalationStep, type SlaPolicy, type SlaPolicyCreate } from '@kefu/shared';

/** The policy dialog's fields: targets in hours, the calendar as a preset or JSON text. */
export interface PolicyFormValues {
  name: string;
  typeKey?: string | null;
  priority?: SlaPolicyCreate['priority'];
  channel?: SlaPolicyCreate['channel'];
  customerGrade?: SlaPolicyCreate['customerGrade'];
  sortOrder: number;
  calendarMode: CalendarPresetName | 'custom';
  calendarJson?: string;
  timeBasis: SlaPolicyCreate['timeBasis'];
  firstReplyHours?: number | null;
  updateHours?: number | null;
  resolutionHours?: number | null;
  escalation: SlaEscalationStep[];
  active: boolean;
}

const hours = (minutes: number | null) => (minutes === null ? null : Math.round((minutes / 60) * 100) / 100);
const minutes = (h: number | null | undefined) => (h === null || h === undefined ? null : Math.round(h * 60));

export function isPreset(calendar: unknown): calendar is CalendarPresetName {
  return typeof calendar === 'string' && (CALENDAR_PRESET_NAMES as readonly string[]).includes(calendar);
}

export function formValuesOf(policy: SlaPolicy | null): PolicyFormValues {
  if (!policy) {
    return { name: '', sortOrder: 100, calendarMode: '12x7', timeBasis: 'business', escalation: [{ percent: 75, notify: 'owner', channels: ['live'] }, { percent: 100, notify: 'shift_leader', channels: ['live', 'email'] }], active: true };
  }
  return {
    name: policy.name,
    typeKey: policy.typeKey,
    priority: policy.priority as PolicyFormValues['priority'],
    channel: policy.channel as PolicyFormValues['channel'],
    customerGrade: policy.customerGrade as PolicyFormValues['customerGrade'],
    sortOrder: policy.sortOrder,
    calendarMode: isPreset(policy.calendar) ? policy.calendar : 'custom',
    calendarJson: isPreset(policy.calendar) ? undefined : JSON.stringify(policy.calendar, null, 2),
    timeBasis: policy.timeBasis,
    firstReplyHours: hours(policy.firstReplyMinutes),
    updateHours: hours(policy.updateMinutes),
    resolutionHours: hours(policy.resolutionMinutes),
    escalation: policy.escalation,
    active: policy.active,
  };
}

/** Form values → API input; throws SyntaxError when the custom calendar is not a JSON object. */
export function policyInputOf(v: PolicyFormValues): SlaPolicyCreate {
  let calendar: SlaPolicyCreate['calendar'];
  if (v.calendarMode === 'custom') {
    const parsed: unknown = JSON.parse(v.calendarJson ?? '');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SyntaxError('not an object');
    calendar = parsed as Record<string, unknown>;
  } else {
    calendar = v.calendarMode;
  }
  return {
    name: v.name.trim(),
    typeKey: v.typeKey ?? null,
    priority: v.priority ?? null,
    channel: v.channel ?? null,
    customerGrade: v.customerGrade ?? null,
    sortOrder: v.sortOrder,
    calendar,
    timeBasis: v.timeBasis,
    firstReplyMinutes: minutes(v.firstReplyHours),
    updateMinutes: minutes(v.updateHours),
    resolutionMinutes: minutes(v.resolutionHours),
    escalation: v.escalation ?? [],
    active: v.active,
  };
}
