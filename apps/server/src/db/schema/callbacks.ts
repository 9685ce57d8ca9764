import type { ColumnType, Generated } from 'kysely';

// Table types of the callbacks domain (merged into DB in ../schema.ts).
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A jsonb column with a default; written as JSON text. */
type JsonDefault<T> = ColumnType<T, string | undefined, string>;

export interface CallbackCampaignsTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  purpose: Generated<string>;
  script: Generated<string>;
  questions: JsonDefault<unknown[]>;
  target: JsonDefault<Record<string, unknown>>;
  max_attempts: Generated<number>;
  retry_minutes: Generated<number>;
  status: Generated<string>;
  generated_at: Timestamp | null;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: TimestampDefault;
  version: Generated<number>;
}

export interface CallbackItemsTable {
  tenant_id: number;
  id: Generated<number>;
  campaign_id: number;
  customer_id: number | null;
  ticket_id: number | null;
  assignee_id: number | null;
  status: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp | null;
  answers: JsonDefault<Record<string, string | number>>;
  satisfaction: string | null;
  rating: number | null;
  note: string | null;
  last_attempt_at: Timestamp | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
  version: Generated<number>;
}

export interface SurveysTable {
  tenant_id: number;
  id: Generated<number>;
  ticket_id: number | null;
  customer_id: number | null;
  trigger: string;
  channel: string;
  ref_kind: string | null;
  ref_id: number | null;
  token_hash: string | null;
  expires_at: Timestamp | null;
  answers: JsonDefault<Record<string, string | number>>;
  satisfaction: string | null;
  rating: number | null;
  sent_by: number | null;
  sent_at: TimestampDefault;
  answered_at: Timestamp | null;
}

export interface CallbacksTables {
  callback_campaigns: CallbackCampaignsTable;
  callback_items: CallbackItemsTable;
  surveys: SurveysTable;
}
