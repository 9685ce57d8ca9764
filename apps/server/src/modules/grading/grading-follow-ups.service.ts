import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { CustomerGrading, FollowUp, FollowUpInput, customerGradingUpdateSchema, purchaseInputSchema } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { notFound, ruleViolation, versionConflict } from '../../lib/app-error.js';
import { now } from '../../lib/clock.js';
import { writeAudit } from '../audit/audit.service.js';
import { gradeCustomer, localToday, nextFollowUpOn } from './grade-rules.js';
import { loadRules, tenantZone } from './grading-rules.service.js';
import { assertRead, assertWrite } from './grading.policy.js';
import { presentFollowUp, presentHistory, type FollowUpRow } from './grading.presenter.js';

type Ctx = { db: Kysely<DB>; actor: Actor };

async function customerOrThrow(db: Kysely<DB>, tenantId: number, customerId: number) {
  const row = await db.selectFrom('customers').select(['id', 'name', 'grade']).where('tenant_id', '=', tenantId).where('id', '=', customerId).executeTakeFirst();
  if (!row) throw notFound('customer');
  return row;
}

const followUpColumns = sql`f.id, f.customer_id, f.at, f.channel, f.summary, f.deal_status, f.importance, f.urgency, f.demand,
  f.grade_before, f.grade_after, f.next_follow_up_on::text as next_follow_up_on, f.user_id, u.display_name as user_name`;

/**
 * Records a follow-up: the new axis values re-grade the customer under the tenant's rules, the next due date
 * moves by the new grade's cadence, a grade change is logged; all with the audit row in one transaction.
 * The first follow-up of a customer without an owner makes the recorder its owner.
 */
export async function recordFollowUp({ db, actor, customerId, input }: Ctx & { customerId: number; input: FollowUpInput }): Promise<FollowUp> {
  assertWrite(actor);
  const at = input.at ? new Date(input.at) : now();
  if (at.getTime() > now().getTime() + 60_000) throw ruleViolation('grading_follow_up_in_future');
  return db.transaction().execute(async (trx) => {
    await customerOrThrow(trx, actor.tenantId, customerId);
    const [{ rules }, zone] = await Promise.all([loadRules(trx, actor.tenantId), tenantZone(trx, actor.tenantId)]);
    await trx.insertInto('grading_profiles').values({ tenant_id: actor.tenantId, customer_id: customerId }).onConflict((oc) => oc.doNothing()).execute();
    const profile = await trx.selectFrom('grading_profiles').select(['grade', 'owner_id', 'last_follow_up_at', 'version'])
      .where('tenant_id', '=', actor.tenantId).where('customer_id', '=', customerId).forUpdate().executeTakeFirstOrThrow();
    if (profile.last_follow_up_at && at < profile.last_follow_up_at) throw ruleViolation('grading_follow_up_too_old', { last: profile.last_follow_up_at.toISOString() });
    const grade = gradeCustomer(input.axes, rules);
    const dueOn = nextFollowUpOn(at, rules.cadence[grade], zone);
    const followUp = await trx.insertInto('grading_follow_ups').values({
      tenant_id: actor.tenantId, customer_id: customerId, user_id: actor.userId || null, at, channel: input.channel, summary: input.summary,
      deal_status: input.axes.dealStatus, importance: input.axes.importance, urgency: input.axes.urgency, demand: input.axes.demand,
      grade_before: profile.grade, grade_after: grade, next_follow_up_on: dueOn,
    }).returning('id').executeTakeFirstOrThrow();
    await trx.updateTable('grading_profiles').set({
      deal_status: input.axes.dealStatus, importance: input.axes.importance, urgency: input.axes.urgency, demand: input.axes.demand,
      grade, previous_grade: profile.grade, last_follow_up_at: at, next_follow_up_on: dueOn, owner_id: profile.owner_id ?? (actor.userId || null),
      updated_at: now(), version: profile.version + 1,
    }).where('tenant_id', '=', actor.tenantId).where('customer_id', '=', customerId).execute();
    if (grade !== profile.grade) {
      await trx.insertInto('grading_grade_history').values({ tenant_id: actor.tenantId, customer_id: customerId, at, from_grade: profile.grade, to_grade: grade, reason: 'follow_up', follow_up_id: followUp.id, user_id: actor.userId || null }).execute();
    }
    await trx.updateTable('customers').set({ grade }).where('tenant_id', '=', actor.tenantId).where('id', '=', customerId).where(sql<boolean>`grade is distinct from ${grade}`).execute();
    await writeAudit(trx, actor, { action: 'grading.follow_up_recorded', entity: 'customer', entityId: customerId, detail: { followUpId: followUp.id, channel: input.channel, gradeBefore: profile.grade, gradeAfter: grade, nextFollowUpOn: dueOn } });
    const row = await sql<FollowUpRow>`select ${followUpColumns} from grading_follow_ups f left join users u on u.tenant_id = f.tenant_id and u.id = f.user_id
      where f.tenant_id = ${actor.tenantId} and f.id = ${followUp.id}`.execute(trx);
    return presentFollowUp(row.rows[0]!);
  });
}

