import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ProcessState } from '@kefu/shared';
import type { ComplaintsTables } from './schema/complaints.js';
import type { CallbacksTables } from './schema/callbacks.js';
import type { GradingTables } from './schema/grading.js';
import type { ContractsTables } from './schema/contracts.js';
import type { PiiTables } from './schema/pii.js';
import type { RostersTables } from './schema/rosters.js';
import type { SchedulesTables } from './schema/schedules.js';
import type { ComplaintReportsTables } from './schema/complaint-reports.js';
import type { CustomerImportTables } from './schema/customer-import.js';
import type { CustomerArchiveTables } from './schema/customer-archive.js';
import type { CallRollupsTables } from './schema/call-rollups.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp with a database default. */
type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A jsonb column with a default; written as JSON text. */
type JsonDefault<T> = ColumnType<T, string | undefined, string>;
type TsVector = ColumnType<string | null, string | null | undefined, string | null>;

export interface TenantsTable {
  id: number;
  code: string;
  name: string;
  timezone: Generated<string>;
  settings: JsonDefault<Record<string, unknown>>;
  created_at: CreatedAt;
}

export interface RolesTable {
  tenant_id: number;
  id: Generated<number>;
  key: string;
  name_zh: string;
  name_en: string;
  permissions: string[];
  builtin: Generated<boolean>;
  created_at: CreatedAt;
}

export interface TeamsTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  leader_id: number | null;
  created_at: CreatedAt;
}

export interface UsersTable {
  tenant_id: number;
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role_id: number;
  team_id: number | null;
  employee_no: string | null;
  email: string | null;
  /** Phone extension the PBX names the agent by (CTI `user` / `answeringNumber`). */
  extension: ColumnType<string | null, string | null | undefined, string | null>;
  locale: Generated<string>;
  active: Generated<boolean>;
  last_login_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: TimestampDefault;
  version: Generated<number>;
}

export interface SkillGroupsTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  strategy: string;
  last_assigned_user_id: number | null;
  created_at: CreatedAt;
}

export interface SkillGroupMembersTable {
  tenant_id: number;
  skill_group_id: number;
  user_id: number;
}

