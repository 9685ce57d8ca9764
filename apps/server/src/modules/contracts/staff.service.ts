// Service staff archive (seed 001 家政服务人员档案): profiles with masked personal data, the profile page, and the
// list the callbacks module targets.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Staff, StaffInput, StaffPlacement, StaffProfile, StaffStatus, StaffUpdate, staffListQuerySchema } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { notFound, versionConflict } from '../../lib/app-error.js';
import { now, toIsoRequired } from '../../lib/clock.js';
import { writeAudit } from '../audit/audit.service.js';
import { tenantToday } from './contracts.repo.js';
import { assertCan, assertStaffManage, canReadStaff, canSeeStaffPii } from './contracts.policy.js';
import { listDeductions, listMovements, listPlacements } from './staff-records.service.js';
import { maskIdCard, maskStaffPhone, monthlyTotals } from './staff.rules.js';

type Ctx = { db: Kysely<DB>; actor: Actor };

const columns = ['id', 'name', 'gender', 'birth_year', 'phone', 'id_card', 'skills', 'level', 'status', 'note', 'created_at', 'updated_at', 'version'] as const;
type StaffRow = { id: number; name: string; gender: string; birth_year: number | null; phone: string | null; id_card: string | null; skills: string[]; level: string | null; status: string; note: string | null; created_at: Date; updated_at: Date; version: number };

export function presentStaff(r: StaffRow, opts: { reveal: boolean; currentPlacement?: StaffPlacement | null }): Staff {
  return {
    id: r.id,
    name: r.name,
    gender: r.gender as Staff['gender'],
    birthYear: r.birth_year,
    phone: opts.reveal ? r.phone : maskStaffPhone(r.phone),
    idCard: opts.reveal || r.id_card === null ? r.id_card : maskIdCard(r.id_card),
    piiMasked: !opts.reveal,
    skills: r.skills,
    level: r.level,
    status: r.status as StaffStatus,
    note: r.note,
    currentPlacement: opts.currentPlacement ?? null,
    createdAt: toIsoRequired(r.created_at),
    updatedAt: toIsoRequired(r.updated_at),
    version: r.version,
  };
}

