import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * Finds the agent a PBX means by `user` / `answeringNumber`. Zammad looks a value up as the user's phone, then
 * login, then id; here: extension, employee number (工号), username (any case), display name, then user id.
 * Answers are cached (a miss for a shorter time), so a busy hotline does not query users per event.
 */
export interface AgentDirectory {
  resolve(tenantId: number, value: string | undefined): Promise<number | null>;
  resolveMany(tenantId: number, values: readonly string[]): Promise<number[]>;
}

const HIT_TTL_MS = 60_000;
const MISS_TTL_MS = 5_000;
const MAX_ENTRIES = 20_000;

interface Row {
  id: number;
  extension: string | null;
  employee_no: string | null;
  username: string;
  display_name: string;
}

/** The best of several users matching one value, by the order of the fields above. */
export function pickAgent(rows: readonly Row[], value: string): number | null {
  const lower = value.toLowerCase();
  const tests: Array<(r: Row) => boolean> = [
    (r) => r.extension === value,
    (r) => r.employee_no === value,
    (r) => r.username.toLowerCase() === lower,
    (r) => r.display_name === value,
    (r) => String(r.id) === value,
  ];
  for (const test of tests) {
    const found = rows.filter(test).sort((a, b) => a.id - b.id)[0];
    if (found) return found.id;
  }
  return null;
}

export function createAgentDirectory(db: Kysely<DB>): AgentDirectory {
  const cache = new Map<string, { userId: number | null; expires: number }>();

  const lookup = async (tenantId: number, value: string): Promise<number | null> => {
    const asId = /^\d{1,15}$/.test(value) ? Number(value) : -1;
    const rows = await sql<Row>`
      select id, extension, employee_no, username, display_name from users
      where tenant_id = ${tenantId} and active
        and (extension = ${value} or employee_no = ${value} or lower(username) = lower(${value}) or display_name = ${value} or id = ${asId})
      limit 20`.execute(db);
    return pickAgent(rows.rows, value);
  };

  const resolve = async (tenantId: number, raw: string | undefined): Promise<number | null> => {
    const value = raw?.trim();
    if (!value) return null;
    const key = `${tenantId}\u0000${value}`;
    const hit = cache.get(key);
    if (hit && hit.expires > Date.now()) return hit.userId;
    const userId = await lookup(tenantId, value);
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(key, { userId, expires: Date.now() + (userId === null ? MISS_TTL_MS : HIT_TTL_MS) });
    return userId;
  };

  return {
    resolve,
    async resolveMany(tenantId, values) {
      const ids = await Promise.all(values.map((v) => resolve(tenantId, v)));
      return [...new Set(ids.filter((id): id is number => id !== null))];
    },
  };
}
