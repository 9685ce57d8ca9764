import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { CtiSettings, CtiSettingsUpdate } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../lib/actor.js';
import { AppError } from '../../lib/app-error.js';
import { normalizePhone } from '../../lib/phone.js';
import { writeAudit } from '../audit/audit.service.js';

/** What tenants.settings.cti holds. */
interface StoredCti {
  enabled?: boolean;
  token?: string | null;
  blockedNumbers?: string[];
  afterCallWorkSeconds?: number;
}

/** A tenant's CTI configuration as the event endpoint needs it. */
export interface CtiTenant {
  tenantId: number;
  enabled: boolean;
  /** Normalized blocked caller numbers. */
  blocked: ReadonlySet<string>;
  afterCallWorkSeconds: number;
}

export const CTI_ENDPOINT_PREFIX = '/api/v1/cti/';

function toTenant(tenantId: number, cti: StoredCti): CtiTenant {
  return {
    tenantId,
    enabled: cti.enabled === true,
    blocked: new Set((cti.blockedNumbers ?? []).map(normalizePhone).filter(Boolean)),
    afterCallWorkSeconds: cti.afterCallWorkSeconds ?? 0,
  };
}

// Tokens live in tenants.settings; every event would otherwise cost a query. All tenants' CTI settings are
// loaded at once (a handful of rows) and refreshed in the background, so a change made in another server
// process applies within REFRESH_MS; an unknown token forces a reload at most once per MISS_RELOAD_MS.
const REFRESH_MS = 5_000;
const MISS_RELOAD_MS = 1_000;

export interface CtiTenantCache {
  resolve(token: string): Promise<CtiTenant | null>;
  invalidate(): void;
}

export function createCtiTenantCache(db: Kysely<DB>): CtiTenantCache {
  let byToken = new Map<string, CtiTenant>();
  let loadedAt = 0;
  let loading: Promise<void> | null = null;

  const reload = () => {
    loading ??= (async () => {
      try {
        const rows = await sql<{ id: number; cti: StoredCti }>`select id, settings->'cti' as cti from tenants where settings->'cti' is not null`.execute(db);
        const next = new Map<string, CtiTenant>();
        for (const row of rows.rows) if (row.cti?.token) next.set(row.cti.token, toTenant(row.id, row.cti));
        byToken = next;
        loadedAt = Date.now();
      } finally {
        loading = null;
      }
    })();
    return loading;
  };

  return {
    async resolve(token) {
      if (loadedAt === 0) await reload();
      else if (Date.now() - loadedAt > REFRESH_MS) void reload().catch(() => undefined);
      const hit = byToken.get(token);
      if (hit) return hit;
      if (Date.now() - loadedAt > MISS_RELOAD_MS) {
        await reload();
        return byToken.get(token) ?? null;
      }
      return null;
    },
    invalidate() {
      loadedAt = 0;
    },
  };
}

async function readStored(db: Kysely<DB>, tenantId: number): Promise<StoredCti> {
  const row = await sql<{ cti: StoredCti | null }>`select settings->'cti' as cti from tenants where id = ${tenantId}`.execute(db);
  return row.rows[0]?.cti ?? {};
}

async function writeStored(db: Kysely<DB>, tenantId: number, cti: StoredCti): Promise<void> {
  await sql`update tenants set settings = jsonb_set(settings, '{cti}', ${JSON.stringify(cti)}::jsonb) where id = ${tenantId}`.execute(db);
}

function present(cti: StoredCti): CtiSettings {
  return {
    enabled: cti.enabled === true,
    token: cti.token ?? null,
    endpoint: cti.token ? `${CTI_ENDPOINT_PREFIX}${cti.token}` : null,
    blockedNumbers: cti.blockedNumbers ?? [],
    afterCallWorkSeconds: cti.afterCallWorkSeconds ?? 0,
  };
}

const newToken = () => randomBytes(24).toString('base64url');

function assertAdmin(actor: Actor) {
  if (!can(actor, 'calls.admin')) throw new AppError('FORBIDDEN');
}

export async function getCtiSettings({ db, actor }: { db: Kysely<DB>; actor: Actor }): Promise<CtiSettings> {
  assertAdmin(actor);
  return present(await readStored(db, actor.tenantId));
}

async function assertTokenFree(db: Kysely<DB>, tenantId: number, token: string) {
  const taken = await sql<{ id: number }>`select id from tenants where settings->'cti'->>'token' = ${token} and id <> ${tenantId}`.execute(db);
  if (taken.rows.length > 0) throw new AppError('CONFLICT', { detail: 'duplicate_cti_token' });
}

export async function updateCtiSettings({ db, actor, input }: { db: Kysely<DB>; actor: Actor; input: CtiSettingsUpdate }): Promise<CtiSettings> {
  assertAdmin(actor);
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('tenants').select('id').where('id', '=', actor.tenantId).forUpdate().executeTakeFirst();
    const current = await readStored(trx, actor.tenantId);
    const next: StoredCti = { ...current };
    if (input.enabled !== undefined) next.enabled = input.enabled;
    if (input.blockedNumbers !== undefined) next.blockedNumbers = [...new Set(input.blockedNumbers)];
    if (input.afterCallWorkSeconds !== undefined) next.afterCallWorkSeconds = input.afterCallWorkSeconds;
    if (input.token !== undefined) next.token = input.token;
    // Switching the integration on without a token would leave no way in: make one.
    if (input.regenerateToken || (next.enabled && !next.token)) next.token = newToken();
    if (next.token && next.token !== current.token) await assertTokenFree(trx, actor.tenantId, next.token);
    await writeStored(trx, actor.tenantId, next);
    await writeAudit(trx, actor, {
      action: 'cti.settings_changed',
      entity: 'tenant',
      entityId: actor.tenantId,
      // The token itself is a secret and stays out of the audit log.
      detail: { enabled: next.enabled === true, tokenChanged: next.token !== current.token, blockedNumbers: next.blockedNumbers?.length ?? 0, afterCallWorkSeconds: next.afterCallWorkSeconds ?? 0 },
    });
    return present(next);
  });
}

/** KEFU_CTI_TOKEN at start sets the default tenant's token and switches the integration on. */
export async function applyCtiTokenFromEnv(db: Kysely<DB>, tenantId: number, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const token = env.KEFU_CTI_TOKEN?.trim();
  if (!token) return false;
  if (token.length < 16 || !/^[A-Za-z0-9_-]+$/.test(token)) throw new Error('KEFU_CTI_TOKEN must be at least 16 characters of A-Z a-z 0-9 _ -');
  const current = await readStored(db, tenantId);
  if (current.token === token && current.enabled === true) return false;
  await assertTokenFree(db, tenantId, token);
  await writeStored(db, tenantId, Object.assign({}, current, { token, enabled: true }));
  return true;
}
