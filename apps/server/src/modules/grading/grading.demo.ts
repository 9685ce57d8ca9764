// Demo data for customer grading: axes, follow-ups, grade history and purchases for the demo tenant's customers,
// owned by its agents, then the VIP recompute. Deterministic (seeded), so screenshots and tests stay stable.
import { sql, type Kysely } from 'kysely';
import { DEAL_STATUSES, DEFAULT_GRADING_RULES, DEMANDS, FOLLOW_UP_CHANNELS, IMPORTANCES, URGENCIES, type GradingAxes } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { gradeCustomer, nextFollowUpOn } from './grade-rules.js';
import { tenantZone } from './grading-rules.service.js';
import { recomputeVip } from './grading-vip.service.js';

const SUMMARIES = [
  '电话回访，客户对上次服务满意，询问续约优惠', '上门拜访，了解年度采购计划', '微信沟通报价，客户需内部审批',
  '客户反馈价格偏高，约下周再谈', '客户暂无需求，保持联系', '确认合同条款，预计本月签约', '节日问候，顺带介绍新套餐',
];
const ITEMS = ['年度维保', '宽带套餐', '上门安装', '延保服务', '配件更换'];

function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

/**
 * Seeds grading for every customer of `tenantId` (the 200 demo customers): 1–4 follow-ups in the past 120 days by
 * the owning agent, the resulting grade on customers.grade, purchases for about 60 %, then VIP flags (top 20 %).
 * Call after seedDemoDepartment, in or outside its transaction: `await seedGradingDemo(db, { tenantId })`.
 */
export async function seedGradingDemo(db: Kysely<DB>, { tenantId, now = new Date() }: { tenantId: number; now?: Date }): Promise<{ customers: number; followUps: number; vip: number }> {
  const rnd = random(20261123);
  const rules = DEFAULT_GRADING_RULES;
  return db.transaction().execute(async (trx) => {
    const zone = await tenantZone(trx, tenantId);
    const agents = (await trx.selectFrom('users').innerJoin('roles', (j) => j.onRef('roles.tenant_id', '=', 'users.tenant_id').onRef('roles.id', '=', 'users.role_id'))
      .select('users.id').where('users.tenant_id', '=', tenantId).where('roles.key', '=', 'agent').where('users.active', '=', true).orderBy('users.id').execute()).map((u) => u.id);
    // Customers already graded (a re-run, or real follow-ups) are left alone.
    const customers = (await sql<{ id: number }>`select c.id from customers c where c.tenant_id = ${tenantId}
      and not exists (select 1 from grading_profiles p where p.tenant_id = c.tenant_id and p.customer_id = c.id) order by c.id`.execute(trx)).rows;
    if (agents.length === 0 || customers.length === 0) return { customers: 0, followUps: 0, vip: 0 };
    let followUps = 0;
    for (const [i, c] of customers.entries()) {
      const owner = agents[i % agents.length]!;
      let axes: GradingAxes = { dealStatus: rnd.pick(DEAL_STATUSES), importance: rnd.pick(IMPORTANCES), urgency: rnd.pick(URGENCIES), demand: rnd.pick(DEMANDS) };
      let grade: string | null = null;
      let last = new Date(now.getTime() - rnd.int(60, 120) * 86_400_000);
      const count = rnd.int(1, 4);
      for (let k = 0; k < count; k += 1) {
        if (k > 0) {
          last = new Date(Math.min(now.getTime() - 3_600_000, last.getTime() + rnd.int(3, 40) * 86_400_000));
          // A conversation moves one axis at a time.
          const axis = rnd.pick(['dealStatus', 'importance', 'urgency', 'demand'] as const);
          axes = Object.assign({}, axes, { [axis]: rnd.pick({ dealStatus: DEAL_STATUSES, importance: IMPORTANCES, urgency: URGENCIES, demand: DEMANDS }[axis] as readonly string[]) });
        }
        const next = gradeCustomer(axes, rules);
        const dueOn = nextFollowUpOn(last, rules.cadence[next], zone);
        const f = await trx.insertInto('grading_follow_ups').values({
          tenant_id: tenantId, customer_id: c.id, user_id: owner, at: last, channel: rnd.pick(FOLLOW_UP_CHANNELS), summary: rnd.pick(SUMMARIES),
          deal_status: axes.dealStatus, importance: axes.importance, urgency: axes.urgency, demand: axes.demand, grade_before: grade, grade_after: next, next_follow_up_on: dueOn,
        }).returning('id').executeTakeFirstOrThrow();
        if (next !== grade) {
          await trx.insertInto('grading_grade_history').values({ tenant_id: tenantId, customer_id: c.id, at: last, from_grade: grade, to_grade: next, reason: 'follow_up', follow_up_id: f.id, user_id: owner }).execute();
        }
        grade = next;
        followUps += 1;
      }
      await trx.insertInto('grading_profiles').values({
        tenant_id: tenantId, customer_id: c.id, deal_status: axes.dealStatus, importance: axes.importance, urgency: axes.urgency, demand: axes.demand, grade,
        owner_id: owner, last_follow_up_at: last, next_follow_up_on: nextFollowUpOn(last, rules.cadence[grade as 'A'], zone),
        referrals: rnd.next() < 0.2 ? rnd.int(1, 5) : 0, campaigns: rnd.next() < 0.3 ? rnd.int(1, 6) : 0,
      }).execute();
      await trx.updateTable('customers').set({ grade }).where('tenant_id', '=', tenantId).where('id', '=', c.id).execute();
      if (rnd.next() < 0.6) {
        const purchases = Array.from({ length: rnd.int(1, 6) }, () => ({
          tenant_id: tenantId, customer_id: c.id, amount: (rnd.int(2, 400) * 50).toFixed(2), item: rnd.pick(ITEMS),
          purchased_at: new Date(now.getTime() - rnd.int(1, 360) * 86_400_000),
        }));
        await trx.insertInto('grading_purchases').values(purchases).execute();
      }
    }
    const { vip } = await recomputeVip(trx, tenantId, rules, now);
    return { customers: customers.length, followUps, vip };
  });
}
