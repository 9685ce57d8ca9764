import type { ColumnType, Generated } from 'kysely';

// Table types of the complaints domain (merged into DB in ../schema.ts).
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A jsonb column with a default; written as JSON text. */
type JsonDefault<T> = ColumnType<T, string | undefined, string>;

export interface ComplaintCasesTable {
  tenant_id: number;
  ticket_id: number;
  grade: string;
  category: string | null;
  justified: boolean | null;
  responsible_user_id: number | null;
  responsible_team_id: number | null;
  responsible_department: string | null;
  step: Generated<string>;
  approval_round: Generated<number>;
  payout_total_fen: Generated<number>;
  follow_up_result: string | null;
  step_data: JsonDefault<Record<string, Record<string, unknown>>>;
  serious_alerted_at: Timestamp | null;
  created_by: number | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
  closed_at: Timestamp | null;
  version: Generated<number>;
}

export interface ComplaintApprovalsTable {
  tenant_id: number;
  id: Generated<number>;
  ticket_id: number;
  round: number;
  level: string;
  decision: string;
  note: string | null;
  decided_by: number | null;
  decided_at: TimestampDefault;
}

export interface ComplaintPayoutsTable {
  tenant_id: number;
  id: Generated<number>;
  ticket_id: number;
  round: number;
  kind: string;
  amount_fen: number;
  note: string | null;
  approved_by: number | null;
  approved_at: Timestamp | null;
  paid_at: Timestamp | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface ComplaintPenaltiesTable {
  tenant_id: number;
  id: Generated<number>;
  ticket_id: number;
  user_id: number;
  penalty: string;
  points: number | null;
  amount_fen: number | null;
  month: string;
  staff_signed_at: Timestamp | null;
  gm_signed_by: number | null;
  gm_signed_at: Timestamp | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface ComplaintProgressTable {
  tenant_id: number;
  id: Generated<number>;
  ticket_id: number;
  at: TimestampDefault;
  author_id: number | null;
  body: string;
}

export interface ComplaintsTables {
  complaint_cases: ComplaintCasesTable;
  complaint_approvals: ComplaintApprovalsTable;
  complaint_payouts: ComplaintPayoutsTable;
  complaint_penalties: ComplaintPenaltiesTable;
  complaint_progress: ComplaintProgressTable;
}
