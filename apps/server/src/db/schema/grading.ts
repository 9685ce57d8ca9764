// Table types of the grading domain (merged into DB in ../schema.ts).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A `date` column: read with to_char(...) / ::text in queries, written as 'yyyy-MM-dd'. */
type DateText = ColumnType<string, string, string>;

export interface GradingRulesTable {
  tenant_id: number;
  rules: ColumnType<unknown, string, string>;
  version: ColumnType<number, number | undefined, number>;
  updated_by: number | null;
  updated_at: TimestampDefault;
}

export interface GradingProfilesTable {
  tenant_id: number;
  customer_id: number;
  deal_status: string | null;
  importance: string | null;
  urgency: string | null;
  demand: string | null;
  grade: string | null;
  previous_grade: string | null;
  owner_id: number | null;
  last_follow_up_at: Date | null;
  next_follow_up_on: DateText | null;
  referrals: ColumnType<number, number | undefined, number>;
  campaigns: ColumnType<number, number | undefined, number>;
  is_vip: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: TimestampDefault;
  version: ColumnType<number, number | undefined, number>;
}

export interface GradingFollowUpsTable {
  tenant_id: number;
  id: Generated<number>;
  customer_id: number;
  user_id: number | null;
  at: Timestamp;
  channel: string;
  summary: string;
  deal_status: string;
  importance: string;
  urgency: string;
  demand: string;
  grade_before: string | null;
  grade_after: string;
  next_follow_up_on: DateText;
  created_at: CreatedAt;
}

export interface GradingGradeHistoryTable {
  tenant_id: number;
  id: Generated<number>;
  customer_id: number;
  at: TimestampDefault;
  from_grade: string | null;
  to_grade: string;
  reason: 'follow_up' | 'regrade';
  follow_up_id: number | null;
  user_id: number | null;
}

export interface GradingPurchasesTable {
  tenant_id: number;
  id: Generated<number>;
  customer_id: number;
  amount: ColumnType<string, number | string, number | string>;
  item: string;
  purchased_at: Timestamp;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface GradingVipScoresTable {
  tenant_id: number;
  customer_id: number;
  score: number;
  rank: number;
  /** In the order of VIP_FACTORS. */
  factors: number[];
  computed_at: Timestamp;
}

export interface GradingTables {
  grading_vip_scores: GradingVipScoresTable;
  grading_rules: GradingRulesTable;
  grading_profiles: GradingProfilesTable;
  grading_follow_ups: GradingFollowUpsTable;
  grading_grade_history: GradingGradeHistoryTable;
  grading_purchases: GradingPurchasesTable;
}
