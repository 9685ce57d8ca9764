import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { CallMetrics, CallStats, CallStatsGroup, Locale } from '@kefu/shared';

/** The columns of the 话务统计 export, in the order of the page's table; rates as fractions, times in seconds. */
const COLUMNS: Array<{ key: keyof CallMetrics; zh: string; en: string; kind: 'count' | 'rate' | 'seconds' }> = [
  { key: 'offered', zh: '呼入量', en: 'Offered', kind: 'count' },
  { key: 'answered', zh: '接通量', en: 'Answered', kind: 'count' },
  { key: 'abandoned', zh: '放弃量', en: 'Abandoned', kind: 'count' },
  { key: 'shortAbandoned', zh: '短时放弃', en: 'Short abandons', kind: 'count' },
  { key: 'answeredWithinThreshold', zh: '及时接通', en: 'Answered in time', kind: 'count' },
  { key: 'connectRate', zh: '接通率', en: 'Connect rate', kind: 'rate' },
  { key: 'serviceLevel', zh: '服务水平', en: 'Service level', kind: 'rate' },
  { key: 'abandonRate', zh: '放弃率', en: 'Abandon rate', kind: 'rate' },
  { key: 'asa', zh: '平均应答速度（秒）', en: 'ASA (s)', kind: 'seconds' },
  { key: 'aht', zh: '平均处理时长（秒）', en: 'AHT (s)', kind: 'seconds' },
  { key: 'avgTalk', zh: '平均通话（秒）', en: 'Avg talk (s)', kind: 'seconds' },
  { key: 'longestWait', zh: '最长等待（秒）', en: 'Longest wait (s)', kind: 'seconds' },
  { key: 'occupancy', zh: '占用率', en: 'Occupancy', kind: 'rate' },
  { key: 'outbound', zh: '呼出量', en: 'Outbound', kind: 'count' },
  { key: 'outboundConnected', zh: '呼出接通', en: 'Outbound connected', kind: 'count' },
];

const GROUP_HEADERS: Record<CallStatsGroup | 'totals', { zh: string; en: string }> = {
  totals: { zh: '统计范围', en: 'Period' },
  interval15: { zh: '时段（15 分钟）', en: '15-minute interval' },
  interval30: { zh: '时段（30 分钟）', en: '30-minute interval' },
  interval60: { zh: '时段（1 小时）', en: 'Hour' },
  day: { zh: '日期', en: 'Day' },
  queue: { zh: '队列', en: 'Queue' },
  agent: { zh: '坐席', en: 'Agent' },
  team: { zh: '班组', en: 'Team' },
};

const lang = (locale: Locale) => (locale === 'en' ? 'en' : 'zh');

/** The rows of the export: a header, one row per group, the totals last. */
function tableRows(stats: CallStats, locale: Locale, periodLabel: string): { header: string[]; rows: Array<{ label: string; metrics: CallMetrics; total: boolean }> } {
  const l = lang(locale);
  const header = [GROUP_HEADERS[stats.groupBy ?? 'totals'][l], ...COLUMNS.map((c) => c[l])];
  const rows = stats.groups.map((g) => ({ label: g.label, metrics: g as CallMetrics, total: false }));
  rows.push({ label: stats.groupBy ? (l === 'en' ? 'Total' : '合计') : periodLabel, metrics: stats.totals, total: true });
  return { header, rows };
}

/** "2026-11-01 – 2026-11-30" in the center's time zone (the last day is the one before `to`). */
export function periodLabelOf(stats: CallStats): string {
  const day = (iso: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: stats.timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
  const first = day(stats.from);
  const last = day(new Date(new Date(stats.to).getTime() - 1).toISOString());
  return first === last ? first : `${first} – ${last}`;
}

/** CSV (UTF-8 with BOM, so Excel reads the Chinese headers): rates as percentages, times in seconds. */
export function callStatsCsv(stats: CallStats, locale: Locale): Buffer {
  const { header, rows } = tableRows(stats, locale, periodLabelOf(stats));
  const cell = (kind: string, v: number | null) => (v === null ? '' : kind === 'rate' ? `${(v * 100).toFixed(2)}%` : v);
  const lines = rows.map((r) => [r.label, ...COLUMNS.map((c) => cell(c.kind, r.metrics[c.key] as number | null))]);
  return Buffer.from(`\uFEFF${stringify([header, ...lines])}`);
}

/** The same table as an Excel workbook: numbers stay numbers, rates formatted as percentages. */
export async function callStatsWorkbook(stats: CallStats, locale: Locale): Promise<Buffer> {
  const { header, rows } = tableRows(stats, locale, periodLabelOf(stats));
  const book = new ExcelJS.Workbook();
  book.creator = 'Kefu';
  const sheet = book.addWorksheet(locale === 'en' ? 'Call statistics' : '话务统计');
  sheet.addRow(header).font = { bold: true };
  for (const r of rows) {
    const row = sheet.addRow([r.label, ...COLUMNS.map((c) => (r.metrics[c.key] as number | null) ?? null)]);
    if (r.total) row.font = { bold: true };
  }
  COLUMNS.forEach((c, i) => {
    const column = sheet.getColumn(i + 2);
    column.width = Math.max(10, c[lang(locale)].length * (locale === 'en' ? 1.1 : 2) + 2);
    if (c.kind === 'rate') column.numFmt = '0.00%';
  });
  sheet.getColumn(1).width = 26;
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 1 }];
  const note = locale === 'en'
    ? `Period ${periodLabelOf(stats)} (${stats.timezone}); service level: answered within ${stats.thresholdSeconds} s; short abandons: within ${stats.shortAbandonSeconds} s`
    : `统计期间 ${periodLabelOf(stats)}（${stats.timezone}）；服务水平：${stats.thresholdSeconds} 秒内接通；短时放弃：${stats.shortAbandonSeconds} 秒内挂断`;
  sheet.addRow([]);
  sheet.addRow([note]).font = { italic: true, color: { argb: 'FF666666' } };
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function callStatsFileName(stats: CallStats, format: 'xlsx' | 'csv', locale: Locale): string {
  const period = periodLabelOf(stats).replace(' – ', '_');
  return `${locale === 'en' ? 'call-statistics' : '话务统计'}-${period}${stats.groupBy ? `-${stats.groupBy}` : ''}.${format}`;
}
