// Schedule generation in a worker thread, so a solve of several seconds does not stall the server's other requests.
import { Worker } from 'node:worker_threads';
import type { GenerateInput, GenerateResult } from './generate.js';

const WORKER = new URL('./generate.worker-entry.mjs', import.meta.url);

export function generateScheduleInWorker(input: GenerateInput): Promise<GenerateResult> {
  return new Promise((resolve, reject) => {
    // The server runs TypeScript through tsx; the entry registers the same loader in the thread.
    const worker = new Worker(WORKER, { workerData: input });
    worker.once('message', (m: { ok: true; result: GenerateResult } | { ok: false; message: string }) => {
      if (m.ok) resolve(m.result);
      else reject(new Error(m.message));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => { if (code !== 0) reject(new Error(`schedule worker exited with ${code}`)); });
  });
}
