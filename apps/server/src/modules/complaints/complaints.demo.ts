// Demo complaint cases at every stage of the procedure, made through the real service functions so they obey
// the same rules as cases made in the UI. Call after seedDemoDepartment (needs its users manager,
// complaints and agent):  await seedComplaintDemo(db, { tenantId })
import type { Kysely } from 'kysely';
import type { ComplaintDetail, Permission } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { addProgress, createPenalty, signPenalty } from './complaint-records.service.js';
import { approveComplaint, submitComplaintStep } from './complaint-workflow.service.js';
import { createComplaint } from './complaints.service.js';

async function actorOf(db: Kysely<DB>, tenantId: number, username: string): Promise<Actor> {
  const u = await db.selectFrom('users as u').innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'u.tenant_id').onRef('r.id', '=', 'u.role_id'))
    .where('u.tenant_id', '=', tenantId).where('u.username', '=', username)
    .select(['u.id', 'u.username', 'u.display_name', 'u.team_id', 'r.key', 'r.permissions']).executeTakeFirstOrThrow();
  return {
    tenantId, userId: u.id, username: u.username, displayName: u.display_name, roleKey: u.key, teamId: u.team_id,
    permissions: new Set(u.permissions as Permission[]), locale: 'zh-CN', ip: null,
  };
}

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

export interface ComplaintDemoResult { cases: number }

export async function seedComplaintDemo(db: Kysely<DB>, { tenantId }: { tenantId: number }): Promise<ComplaintDemoResult> {
  const handler = await actorOf(db, tenantId, 'complaints');
  const manager = await actorOf(db, tenantId, 'manager');
  const staff = await actorOf(db, tenantId, 'agent');
  let cases = 0;

  const open = async (grade: 'general' | 'serious', subject: string, description: string, contactName: string, contactPhone: string) => {
    cases += 1;
    return createComplaint({ db, actor: handler, input: { grade, ticket: {
      subject, description, priority: grade === 'serious' ? 'urgent' : 'high', channel: 'phone', contactName, contactPhone, createCustomer: true,
    } } });
  };
  const step = (c: ComplaintDetail, name: Parameters<typeof submitComplaintStep>[0]['step'], data: Record<string, unknown>) =>
    submitComplaintStep({ db, actor: handler, ticketId: c.ticketId, step: name, input: { version: c.version, data } });
  const accept = (c: ComplaintDetail, content: string) => step(c, 'accept', { content, promisedReplyAt: new Date(Date.now() + 12 * 3600_000).toISOString() });

  // 1. Serious, property loss: approved by the manager, waiting for the general manager (payout).
  let c = await open('serious', '投诉：家政员打碎客户古董花瓶', '客户来电称家政员保洁时打碎客厅古董花瓶，要求赔偿。', '林女士', '13911112222');
  c = await accept(c, '家政员擦拭博古架时碰落花瓶，客户要求照价赔偿，约定 12 小时内答复');
  c = await step(c, 'judge', { justified: true, grade: 'serious', category: 'property_loss', responsibleUserId: staff.userId, responsibleDepartment: '家政服务部' });
  c = await step(c, 'investigate', { findings: '家政员承认作业时未按规范移开易碎物品；花瓶购买凭证 3,000 元' });
  c = await step(c, 'propose', { resolution: '按购买价八折赔偿，并赠送一次深度保洁', payouts: [{ kind: 'compensation', amountFen: 240000, note: '花瓶八折' }, { kind: 'gift', amountFen: 30000, note: '深度保洁一次' }] });
  c = await approveComplaint({ db, actor: manager, ticketId: c.ticketId, input: { version: c.version, note: '同意，请总经理审批赔付' } });

  // 2. Serious, theft report with the police: under investigation, progress log kept.
  c = await open('serious', '投诉：客户家中财物丢失，怀疑家政员', '客户称家中首饰丢失，已报警。', '赵先生', '13822223333');
  c = await accept(c, '客户家中首饰丢失，已向派出所报案，要求公司配合调查');
  c = await step(c, 'judge', { justified: true, grade: 'serious', category: 'theft', responsibleDepartment: '家政服务部' });
  await addProgress({ db, actor: handler, ticketId: c.ticketId, body: '已联系派出所，民警已调取小区监控' });
  await addProgress({ db, actor: handler, ticketId: c.ticketId, body: '已向客户通报进展，客户情绪稳定' });

  // 3. Just accepted; 4. judged, general attitude complaint waiting for the manager.
  c = await open('general', '投诉：客服电话态度冷淡', '客户反映客服代表接听时态度冷淡。', '钱女士', '13733334444');
  await accept(c, '客户反映 11 月 20 日下午来电时客服语气冷淡，要求道歉');
  c = await open('general', '投诉：钟点工迟到一小时', '客户反映钟点工迟到一小时且未提前告知。', '孙先生', '13644445555');
  c = await accept(c, '钟点工迟到一小时未通知客户');
  c = await step(c, 'judge', { justified: true, grade: 'general', category: 'delay', responsibleUserId: staff.userId });
  c = await step(c, 'investigate', { findings: '家政员因交通原因迟到，未按规定提前告知客户' });
  await step(c, 'propose', { resolution: '电话致歉，本次服务费减免 50 元', payouts: [{ kind: 'refund', amountFen: 5000 }] });

  // 5. Closed, justified and satisfied, with a penalty slip signed by the staff member, waiting for the GM.
  c = await open('general', '投诉：保洁不彻底', '客户反映厨房油污未清理干净。', '周女士', '13555556666');
  c = await accept(c, '厨房油污未清理干净，要求返工');
  c = await step(c, 'judge', { justified: true, grade: 'general', category: 'service_quality', responsibleUserId: staff.userId });
  c = await step(c, 'investigate', { findings: '家政员漏做抽油烟机清洁' });
  c = await step(c, 'propose', { resolution: '安排免费返工' });
  c = await approveComplaint({ db, actor: manager, ticketId: c.ticketId, input: { version: c.version } });
  c = await step(c, 'reply', { replyText: '已安排次日上午免费返工，客户同意', repliedAt: hoursAgo(1) });
  c = await step(c, 'follow_up', { result: 'satisfied', note: '返工后客户满意' });
  c = await step(c, 'close', { rootCause: '家政员未按保洁清单作业', improvement: '每次服务后由客户签字确认清单' });
  const slip = await createPenalty({ db, actor: handler, ticketId: c.ticketId, input: { penalty: '未按清单作业，扣绩效 1 分', points: 1 } });
  await signPenalty({ db, actor: staff, penaltyId: slip.id, as: 'staff' });

  // 6. Unjustified: explained and closed politely.
  c = await open('general', '投诉：服务费比预期高', '客户认为服务费收费过高。', '吴先生', '13466667777');
  c = await accept(c, '客户认为本月服务费偏高');
  c = await step(c, 'judge', { justified: false, grade: 'general', category: 'billing', explanation: '收费符合合同约定的节假日加价条款' });
  c = await step(c, 'reply', { replyText: '已向客户解释节假日加价条款，客户表示理解', repliedAt: hoursAgo(2) });
  await step(c, 'close', { rootCause: '签约时未充分说明节假日加价', improvement: '签约时逐条讲解收费条款' });
  return { cases };
}
