// Runs one schedule generation off the main thread (HiGHS solves synchronously for seconds).
import { parentPort, workerData } from 'node:worker_threads';
import { generateSchedule, type GenerateInput } from './generate.js';

generateSchedule(workerData as GenerateInput).then(
  (result) => parentPort!.postMessage({ ok: true, result }),
  (error: unknown) => parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) }),
);
