// Durable jobs and timers in PostgreSQL (ARCHITECTURE: "Jobs and timers … live in PostgreSQL").
//
// A worker claims due jobs with `for update skip locked` and a lease, then runs each in a transaction that first
// re-locks its row and checks the lease is still its own; the handler's database effects and `done_at` commit
// together. So a job's database effects happen exactly once across any number of processes; external effects
// (e-mail, webhooks) happen at least once, and exactly once unless a process dies between sending and commit.
// Handlers must use the `db` they are given (a transaction): on PGlite there is a single connection.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { now } from '../clock.js';

export interface EnqueueJob {
  tenantId: number;
  kind: string;
  payload?: unknown;
  runAt?: Date;
  /** A pending job with the same (tenant, kind, key) is moved to the new time and payload instead of duplicated. */
  dedupeKey?: string;
  maxAttempts?: number;
}

/** Adds a job in the caller's transaction (rule 4: enqueued with the change that causes it). */
export async function enqueueJob(db: Kysely<DB>, job: EnqueueJob): Promise<void> {
  const values = {
    tenant_id: job.tenantId,
    kind: job.kind,
    dedupe_key: job.dedupeKey ?? null,
    payload: JSON.stringify(job.payload ?? {}),
    run_at: job.runAt ?? now(),
    max_attempts: job.maxAttempts ?? 8,
  };
  if (job.dedupeKey === undefined) {
    await db.insertInto('jobs').values(values).execute();
    return;
  }
  await db
    .insertInto('jobs')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'kind', 'dedupe_key'])
        .where('dedupe_key', 'is not', null).where('done_at', 'is', null).where('failed_at', 'is', null)
        .doUpdateSet({ run_at: values.run_at, payload: values.payload, attempts: 0 }),
    )
    .execute();
}

/** Removes a pending deduplicated job (e.g. the SLA check of a resolved order). */
export async function cancelJob(db: Kysely<DB>, tenantId: number, kind: string, dedupeKey: string): Promise<void> {
  await db.deleteFrom('jobs').where('tenant_id', '=', tenantId).where('kind', '=', kind).where('dedupe_key', '=', dedupeKey)
    .where('done_at', 'is', null).where('failed_at', 'is', null).where('locked_by', 'is', null).execute();
}

export interface ClaimedJob {
  tenantId: number;
  id: number;
  kind: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

export type JobHandler = (ctx: { db: Kysely<DB>; job: ClaimedJob }) => Promise<void>;

export interface JobWorkerOptions {
  db: Kysely<DB>;
  handlers: Record<string, JobHandler>;
  workerId?: string;
  batchSize?: number;
  pollMs?: number;
  leaseMs?: number;
  /** Delay before retry n (1-based). */
  backoffMs?: (attempt: number) => number;
  onError?: (error: unknown, job: ClaimedJob) => void;
}

export const defaultBackoffMs = (attempt: number) => Math.min(3_600_000, 5_000 * 2 ** (attempt - 1));

export interface JobWorker {
  readonly id: string;
  /** Claims and runs one batch of due jobs; answers how many ran (successfully or not). */
  runOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const { db, handlers } = options;
  const id = options.workerId ?? `w-${process.pid}-${randomBytes(4).toString('hex')}`;
  const batchSize = options.batchSize ?? 50;
  const leaseMs = options.leaseMs ?? 60_000;
  const backoff = options.backoffMs ?? defaultBackoffMs;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = true;

  async function claim(): Promise<ClaimedJob[]> {
    const at = now();
    const kinds = Object.keys(handlers);
    if (kinds.length === 0) return [];
    const result = await sql<{ tenant_id: number; id: number; kind: string; payload: unknown; attempts: number; max_attempts: number }>`
      update jobs set locked_until = ${new Date(at.getTime() + leaseMs)}, locked_by = ${id}, attempts = attempts + 1
      where (tenant_id, id) in (
        select tenant_id, id from jobs
        where done_at is null and failed_at is null and run_at <= ${at}
          and (locked_until is null or locked_until < ${at})
          and kind in (${sql.join(kinds)})
        order by run_at
        limit ${batchSize}
        for update skip locked)
      returning tenant_id, id, kind, payload, attempts, max_attempts`.execute(db);
    return result.rows.map((r) => ({ tenantId: r.tenant_id, id: Number(r.id), kind: r.kind, payload: r.payload, attempts: r.attempts, maxAttempts: r.max_attempts }));
  }

  async function runJob(job: ClaimedJob): Promise<void> {
    try {
      await db.transaction().execute(async (trx) => {
        const mine = await trx.selectFrom('jobs').select('id').where('tenant_id', '=', job.tenantId).where('id', '=', job.id)
          .where('locked_by', '=', id).where('done_at', 'is', null).forUpdate().executeTakeFirst();
        if (!mine) return; // the lease ran out and another worker took the job
        await handlers[job.kind]!({ db: trx, job });
        await trx.updateTable('jobs').set({ done_at: now(), locked_until: null, last_error: null })
          .where('tenant_id', '=', job.tenantId).where('id', '=', job.id).execute();
      });
    } catch (error) {
      options.onError?.(error, job);
      const message = error instanceof Error ? error.message : String(error);
      const exhausted = job.attempts >= job.maxAttempts;
      await db.updateTable('jobs')
        .set({
          locked_until: null, locked_by: null, last_error: message.slice(0, 2000),
          run_at: new Date(now().getTime() + backoff(job.attempts)),
          failed_at: exhausted ? now() : null,
        })
        .where('tenant_id', '=', job.tenantId).where('id', '=', job.id).where('locked_by', '=', id).execute();
    }
  }

  async function runOnce(): Promise<number> {
    const jobs = await claim();
    for (const job of jobs) await runJob(job);
    return jobs.length;
  }

  function schedule(delay: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce()
        .catch((error: unknown) => console.warn(`job worker ${id}: ${error instanceof Error ? error.message : String(error)}`))
        .then((n) => schedule(typeof n === 'number' && n >= batchSize ? 0 : (options.pollMs ?? 1_000)));
    }, delay);
    timer.unref?.();
  }

  return {
    id,
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
