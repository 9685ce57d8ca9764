import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { STANDARD_SATISFACTION_QUESTION, type Permission, type SatisfactionLevel } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { recordItemResult, listMyItems } from './callback-items.service.js';
import { tenantTimezone } from './callback-targets.repo.js';
import { createCampaign, generateCallList, listCallbackAgents, previewTarget } from './campaigns.service.js';
import { answerPublicSurvey, createSurvey } from './surveys.service.js';

async function actorOfUser(db: Kysely<DB>, tenantId: number, userId: number): Promise<Actor> {
  const u = await db
    .selectFrom('users as u')
    .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'u.tenant_id').onRef('r.id', '=', 'u.role_id'))
    .select(['u.id', 'u.username', 'u.display_name', 'u.team_id', 'r.key', 'r.permissions'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
  return {
    tenantId, userId: u.id, username: u.username, displayName: u.display_name, roleKey: u.key, teamId: u.team_id,
    permissions: new Set(u.permissions as Permission[]), locale: 'zh-CN', ip: null,
  };
}

const LEVELS: SatisfactionLevel[] = ['very_satisfied', 'satisfied', 'satisfied', 'very_satisfied', 'neutral', 'satisfied', 'dissatisfied', 'very_satisfied'];

/**
 * Demo data of 回访: one campaign over grade-A customers with orders resolved in the last 30 days, dealt among
 * three agents, two thirds of it worked (done / unreachable / refused), and six satisfaction surveys (three by
 * phone, three by link of which two answered). Runs through the services, so it needs the root `db` (not a
 * transaction) of a tenant already seeded by seedDemoDepartment, with users `manager` and agents.
 */
export async function seedCallbacksDemo(db: Kysely<DB>, { tenantId }: { tenantId: number }): Promise<{ campaignId: number; items: number; surveys: number }> {
  const managerRow = await db.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('username', '=', 'manager').executeTakeFirstOrThrow();
  const manager = await actorOfUser(db, tenantId, managerRow.id);
  const timezone = await tenantTimezone(db, tenantId);
  const today = DateTime.now().setZone(timezone);
  const target = { source: 'customers' as const, grades: ['A' as const], resolvedFrom: today.minus({ days: 30 }).toFormat('yyyy-MM-dd'), resolvedTo: today.toFormat('yyyy-MM-dd') };
  if ((await previewTarget({ db, actor: manager, target })).count === 0) return { campaignId: 0, items: 0, surveys: 0 };

  const campaign = await createCampaign({
    db, actor: manager,
    input: {
      name: `${today.toFormat('M')}月 A 类客户服务回访`,
      purpose: '了解重点客户对近期服务的满意度，收集意见建议',
      script: '您好，我是示例客服中心的回访专员，工号 XXXX。您前几天反映的问题已经处理完毕，想占用您一分钟了解一下处理结果，请问现在方便吗？\n（结束时）感谢您的支持，祝您生活愉快，再见！',
      questions: [
        STANDARD_SATISFACTION_QUESTION,
        { key: 'resolved', label: '您反映的问题是否已经解决？', kind: 'single', options: ['已解决', '部分解决', '未解决'], required: true },
        { key: 'score', label: '请为我们的服务人员打分（1–5 分）', kind: 'rating', required: false },
        { key: 'advice', label: '您对我们还有什么意见或建议？', kind: 'text', required: false },
      ],
      target, maxAttempts: 3, retryMinutes: 120,
    },
  });
  const agents = (await listCallbackAgents({ db, actor: manager })).filter((a) => a.id !== manager.userId).slice(0, 3);
  const generated = await generateCallList({ db, actor: manager, id: campaign.id, input: { version: campaign.version, agentIds: agents.map((a) => a.id) } });

  let n = 0;
  for (const agent of agents) {
    const actor = await actorOfUser(db, tenantId, agent.id);
    const items = await listMyItems({ db, actor, query: { state: 'open', campaignId: campaign.id } });
    for (const item of items.slice(0, Math.ceil((items.length * 2) / 3))) {
      n += 1;
      if (n % 7 === 0) await recordItemResult({ db, actor, id: item.id, input: { version: item.version, outcome: 'refused', answers: {}, note: '客户表示不需要回访' } });
      else if (n % 5 === 0) await recordItemResult({ db, actor, id: item.id, input: { version: item.version, outcome: 'unreachable', answers: {}, note: '无人接听' } });
      else {
        const level = LEVELS[n % LEVELS.length]!;
        await recordItemResult({
          db, actor, id: item.id,
          input: {
            version: item.version, outcome: 'done',
            answers: { satisfaction: level, resolved: level === 'dissatisfied' ? '部分解决' : '已解决', score: level === 'very_satisfied' ? 5 : level === 'satisfied' ? 4 : 3, ...(level === 'dissatisfied' ? { advice: '希望处理速度再快一些' } : {}) },
          },
        });
      }
    }
  }

  const resolved = await db.selectFrom('tickets').select('id').where('tenant_id', '=', tenantId).where('status', 'in', ['resolved', 'closed']).orderBy('resolved_at', 'desc').limit(6).execute();
  let surveys = 0;
  for (const [i, t] of resolved.entries()) {
    const level = LEVELS[i % LEVELS.length]!;
    if (i < 3) {
      await createSurvey({ db, actor: manager, input: { ticketId: t.id, trigger: 'resolution', channel: 'phone', answers: { satisfaction: level, rating: level === 'neutral' ? 3 : 5 } } });
    } else {
      const sent = await createSurvey({ db, actor: manager, input: { ticketId: t.id, trigger: 'resolution', channel: 'link' } });
      if (i < 5) await answerPublicSurvey({ db, token: sent.token!, answers: { satisfaction: level, rating: 4, comment: '客服态度很好' }, ip: null });
    }
    surveys += 1;
  }
  return { campaignId: campaign.id, items: generated.counts.items, surveys };
}
