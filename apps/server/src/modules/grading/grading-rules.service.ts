import { sql, type Kysely, type RawBuilder } from 'kysely';
import { DEFAULT_GRADING_RULES, gradingRulesSchema, type GradingRules, type GradingRulesResponse } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { systemActor, type Actor } from '../../lib/actor.js';
import { versionConflict } from '../../lib/app-error.js';
import { now, toIso } from '../../lib/clock.js';
import { writeAudit } from '../audit/audit.service.js';
import { enqueueJob, type JobHandler } from '../../lib/jobs/job-queue.js';
import { assertManageRules, assertRead } from './grading.policy.js';
import { tenantTimeZone as tenantZone } from '../../lib/tenant.js';

type Q = Kysely<DB>;

export { tenantTimeZone as tenantZone } from '../../lib/tenant.js';

/** The tenant's rules; the seed-003 defaults (version 0) until a tenant saves its own. */
export async function loadRules(db: Q, tenantId: number): Promise<GradingRulesResponse> {
  const row = await db.selectFrom('grading_rules').select(['rules', 'version', 'updated_at']).where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!row) return { rules: DEFAULT_GRADING_RULES, version: 0, isDefault: true, updatedAt: null };
  // Stored rules were validated on save; parsing again fills defaults a newer release may add.
  const rules = gradingRulesSchema.parse(typeof row.rules === 'string' ? JSON.parse(row.rules) : row.rules);
  return { rules, version: row.version, isDefault: false, updatedAt: toIso(row.updated_at) };
}

export async function getRules({ db, actor }: { db: Q; actor: Actor }): Promise<GradingRulesResponse> {
  assertRead(actor);
  return loadRules(db, actor.tenantId);
}

const textArray = (values: readonly string[]) => sql`array[${sql.join(values.map((v) => sql`${v}::text`))}]`;

/** The grade rules as one SQL CASE over a row's axis columns (first match wins, as in gradeCustomer). */
export function gradeCaseSql(rules: Pick<GradingRules, 'rules' | 'fallbackGrade'>, alias: string): RawBuilder<string> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  const columns = { dealStatus: 'deal_status', importance: 'importance', urgency: 'urgency', demand: 'demand' } as const;
  const branches = rules.rules.map((rule) => {
    const conditions = (Object.keys(columns) as Array<keyof typeof columns>)
      .filter((axis) => rule.when[axis] !== undefined)
      .map((axis) => sql`${col(columns[axis])} = any(${textArray(rule.when[axis] as string[])})`);
    const condition = conditions.length === 0 ? sql`true` : sql.join(conditions, sql` and `);
    return sql`when ${condition} then ${rule.grade}::text`;
  });
  return sql<string>`(case ${sql.join(branches, sql` `)} else ${rules.fallbackGrade}::text end)`;
}

/** The cadence of a grade as an SQL interval expression over a grade expression. */
export function cadenceIntervalSql(rules: Pick<GradingRules, 'cadence'>, gradeExpr: RawBuilder<string>): RawBuilder<string> {
  const branches = (Object.entries(rules.cadence) as Array<[string, GradingRules['cadence']['A']]>).map(
    ([grade, c]) => sql`when ${grade}::text then ${c.every}::int * ${sql.lit(`1 ${c.unit}`)}::interval`,
  );
  return sql<string>`(case ${gradeExpr} ${sql.join(branches, sql` `)} end)`;
}

/**
 * Re-grades every graded customer of a tenant under `rules` in one statement: new grade and next due date per
 * profile, a history row per changed grade, customers.grade where it changed. Rows whose grade and due date stay
 * the same are not written (a rules change usually moves a minority).
 */
