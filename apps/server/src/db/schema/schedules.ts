// Table types of the schedules domain (merged into DB in ../schema.ts).
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;
/** A jsonb column written as JSON text. */
type Json<T> = ColumnType<T, string, string>;
type JsonDefault<T> = ColumnType<T, string | undefined, string>;
/** A local date, YYYY-MM-DD text. */
type DateText = string;

export interface ScheduleShiftPatternsTable {
  tenant_id: number;
  id: Generated<number>;
  code: string;
  name: Generated<string>;
  start_time: string;
  length_minutes: number;
  paid_break_minutes: Generated<number>;
  night: Generated<boolean>;
  active: Generated<boolean>;
  updated_at: TimestampDefault;
}

export interface ScheduleAgentProfilesTable {
  tenant_id: number;
  user_id: number;
  skills: ColumnType<string[], string[] | undefined, string[]>;
  max_days_per_week: number | null;
  nights: Generated<boolean>;
  updated_at: TimestampDefault;
}

export interface ScheduleForecastsTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  source: string;
  queue: string | null;
  start_date: DateText;
  horizon_days: number;
  history_start: DateText;
  history: Json<number[]>;
  method: string;
  hw_params: Json<{ alpha: number; delta: number; omega: number }>;
  backtest: Json<unknown>;
  forecasts: Json<Record<string, number[]>>;
  adjustments: JsonDefault<unknown[]>;
  adjusted: Json<number[]>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: TimestampDefault;
  version: Generated<number>;
}

export interface ScheduleDraftsTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  forecast_id: number | null;
  start_date: DateText;
  horizon_days: number;
  status: Generated<string>;
  requirement: Json<number[]>;
  requirement_params: Json<unknown>;
  rules: Json<unknown>;
  patterns: Json<unknown>;
  agents: Json<unknown>;
  leave: JsonDefault<unknown>;
  figures: Json<unknown>;
  published_at: Date | null;
  published_by: number | null;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: TimestampDefault;
  version: Generated<number>;
}

export interface ScheduleAssignmentsTable {
  tenant_id: number;
  schedule_id: number;
  user_id: number;
  day: DateText;
  shift_code: string;
}

export interface SchedulesTables {
  schedule_shift_patterns: ScheduleShiftPatternsTable;
  schedule_agent_profiles: ScheduleAgentProfilesTable;
  schedule_forecasts: ScheduleForecastsTable;
  schedule_drafts: ScheduleDraftsTable;
  schedule_assignments: ScheduleAssignmentsTable;
}
