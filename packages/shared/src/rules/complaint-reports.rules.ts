import type { RuleMessages } from './rule-messages.js';

export const complaintReportsRules = {
  'zh-CN': {
    complaint_report_month_running: '本月尚未结束，不能生成月度分析（可直接查看实时数据）',
  },
  en: {
    complaint_report_month_running: 'The month is not over yet; its analysis cannot be stored (view the live figures instead)',
  },
} satisfies RuleMessages;