export async function regradeTenant(db: Q, tenantId: number, rules: GradingRules, zone: string, userId: number | null): Promise<{ changed: number; rescheduled: number }> {
  const newGrade = gradeCaseSql(rules, 'p');
  const due = sql`((p.last_follow_up_at at time zone ${zone})::date + ${cadenceIntervalSql(rules, newGrade)})::date`;
  // The joins to customers and the history hash up to every changed row: give them room (ends with the transaction).
  await sql`set local work_mem = '64MB'`.execute(db);
  // No self-join: SET sees the old row, so previous_grade keeps the old grade for RETURNING.
  const result = await sql<{ changed: number; rescheduled: number }>`
    with upd as (
      update grading_profiles p
      set previous_grade = p.grade, grade = ${newGrade},
          next_follow_up_on = case when p.last_follow_up_at is null then p.next_follow_up_on else ${due} end,
          updated_at = now(), version = p.version + 1
      where p.tenant_id = ${tenantId} and p.demand is not null
        and (${newGrade} is distinct from p.grade or (p.last_follow_up_at is not null and p.next_follow_up_on is distinct from ${due}))
      returning p.customer_id, p.previous_grade as old_grade, p.grade as new_grade
    ), hist as (
      insert into grading_grade_history (tenant_id, customer_id, from_grade, to_grade, reason, user_id)
      select ${tenantId}, customer_id, old_grade, new_grade, 'regrade', ${userId}
      from upd where new_grade is distinct from old_grade
      returning 1
    ), cust as (
      update customers c set grade = upd.new_grade
      from upd
      where c.tenant_id = ${tenantId} and c.id = upd.customer_id and upd.new_grade is distinct from upd.old_grade and c.grade is distinct from upd.new_grade
      returning 1
    )
    select (select count(*) from hist)::int as changed, (select count(*) from upd)::int as rescheduled`.execute(db);
  return result.rows[0] ?? { changed: 0, rescheduled: 0 };
}

/** Up to this many graded customers a rules change re-grades inside the request; above, the job queue does it. */
export const REGRADE_INLINE_MAX = 20_000;
export const GRADING_REGRADE_JOB = 'grading.regrade';

/**
 * Saves a tenant's rules (optimistic `version`; 0 = still on the defaults) and, unless told not to, re-grades
 * everyone: at once for a department's few thousand customers, through a background job for a big archive (a
 * million customers take most of a minute, longer than a request should hang).
 */
export async function saveRules({ db, actor, input, inlineMax = REGRADE_INLINE_MAX }: { db: Q; actor: Actor; input: { version: number; rules: GradingRules; regrade: boolean }; inlineMax?: number }): Promise<GradingRulesResponse & { changed: number; regradeQueued: boolean }> {
  assertManageRules(actor);
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('grading_rules').select('version').where('tenant_id', '=', actor.tenantId).forUpdate().executeTakeFirst();
    if ((current?.version ?? 0) !== input.version) throw versionConflict();
    const at = now();
    const json = JSON.stringify(input.rules);
    if (current) {
      await trx.updateTable('grading_rules').set({ rules: json, version: current.version + 1, updated_by: actor.userId || null, updated_at: at }).where('tenant_id', '=', actor.tenantId).execute();
    } else {
      await trx.insertInto('grading_rules').values({ tenant_id: actor.tenantId, rules: json, version: 1, updated_by: actor.userId || null, updated_at: at }).execute();
    }
    let changed = 0;
    let regradeQueued = false;
    if (input.regrade) {
      const graded = await trx.selectFrom('grading_profiles').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', actor.tenantId).where('demand', 'is not', null).executeTakeFirstOrThrow();
      if (Number(graded.n) > inlineMax) {
        // One pending job per tenant: a second save before it ran just lets it read the newer rules.
        await enqueueJob(trx, { tenantId: actor.tenantId, kind: GRADING_REGRADE_JOB, payload: { userId: actor.userId || null }, dedupeKey: 'rules' });
        regradeQueued = true;
      } else {
        ({ changed } = await regradeTenant(trx, actor.tenantId, input.rules, await tenantZone(trx, actor.tenantId), actor.userId || null));
      }
    }
    await writeAudit(trx, actor, { action: 'grading.rules_saved', entity: 'grading_rules', entityId: actor.tenantId, detail: { version: input.version + 1, regraded: input.regrade, changed, queued: regradeQueued } });
    return { rules: input.rules, version: input.version + 1, isDefault: false, updatedAt: at.toISOString(), changed, regradeQueued };
  });
}

/** Job handler (GRADING_REGRADE_JOB): re-grades everyone under the rules saved last. */
export const regradeJobHandler: JobHandler = async ({ db, job }) => {
  const { rules } = await loadRules(db, job.tenantId);
  const userId = (job.payload as { userId?: number | null } | null)?.userId ?? null;
  const { changed } = await regradeTenant(db, job.tenantId, rules, await tenantZone(db, job.tenantId), userId);
  // Written in the name of whoever saved the rules.
  await writeAudit(db, Object.assign(systemActor(job.tenantId, []), { userId: userId ?? 0 }), { action: 'grading.regraded', entity: 'grading_rules', entityId: job.tenantId, detail: { changed } });
};
