/**
 * Loads a large department for benchmarks: the demo staff plus `--tickets` work orders and `--customers`
 * customers generated in SQL (generate_series) from pre-segmented templates, so a million rows load in minutes.
 *   DATABASE_URL=postgres://… npx tsx bench/seed-volume.ts --tickets 1000000 --customers 200000
 *   KEFU_DATA_DIR=bench/.data/pglite npx tsx bench/seed-volume.ts --tickets 100000 --customers 20000
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../apps/server/src/config.js';
import { indexTokens } from '../apps/server/src/lib/search-text.js';
import { TEMPLATES, SURNAMES, GIVEN } from '../apps/server/src/modules/demo/demo-content.js';
import { openPreparedDatabase, seedDemoIfEmpty } from '../apps/server/src/runtime.js';
import { encryptPlaintextPii } from '../apps/server/src/modules/pii/pii-backfill.js';

const { values } = parseArgs({ options: { tickets: { type: 'string', default: '1000000' }, customers: { type: 'string', default: '200000' }, password: { type: 'string', default: 'bench-pass-123' } } });
const ticketCount = Number(values.tickets);
const customerCount = Number(values.customers);

const config = loadConfig();
const database = await openPreparedDatabase(config);
const { db } = database;
const t0 = Date.now();
await seedDemoIfEmpty(database, values.password!);
const existing = await db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
console.log(`database: ${database.kind}; tickets already there: ${existing.n}`);

const templates = Object.entries(TEMPLATES).flatMap(([type, list]) => list.map((t) => ({ type, ...t })));
const names = SURNAMES.slice(0, 40).flatMap((s) => GIVEN.slice(0, 10).map((g) => s + g));
const agents = (await db.selectFrom('users').select('id').where('tenant_id', '=', 1).execute()).map((u) => u.id);
const teams = (await db.selectFrom('teams').select('id').where('tenant_id', '=', 1).execute()).map((t) => t.id);
const groups = (await db.selectFrom('skill_groups').select('id').where('tenant_id', '=', 1).execute()).map((g) => g.id);

const started = Date.now();
const CUSTOMER_BATCH = 20_000;
const customerBase = Number((await db.selectFrom('customers').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m ?? 0);
for (let from = 0; from < customerCount; from += CUSTOMER_BATCH) {
  const to = Math.min(customerCount, from + CUSTOMER_BATCH);
  const nameArray = sql.val(names);
  await sql`
    insert into customers (tenant_id, kind, name, grade, search_vector, created_at)
    select 1, 'person', (${nameArray}::text[])[1 + (g % ${names.length})] || g::text, (array['A','B','C','D','E'])[1 + g % 5],
           to_tsvector('simple', (${nameArray}::text[])[1 + (g % ${names.length})]), now() - (g % 700) * interval '1 day'
    from generate_series(${from + 1}::int, ${to}::int) g`.execute(db);
  await sql`
    insert into customer_phones (tenant_id, customer_id, number, normalized, label)
    select 1, c.id, '139' || lpad((c.id % 100000000)::text, 8, '0'), '139' || lpad((c.id % 100000000)::text, 8, '0'), '手机'
    from customers c where c.tenant_id = 1 and c.id > ${customerBase + from} and c.id <= ${customerBase + to}`.execute(db);
  process.stdout.write(`\rcustomers ${to}/${customerCount}`);
}
console.log(`\ncustomers loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const tplTypes = sql.val(templates.map((t) => t.type));
const tplSubjects = sql.val(templates.map((t) => t.subject));
const tplDescriptions = sql.val(templates.map((t) => t.description));
const tplVectors = sql.val(templates.map((t) => indexTokens(t.subject, t.description)));
const TICKET_BATCH = 50_000;
const ticketsStarted = Date.now();
const maxCustomer = Number((await db.selectFrom('customers').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m);
for (let from = 0; from < ticketCount; from += TICKET_BATCH) {
  const to = Math.min(ticketCount, from + TICKET_BATCH);
  await sql`
    with g0 as (select i, 1 + (i * 7919) % ${templates.length} as tpl, (${sql.val(agents)}::bigint[])[1 + i % ${agents.length}] as agent,
                       (i * 104729) % (365 * 24 * 60) as age_min, (i * 31) % 100 as roll
                from generate_series(${from + 1}::bigint, ${to}::bigint) i),
         g as (select *, now() - age_min * interval '1 minute' as created,
                      -- Like a real center: most recent work is open, almost everything older than two weeks is closed.
                      case when (age_min < 1440 and roll < 70) or (age_min < 4320 and roll < 40) or (age_min < 20160 and roll < 10) or roll < 1
                           then (array['new','assigned','in_progress','in_progress','waiting_customer'])[1 + roll % 5]
                           else (array['closed','closed','closed','resolved'])[1 + roll % 4] end as status
               from g0)
    insert into tickets (tenant_id, number, type_key, subject, description, status, priority, channel, customer_id, contact_phone, contact_phone_normalized,
                         responsible_id, assignee_id, team_id, skill_group_id, created_by, created_at, updated_at, resolved_at, closed_at, search_vector)
    select 1, 'BN' || lpad(i::text, 9, '0'), (${tplTypes}::text[])[tpl], (${tplSubjects}::text[])[tpl], (${tplDescriptions}::text[])[tpl], status,
           (array['low','normal','normal','high','urgent'])[1 + i % 5], (array['phone','phone','wechat','web','email'])[1 + i % 5],
           1 + (i * 13) % ${maxCustomer}, '139' || lpad(((1 + (i * 13) % ${maxCustomer}) % 100000000)::text, 8, '0'), '139' || lpad(((1 + (i * 13) % ${maxCustomer}) % 100000000)::text, 8, '0'),
           agent, case when status = 'new' then null else agent end, (${sql.val(teams)}::bigint[])[1 + i % ${teams.length}], (${sql.val(groups)}::bigint[])[1 + i % ${groups.length}],
           agent, created, created, case when status in ('resolved','closed') then created + interval '5 hours' end,
           case when status = 'closed' then created + interval '6 hours' end, to_tsvector('simple', (${tplVectors}::text[])[tpl])
    from g`.execute(db);
  process.stdout.write(`\rtickets ${to}/${ticketCount}`);
}
console.log(`\nwork orders loaded in ${((Date.now() - ticketsStarted) / 1000).toFixed(1)} s`);
// The contact numbers went in readable; encrypt them now as a start-up of Kefu would (not during the measurement).
const encryptStarted = Date.now();
const encrypted = await encryptPlaintextPii(db);
console.log(`contact numbers encrypted: ${encrypted.ticketPhones} in ${((Date.now() - encryptStarted) / 1000).toFixed(1)} s`);
// Vacuum too: the encryption pass above left a dead row per order, and autovacuum would clean them up during the measurement.
await sql`vacuum analyze`.execute(db);
console.log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
await database.close();
