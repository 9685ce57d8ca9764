// Labels of the complaint analysis export (server side: the workbook is written on the server).
import type { Locale } from '@kefu/shared';

interface Labels {
  title: (month: string) => string;
  dueBy: string; generatedAt: string; count: string; none: string; number: string; rootCause: string; improvement: string;
  sheets: { summary: string; breakdown: string; rootCauses: string };
  totals: { cases: string; serious: string; justified: string; closed: string; open: string; payout: string };
  sla: { firstReplyMetPct: string; resolutionMetPct: string; avgResolutionHours: string };
  satisfaction: { satisfied: string; unsatisfied: string; unreachable: string; justifiedRate: string; target: string };
  by: { grade: string; category: string; channel: string; team: string; responsible: string };
  grade: Record<string, string>; category: Record<string, string>; channel: Record<string, string>;
}

export const COMPLAINT_LABELS: Record<Locale, Labels> = {
  'zh-CN': {
    title: (m) => `${m.slice(0, 4)}年${Number(m.slice(5))}月投诉分析`,
    dueBy: '报送期限', generatedAt: '生成时间', count: '件数', none: '（未填）', number: '工单号', rootCause: '根本原因', improvement: '改进措施',
    sheets: { summary: '概况', breakdown: '分类统计', rootCauses: '原因分析' },
    totals: { cases: '投诉总数', serious: '严重投诉', justified: '有效投诉', closed: '已结案', open: '未结案', payout: '赔付金额（元）' },
    sla: { firstReplyMetPct: '12小时答复达标率', resolutionMetPct: '48小时解决达标率', avgResolutionHours: '平均解决时长（小时）' },
    satisfaction: { satisfied: '回访满意', unsatisfied: '回访不满意', unreachable: '回访未接通', justifiedRate: '有效投诉满意率', target: '满意率目标' },
    by: { grade: '按等级', category: '按类别', channel: '按渠道', team: '按班组', responsible: '按责任人' },
    grade: { general: '一般投诉', serious: '严重投诉' },
    category: { attitude: '服务态度', service_quality: '服务质量', billing: '收费争议', delay: '时效延误', property_loss: '财产损失', injury: '人身伤害', theft: '财物失窃', other: '其他' },
    channel: { phone: '电话', email: '邮件', web: '网页', wechat: '微信', wecom: '企业微信', qq: 'QQ', app: 'App', sms: '短信', walk_in: '来访', other: '其他' },
  },
  en: {
    title: (m) => `Complaint analysis ${m}`,
    dueBy: 'Due by', generatedAt: 'Generated', count: 'Count', none: '(not set)', number: 'Number', rootCause: 'Root cause', improvement: 'Improvement',
    sheets: { summary: 'Summary', breakdown: 'Breakdown', rootCauses: 'Root causes' },
    totals: { cases: 'Complaints', serious: 'Serious', justified: 'Justified', closed: 'Closed', open: 'Open', payout: 'Payouts (CNY)' },
    sla: { firstReplyMetPct: 'First reply met %', resolutionMetPct: 'Resolution met %', avgResolutionHours: 'Avg resolution (hours)' },
    satisfaction: { satisfied: 'Satisfied', unsatisfied: 'Unsatisfied', unreachable: 'Unreachable', justifiedRate: 'Justified satisfaction %', target: 'Target %' },
    by: { grade: 'By grade', category: 'By category', channel: 'By channel', team: 'By team', responsible: 'By responsible person' },
    grade: { general: 'General', serious: 'Serious' },
    category: { attitude: 'Attitude', service_quality: 'Service quality', billing: 'Billing', delay: 'Delay', property_loss: 'Property loss', injury: 'Injury', theft: 'Theft', other: 'Other' },
    channel: { phone: 'Phone', email: 'E-mail', web: 'Web', wechat: 'WeChat', wecom: 'WeCom', qq: 'QQ', app: 'App', sms: 'SMS', walk_in: 'Walk-in', other: 'Other' },
  },
};
