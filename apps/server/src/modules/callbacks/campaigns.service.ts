import type { Kysely } from 'kysely';
import {
  CALLBACK_LIMITS, callbackTargetSchema, questionsSchema,
  type CallbackPreview, type CallbackTarget, type Campaign, type CampaignInputParsed, type CampaignUpdate, type GenerateInput, type Permission,
} from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { notFound, ruleViolation, versionConflict } from '../../lib/app-error.js';
import { now, toIso, toIsoRequired } from '../../lib/clock.js';
import { writeAudit } from '../audit/audit.service.js';
import { splitAmongAgents } from './callback-rules.js';
import { countTargets, targetQuery, tenantTimezone } from './callback-targets.repo.js';
import { assertManageCallbacks } from './callbacks.policy.js';
import { countItemsByAgent } from './callback-items.repo.js';

type Ctx = { db: Kysely<DB>; actor: Actor };

const columns = ['id', 'name', 'purpose', 'script', 'questions', 'target', 'max_attempts', 'retry_minutes', 'status', 'generated_at', 'created_at', 'version'] as const;
type Row = { id: number; name: string; purpose: string; script: string; questions: unknown[]; target: Record<string, unknown>; max_attempts: number; retry_minutes: number; status: string; generated_at: Date | null; created_at: Date; version: number };

async function present(db: Kysely<DB>, tenantId: number, row: Row): Promise<Campaign> {
  const byAgent = await countItemsByAgent(db, tenantId, row.id);
  const counts = byAgent.reduce(
    (sum, a) => ({ items: sum.items + a.items, pending: sum.pending + a.pending, done: sum.done + a.done, unreachable: sum.unreachable + a.unreachable, refused: sum.refused + a.refused }),
    { items: 0, pending: 0, done: 0, unreachable: 0, refused: 0 },
  );
  return {
    id: row.id, name: row.name, purpose: row.purpose, script: row.script,
    questions: questionsSchema.parse(row.questions), target: callbackTargetSchema.parse(row.target),
    maxAttempts: row.max_attempts, retryMinutes: row.retry_minutes, status: row.status as Campaign['status'],
    generatedAt: toIso(row.generated_at), createdAt: toIsoRequired(row.created_at), counts, agents: byAgent, version: row.version,
  };
}

async function campaignRowOrThrow(db: Kysely<DB>, tenantId: number, id: number, lock = false): Promise<Row> {
  let q = db.selectFrom('callback_campaigns').select(columns).where('tenant_id', '=', tenantId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('record');
  return row;
}

/** Unknown ticket types in a target are a mistake of the form, not an empty list. */
async function assertTargetKnown(db: Kysely<DB>, tenantId: number, target: CallbackTarget): Promise<void> {
  if (!target.ticketTypes?.length) return;
  const known = await db.selectFrom('ticket_types').select('key').where('tenant_id', '=', tenantId).where('key', 'in', target.ticketTypes).execute();
  const missing = target.ticketTypes.filter((k) => !known.some((r) => r.key === k));
  if (missing.length > 0) throw ruleViolation('callbacks_unknown_ticket_type', { types: missing.join(', ') });
}

export async function listCampaigns({ db, actor }: Ctx): Promise<Campaign[]> {
  assertManageCallbacks(actor);
  const rows = await db.selectFrom('callback_campaigns').select(columns).where('tenant_id', '=', actor.tenantId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(200).execute();
  return Promise.all(rows.map((r) => present(db, actor.tenantId, r)));
}

export async function getCampaign({ db, actor, id }: Ctx & { id: number }): Promise<Campaign> {
  assertManageCallbacks(actor);
  return present(db, actor.tenantId, await campaignRowOrThrow(db, actor.tenantId, id));
}

export async function createCampaign({ db, actor, input }: Ctx & { input: CampaignInputParsed }): Promise<Campaign> {
  assertManageCallbacks(actor);
  await assertTargetKnown(db, actor.tenantId, input.target);
  const row = await db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto('callback_campaigns')
      .values({
        tenant_id: actor.tenantId, name: input.name, purpose: input.purpose, script: input.script,
        questions: JSON.stringify(input.questions), target: JSON.stringify(input.target),
        max_attempts: input.maxAttempts, retry_minutes: input.retryMinutes, created_by: actor.userId || null,
      })
      .returning(columns)
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'callback_campaign.created', entity: 'callback_campaign', entityId: created.id, detail: { name: input.name, target: input.target } });
    return created;
  });
  return present(db, actor.tenantId, row);
}

