import { sql, type Kysely } from 'kysely';
import { executePrepared } from '../../db/prepared-statements.js';
import type { DB } from '../../db/schema.js';
import type { AgentDirectory } from './agent-directory.js';
import { userList } from './cti-events.js';

/**
 * The agents whose phones rang for a call: the users named by its `newCall` events (Zammad's `user`, one or an
 * array), as recorded in call_events — whichever server process received them. A PBX names them on newCall only,
 * so `call.answered` and `call.ended` reach them through this even when answer / hangup name no one (their pop
 * closes instead of ringing on).
 *
 * Lookups arriving in the same turn of the event loop (a written batch of events) share one query, and batches run
 * one after the other, so answers come back in the order they were asked (a call's answered before its ended).
 */
export interface RungAgents {
  /** Never rejects: on a database error it reports it and answers []. */
  of(tenantId: number, callId: string): Promise<number[]>;
}

interface Ask {
  tenantId: number;
  callId: string;
  resolve: (ids: number[]) => void;
}

export function createRungAgents(db: Kysely<DB>, directory: AgentDirectory, onError: (error: unknown) => void): RungAgents {
  let queue: Ask[] = [];
  let scheduled = false;
  let chain: Promise<void> = Promise.resolve();

  const run = async (asks: Ask[]) => {
    try {
      const rows = await executePrepared(db, sql<{ tenant_id: number; call_id: string; users: unknown }>`
        select e.tenant_id, e.call_id, e.data -> 'user' as users
        from unnest(${asks.map((a) => a.tenantId)}::int[], ${asks.map((a) => a.callId)}::text[]) as r(tenant_id, call_id)
        join call_events e on e.tenant_id = r.tenant_id and e.call_id = r.call_id and e.event = 'newCall'`);
      const names = new Map<string, string[]>();
      for (const row of rows.rows) {
        const key = `${row.tenant_id}\u0000${row.call_id}`;
        const users = typeof row.users === 'string' ? row.users : Array.isArray(row.users) ? row.users.filter((u): u is string => typeof u === 'string') : undefined;
        names.set(key, [...(names.get(key) ?? []), ...userList(users)]);
      }
      for (const ask of asks) {
        const named = names.get(`${ask.tenantId}\u0000${ask.callId}`) ?? [];
        ask.resolve(named.length ? await directory.resolveMany(ask.tenantId, [...new Set(named)]) : []);
      }
    } catch (error) {
      onError(error);
      for (const ask of asks) ask.resolve([]);
    }
  };

  const flush = () => {
    scheduled = false;
    const asks = queue;
    queue = [];
    chain = chain.then(() => run(asks));
  };

  return {
    of(tenantId, callId) {
      return new Promise((resolve) => {
        queue.push({ tenantId, callId, resolve });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
  };
}
