import type { Kysely } from 'kysely';
import type { Macro, MacroInput } from '@kefu/shared';
import type { z } from 'zod';
import type { macroListQuerySchema, macroUpdateSchema } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../lib/actor.js';
import { AppError, notFound, versionConflict } from '../../lib/app-error.js';
import { now, toIsoRequired } from '../../lib/clock.js';
import { writeAudit } from '../audit/audit.service.js';

type Ctx = { db: Kysely<DB>; actor: Actor };
const columns = ['id', 'category', 'title', 'body', 'active', 'updated_at', 'version'] as const;
type Row = { id: number; category: string; title: string; body: string; active: boolean; updated_at: Date; version: number };
const present = (r: Row): Macro => ({ id: r.id, category: r.category as Macro['category'], title: r.title, body: r.body, active: r.active, updatedAt: toIsoRequired(r.updated_at), version: r.version });

function assertManage(actor: Actor) {
  if (!can(actor, 'macros.manage')) throw new AppError('FORBIDDEN');
}

/** Every signed-in user reads the script library; only active replies unless asked. */
export async function listMacros({ db, actor, query }: Ctx & { query: z.infer<typeof macroListQuerySchema> }): Promise<Macro[]> {
  let q = db.selectFrom('macros').select(columns).where('tenant_id', '=', actor.tenantId);
  if (query.includeInactive !== 'true') q = q.where('active', '=', true);
  if (query.category) q = q.where('category', '=', query.category);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb('title', 'ilike', like), eb('body', 'ilike', like)]));
  }
  return (await q.orderBy('category').orderBy('title').limit(500).execute()).map(present);
}

export async function createMacro({ db, actor, input }: Ctx & { input: MacroInput }): Promise<Macro> {
  assertManage(actor);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('macros')
      .values({ tenant_id: actor.tenantId, category: input.category, title: input.title, body: input.body, active: input.active, created_by: actor.userId || null })
      .returning(columns)
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'macro.created', entity: 'macro', entityId: row.id, detail: { title: input.title, category: input.category } });
    return present(row);
  });
}

export async function updateMacro({ db, actor, id, input }: Ctx & { id: number; input: z.infer<typeof macroUpdateSchema> }): Promise<Macro> {
  assertManage(actor);
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('macros').select('version').where('tenant_id', '=', actor.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw notFound('record');
    if (current.version !== input.version) throw versionConflict();
    const { version: _version, ...changes } = input;
    const row = await trx
      .updateTable('macros')
      .set(Object.assign({}, changes, { updated_at: now(), version: current.version + 1 }))
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', id)
      .returning(columns)
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'macro.updated', entity: 'macro', entityId: id, detail: { fields: Object.keys(changes) } });
    return present(row);
  });
}
