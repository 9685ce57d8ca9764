// Table types of the hotline rollups of migration 0017 (merged into DB in ../schema.ts): per-minute sums for the
// wallboard, which minutes are kept, and the log of minutes whose calls changed. The histogram columns added to
// call_stats_intervals / call_stats_agents (wait_values, wait_cum) are read in SQL only.
import type { ColumnType } from 'kysely';
import type { CallStatsSums } from '../schema.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CallStatsMinutesTable extends CallStatsSums {
  tenant_id: number;
  minute: Timestamp;
}

export interface CallStatsMinutesStateTable {
  tenant_id: number;
  covered_from: Timestamp;
  refreshed_at: TimestampDefault;
}

export interface CallStatsMinutesDirtyTable {
  tenant_id: number;
  minute: Timestamp;
}

export interface CallRollupsTables {
  call_stats_minutes: CallStatsMinutesTable;
  call_stats_minutes_state: CallStatsMinutesStateTable;
  call_stats_minutes_dirty: CallStatsMinutesDirtyTable;
}
