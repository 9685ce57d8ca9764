import type { ColumnType } from 'kysely';

export interface ComplaintReportsTable {
  tenant_id: number;
  month: string;
  generated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  due_by: ColumnType<string, string, string>;
  data: ColumnType<unknown, string, string>;
}

export interface ComplaintReportsTables {
  complaint_reports: ComplaintReportsTable;
}