export interface DepartmentsTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  contact_name: string | null;
  email: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface SessionsTable {
  tenant_id: number;
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  kind: 'session' | 'api';
  name: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AuditLogTable {
  tenant_id: number;
  id: Generated<number>;
  at: TimestampDefault;
  actor_id: number | null;
  action: string;
  entity: string;
  entity_id: number | null;
  detail: JsonDefault<Record<string, unknown>>;
  ip: string | null;
}

export interface CustomersTable {
  tenant_id: number;
  id: Generated<number>;
  kind: string;
  name: string;
  organization_id: number | null;
  email: string | null;
  /** Plaintext only until pii-backfill encrypts it into address_enc (then null). */
  address: string | null;
  address_enc: string | null;
  address_masked: string | null;
  id_card_enc: string | null;
  id_card_masked: string | null;
  grade: string | null;
  notes: string | null;
  tags: Generated<string[]>;
  search_vector: TsVector;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: TimestampDefault;
  version: Generated<number>;
  /** Set when this record was merged into another (customer-archive); it is then left out of lists and lookups. */
  merged_into_id: number | null;
  merged_at: Timestamp | null;
}

export interface CustomerPhonesTable {
  tenant_id: number;
  id: Generated<number>;
  customer_id: number;
  /** The masked display copy (138****1234) once encrypted; the full number is in phone_enc. */
  number: string;
  /** Plaintext only for rows not encrypted yet; lookups use phone_bidx. */
  normalized: string | null;
  phone_enc: string | null;
  phone_bidx: string | null;
  label: string | null;
  created_at: CreatedAt;
}

export interface TicketTypesTable {
  tenant_id: number;
  id: Generated<number>;
  key: string;
  name_zh: string;
  name_en: string;
  fields: JsonDefault<unknown[]>;
  steps: JsonDefault<unknown[]>;
  builtin: Generated<boolean>;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface TicketsTable {
  tenant_id: number;
  id: Generated<number>;
  number: Generated<string>;
  type_key: string;
  subject: string;
  description: string;
  status: string;
  priority: string;
  priority_rank: ColumnType<number, never, never>;
  channel: string;
  customer_id: number | null;
  contact_name: string | null;
  /** Masked display copy (138****5678); the number itself is in contact_phone_enc. */
  contact_phone: string | null;
  /** Plaintext of rows from before migration 0018, cleared by the backfill. */
  contact_phone_normalized: string | null;
  contact_phone_enc: ColumnType<string | null, string | null | undefined, string | null>;
  contact_phone_bidx: ColumnType<string | null, string | null | undefined, string | null>;
  event_time: Timestamp | null;
  event_place: string | null;
  event_person: string | null;
  responsible_id: number | null;
  assignee_id: number | null;
  team_id: number | null;
  skill_group_id: number | null;
  department_id: number | null;
  transfer_due_at: Timestamp | null;
  callback_pending: Generated<boolean>;
  answered_on_spot: Generated<boolean>;
  tags: Generated<string[]>;
  custom: JsonDefault<Record<string, unknown>>;
  merged_into_id: number | null;
  process: ColumnType<ProcessState | null, string | null | undefined, string | null>;
  search_vector: TsVector;
  created_by: number | null;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
  resolved_at: Timestamp | null;
  closed_at: Timestamp | null;
  reopen_count: Generated<number>;
  version: Generated<number>;
}

export interface TicketNotesTable {
  tenant_id: number;
  id: Generated<number>;
  ticket_id: number;
  author_id: number | null;
  body: string;
  internal: boolean;
  created_at: CreatedAt;
}

export interface TicketLinksTable {
  tenant_id: number;
  ticket_id: number;
  other_id: number;
  kind: string;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface TicketAttachmentsTable {
  tenant_id: number;
  id: Generated<number>;
  ticket_id: number;
  filename: string;
  mime_type: string;
  size: number;
  storage_key: string;
  sha256: string;
  uploaded_by: number | null;
  created_at: CreatedAt;
}

export interface TicketTransfersTable {
  tenant_id: number;
  id: Generated<number>;
  ticket_id: number;
  department_id: number;
  request: string;
  due_at: Timestamp;
  answer: string | null;
  answered_at: Timestamp | null;
  answered_by: string | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface MacrosTable {
  tenant_id: number;
  id: Generated<number>;
  category: string;
  title: string;
  body: string;
  active: Generated<boolean>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: TimestampDefault;
  version: Generated<number>;
}

/** One call, merged from its CTI events; the generated columns are computed by the database. */
export interface CallsTable {
  tenant_id: number;
  id: Generated<number>;
  call_id: string;
  direction: string | null;
  /** The external party's column holds the masked copy, its number in <col>_enc (migration 0018). */
  from_number: string | null;
  to_number: string | null;
  /** Plaintext of rows from before migration 0018, cleared by the backfill; caller_bidx replaces it. */
  caller_normalized: ColumnType<string | null, string | null | undefined, string | null>;
  from_number_enc: ColumnType<string | null, string | null | undefined, string | null>;
  to_number_enc: ColumnType<string | null, string | null | undefined, string | null>;
  caller_bidx: ColumnType<string | null, string | null | undefined, string | null>;
  queue: string | null;
  answering_number: string | null;
  agent_id: number | null;
  customer_id: number | null;
  started_at: Timestamp;
  queued_at: Timestamp | null;
  answered_at: Timestamp | null;
  abandoned_at: Timestamp | null;
  ended_at: Timestamp | null;
  hangup_cause: string | null;
  hold_sum: Generated<number>;
  hold_count: Generated<number>;
  unhold_sum: Generated<number>;
  unhold_count: Generated<number>;
  transfer_to: string | null;
  transfer_count: Generated<number>;
  recording_url: string | null;
  blocked: Generated<boolean>;
  acw_ended_at: Timestamp | null;
  /** The agents its newCall events named (inbound: whose phones rang). */
  rung_user_ids: Generated<number[]>;
  last_event: string;
  last_event_at: Timestamp;
  result: ColumnType<string, never, never>;
  ring_seconds: ColumnType<number | null, never, never>;
  queue_seconds: ColumnType<number | null, never, never>;
  wait_seconds: ColumnType<number | null, never, never>;
  hold_seconds: ColumnType<number | null, never, never>;
  talk_seconds: ColumnType<number | null, never, never>;
  acw_seconds: ColumnType<number | null, never, never>;
}

export interface CallEventsTable {
  tenant_id: number;
  call_id: string;
  event: string;
  at: Timestamp;
  received_at: TimestampDefault;
  data: JsonDefault<Record<string, unknown>>;
}

export interface CallTicketsTable {
  tenant_id: number;
  call_id: number;
  ticket_id: number;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface AgentStatesTable {
  tenant_id: number;
  user_id: number;
  presence: string;
  presence_reason: string | null;
  presence_since: Timestamp;
  activity: string | null;
  activity_since: Timestamp | null;
  activity_until: Timestamp | null;
  call_id: number | null;
  updated_at: TimestampDefault;
}

export interface AgentStateLogTable {
  tenant_id: number;
  id: Generated<number>;
  user_id: number;
  state: string;
  reason: string | null;
  started_at: Timestamp;
  ended_at: Timestamp;
  seconds: ColumnType<number, never, never>;
}

export interface SlaPoliciesTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  type_key: string | null;
  priority: string | null;
  channel: string | null;
  customer_grade: string | null;
  sort_order: Generated<number>;
  /** A preset name as a JSON string, or a calendar definition object. */
  calendar: ColumnType<unknown, string, string>;
  time_basis: string;
  first_reply_minutes: number | null;
  update_minutes: number | null;
  resolution_minutes: number | null;
  escalation: JsonDefault<unknown>;
  active: Generated<boolean>;
  builtin_key: string | null;
  created_at: CreatedAt;
  updated_at: TimestampDefault;
}

export interface TicketSlaTable {
  tenant_id: number;
  ticket_id: number;
  policy_id: number | null;
  policy_name: string;
  calendar: ColumnType<unknown, string, string>;
  time_basis: string;
  first_reply_minutes: number | null;
  update_minutes: number | null;
  resolution_minutes: number | null;
  escalation: JsonDefault<unknown>;
  started_at: Timestamp;
  first_reply_at: Timestamp | null;
  first_reply_due_at: Timestamp | null;
  last_update_at: Timestamp | null;
  next_update_due_at: Timestamp | null;
  resolution_due_at: Timestamp | null;
  resolved_at: Timestamp | null;
  paused_since: Timestamp | null;
  pause_reason: string | null;
  paused_minutes: Generated<number>;
  escalation_level: Generated<number>;
  next_escalation_at: Timestamp | null;
  breached: Generated<string[]>;
  updated_at: TimestampDefault;
}

export interface TicketSlaPausesTable {
  tenant_id: number;
  id: Generated<number>;
  ticket_id: number;
  reason: string;
  note: string | null;
  started_at: Timestamp;
  ended_at: Timestamp | null;
  started_by: number | null;
  ended_by: number | null;
}

export interface JobsTable {
  tenant_id: number;
  id: Generated<number>;
  kind: string;
  dedupe_key: string | null;
  payload: JsonDefault<unknown>;
  run_at: TimestampDefault;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_until: Timestamp | null;
  locked_by: string | null;
  done_at: Timestamp | null;
  failed_at: Timestamp | null;
  last_error: string | null;
  created_at: CreatedAt;
}

export interface CallStatsDaysTable {
  tenant_id: number;
  day: ColumnType<string, string, string>;
  starts_at: Timestamp;
  ends_at: Timestamp;
  built_at: TimestampDefault;
}

export interface CallStatsSums {
  class: number;
  n: number;
  talked: number;
  wait_sum: number;
  wait_max: number | null;
  talk_sum: number;
  hold_sum: number;
  acw_sum: number;
  busy_sum: number;
}

export interface CallStatsIntervalsTable extends CallStatsSums {
  tenant_id: number;
  day: ColumnType<string, string, string>;
  bucket: Timestamp;
  queue: string;
}

export interface CallStatsAgentsTable extends CallStatsSums {
  tenant_id: number;
  day: ColumnType<string, string, string>;
  agent_id: number;
}

export interface DB extends ComplaintsTables, CallbacksTables, GradingTables, ContractsTables, PiiTables, RostersTables, SchedulesTables, ComplaintReportsTables, CustomerArchiveTables, CustomerImportTables, CallRollupsTables {
  tenants: TenantsTable;
  roles: RolesTable;
  teams: TeamsTable;
  users: UsersTable;
  skill_groups: SkillGroupsTable;
  skill_group_members: SkillGroupMembersTable;
  departments: DepartmentsTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  customers: CustomersTable;
  customer_phones: CustomerPhonesTable;
  ticket_types: TicketTypesTable;
  tickets: TicketsTable;
  ticket_notes: TicketNotesTable;
  ticket_links: TicketLinksTable;
  ticket_attachments: TicketAttachmentsTable;
  ticket_transfers: TicketTransfersTable;
  macros: MacrosTable;
  calls: CallsTable;
  call_events: CallEventsTable;
  call_tickets: CallTicketsTable;
  agent_states: AgentStatesTable;
  agent_state_log: AgentStateLogTable;
  call_stats_days: CallStatsDaysTable;
  call_stats_intervals: CallStatsIntervalsTable;
  call_stats_agents: CallStatsAgentsTable;
  sla_policies: SlaPoliciesTable;
  ticket_sla: TicketSlaTable;
  ticket_sla_pauses: TicketSlaPausesTable;
  jobs: JobsTable;
}

export type TicketRow = Selectable<TicketsTable>;
export type NewTicketRow = Insertable<TicketsTable>;
export type TicketRowUpdate = Updateable<TicketsTable>;
export type UserRow = Selectable<UsersTable>;
export type CustomerRow = Selectable<CustomersTable>;
