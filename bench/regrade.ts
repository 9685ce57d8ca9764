/**
 * Issue 6's grading figure: re-grading every customer of a tenant after a rules change, on PostgreSQL with
 * 1,000,000 graded customers (target ≤ 60 s), plus the VIP recompute and the list queries on the same data.
 *   npx tsx bench/regrade.ts [--customers 1000000] [--owners 200]
 * Starts a throwaway PostgreSQL cluster (unless BENCH_PG_URL is set) and seeds in SQL (generate_series,
 * deterministic): customers with their four axes spread over all 72 combinations, graded by the seed-003 defaults,
 * last follow-up within the past 400 days, owners round robin, a purchase per 3 customers.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { DEFAULT_GRADING_RULES, PERMISSIONS, type GradingRules } from '@kefu/shared';
// @ts-expect-error plain ESM helper without types
import { startPgCluster } from '../scripts/pg-cluster.mjs';
import { openDatabase } from '../apps/server/src/db/client.js';
import { migrateToLatest } from '../apps/server/src/db/migrate.js';
import { ensureTenant } from '../apps/server/src/bootstrap/tenant.js';
import { systemActor } from '../apps/server/src/lib/actor.js';
import { gradeCaseSql, cadenceIntervalSql, saveRules } from '../apps/server/src/modules/grading/grading-rules.service.js';
import { recomputeVip } from '../apps/server/src/modules/grading/grading-vip.service.js';
import { gradeDistribution, gradingOverview, listDue } from '../apps/server/src/modules/grading/grading-lists.service.js';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '1000000' }, owners: { type: 'string', default: '200' }, keep: { type: 'boolean', default: false } } });
const N = Number(values.customers);
const OWNERS = Number(values.owners);
const TENANT = 1;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
let clusterCpuMs: () => Promise<number> = async () => 0;
/**
 * Wall time, and the CPU time the PostgreSQL processes spent meanwhile (user + system, from /proc): this machine is
 * shared (load 15–20 on 2 cores while measuring), so wall time overstates what a dedicated server would take.
 */
async function timed<T>(label: string, fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; result: T }> {
  const c0 = await clusterCpuMs();
  const t0 = performance.now();
  const result = await fn();
  const ms = performance.now() - t0;
  const cpuMs = (await clusterCpuMs()) - c0;
  console.log(`${label}: ${secs(ms)} (PostgreSQL CPU ${secs(cpuMs)}) ${JSON.stringify(result).slice(0, 160)}`);
  return { ms, cpuMs, result };
}

