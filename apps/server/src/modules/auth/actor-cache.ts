import type { Actor } from '../../lib/actor.js';

// Resolving a token costs a query; under load the same few hundred agents call the API all day.
// Entries live a few seconds, so a revoked token or a changed role takes effect everywhere within TTL_MS.
const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

const entries = new Map<string, { actor: Actor; expires: number }>();

export const actorCache = {
  get(key: string): Actor | null {
    const hit = entries.get(key);
    if (!hit) return null;
    if (hit.expires < Date.now()) {
      entries.delete(key);
      return null;
    }
    return hit.actor;
  },
  set(key: string, actor: Actor) {
    if (entries.size >= MAX_ENTRIES) entries.clear();
    entries.set(key, { actor, expires: Date.now() + TTL_MS });
  },
  delete(key: string) {
    entries.delete(key);
  },
  /** After a role, permission or user change. */
  clear() {
    entries.clear();
  },
};