export async function updateCampaign({ db, actor, id, input }: Ctx & { id: number; input: CampaignUpdate }): Promise<Campaign> {
  assertManageCallbacks(actor);
  if (input.target) await assertTargetKnown(db, actor.tenantId, input.target);
  const row = await db.transaction().execute(async (trx) => {
    const current = await campaignRowOrThrow(trx, actor.tenantId, id, true);
    if (current.version !== input.version) throw versionConflict();
    if (current.status === 'closed') throw ruleViolation('callbacks_campaign_closed');
    if (input.target && current.generated_at) throw ruleViolation('callbacks_already_generated');
    const set: Record<string, unknown> = {};
    if (input.name !== undefined) set.name = input.name;
    if (input.purpose !== undefined) set.purpose = input.purpose;
    if (input.script !== undefined) set.script = input.script;
    if (input.questions !== undefined) set.questions = JSON.stringify(input.questions);
    if (input.target !== undefined) set.target = JSON.stringify(input.target);
    if (input.maxAttempts !== undefined) set.max_attempts = input.maxAttempts;
    if (input.retryMinutes !== undefined) set.retry_minutes = input.retryMinutes;
    if (input.status !== undefined) set.status = input.status;
    const updated = await trx
      .updateTable('callback_campaigns')
      .set(Object.assign({}, set, { updated_at: now(), version: current.version + 1 }))
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', id)
      .returning(columns)
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: input.status === 'closed' ? 'callback_campaign.closed' : 'callback_campaign.updated', entity: 'callback_campaign', entityId: id, detail: { fields: Object.keys(set) } });
    return updated;
  });
  return present(db, actor.tenantId, row);
}

/** How many people a target selects, with the first few names, before anything is generated. */
export async function previewTarget({ db, actor, target }: Ctx & { target: CallbackTarget }): Promise<CallbackPreview> {
  assertManageCallbacks(actor);
  await assertTargetKnown(db, actor.tenantId, target);
  const timezone = await tenantTimezone(db, actor.tenantId);
  const [count, sample] = await Promise.all([
    countTargets(db, actor.tenantId, target, timezone),
    targetQuery(db, actor.tenantId, target, timezone).limit(CALLBACK_LIMITS.previewSample).execute(),
  ]);
  return { count, sample: sample.map((s) => ({ customerId: s.customer_id, name: s.name, ticketNumber: s.ticket_number })) };
}

/** People who may take a call list: active users whose role carries callbacks.work. */
export async function listCallbackAgents({ db, actor }: Ctx): Promise<Array<{ id: number; name: string; teamId: number | null }>> {
  assertManageCallbacks(actor);
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'u.tenant_id').onRef('r.id', '=', 'u.role_id'))
    .select(['u.id', 'u.display_name', 'u.team_id', 'r.permissions'])
    .where('u.tenant_id', '=', actor.tenantId)
    .where('u.active', '=', true)
    .orderBy('u.display_name')
    .execute();
  const work: Permission = 'callbacks.work';
  return rows.filter((r) => r.permissions.includes(work)).map((r) => ({ id: r.id, name: r.display_name, teamId: r.team_id }));
}

/** Builds the call list from the target once, dealt round-robin among the chosen agents. */
export async function generateCallList({ db, actor, id, input }: Ctx & { id: number; input: GenerateInput }): Promise<Campaign> {
  assertManageCallbacks(actor);
  const agents = await listCallbackAgents({ db, actor });
  const agentIds = [...new Set(input.agentIds)];
  const unfit = agentIds.filter((a) => !agents.some((g) => g.id === a));
  if (unfit.length > 0) {
    const known = await db.selectFrom('users').select(['id', 'display_name']).where('tenant_id', '=', actor.tenantId).where('id', 'in', unfit).execute();
    const names = unfit.map((u) => known.find((k) => k.id === u)?.display_name ?? `#${u}`);
    throw ruleViolation('callbacks_agent_invalid', { names: names.join('、') });
  }
  const timezone = await tenantTimezone(db, actor.tenantId);
  const row = await db.transaction().execute(async (trx) => {
    const current = await campaignRowOrThrow(trx, actor.tenantId, id, true);
    if (current.version !== input.version) throw versionConflict();
    if (current.status === 'closed') throw ruleViolation('callbacks_campaign_closed');
    if (current.generated_at) throw ruleViolation('callbacks_already_generated');
    const target = callbackTargetSchema.parse(current.target);
    const targets = await targetQuery(trx, actor.tenantId, target, timezone).limit(CALLBACK_LIMITS.itemsMax + 1).execute();
    if (targets.length === 0) throw ruleViolation('callbacks_no_targets');
    if (targets.length > CALLBACK_LIMITS.itemsMax) {
      throw ruleViolation('callbacks_too_many_targets', { count: await countTargets(trx, actor.tenantId, target, timezone), max: CALLBACK_LIMITS.itemsMax });
    }
    const at = now();
    const dealt = splitAmongAgents(targets, agentIds);
    for (let i = 0; i < dealt.length; i += 500) {
      await trx
        .insertInto('callback_items')
        .values(dealt.slice(i, i + 500).map(({ target: t, agentId }) => ({
          tenant_id: actor.tenantId, campaign_id: id, customer_id: t.customer_id, ticket_id: t.ticket_id, assignee_id: agentId, created_at: at,
        })))
        .execute();
    }
    const updated = await trx
      .updateTable('callback_campaigns')
      .set({ status: 'active', generated_at: at, updated_at: at, version: current.version + 1 })
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', id)
      .returning(columns)
      .executeTakeFirstOrThrow();
    const perAgent = Object.fromEntries(agentIds.map((a) => [a, dealt.filter((d) => d.agentId === a).length]));
    await writeAudit(trx, actor, { action: 'callback_campaign.generated', entity: 'callback_campaign', entityId: id, detail: { items: dealt.length, perAgent } });
    return updated;
  });
  return present(db, actor.tenantId, row);
}
