import ExcelJS from 'exceljs';
import { SATISFACTION_LABELS_ZH, SATISFACTION_LEVELS, type CallbackMetrics, type CallbackStats } from '@kefu/shared';

const percent = (v: number | null) => (v === null ? '' : v);

const METRIC_HEADERS = ['回访数', '待回访', '已完成', '无法接通', '拒访', '完成率', ...SATISFACTION_LEVELS.map((l) => SATISFACTION_LABELS_ZH[l]), '满意度作答数', '满意率', '平均评分'];

function metricCells(m: CallbackMetrics): Array<string | number> {
  return [
    m.items, m.pending, m.done, m.unreachable, m.refused, percent(m.completionRate),
    ...SATISFACTION_LEVELS.map((l) => m.satisfaction[l]), m.answered, percent(m.satisfactionRate), m.averageRating ?? '',
  ];
}

function addTable(book: ExcelJS.Workbook, title: string, firstHeader: string, rows: Array<{ name: string } & CallbackMetrics>, total: CallbackMetrics) {
  const sheet = book.addWorksheet(title);
  sheet.addRow([firstHeader, ...METRIC_HEADERS]).font = { bold: true };
  for (const r of rows) sheet.addRow([r.name, ...metricCells(r)]);
  sheet.addRow(['合计', ...metricCells(total)]).font = { bold: true };
  formatSheet(sheet, [7, 14]);
}

/** Ratio columns (1-based) shown as percentages; widths fitted to Chinese headers. */
function formatSheet(sheet: ExcelJS.Worksheet, ratioColumns: number[]) {
  for (let i = 1; i <= sheet.columnCount; i += 1) {
    const column = sheet.getColumn(i);
    column.width = i === 1 ? 24 : 12;
    if (ratioColumns.includes(i)) column.numFmt = '0.00%';
  }
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/** 回访统计 workbook: per campaign, per agent, and the month's satisfaction surveys; headers in Chinese. */
export async function callbackStatsWorkbook(stats: CallbackStats): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Kefu';
  addTable(book, '按回访任务', '回访任务', stats.campaigns, stats.total);
  addTable(book, '按坐席', '坐席', stats.agents, stats.total);
  const s = stats.surveys;
  const sheet = book.addWorksheet('满意度调查');
  sheet.addRow(['统计月份', '发送数', '回复数', '回复率', ...SATISFACTION_LEVELS.map((l) => SATISFACTION_LABELS_ZH[l]), '满意率', '电话回复', '链接回复']).font = { bold: true };
  sheet.addRow([stats.month, s.sent, s.answered, percent(s.responseRate), ...SATISFACTION_LEVELS.map((l) => s.satisfaction[l]), percent(s.satisfactionRate), s.byChannel.phone, s.byChannel.link]);
  formatSheet(sheet, [4, 10]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