/** Lists always mask: nobody needs a column of ID numbers; the profile shows them to those allowed (audited). */
export async function listStaff({ db, actor, query }: Ctx & { query: z.infer<typeof staffListQuerySchema> }) {
  assertCan(canReadStaff(actor));
  let q = db.selectFrom('service_staff').where('tenant_id', '=', actor.tenantId);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.skill) q = q.where((eb) => eb(eb.val(query.skill!), '=', eb.fn<string>('any', ['skills'])));
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb('name', 'ilike', like), eb('phone', 'like', like)]));
  }
  const [rows, count] = await Promise.all([
    q.select(columns).orderBy('name').orderBy('id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const today = await tenantToday(db, actor.tenantId);
  const current = await currentPlacements({ db, actor, staffIds: rows.map((r) => r.id), today });
  return {
    items: rows.map((r) => presentStaff(r, { reveal: false, currentPlacement: current.get(r.id) ?? null })),
    total: Number(count.n),
    totalCapped: false,
    page: query.page,
    pageSize: query.pageSize,
  };
}

async function currentPlacements({ db, actor, staffIds, today }: Ctx & { staffIds: number[]; today: string }) {
  const map = new Map<number, StaffPlacement>();
  if (staffIds.length === 0) return map;
  for (const p of await listPlacements({ db, tenantId: actor.tenantId, staffIds, runningOn: today })) map.set(p.staff.id, p);
  return map;
}

async function loadStaffRow(db: Kysely<DB>, tenantId: number, id: number): Promise<StaffRow> {
  const row = await db.selectFrom('service_staff').select(columns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('service_staff');
  return row;
}

export async function getStaff({ db, actor, id }: Ctx & { id: number }): Promise<Staff> {
  assertCan(canReadStaff(actor));
  const row = await loadStaffRow(db, actor.tenantId, id);
  const current = await currentPlacements({ db, actor, staffIds: [id], today: await tenantToday(db, actor.tenantId) });
  return presentStaff(row, { reveal: false, currentPlacement: current.get(id) ?? null });
}

/** The profile page. Personal data is shown in clear to those allowed, and that access is audited. */
export async function getStaffProfile({ db, actor, id }: Ctx & { id: number }): Promise<StaffProfile> {
  assertCan(canReadStaff(actor));
  const row = await loadStaffRow(db, actor.tenantId, id);
  const reveal = canSeeStaffPii(actor) && (row.phone !== null || row.id_card !== null);
  const today = await tenantToday(db, actor.tenantId);
  const [placements, movements, deductions] = await Promise.all([
    listPlacements({ db, tenantId: actor.tenantId, staffIds: [id] }),
    listMovements({ db, tenantId: actor.tenantId, staffId: id }),
    listDeductions({ db, tenantId: actor.tenantId, staffId: id }),
  ]);
  if (reveal) await writeAudit(db, actor, { action: 'service_staff.pii_viewed', entity: 'service_staff', entityId: id, detail: { fields: ['phone', 'idCard'] } });
  const current = placements.find((p) => p.startDate <= today && (p.endDate === null || p.endDate >= today)) ?? null;
  return {
    staff: presentStaff(row, { reveal: canSeeStaffPii(actor), currentPlacement: current }),
    placements,
    movements,
    deductions,
    monthlyTotals: monthlyTotals(deductions),
  };
}

export async function createStaff({ db, actor, input }: Ctx & { input: StaffInput }): Promise<Staff> {
  assertStaffManage(actor);
  const joinedOn = input.joinedOn ?? (await tenantToday(db, actor.tenantId));
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('service_staff')
      .values({
        tenant_id: actor.tenantId, name: input.name, gender: input.gender, birth_year: input.birthYear, phone: input.phone, id_card: input.idCard,
        skills: input.skills, level: input.level, status: 'new', note: input.note, created_by: actor.userId || null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Seed 001's 流动情况记录表 starts with the arrival.
    await trx.insertInto('staff_movements').values({ tenant_id: actor.tenantId, staff_id: row.id, kind: 'new', from_status: null, on_date: joinedOn, created_by: actor.userId || null }).execute();
    await writeAudit(trx, actor, { action: 'service_staff.created', entity: 'service_staff', entityId: row.id, detail: { name: input.name, joinedOn } });
    return row.id;
  });
  return getStaff({ db, actor, id });
}

export async function updateStaff({ db, actor, id, input }: Ctx & { id: number; input: StaffUpdate }): Promise<Staff> {
  assertStaffManage(actor);
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('service_staff').select('version').where('tenant_id', '=', actor.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw notFound('service_staff');
    if (current.version !== input.version) throw versionConflict();
    const { version: _v, ...f } = input;
    await trx
      .updateTable('service_staff')
      .set({ name: f.name, gender: f.gender, birth_year: f.birthYear, phone: f.phone, id_card: f.idCard, skills: f.skills, level: f.level, note: f.note, updated_at: now(), version: current.version + 1 })
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', id)
      .execute();
    // Personal data values stay out of the audit log; only which fields changed.
    await writeAudit(trx, actor, { action: 'service_staff.updated', entity: 'service_staff', entityId: id, detail: { fields: Object.keys(f) } });
  });
  return getStaff({ db, actor, id });
}

/** For the callbacks module (回访家政服务人员, seed 001): whom to call. Phone in clear: the caller needs to dial it. */
export async function listStaffForCallbacks({ db, tenantId, filters = {} }: { db: Kysely<DB>; tenantId: number; filters?: { status?: StaffStatus[]; ids?: number[]; customerId?: number; limit?: number } }) {
  let q = db.selectFrom('service_staff as s').where('s.tenant_id', '=', tenantId).where('s.phone', 'is not', null);
  if (filters.status?.length) q = q.where('s.status', 'in', filters.status);
  if (filters.ids?.length) q = q.where('s.id', 'in', filters.ids);
  if (filters.customerId) {
    const customerId = filters.customerId;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('staff_placements as p').select('p.id').whereRef('p.tenant_id', '=', 's.tenant_id').whereRef('p.staff_id', '=', 's.id').where('p.customer_id', '=', customerId)),
    );
  }
  const rows = await q.select(['s.id', 's.name', 's.phone']).orderBy('s.name').orderBy('s.id').limit(filters.limit ?? 5000).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, phone: r.phone as string }));
}