export async function listFollowUps({ db, actor, customerId, limit = 50 }: Ctx & { customerId: number; limit?: number }): Promise<FollowUp[]> {
  assertRead(actor);
  await customerOrThrow(db, actor.tenantId, customerId);
  const rows = await sql<FollowUpRow>`select ${followUpColumns} from grading_follow_ups f left join users u on u.tenant_id = f.tenant_id and u.id = f.user_id
    where f.tenant_id = ${actor.tenantId} and f.customer_id = ${customerId} order by f.at desc, f.id desc limit ${limit}`.execute(db);
  return rows.rows.map(presentFollowUp);
}

/** The customer's grading panel: grade, axes, owner, next follow-up, grade history and recent follow-ups. */
export async function getCustomerGrading({ db, actor, customerId }: Ctx & { customerId: number }): Promise<CustomerGrading> {
  assertRead(actor);
  const customer = await customerOrThrow(db, actor.tenantId, customerId);
  const p = await sql<{ deal_status: string | null; importance: string | null; urgency: string | null; demand: string | null; grade: string | null; owner_id: number | null; owner_name: string | null;
    last_follow_up_at: Date | null; next_follow_up_on: string | null; is_vip: boolean; vip_score: number | null; referrals: number; campaigns: number; version: number }>`
    select p.deal_status, p.importance, p.urgency, p.demand, p.grade, p.owner_id, u.display_name as owner_name, p.last_follow_up_at,
      p.next_follow_up_on::text as next_follow_up_on, p.is_vip, v.score as vip_score, p.referrals, p.campaigns, p.version
    from grading_profiles p left join users u on u.tenant_id = p.tenant_id and u.id = p.owner_id
    left join grading_vip_scores v on v.tenant_id = p.tenant_id and v.customer_id = p.customer_id
    where p.tenant_id = ${actor.tenantId} and p.customer_id = ${customerId}`.execute(db);
  const profile = p.rows[0];
  const history = await sql<{ id: number; at: Date; from_grade: string | null; to_grade: string; reason: 'follow_up' | 'regrade'; follow_up_id: number | null; user_name: string | null }>`
    select h.id, h.at, h.from_grade, h.to_grade, h.reason, h.follow_up_id, u.display_name as user_name
    from grading_grade_history h left join users u on u.tenant_id = h.tenant_id and u.id = h.user_id
    where h.tenant_id = ${actor.tenantId} and h.customer_id = ${customerId} order by h.id desc limit 50`.execute(db);
  const followUps = await listFollowUps({ db, actor, customerId, limit: 20 });
  const axes = profile?.demand && profile.deal_status && profile.importance && profile.urgency
    ? { dealStatus: profile.deal_status, importance: profile.importance, urgency: profile.urgency, demand: profile.demand } as CustomerGrading['axes']
    : null;
  return {
    customerId, customerName: customer.name,
    grade: (profile?.grade ?? customer.grade) as CustomerGrading['grade'],
    axes,
    owner: profile?.owner_id ? { id: profile.owner_id, name: profile.owner_name ?? '' } : null,
    lastFollowUpAt: profile?.last_follow_up_at ? new Date(profile.last_follow_up_at).toISOString() : null,
    nextFollowUpOn: profile?.next_follow_up_on ?? null,
    isVip: profile?.is_vip ?? false,
    vipScore: profile?.vip_score ?? null,
    referrals: profile?.referrals ?? 0,
    campaigns: profile?.campaigns ?? 0,
    version: profile?.version ?? 0,
    history: history.rows.map(presentHistory),
    followUps,
  };
}

