// Demo archives for 示例客服中心 (call after seedDemoDepartment, which made the users and customers): 10 contracts
// (one ending in 10 days, one ended and not renewed, one renewed), 8 domestic workers with placements, movements
// and deductions, and 3 lending slips (one lent and overdue).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { addDays, localDate } from './contracts.rules.js';

const WORKERS = [
  { name: '王秀英', gender: 'female', birth: 1972, skills: ['住家保姆', '烹饪'], level: '金牌' },
  { name: '李桂兰', gender: 'female', birth: 1968, skills: ['老人陪护'], level: '高级' },
  { name: '张春梅', gender: 'female', birth: 1980, skills: ['育婴', '早教'], level: '金牌' },
  { name: '刘淑珍', gender: 'female', birth: 1975, skills: ['月嫂', '催乳'], level: '高级' },
  { name: '陈玉华', gender: 'female', birth: 1978, skills: ['钟点工', '保洁'], level: '中级' },
  { name: '杨凤英', gender: 'female', birth: 1970, skills: ['住家保姆'], level: '中级' },
  { name: '赵建国', gender: 'male', birth: 1976, skills: ['病患护理'], level: '高级' },
  { name: '黄丽娟', gender: 'female', birth: 1985, skills: ['育婴'], level: '初级' },
] as const;

