import { sql, type Kysely } from 'kysely';

// Hotline statistics (issue 4), after 0002_calls: a month of a large center is ~3M calls, too many to scan per
// request on small hardware, so closed days are rolled up (see modules/calls/call-stats.service.ts).

const statements = [
  // Sums per class of call (see call-metrics ClassRow) at the default threshold and short-abandon limit; by quarter
  // hour and queue, and by day and agent. call_stats_days says which days are built; a late event or an import for
  // such a day deletes its row, and the day is rebuilt.
  `create table call_stats_days (
     tenant_id int not null references tenants(id),
     day date not null,
     starts_at timestamptz not null,
     ends_at timestamptz not null,
     built_at timestamptz not null default now(),
     primary key (tenant_id, day))`,
  `create index call_stats_days_range on call_stats_days (tenant_id, starts_at)`,
  `create table call_stats_intervals (
     tenant_id int not null,
     day date not null,
     bucket timestamptz not null,
     queue text not null,
     class smallint not null,
     n int not null, talked int not null, wait_sum bigint not null, wait_max int, talk_sum bigint not null,
     hold_sum bigint not null, acw_sum bigint not null, busy_sum bigint not null,
     primary key (tenant_id, bucket, queue, class))`,
  `create index call_stats_intervals_day on call_stats_intervals (tenant_id, day)`,
  `create table call_stats_agents (
     tenant_id int not null,
     day date not null,
     agent_id bigint not null,
     class smallint not null,
     n int not null, talked int not null, wait_sum bigint not null, wait_max int, talk_sum bigint not null,
     hold_sum bigint not null, acw_sum bigint not null, busy_sum bigint not null,
     primary key (tenant_id, day, agent_id, class))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
