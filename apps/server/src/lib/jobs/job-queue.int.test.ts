import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';
import { createJobWorker, enqueueJob, type JobHandler } from './job-queue.js';

let database: Database;
beforeAll(async () => { database = await createTestDatabase(); });
afterAll(async () => { await database.close(); });

/** Each run of a job leaves one audit row: counting them counts executions that committed. */
const recordRun: JobHandler = async ({ db, job }) => {
  await db.insertInto('audit_log').values({ tenant_id: job.tenantId, actor_id: null, action: 'test.job_ran', entity: 'job', entity_id: job.id, detail: JSON.stringify(job.payload), ip: null }).execute();
};

async function runCounts(action: string) {
  const rows = await database.db.selectFrom('audit_log').select(['entity_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('action', '=', action).groupBy('entity_id').execute();
  return rows.map((r) => Number(r.n));
}

describe('job queue', () => {
  it('runs due jobs once, leaves future ones, and moves a deduplicated job instead of adding one', async () => {
    const { db } = database;
    for (let i = 0; i < 30; i++) await enqueueJob(db, { tenantId: TEST_TENANT_ID, kind: 'test.once', payload: { i } });
    await enqueueJob(db, { tenantId: TEST_TENANT_ID, kind: 'test.once', payload: { later: true }, runAt: new Date(Date.now() + 3_600_000) });
    await enqueueJob(db, { tenantId: TEST_TENANT_ID, kind: 'test.once', dedupeKey: 'k', runAt: new Date(Date.now() + 3_600_000) });
    await enqueueJob(db, { tenantId: TEST_TENANT_ID, kind: 'test.once', dedupeKey: 'k', payload: { moved: true } });
    const worker = createJobWorker({ db, handlers: { 'test.once': recordRun }, batchSize: 7 });
    let ran = 0;
    for (let n = await worker.runOnce(); n > 0; n = await worker.runOnce()) ran += n;
    expect(ran).toBe(31);
    expect(await runCounts('test.job_ran')).toHaveLength(31);
    expect((await runCounts('test.job_ran')).every((n) => n === 1)).toBe(true);
    const pending = await db.selectFrom('jobs').select(['payload']).where('kind', '=', 'test.once').where('done_at', 'is', null).execute();
    expect(pending.map((p) => p.payload)).toEqual([{ later: true }]);
    expect(await worker.runOnce()).toBe(0);
  });

  it('retries a failing job with backoff, then gives up after maxAttempts, rolling back its effects', async () => {
    const { db } = database;
    await enqueueJob(db, { tenantId: TEST_TENANT_ID, kind: 'test.flaky', maxAttempts: 3 });
    let calls = 0;
    const worker = createJobWorker({
      db,
      backoffMs: () => 0,
      handlers: {
        'test.flaky': async (ctx) => {
          calls += 1;
          await recordRun(ctx);
          throw new Error(`boom ${calls}`);
        },
      },
    });
    for (let i = 0; i < 5; i++) await worker.runOnce();
    expect(calls).toBe(3);
    const job = await db.selectFrom('jobs').selectAll().where('kind', '=', 'test.flaky').executeTakeFirstOrThrow();
    expect(job.attempts).toBe(3);
    expect(job.failed_at).not.toBeNull();
    expect(job.done_at).toBeNull();
    expect(job.last_error).toBe('boom 3');
    // The failed attempts' database effects were rolled back with them.
    expect(await runCounts('test.job_ran')).toHaveLength(31);
  });

  it('succeeds on a retry after a failure (at-least-once delivery, one committed effect)', async () => {
    const { db } = database;
    await enqueueJob(db, { tenantId: TEST_TENANT_ID, kind: 'test.second_time' });
    let calls = 0;
    const worker = createJobWorker({
      db, backoffMs: () => 0,
      handlers: { 'test.second_time': async (ctx) => { calls += 1; await recordRun({ ...ctx, job: { ...ctx.job, payload: { second: true } } }); if (calls === 1) throw new Error('smtp down'); } },
    });
    await worker.runOnce();
    await worker.runOnce();
    expect(calls).toBe(2);
    const rows = await db.selectFrom('audit_log').select('detail').where('action', '=', 'test.job_ran').where(sql`detail->>'second'`, '=', 'true').execute();
    expect(rows).toHaveLength(1);
  });

  it('does not run a job whose lease another worker holds', async () => {
    const { db } = database;
    await enqueueJob(db, { tenantId: TEST_TENANT_ID, kind: 'test.leased' });
    await db.updateTable('jobs').set({ locked_by: 'other', locked_until: new Date(Date.now() + 60_000) }).where('kind', '=', 'test.leased').execute();
    const worker = createJobWorker({ db, handlers: { 'test.leased': recordRun } });
    expect(await worker.runOnce()).toBe(0);
    // An expired lease (its worker died) is taken over.
    await db.updateTable('jobs').set({ locked_until: new Date(Date.now() - 1) }).where('kind', '=', 'test.leased').execute();
    expect(await worker.runOnce()).toBe(1);
  });

  it.runIf(process.env.KEFU_TEST_DB === 'postgres')('two workers on two connection pools run each of 2,000 jobs exactly once', async () => {
    const { db } = database;
    await sql`insert into jobs (tenant_id, kind, payload) select ${TEST_TENANT_ID}, 'test.race', jsonb_build_object('race', g) from generate_series(1, 2000) g`.execute(db);
    const url = (database as Database & { url: string }).url;
    const [a, b] = await Promise.all([openDatabase({ url, poolSize: 3 }), openDatabase({ url, poolSize: 3 })]);
    try {
      const seen = { a: 0, b: 0 };
      const handler = (who: 'a' | 'b'): JobHandler => async (ctx) => { seen[who] += 1; await recordRun(ctx); };
      const wa = createJobWorker({ db: a.db, handlers: { 'test.race': handler('a') }, batchSize: 25 });
      const wb = createJobWorker({ db: b.db, handlers: { 'test.race': handler('b') }, batchSize: 25 });
      const drain = async (w: typeof wa) => { for (let idle = 0; idle < 3;) idle = (await w.runOnce()) === 0 ? idle + 1 : 0; };
      await Promise.all([drain(wa), drain(wb), drain(wa), drain(wb)]);
      expect(seen.a + seen.b).toBe(2000);
      expect(seen.a).toBeGreaterThan(0);
      expect(seen.b).toBeGreaterThan(0);
      const raceRuns = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'test.job_ran').where(sql`detail ? 'race'`, '=', true).executeTakeFirstOrThrow();
      expect(Number(raceRuns.n)).toBe(2000);
      const dupes = await sql<{ n: number }>`select count(*)::int as n from (select entity_id from audit_log where action = 'test.job_ran' group by entity_id having count(*) > 1) d`.execute(db);
      expect(dupes.rows[0]!.n).toBe(0);
      const open = await db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'test.race').where('done_at', 'is', null).executeTakeFirstOrThrow();
      expect(Number(open.n)).toBe(0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 60_000);
});
