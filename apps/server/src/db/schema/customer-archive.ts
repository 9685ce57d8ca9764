// Table types of customer-archive (merged into DB in ../schema.ts). customers.merged_into_id is on CustomersTable.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface CustomerContactsTable {
  tenant_id: number;
  id: Generated<number>;
  customer_id: number;
  channel: string;
  direction: ColumnType<string, string | undefined, string>;
  at: Timestamp;
  summary: string;
  person: string | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface CustomerArchiveTables {
  customer_contacts: CustomerContactsTable;
}
