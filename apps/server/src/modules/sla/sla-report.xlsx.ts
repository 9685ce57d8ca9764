// The SLA report as an Excel workbook: the grouped table and one row per work order, headers in the reader's language.
import ExcelJS from 'exceljs';
import type { Locale, SlaReport, SlaReportRow } from '@kefu/shared';
import type { SlaRecordRow } from './sla-report.repo.js';

const HEADERS: Record<Locale, { group: Record<SlaReport['groupBy'], string>; total: string; unknown: string; columns: string[]; records: string[]; sheets: [string, string] }> = {
  'zh-CN': {
    group: { agent: '坐席', team: '班组' }, total: '合计', unknown: '（未分配）',
    columns: ['工单数', '已解决', '未解决', '按时解决', '超时', '解决达标率', '首次响应达标', '首次响应超时', '首次响应达标率', '平均首次响应（分钟）', '平均解决时长（分钟）', '暂停时长（分钟）'],
    records: ['工单号', '标题', '类型', '状态', '处理人', '班组', 'SLA 策略', '开始', '首次响应期限', '首次响应', '解决期限', '解决', '暂停（分钟）', '超时项'],
    sheets: ['SLA 汇总', '工单明细'],
  },
  en: {
    group: { agent: 'Agent', team: 'Team' }, total: 'Total', unknown: '(unassigned)',
    columns: ['Orders', 'Resolved', 'Open', 'Met', 'Breached', 'Met %', 'First reply met', 'First reply breached', 'First reply met %', 'Avg first reply (min)', 'Avg resolution (min)', 'Paused (min)'],
    records: ['Number', 'Subject', 'Type', 'Status', 'Holder', 'Team', 'SLA policy', 'Started', 'First reply due', 'First reply', 'Resolution due', 'Resolved', 'Paused (min)', 'Breached'],
    sheets: ['SLA summary', 'Work orders'],
  },
};

const cells = (r: SlaReportRow) => [
  r.orders, r.resolved, r.open, r.met, r.breached, r.metPct === null ? '' : r.metPct / 100,
  r.firstReplyMet, r.firstReplyBreached, r.firstReplyMetPct === null ? '' : r.firstReplyMetPct / 100,
  r.avgFirstReplyMinutes ?? '', r.avgResolutionMinutes ?? '', r.pausedMinutes,
];

export async function slaReportWorkbook(report: SlaReport, records: readonly SlaRecordRow[], locale: Locale, zone: string): Promise<Buffer> {
  const h = HEADERS[locale];
  const book = new ExcelJS.Workbook();
  book.creator = 'Kefu';
  const summary = book.addWorksheet(h.sheets[0]);
  summary.addRow([`${report.from} – ${report.to}`]);
  summary.addRow([h.group[report.groupBy], ...h.columns]).font = { bold: true };
  for (const r of report.rows) summary.addRow([r.name ?? h.unknown, ...cells(r)]);
  summary.addRow([h.total, ...cells(report.totals)]).font = { bold: true };
  summary.columns.forEach((c, i) => {
    c.width = i === 0 ? 20 : 12;
    if (i === 6 || i === 9) c.numFmt = '0.0%';
  });
  const detail = book.addWorksheet(h.sheets[1]);
  detail.addRow(h.records).font = { bold: true };
  // Excel has no time zones: times are written as the tenant's local wall-clock time.
  const local = (d: Date | null) => (d === null ? '' : d.toLocaleString('sv-SE', { timeZone: zone }).slice(0, 16));
  for (const r of records) {
    detail.addRow([r.number, r.subject, r.type_key, r.status, r.holder ?? '', r.team ?? '', r.policy_name, local(r.started_at), local(r.first_reply_due_at),
      local(r.first_reply_at), local(r.resolution_due_at), local(r.resolved_at), Math.round(r.paused_minutes), r.breached.join(', ')]);
  }
  detail.columns.forEach((c, i) => { c.width = i === 1 ? 30 : 16; });
  detail.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}
