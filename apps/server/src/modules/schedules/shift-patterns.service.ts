// The tenant's shift patterns (班次). Generation falls back to the built-in set when the tenant has none.
import type { Kysely } from 'kysely';
import type { ShiftPatternDto } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { invalid } from '../../lib/app-error.js';
import { now } from '../../lib/clock.js';
import { writeAudit } from '../audit/audit.service.js';
import { assertCanSchedule } from './schedules.policy.js';

export async function listShiftPatterns({ db, actor }: { db: Kysely<DB>; actor: Actor }): Promise<ShiftPatternDto[]> {
  const rows = await db.selectFrom('schedule_shift_patterns').selectAll().where('tenant_id', '=', actor.tenantId).where('active', '=', true).orderBy('start_time').orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, start: r.start_time, lengthMinutes: r.length_minutes, paidBreakMinutes: r.paid_break_minutes, night: r.night }));
}

/** Replaces the active set; codes no longer listed are retired (drafts keep their own copy of the patterns). */
export async function replaceShiftPatterns({ db, actor, patterns }: { db: Kysely<DB>; actor: Actor; patterns: ShiftPatternDto[] }): Promise<ShiftPatternDto[]> {
  assertCanSchedule(actor);
  const codes = patterns.map((p) => p.code);
  if (new Set(codes).size !== codes.length) throw invalid('patterns: duplicate code');
  const bad = patterns.find((p) => p.paidBreakMinutes >= p.lengthMinutes);
  if (bad) throw invalid('paidBreakMinutes: must be shorter than the shift');
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('schedule_shift_patterns').set({ active: false, updated_at: now() }).where('tenant_id', '=', actor.tenantId).where('code', 'not in', codes).execute();
    for (const p of patterns) {
      const values = { name: p.name, start_time: p.start, length_minutes: p.lengthMinutes, paid_break_minutes: p.paidBreakMinutes, night: p.night, active: true, updated_at: now() };
      await trx.insertInto('schedule_shift_patterns').values({ tenant_id: actor.tenantId, code: p.code, ...values }).onConflict((oc) => oc.columns(['tenant_id', 'code']).doUpdateSet(values)).execute();
    }
    await writeAudit(trx, actor, { action: 'schedule.patterns_replaced', entity: 'schedule_shift_pattern', detail: { codes } });
  });
  return listShiftPatterns({ db, actor });
}
