// Table types of the rosters domain (merged into DB in ../schema.ts).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A local calendar date kept as "YYYY-MM-DD" text. */
type DateColumn = string;
type JsonDefault<T> = ColumnType<T, string | undefined, string>;

export interface RosterShiftsTable {
  tenant_id: number;
  id: Generated<number>;
  user_id: number;
  date: DateColumn;
  shift_code: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  is_night: Generated<boolean>;
  team_id: number | null;
  status: Generated<string>;
  leave_request_id: number | null;
  swap_id: number | null;
  source: Generated<string>;
  updated_at: TimestampDefault;
  version: Generated<number>;
}

export interface RosterStaffTable {
  tenant_id: number;
  user_id: number;
  job: Generated<string>;
  skill_level: Generated<number>;
  updated_at: TimestampDefault;
}

export interface RosterLeaveRequestsTable {
  tenant_id: number;
  id: Generated<number>;
  user_id: number;
  kind: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  days: number;
  reason: Generated<string>;
  certificate_ref: string | null;
  emergency: Generated<boolean>;
  exceptional: Generated<boolean>;
  needs_director: Generated<boolean>;
  status: string;
  requested_by: number;
  approved_by: number | null;
  approved_at: Timestamp | null;
  directed_by: number | null;
  directed_at: Timestamp | null;
  decided_note: string | null;
  created_at: CreatedAt;
  updated_at: TimestampDefault;
  version: Generated<number>;
}

export interface RosterSwapsTable {
  tenant_id: number;
  id: Generated<number>;
  requester_id: number;
  requester_shift_id: number;
  counterpart_id: number;
  counterpart_shift_id: number;
  reason: Generated<string>;
  status: string;
  requester_leader_id: number | null;
  requester_leader_at: Timestamp | null;
  counterpart_leader_id: number | null;
  counterpart_leader_at: Timestamp | null;
  decided_note: string | null;
  applied_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: TimestampDefault;
  version: Generated<number>;
}

export interface RosterClockEventsTable {
  tenant_id: number;
  id: Generated<number>;
  user_id: number;
  kind: string;
  at: Timestamp;
  created_at: CreatedAt;
}

export interface RosterHandoversTable {
  tenant_id: number;
  id: Generated<number>;
  team_id: number | null;
  shift_date: DateColumn;
  shift_code: string;
  outgoing_leader_id: number;
  incoming_leader_id: number | null;
  open_tickets: JsonDefault<unknown[]>;
  pending_complaints: JsonDefault<unknown[]>;
  business_changes: Generated<string>;
  system_problems: Generated<string>;
  staff_changes: Generated<string>;
  notes: Generated<string>;
  status: string;
  outgoing_signed_at: Timestamp | null;
  incoming_signed_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: TimestampDefault;
  version: Generated<number>;
}

export interface RostersTables {
  roster_shifts: RosterShiftsTable;
  roster_staff: RosterStaffTable;
  roster_leave_requests: RosterLeaveRequestsTable;
  roster_swaps: RosterSwapsTable;
  roster_clock_events: RosterClockEventsTable;
  roster_handovers: RosterHandoversTable;
}
