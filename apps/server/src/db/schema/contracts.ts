// Table types of the contracts domain (merged into DB in ../schema.ts): contracts, service staff, lending register.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A `date` column: always selected as text (`col::text`) so both drivers answer "YYYY-MM-DD". */
type DateColumn = ColumnType<string, string, string>;

export interface ContractsTable {
  tenant_id: number;
  id: Generated<number>;
  number: string;
  customer_id: number;
  our_party: string;
  title: string;
  kind: string;
  start_date: DateColumn;
  end_date: DateColumn;
  amount_fen: number;
  owner_id: number | null;
  status: string;
  reminder_days: Generated<number>;
  renewed_from_id: number | null;
  renewed_to_id: number | null;
  terminated_reason: string | null;
  note: string | null;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: TimestampDefault;
  version: Generated<number>;
}

export interface ContractRemindersTable {
  tenant_id: number;
  contract_id: number;
  end_date: DateColumn;
  due_date: DateColumn;
  owner_id: number | null;
  sent_at: TimestampDefault;
}

export interface ContractStaffTable {
  tenant_id: number;
  contract_id: number;
  staff_id: number;
}

export interface ServiceStaffTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  gender: string;
  birth_year: number | null;
  phone: string | null;
  id_card: string | null;
  skills: ColumnType<string[], string[] | undefined, string[]>;
  level: string | null;
  status: string;
  note: string | null;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: TimestampDefault;
  version: Generated<number>;
}

export interface StaffMovementsTable {
  tenant_id: number;
  id: Generated<number>;
  staff_id: number;
  kind: string;
  from_status: string | null;
  on_date: DateColumn;
  note: string | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface StaffPlacementsTable {
  tenant_id: number;
  id: Generated<number>;
  staff_id: number;
  customer_id: number;
  contract_id: number | null;
  start_date: DateColumn;
  end_date: ColumnType<string | null, string | null | undefined, string | null>;
  note: string | null;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: TimestampDefault;
  version: Generated<number>;
}

export interface StaffDeductionsTable {
  tenant_id: number;
  id: Generated<number>;
  staff_id: number;
  month: string;
  points: number;
  amount_fen: number;
  reason: string;
  ticket_id: number | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface LendingRecordsTable {
  tenant_id: number;
  id: Generated<number>;
  document_title: string;
  document_no: string | null;
  borrower_id: number;
  purpose: string;
  expected_return_date: DateColumn;
  status: string;
  requested_by: number | null;
  requested_at: TimestampDefault;
  decided_by: number | null;
  decided_at: Timestamp | null;
  reject_reason: string | null;
  lent_on: ColumnType<string | null, string | null | undefined, string | null>;
  lent_by: number | null;
  returned_on: ColumnType<string | null, string | null | undefined, string | null>;
  return_condition: string | null;
  return_note: string | null;
  returned_by: number | null;
  updated_at: TimestampDefault;
  version: Generated<number>;
}

export interface ContractsTables {
  contracts: ContractsTable;
  contract_reminders: ContractRemindersTable;
  contract_staff: ContractStaffTable;
  service_staff: ServiceStaffTable;
  staff_movements: StaffMovementsTable;
  staff_placements: StaffPlacementsTable;
  staff_deductions: StaffDeductionsTable;
  lending_records: LendingRecordsTable;
}
