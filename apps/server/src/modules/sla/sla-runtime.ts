// The background work of a Kefu process: sweep due SLA timers, then run due jobs (notifications). Every process
// runs it; skip-locked claims keep them from doing the same work twice.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { createJobWorker, type JobHandler, type JobWorker } from '../../lib/jobs/job-queue.js';
import type { LiveBus } from '../../lib/live/live-bus.js';
import { escalateDueSlas } from './sla-escalation.service.js';
import { complaintJobHandlers } from '../complaints/complaint-notify.js';
import { GRADING_VIP_JOB, vipRecomputeJobHandler } from '../grading/grading-vip.service.js';
import { GRADING_REGRADE_JOB, regradeJobHandler } from '../grading/grading-rules.service.js';
import { closeMailTransports, deliverNotice, notifySettingsFromEnv, SLA_NOTIFY_JOB, type NotifyJobPayload, type NotifySettings } from './sla-notify.js';

/**
 * Work a process runs every so often besides the SLA sweep (monthly reports, reminders, backups). Each task must
 * be idempotent across processes (a unique key or a claim), since every process runs it.
 */
export interface PeriodicTask {
  name: string;
  everyMs: number;
  /** Not before this long after the process started (heavy work must not slow a start, a test or a benchmark). */
  firstAfterMs?: number;
  run(ctx: { db: Kysely<DB>; at: Date }): Promise<unknown>;
}

export interface BackgroundWork {
  /** One sweep, one batch of jobs and the periodic tasks that are due (tests drive it directly). */
  tick(): Promise<{ escalated: number; jobs: number }>;
  start(): void;
  stop(): Promise<void>;
  worker: JobWorker;
}

/** Robot keys from the tenant's settings: settings.sla = { wecomKey, dingtalkToken, dingtalkSecret }. */
export function tenantRobots(): NotifySettings['robots'] {
  return async (db, tenantId) => {
    const row = await db.selectFrom('tenants').select('settings').where('id', '=', tenantId).executeTakeFirst();
    const sla = (row?.settings as { sla?: Record<string, string> } | undefined)?.sla ?? {};
    return { wecomKey: sla.wecomKey, dingtalkToken: sla.dingtalkToken, dingtalkSecret: sla.dingtalkSecret };
  };
}

export function createBackgroundWork({ db, live, settings, pollMs = 1_000, workerId, periodic = [] }: { db: Kysely<DB>; live: LiveBus; settings?: NotifySettings; pollMs?: number; workerId?: string; periodic?: PeriodicTask[] }): BackgroundWork {
  const notify = settings ?? notifySettingsFromEnv(process.env, { live, robots: tenantRobots() });
  const handlers: Record<string, JobHandler> = {
    [SLA_NOTIFY_JOB]: async ({ db: trx, job }) => deliverNotice(notify, job.payload as NotifyJobPayload, trx),
  };
  Object.assign(handlers, complaintJobHandlers(live));
  // Nightly big-customer (VIP) scoring; it queues its next run itself.
  handlers[GRADING_VIP_JOB] = vipRecomputeJobHandler;
  // A rules change on a big archive re-grades here instead of inside the request.
  handlers[GRADING_REGRADE_JOB] = regradeJobHandler;
  const worker = createJobWorker({ db, handlers, workerId });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = true;

  const lastRun = new Map<string, number>();
  const startedAt = Date.now();

  async function runPeriodic() {
    for (const task of periodic) {
      if (task.firstAfterMs !== undefined && Date.now() - startedAt < task.firstAfterMs) continue;
      const last = lastRun.get(task.name);
      if (last !== undefined && Date.now() - last < task.everyMs) continue;
      lastRun.set(task.name, Date.now());
      try {
        await task.run({ db, at: new Date() });
      } catch (error) {
        console.warn(`${task.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  async function tick() {
    const escalated = await escalateDueSlas({ db });
    const jobs = await worker.runOnce();
    await runPeriodic();
    return { escalated, jobs };
  }
  function schedule(delay: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .then((r) => schedule(r.escalated > 0 || r.jobs > 0 ? 0 : pollMs))
        .catch((error: unknown) => {
          console.warn(`background work: ${error instanceof Error ? error.message : String(error)}`);
          schedule(pollMs);
        });
    }, delay);
    timer.unref?.();
  }
  return {
    worker,
    tick,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      closeMailTransports();
    },
  };
}
