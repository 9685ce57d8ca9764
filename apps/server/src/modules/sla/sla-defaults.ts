import type { SlaPolicyCreate } from '@kefu/shared';
import { DEFAULT_ESCALATION_LADDER } from './sla-clock.js';

const HOUR = 60;

/**
 * The policies every department starts with (seeded by ensureTenant, keyed by builtinKey so a restart adds only
 * what is missing and never overwrites an administrator's edits).
 */
export const DEFAULT_SLA_POLICIES: Array<SlaPolicyCreate & { builtinKey: string }> = [
  {
    // Seed 000: "对于用户投诉处理必须在 12 小时内答复,并在 48 小时内解决"; seed 001: progress every 24 h. Round the clock.
    builtinKey: 'complaint', name: '投诉 (12 h 答复 / 48 h 解决)', typeKey: 'complaint', priority: null, channel: null, customerGrade: null,
    sortOrder: 10, calendar: '24x7', timeBasis: 'calendar',
    firstReplyMinutes: 12 * HOUR, updateMinutes: 24 * HOUR, resolutionMinutes: 48 * HOUR,
    escalation: DEFAULT_ESCALATION_LADDER, active: true,
  },
  {
    builtinKey: 'urgent', name: '紧急工单', typeKey: null, priority: 'urgent', channel: null, customerGrade: null,
    sortOrder: 20, calendar: '24x7', timeBasis: 'calendar',
    firstReplyMinutes: 1 * HOUR, updateMinutes: 4 * HOUR, resolutionMinutes: 8 * HOUR,
    escalation: DEFAULT_ESCALATION_LADDER, active: true,
  },
  {
    // Counted in the service hours of seed 000 ("客服工作时间为 12*7 小时").
    builtinKey: 'consultation', name: '咨询', typeKey: 'consultation', priority: null, channel: null, customerGrade: null,
    sortOrder: 30, calendar: '12x7', timeBasis: 'business',
    firstReplyMinutes: 2 * HOUR, updateMinutes: null, resolutionMinutes: 24 * HOUR,
    escalation: DEFAULT_ESCALATION_LADDER, active: true,
  },
  {
    builtinKey: 'default', name: '默认', typeKey: null, priority: null, channel: null, customerGrade: null,
    sortOrder: 1000, calendar: '12x7', timeBasis: 'business',
    firstReplyMinutes: 4 * HOUR, updateMinutes: 24 * HOUR, resolutionMinutes: 48 * HOUR,
    escalation: DEFAULT_ESCALATION_LADDER, active: true,
  },
];
