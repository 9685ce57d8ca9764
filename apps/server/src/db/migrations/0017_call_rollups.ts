import { sql, type Kysely } from 'kysely';

// Hotline statistics and wallboard rollups (issue 4), after 0004_call_stats and 0005_waiting_calls.
//
// 1. Wait-time histograms on the day rollups, so that any service-level threshold and short-abandon limit is read
//    from them: per rollup row of answered or abandoned inbound calls, the distinct waits (seconds, ascending) and the
//    cumulative count of calls waiting at most that long. "Calls with wait ≤ T" is then
//    wait_cum[width_bucket(T, wait_values)] (a binary search), exact for every T.
// 2. Per-minute rollups for the wallboard's last 15/30/60 minutes (call_stats_minutes), maintained incrementally:
//    statement triggers on calls log the minutes (of started_at, before and after) that a statement touched into
//    call_stats_minutes_dirty, in the writer's own transaction; whoever reads the wallboard (any process) first
//    recomputes the logged minutes from the calls under an advisory lock (modules/calls/call-stats.minutes.ts).
//    call_stats_minutes_state says from which minute on the rollups are kept.

const MINUTE = `date_bin('1 minute', started_at, timestamptz '2000-01-01 00:00:00+00')`;

const statements = [
  `alter table call_stats_intervals add column wait_values int[], add column wait_cum int[]`,
  `alter table call_stats_agents add column wait_values int[], add column wait_cum int[]`,
  // Days built before have no histograms: they are rebuilt on their next use.
  `delete from call_stats_days`,
  `create table call_stats_minutes (
     tenant_id int not null,
     minute timestamptz not null,
     class smallint not null,
     n int not null, talked int not null, wait_sum bigint not null, wait_max int, talk_sum bigint not null,
     hold_sum bigint not null, acw_sum bigint not null, busy_sum bigint not null,
     primary key (tenant_id, minute, class))`,
  `create table call_stats_minutes_state (
     tenant_id int primary key,
     covered_from timestamptz not null,
     refreshed_at timestamptz not null default now())`,
  // Append-only (no key, no index): a writer never waits for another writer or for the refresher, and a refresher
  // deletes exactly the rows its snapshot sees, so a change committed after that snapshot keeps its row.
  `create table call_stats_minutes_dirty (
     tenant_id int not null,
     minute timestamptz not null)`,
  `create function call_stats_minutes_log_new() returns trigger language plpgsql as $$
   begin
     insert into call_stats_minutes_dirty (tenant_id, minute) select distinct tenant_id, ${MINUTE} from new_rows;
     return null;
   end $$`,
  `create function call_stats_minutes_log_old() returns trigger language plpgsql as $$
   begin
     insert into call_stats_minutes_dirty (tenant_id, minute) select distinct tenant_id, ${MINUTE} from old_rows;
     return null;
   end $$`,
  // A late newCall may move started_at to an earlier minute: both minutes are logged.
  `create function call_stats_minutes_log_both() returns trigger language plpgsql as $$
   begin
     insert into call_stats_minutes_dirty (tenant_id, minute)
       select tenant_id, ${MINUTE} from new_rows union select tenant_id, ${MINUTE} from old_rows;
     return null;
   end $$`,
  `create trigger calls_minutes_insert after insert on calls referencing new table as new_rows
     for each statement execute function call_stats_minutes_log_new()`,
  `create trigger calls_minutes_update after update on calls referencing old table as old_rows new table as new_rows
     for each statement execute function call_stats_minutes_log_both()`,
  `create trigger calls_minutes_delete after delete on calls referencing old table as old_rows
     for each statement execute function call_stats_minutes_log_old()`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