const cluster = process.env.BENCH_PG_URL ? { url: process.env.BENCH_PG_URL, stop: () => {} } : await startPgCluster();
try {
  // A database of its own, so the script can run again on a kept cluster (BENCH_PG_URL).
  const dbName = `bench_regrade_${process.pid}`;
  const adminDb = await openDatabase({ url: cluster.url as string, poolSize: 1 });
  await sql.raw(`create database ${dbName}`).execute(adminDb.db);
  const url = new URL(cluster.url as string);
  url.pathname = `/${dbName}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 4 });
  const { db } = database;
  await migrateToLatest(db);
  clusterCpuMs = async () => {
    const pids = (await sql<{ pid: number }>`select pid from pg_stat_activity`.execute(db)).rows.map((r) => r.pid);
    let ticks = 0;
    for (const pid of pids) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the whole line)
      } catch {
        // A process that ended meanwhile, or a server on another machine: no CPU figure.
      }
    }
    return ticks * 10; // USER_HZ = 100
  };
  await ensureTenant(db, { id: TENANT, code: 'default', name: '客服中心' });
  const admin = systemActor(TENANT, PERMISSIONS);
  const agentRole = await db.selectFrom('roles').select('id').where('tenant_id', '=', TENANT).where('key', '=', 'agent').executeTakeFirstOrThrow();
  await sql`insert into users (tenant_id, username, display_name, password_hash, role_id)
    select ${TENANT}, 'owner' || g, '客户经理' || g, 'x', ${agentRole.id} from generate_series(1, ${OWNERS}) g`.execute(db);
  const owners = (await db.selectFrom('users').select('id').where('tenant_id', '=', TENANT).orderBy('id').execute()).map((u) => u.id);

  const seed = await timed(`seed ${N.toLocaleString('en')} customers`, async () => {
    const BATCH = 250_000;
    const zone = 'Asia/Shanghai';
    const rules = DEFAULT_GRADING_RULES;
    for (let from = 0; from < N; from += BATCH) {
      const to = Math.min(N, from + BATCH);
      // Axes from independent digits of a hash, so all 72 combinations occur; graded and scheduled by the defaults.
      await db.transaction().execute(async (trx) => {
        await sql`create temporary table seed_axes on commit drop as
          select i, h, (array['closed','negotiating','prospect'])[1 + h % 3] as deal_status, (array['important','ordinary'])[1 + (h / 3) % 2] as importance,
            (array['urgent','soon','later','slow'])[1 + (h / 6) % 4] as urgency, (array['target','potential','dead'])[1 + (h / 24) % 3] as demand,
            now() - ((h / 72) % 400) * interval '1 day' - (h % 86400) * interval '1 second' as last_at
          from (select i, (i * 2654435761) % 4294967296 as h from generate_series(${from + 1}::bigint, ${to}::bigint) i) g`.execute(trx);
        await sql`alter table seed_axes add column grade text`.execute(trx);
        await sql`update seed_axes p set grade = ${gradeCaseSql(rules, 'p')}`.execute(trx);
        await sql`insert into customers (tenant_id, id, kind, name, grade, created_at) overriding system value
          select ${TENANT}, i, 'person', '客户' || i, grade, now() - ((i * 7919) % 1500) * interval '1 day' from seed_axes`.execute(trx);
        await sql`insert into grading_profiles (tenant_id, customer_id, deal_status, importance, urgency, demand, grade, owner_id, last_follow_up_at, next_follow_up_on, referrals, campaigns)
          select ${TENANT}, i, deal_status, importance, urgency, demand, grade, (${owners}::bigint[])[1 + i % ${owners.length}], last_at,
            ((last_at at time zone ${zone})::date + ${cadenceIntervalSql(rules, sql`p.grade`)})::date, (h / 7) % 5, (h / 11) % 4
          from seed_axes p`.execute(trx);
        await sql`insert into grading_purchases (tenant_id, customer_id, amount, item, purchased_at)
          select ${TENANT}, i, 50 + (i * 37) % 5000, (array['维保','套餐','配件','延保','安装'])[1 + i % 5], now() - ((i * 13) % 700) * interval '1 day'
          from seed_axes where i % 3 = 0`.execute(trx);
      });
    }
    await sql`select setval(pg_get_serial_sequence('customers', 'id'), ${N})`.execute(db);
    await sql`vacuum analyze customers`.execute(db);
    await sql`vacuum analyze grading_profiles`.execute(db);
    await sql`vacuum analyze grading_purchases`.execute(db);
    return { customers: N };
  });

  const counts = async () => (await sql<{ grade: string; n: number }>`select grade, count(*)::int as n from customers where tenant_id = ${TENANT} group by grade order by grade`.execute(db)).rows;
  console.log('grades before', JSON.stringify(await counts()));

  // 1. A real rules change: needs 1–3 months away now also counts as A; A is followed up every 2 days.
  const change: GradingRules = structuredClone(DEFAULT_GRADING_RULES);
  change.rules[2]!.when.urgency = ['urgent', 'soon', 'later'];
  change.cadence.A = { every: 2, unit: 'day' };
  const first = await timed('regrade after rules change (B→A, A cadence)', () => saveRules({ db, actor: admin, input: { version: 0, rules: change, regrade: true } }).then((r) => ({ changed: r.changed })));
  console.log('grades after', JSON.stringify(await counts()));
  // 2. A bigger change: importance no longer matters for 'slow' (C folds into D), D every 2 months.
  const second: GradingRules = structuredClone(change);
  second.rules = second.rules.filter((r) => r.grade !== 'C');
  second.cadence.D = { every: 2, unit: 'month' };
  const big = await timed('regrade after rules change (C→D, D cadence)', () => saveRules({ db, actor: admin, input: { version: 1, rules: second, regrade: true } }).then((r) => ({ changed: r.changed })));
  // 3. Saving the same rules again: nothing moves, the statement only reads.
  const noop = await timed('regrade with unchanged rules', () => saveRules({ db, actor: admin, input: { version: 2, rules: second, regrade: true } }).then((r) => ({ changed: r.changed })));
  await sql`vacuum analyze grading_profiles`.execute(db);
  const rescheduled = await sql<{ n: number }>`select count(*)::int as n from grading_grade_history where tenant_id = ${TENANT}`.execute(db);

  const vip = await timed('VIP recompute (eight factors, top 20 %)', () => db.transaction().execute((trx) => recomputeVip(trx, TENANT, second)));
  const owner = { ...admin, userId: owners[0]! };
  const due = await timed('my due list (one owner of 200)', () => listDue({ db, actor: owner, query: { scope: 'due' } }).then((r) => ({ items: r.items.length })));
  const overview = await timed("leader's overview (by owner × grade)", () => gradingOverview({ db, actor: admin }).then((r) => ({ owners: r.owners.length, due: r.totals.due, overdue: r.totals.overdue })));
  const dist = await timed('grade distribution', () => gradeDistribution({ db, actor: admin }));

  const row = (name: string, t: { ms: number; cpuMs: number }, rows: string) => console.log(`| ${name} | ${secs(t.ms)} | ${secs(t.cpuMs)} | ${rows} |`);
  console.log('\n| step | wall time | PostgreSQL CPU | rows |');
  console.log('|---|---|---|---|');
  row(`seed ${N.toLocaleString('en')} customers + profiles + purchases`, seed, '—');
  row('regrade, rules change 1 (B→A, A every 2 days)', first, `${first.result.changed.toLocaleString('en')} grades changed`);
  row('regrade, rules change 2 (C→D, D every 2 months)', big, `${big.result.changed.toLocaleString('en')} grades changed`);
  row('regrade, unchanged rules', noop, '0');
  row('VIP recompute', vip, `${vip.result.vip.toLocaleString('en')} VIP of ${vip.result.customers.toLocaleString('en')}`);
  row('due list of one owner', due, String(due.result.items));
  row("leader's overview", overview, '—');
  row('grade distribution', dist, '—');
  console.log(`history rows: ${rescheduled.rows[0]?.n}`);
  await database.close();
  if (values.keep) console.log(`kept database ${dbName}`);
  else await sql.raw(`drop database ${dbName}`).execute(adminDb.db);
  await adminDb.close();
} finally {
  cluster.stop();
}
