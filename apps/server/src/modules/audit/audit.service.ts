import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { auditQuerySchema, AuditEntry } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../lib/actor.js';
import { AppError } from '../../lib/app-error.js';
import { toIsoRequired } from '../../lib/clock.js';

export interface AuditEntryInput {
  action: string;
  entity: string;
  entityId?: number | null;
  detail?: Record<string, unknown>;
}

/** Writes audit rows in the caller's transaction, so a change and its record commit together. */
export async function writeAudit(db: Kysely<DB>, actor: Actor, entries: AuditEntryInput | AuditEntryInput[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(
      list.map((e) => ({
        tenant_id: actor.tenantId,
        actor_id: actor.userId || null,
        action: e.action,
        entity: e.entity,
        entity_id: e.entityId ?? null,
        detail: JSON.stringify(e.detail ?? {}),
        ip: actor.ip,
      })),
    )
    .execute();
}

export async function listAudit({ db, actor, query }: { db: Kysely<DB>; actor: Actor; query: z.infer<typeof auditQuerySchema> }) {
  if (!can(actor, 'audit.read')) throw new AppError('FORBIDDEN');
  let q = db
    .selectFrom('audit_log as l')
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'l.tenant_id').onRef('u.id', '=', 'l.actor_id'))
    .where('l.tenant_id', '=', actor.tenantId);
  if (query.entity) q = q.where('l.entity', '=', query.entity);
  if (query.entityId) q = q.where('l.entity_id', '=', query.entityId);
  if (query.actorId) q = q.where('l.actor_id', '=', query.actorId);
  if (query.action) q = q.where('l.action', '=', query.action);
  if (query.from) q = q.where('l.at', '>=', new Date(query.from));
  if (query.to) q = q.where('l.at', '<', new Date(query.to));
  const [rows, count] = await Promise.all([
    q.select(['l.id', 'l.at', 'l.actor_id', 'u.display_name', 'l.action', 'l.entity', 'l.entity_id', 'l.detail', 'l.ip'])
      .orderBy('l.id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
    db.selectFrom(q.select('l.id').limit(10_001).as('x')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const items: AuditEntry[] = rows.map((r) => ({
    id: r.id, at: toIsoRequired(r.at), actor: r.actor_id ? { id: r.actor_id, name: r.display_name ?? '' } : null,
    action: r.action, entity: r.entity, entityId: r.entity_id, detail: r.detail, ip: r.ip,
  }));
  const total = Number(count.n);
  return { items, total: Math.min(total, 10_000), totalCapped: total > 10_000, page: query.page, pageSize: query.pageSize };
}