/** Owner and the hand-entered VIP factors (referrals, campaigns). `version` 0 = no grading record yet. */
export async function updateCustomerGrading({ db, actor, customerId, input }: Ctx & { customerId: number; input: z.infer<typeof customerGradingUpdateSchema> }): Promise<CustomerGrading> {
  assertWrite(actor);
  await db.transaction().execute(async (trx) => {
    await customerOrThrow(trx, actor.tenantId, customerId);
    const current = await trx.selectFrom('grading_profiles').select(['version', 'next_follow_up_on']).where('tenant_id', '=', actor.tenantId).where('customer_id', '=', customerId).forUpdate().executeTakeFirst();
    if ((current?.version ?? 0) !== input.version) throw versionConflict();
    if (input.ownerId) {
      const owner = await trx.selectFrom('users').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', input.ownerId).where('active', '=', true).executeTakeFirst();
      if (!owner) throw ruleViolation('grading_owner_not_found');
    }
    const changes = Object.assign(
      {},
      input.ownerId !== undefined ? { owner_id: input.ownerId } : {},
      input.referrals !== undefined ? { referrals: input.referrals } : {},
      input.campaigns !== undefined ? { campaigns: input.campaigns } : {},
    );
    // A customer handed to an owner before any follow-up is due at once, so it shows on the owner's list.
    const firstDue = input.ownerId && !current?.next_follow_up_on ? { next_follow_up_on: localToday(now(), await tenantZone(trx, actor.tenantId)) } : {};
    if (current) {
      await trx.updateTable('grading_profiles').set(Object.assign({}, changes, firstDue, { updated_at: now(), version: current.version + 1 })).where('tenant_id', '=', actor.tenantId).where('customer_id', '=', customerId).execute();
    } else {
      await trx.insertInto('grading_profiles').values(Object.assign({ tenant_id: actor.tenantId, customer_id: customerId }, changes, firstDue)).execute();
    }
    await writeAudit(trx, actor, { action: 'grading.profile_updated', entity: 'customer', entityId: customerId, detail: { fields: Object.keys(changes), ...changes } });
  });
  return getCustomerGrading({ db, actor, customerId });
}

/** A purchase (spend, items, purchase count feed the VIP score and the churn alert). */
export async function addPurchase({ db, actor, customerId, input }: Ctx & { customerId: number; input: z.infer<typeof purchaseInputSchema> }): Promise<{ id: number }> {
  assertWrite(actor);
  return db.transaction().execute(async (trx) => {
    await customerOrThrow(trx, actor.tenantId, customerId);
    const row = await trx.insertInto('grading_purchases').values({
      tenant_id: actor.tenantId, customer_id: customerId, amount: input.amount.toFixed(2), item: input.item, purchased_at: input.purchasedAt ?? now(), created_by: actor.userId || null,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'grading.purchase_added', entity: 'customer', entityId: customerId, detail: { purchaseId: row.id, amount: input.amount, item: input.item } });
    return { id: row.id };
  });
}
