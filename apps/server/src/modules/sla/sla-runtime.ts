// The background work of a Kefu process: sweep due SLA timers, then run due jobs (notifications). Every process
// runs it; skip-locked claims keep them from doing the same work twice.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { createJobWorker, type JobHandler, type JobWorker } from '../../lib/jobs/job-queue.js';
import type { LiveBus } from '../../lib/live/live-bus.js';
import { escalateDueSlas } from './sla-escalation.service.js';
import { closeMailTransports, deliverNotice, notifySettingsFromEnv, SLA_NOTIFY_JOB, type NotifyJobPayload, type NotifySettings } from './sla-notify.js';

export interface BackgroundWork {
  /** One sweep and one batch of jobs (tests drive it directly). */
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

export function createBackgroundWork({ db, live, settings, pollMs = 1_000, workerId }: { db: Kysely<DB>; live: LiveBus; settings?: NotifySettings; pollMs?: number; workerId?: string }): BackgroundWork {
  const notify = settings ?? notifySettingsFromEnv(process.env, { live, robots: tenantRobots() });
  const handlers: Record<string, JobHandler> = {
    [SLA_NOTIFY_JOB]: async ({ db: trx, job }) => deliverNotice(notify, job.payload as NotifyJobPayload, trx),
  };
  const worker = createJobWorker({ db, handlers, workerId });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = true;

  async function tick() {
    const escalated = await escalateDueSlas({ db });
    const jobs = await worker.runOnce();
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