export async function seedDemoContracts(db: Kysely<DB>, { tenantId, now = new Date() }: { tenantId: number; now?: Date }): Promise<{ contracts: number; staff: number; lending: number }> {
  const today = localDate(now, 'Asia/Shanghai');
  return db.transaction().execute(async (trx) => {
    const users = new Map((await trx.selectFrom('users').select(['id', 'username']).where('tenant_id', '=', tenantId).execute()).map((u) => [u.username, u.id]));
    const archivist = users.get('archivist') ?? null;
    const manager = users.get('manager') ?? null;
    const agent = users.get('agent') ?? null;
    const customers = await trx.selectFrom('customers').select(['id', 'name']).where('tenant_id', '=', tenantId).where('kind', '=', 'person').orderBy('id').limit(10).execute();
    if (customers.length < 10 || !archivist || !manager || !agent) return { contracts: 0, staff: 0, lending: 0 };

    const staff = await trx
      .insertInto('service_staff')
      .values(WORKERS.map((w, i) => ({
        tenant_id: tenantId, name: w.name, gender: w.gender, birth_year: w.birth, phone: `1391234${String(5001 + i * 37)}`,
        id_card: `340104${w.birth}0${(i % 9) + 1}15${String(i * 13).padStart(3, '0')}X`,
        skills: [...w.skills], level: w.level, status: i < 6 ? 'on_duty' : i === 6 ? 'returned' : 'new', created_by: archivist,
      })))
      .returning(['id', 'status'])
      .execute();
    await trx.insertInto('staff_movements').values(staff.flatMap((s, i) => {
      const joined = addDays(today, -200 + i * 10);
      const rows = [{ tenant_id: tenantId, staff_id: s.id, kind: 'new', from_status: null as string | null, on_date: joined, created_by: archivist }];
      if (s.status !== 'new') rows.push({ tenant_id: tenantId, staff_id: s.id, kind: 'on_duty', from_status: 'new', on_date: addDays(joined, 5), created_by: archivist });
      if (s.status === 'returned') rows.push({ tenant_id: tenantId, staff_id: s.id, kind: 'returned', from_status: 'on_duty', on_date: addDays(today, -20), created_by: archivist });
      return rows;
    })).execute();

    // Ends spread over the year; #1 ends in 10 days (the renewal reminder is due), #2 ended last week, #3 was renewed (#4).
    const ends = [10, -7, -30, 335, 45, 90, 120, 180, 240, 300];
    const contracts = await trx
      .insertInto('contracts')
      .values(ends.map((end, i) => ({
        tenant_id: tenantId, number: `XGH-2026-${String(101 + i)}`, customer_id: customers[i]!.id, our_party: '乡工汇家政服务有限公司',
        title: i % 3 === 0 ? '家庭服务雇佣居间协议' : i % 3 === 1 ? '住家保姆服务合同' : '育婴师服务合同', kind: i % 3 === 0 ? 'agency' : 'service',
        start_date: addDays(today, end - 365), end_date: addDays(today, end), amount_fen: 480_000 + i * 35_000, owner_id: archivist,
        status: i === 1 ? 'expired' : i === 2 ? 'renewed' : 'active', created_by: archivist,
      })))
      .returning(['id'])
      .execute();
    // #4 renews #3 for the same customer.
    await trx.updateTable('contracts').set({ customer_id: customers[2]!.id, renewed_from_id: contracts[2]!.id, number: 'XGH-2026-103-R1', start_date: addDays(today, -29) }).where('tenant_id', '=', tenantId).where('id', '=', contracts[3]!.id).execute();
    await trx.updateTable('contracts').set({ renewed_to_id: contracts[3]!.id }).where('tenant_id', '=', tenantId).where('id', '=', contracts[2]!.id).execute();

    const placed = [0, 1, 3, 4, 5, 6, 7, 8];
    await trx.insertInto('contract_staff').values(staff.slice(0, 6).map((s, i) => ({ tenant_id: tenantId, contract_id: contracts[placed[i]!]!.id, staff_id: s.id }))).execute();
    await trx.insertInto('staff_placements').values([
      ...staff.slice(0, 6).map((s, i) => ({
        tenant_id: tenantId, staff_id: s.id, customer_id: i === 2 ? customers[2]!.id : customers[placed[i]!]!.id, contract_id: contracts[placed[i]!]!.id,
        start_date: addDays(today, -150 + i * 10), end_date: null, created_by: archivist,
      })),
      { tenant_id: tenantId, staff_id: staff[6]!.id, customer_id: customers[1]!.id, contract_id: contracts[1]!.id, start_date: addDays(today, -180), end_date: addDays(today, -20), created_by: archivist },
    ]).execute();
    const month = today.slice(0, 7);
    const lastMonth = addDays(`${month}-01`, -1).slice(0, 7);
    await trx.insertInto('staff_deductions').values([
      { tenant_id: tenantId, staff_id: staff[0]!.id, month, points: 2, amount_fen: 5_000, reason: '上户迟到 1 次', created_by: archivist },
      { tenant_id: tenantId, staff_id: staff[1]!.id, month, points: 3, amount_fen: 10_000, reason: '客户投诉：卫生不达标', created_by: archivist },
      { tenant_id: tenantId, staff_id: staff[1]!.id, month: lastMonth, points: 1, amount_fen: 2_000, reason: '未按时提交考勤', created_by: archivist },
      { tenant_id: tenantId, staff_id: staff[4]!.id, month: lastMonth, points: 2, amount_fen: 5_000, reason: '服务时间不足', created_by: archivist },
    ]).execute();

    await trx.insertInto('lending_records').values([
      { tenant_id: tenantId, document_title: '家庭服务雇佣居间协议原件（XGH-2026-101）', document_no: 'XGH-2026-101', borrower_id: agent, purpose: '上门续签核对条款', expected_return_date: addDays(today, -3), status: 'lent', requested_by: archivist, decided_by: manager, decided_at: addDays(today, -10), lent_on: addDays(today, -9), lent_by: archivist },
      { tenant_id: tenantId, document_title: '家政服务人员入职记录表（2026 年 9 月）', document_no: null, borrower_id: agent, purpose: '人资部核对入职信息', expected_return_date: addDays(today, 5), status: 'requested', requested_by: archivist },
      { tenant_id: tenantId, document_title: '用户年度消费档案（2025）', document_no: 'DA-2025-01', borrower_id: agent, purpose: '年度汇报统计', expected_return_date: addDays(today, -20), status: 'returned', requested_by: archivist, decided_by: manager, decided_at: addDays(today, -30), lent_on: addDays(today, -29), lent_by: archivist, returned_on: addDays(today, -21), return_condition: 'intact', returned_by: archivist },
    ]).execute();
    return { contracts: contracts.length, staff: staff.length, lending: 3 };
  });
}
