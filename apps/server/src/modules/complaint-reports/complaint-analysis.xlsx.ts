// The monthly complaint analysis as an Excel workbook, labels in the reader's language.
import ExcelJS from 'exceljs';
import type { ComplaintAnalysis, ComplaintReportBucket, Locale } from '@kefu/shared';
import { COMPLAINT_LABELS } from './complaint-labels.js';

export async function complaintAnalysisWorkbook(a: ComplaintAnalysis, locale: Locale): Promise<Buffer> {
  const L = COMPLAINT_LABELS[locale];
  const book = new ExcelJS.Workbook();
  book.creator = 'Kefu';
  const summary = book.addWorksheet(L.sheets.summary);
  summary.addRow([L.title(a.month)]).font = { bold: true, size: 14 };
  summary.addRow([L.dueBy, a.dueBy, L.generatedAt, a.generatedAt.slice(0, 16).replace('T', ' ')]);
  summary.addRow([]);
  const t = a.totals;
  const pct = (v: number | null) => (v === null ? '' : v / 100);
  const rows: Array<[string, number | string]> = [
    [L.totals.cases, t.cases], [L.totals.serious, t.serious], [L.totals.justified, t.justified], [L.totals.closed, t.closed], [L.totals.open, t.open],
    [L.totals.payout, t.payoutFen / 100],
    [L.sla.firstReplyMetPct, pct(a.sla.firstReplyMetPct)], [L.sla.resolutionMetPct, pct(a.sla.resolutionMetPct)], [L.sla.avgResolutionHours, a.sla.avgResolutionHours ?? ''],
    [L.satisfaction.satisfied, a.satisfaction.satisfied], [L.satisfaction.unsatisfied, a.satisfaction.unsatisfied], [L.satisfaction.unreachable, a.satisfaction.unreachable],
    [L.satisfaction.justifiedRate, pct(a.satisfaction.justifiedRate)], [L.satisfaction.target, a.satisfaction.target / 100],
  ];
  for (const [label, value] of rows) {
    const row = summary.addRow([label, value]);
    if (label.includes('%') || label.includes('率')) row.getCell(2).numFmt = '0.0%';
  }
  summary.getColumn(1).width = 28;
  summary.getColumn(2).width = 14;

  const buckets = book.addWorksheet(L.sheets.breakdown);
  const section = (title: string, items: ComplaintReportBucket[], name: (b: ComplaintReportBucket) => string) => {
    buckets.addRow([title, L.count]).font = { bold: true };
    for (const b of items) buckets.addRow([name(b), b.count]);
    buckets.addRow([]);
  };
  section(L.by.grade, a.byGrade, (b) => L.grade[b.key ?? ''] ?? L.none);
  section(L.by.category, a.byCategory, (b) => L.category[b.key ?? ''] ?? L.none);
  section(L.by.channel, a.byChannel, (b) => L.channel[b.key ?? ''] ?? b.key ?? L.none);
  section(L.by.team, a.byTeam, (b) => b.name ?? L.none);
  section(L.by.responsible, a.byResponsible, (b) => b.name ?? L.none);
  buckets.getColumn(1).width = 24;

  const causes = book.addWorksheet(L.sheets.rootCauses);
  causes.addRow([L.number, L.by.category, L.rootCause, L.improvement]).font = { bold: true };
  for (const c of a.rootCauses) causes.addRow([c.number, L.category[c.category ?? ''] ?? L.none, c.rootCause, c.improvement ?? '']);
  causes.columns.forEach((col, i) => { col.width = i < 2 ? 16 : 40; });
  return Buffer.from(await book.xlsx.writeBuffer());
}
