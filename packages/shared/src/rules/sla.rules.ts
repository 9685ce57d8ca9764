import type { RuleMessages } from './rule-messages.js';

/** Words of SLA errors (validation details of the SLA report). */
export const slaRules = {
  'zh-CN': {
    sla_report_from: '开始日期（from）无效，格式为 YYYY-MM-DD',
    sla_report_to: '结束日期（to）无效，格式为 YYYY-MM-DD',
    sla_report_range: '统计时段无效：结束日期不能早于开始日期，且不超过 366 天',
    calendar_start: '开始时间（start）不是有效的 ISO 8601 时间，例如 2026-09-30T17:00:00+08:00',
  },
  en: {
    sla_report_from: 'from is not a valid date (YYYY-MM-DD)',
    sla_report_to: 'to is not a valid date (YYYY-MM-DD)',
    sla_report_range: 'invalid period: to must not be before from, and at most 366 days',
    calendar_start: 'start is not an ISO 8601 date-time (e.g. 2026-09-30T17:00:00+08:00)',
  },
} satisfies RuleMessages;
