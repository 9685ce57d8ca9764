import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CallEventRow } from './cti-events.js';
import { agentActivityOf, applyAgentActivity } from './agent-activity.js';
import { writeCallEvents, type AppliedCallEvent } from './cti.repo.js';

/**
 * Group commit for CTI events. Each request's event is queued; whatever arrived while the previous statement
 * ran is written by the next one (up to MAX_BATCH), so under load one statement carries many events and when
 * quiet an event waits for nothing. A request is answered only after its event is committed: no event
 * acknowledged to the PBX is lost.
 *
 * Calls are spread over lanes by callId, each lane writing one batch at a time: the same call is never
 * written by two statements at once. Within a batch, a second event of the same call goes to a following
 * round (an upsert cannot touch one row twice).
 */
export interface CtiWriter {
  /** Resolves with the merged call, or null when the event was already recorded (a duplicate). */
  submit(row: CallEventRow): Promise<AppliedCallEvent | null>;
  /** Waits for everything queued. */
  drain(): Promise<void>;
}

interface Pending {
  row: CallEventRow;
  resolve: (value: AppliedCallEvent | null) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 500;
const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure: the statement had no effect
const MAX_ATTEMPTS = 4;

const callKey = (row: CallEventRow) => `${row.tenantId}\u0000${row.callId}`;

/** Splits a batch so that no call appears twice in one round; the order of a call's events is kept. */
export function splitIntoRounds<T extends { row: CallEventRow }>(items: readonly T[]): T[][] {
  const rounds: T[][] = [];
  const seen = new Map<string, number>();
  for (const item of items) {
    const key = callKey(item.row);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    (rounds[n] ??= []).push(item);
  }
  return rounds;
}

function laneOf(callId: string, lanes: number): number {
  let hash = 0;
  for (let i = 0; i < callId.length; i++) hash = (hash * 31 + callId.charCodeAt(i)) | 0;
  return Math.abs(hash) % lanes;
}

export function createCtiWriter(db: Kysely<DB>, { lanes = 2, onError }: { lanes?: number; onError?: (error: unknown) => void } = {}): CtiWriter {
  const queues: Pending[][] = Array.from({ length: lanes }, () => []);
  const running: Array<Promise<void> | null> = Array.from({ length: lanes }, () => null);
  // Agents are shared by the lanes: their rows are written one statement at a time, not locked by two at once.
  let agentWrites: Promise<void> = Promise.resolve();
  const writeAgentActivity = (rows: CallEventRow[], applied: AppliedCallEvent[]) => {
    const changes = agentActivityOf(rows, applied);
    if (changes.length === 0) return Promise.resolve();
    const write = agentWrites.then(() => applyAgentActivity(db, changes));
    agentWrites = write.catch(() => undefined);
    return write;
  };

  const execute = async (items: Pending[]): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        const rows = items.map((p) => p.row);
        const applied = await writeCallEvents(db, rows);
        // Acknowledged once the agents' activity is written too (a PBX's answer means the wallboard can show it).
        try {
          await writeAgentActivity(rows, applied);
        } catch (error) {
          onError?.(error); // the events are stored: a lost activity change must not make the PBX send them again
        }
        // A round holds one event per call: a call that came back is that event, applied (a duplicate does not come back).
        const byCall = new Map(applied.map((a) => [`${a.tenant_id}\u0000${a.call_id}`, a]));
        for (const p of items) p.resolve(byCall.get(callKey(p.row)) ?? null);
        return;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code && RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) continue;
        if (items.length > 1) {
          // One bad event must not fail the others that happened to share its statement.
          for (const p of items) await execute([p]);
          return;
        }
        onError?.(error);
        for (const p of items) p.reject(error);
        return;
      }
    }
  };

  const run = async (lane: number) => {
    const queue = queues[lane]!;
    // Let the requests that arrived in this turn of the event loop join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      for (const round of splitIntoRounds(batch)) await execute(round);
    }
    running[lane] = null;
  };

  return {
    submit(row) {
      return new Promise((resolve, reject) => {
        const lane = laneOf(row.callId, lanes);
        queues[lane]!.push({ row, resolve, reject });
        running[lane] ??= run(lane);
      });
    },
    async drain() {
      while (running.some(Boolean)) await Promise.all(running);
    },
  };
}
