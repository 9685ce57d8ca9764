import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { normalizePhone } from '../../lib/phone.js';
import { hashPassword } from '../../lib/passwords.js';
import { indexTokens } from '../../lib/search-text.js';
import { ANSWERS, COMPANIES, DISTRICTS, GIVEN, MACROS, NOTES, SURNAMES, TEMPLATES } from './demo-content.js';
import { seedDemoCallHistory } from './demo-calls.js';
import { DEMO_LEAD_TYPE, DEMO_PROCESS_TYPES } from './demo-processes.js';
import { completeStep, setChecklistItem, startProcess } from '../tickets/ticket-process.js';

/** A small deterministic PRNG (mulberry32), so every demo department looks the same. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const weighted = <T extends string>(weights: Record<T, number>): T => {
    const entries = Object.entries(weights) as Array<[T, number]>;
    let roll = next() * entries.reduce((s, [, w]) => s + w, 0);
    for (const [key, w] of entries) if ((roll -= w) < 0) return key;
    return entries[0]![0];
  };
  return { next, int, pick, weighted };
}

const STAFF = [
  { username: 'admin', name: '系统管理员', role: 'admin', team: null },
  { username: 'manager', name: '周静', role: 'manager', team: null },
  { username: 'gm', name: '陈建国', role: 'gm', team: null },
  { username: 'leader', name: '李海燕', role: 'leader', team: 0 },
  { username: 'leader2', name: '王磊', role: 'leader', team: 1 },
  { username: 'agent', name: '张晓东', role: 'agent', team: 0 },
  { username: 'qa', name: '赵雪梅', role: 'qa', team: null },
  { username: 'complaints', name: '孙志强', role: 'complaints', team: 2 },
  { username: 'archivist', name: '吴玉兰', role: 'archivist', team: null },
] as const;

const MORE_AGENTS = ['刘芳', '杨洋', '黄敏', '徐杰', '朱娟', '胡涛', '郭丽', '何超', '林霞', '罗勇', '郑艳', '梁明'];

export interface DemoSeedResult {
  users: string[];
  customers: number;
  tickets: number;
  calls: number;
}

/** Seeds 示例客服中心 into an empty tenant: staff, teams, skill groups, departments, 200 customers, 1,000 work orders over 60 days. */
export async function seedDemoDepartment(db: Kysely<DB>, { tenantId, password, now = new Date() }: { tenantId: number; password: string; now?: Date }): Promise<DemoSeedResult> {
  const rnd = random(20261122);
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('tenants').set({ name: '示例客服中心' }).where('id', '=', tenantId).execute();
    const roles = new Map((await trx.selectFrom('roles').select(['id', 'key']).where('tenant_id', '=', tenantId).execute()).map((r) => [r.key, r.id]));
    const teams = await trx
      .insertInto('teams')
      .values(['客服一班', '客服二班', '投诉处理组'].map((name) => ({ tenant_id: tenantId, name })))
      .returning(['id', 'name'])
      .execute();
    const staff = [
      ...STAFF.map((s, i) => Object.assign({}, s, { employeeNo: `KF${String(1001 + i)}` })),
      ...MORE_AGENTS.map((name, i) => ({ username: `agent${String(i + 2).padStart(2, '0')}`, name, role: 'agent' as const, team: i % 2, employeeNo: `KF${String(1101 + i)}` })),
    ];
    const users = await trx
      .insertInto('users')
      .values(staff.map((s) => ({
        tenant_id: tenantId, username: s.username, display_name: s.name, password_hash: passwordHash, role_id: roles.get(s.role)!,
        team_id: s.team === null ? null : teams[s.team]!.id, employee_no: s.employeeNo,
      })))
      .returning(['id', 'username'])
      .execute();
    const userId = new Map(users.map((u) => [u.username, u.id]));
    await trx.updateTable('teams').set({ leader_id: userId.get('leader')! }).where('tenant_id', '=', tenantId).where('id', '=', teams[0]!.id).execute();
    await trx.updateTable('teams').set({ leader_id: userId.get('leader2')! }).where('tenant_id', '=', tenantId).where('id', '=', teams[1]!.id).execute();
    await trx.updateTable('teams').set({ leader_id: userId.get('complaints')! }).where('tenant_id', '=', tenantId).where('id', '=', teams[2]!.id).execute();

    const agents = staff.filter((s) => s.role === 'agent').map((s) => userId.get(s.username)!);
    const groups = await trx
      .insertInto('skill_groups')
      .values([
        { tenant_id: tenantId, name: '综合咨询', strategy: 'round_robin' },
        { tenant_id: tenantId, name: '报修受理', strategy: 'least_loaded' },
        { tenant_id: tenantId, name: '投诉处理', strategy: 'least_loaded' },
      ])
      .returning(['id', 'name'])
      .execute();
    const members: Record<number, number[]> = {
      [groups[0]!.id]: agents,
      [groups[1]!.id]: agents.filter((_, i) => i % 2 === 0),
      [groups[2]!.id]: [userId.get('complaints')!, ...agents.slice(0, 3)],
    };
    await trx.insertInto('macros').values(MACROS.map((m) => Object.assign({ tenant_id: tenantId }, m, { created_by: userId.get('manager')! }))).execute();
    const salesGroup = await trx.insertInto('skill_groups').values({ tenant_id: tenantId, name: '销售顾问', strategy: 'round_robin' }).returning('id').executeTakeFirstOrThrow();
    members[salesGroup.id] = agents.slice(-4);
    await trx
      .insertInto('ticket_types')
      .values([...DEMO_PROCESS_TYPES, DEMO_LEAD_TYPE].map((t) => ({ tenant_id: tenantId, key: t.key, name_zh: t.nameZh, name_en: t.nameEn, fields: JSON.stringify(t.fields), steps: JSON.stringify(t.steps) })))
      .execute();
    await trx.insertInto('skill_group_members').values(Object.entries(members).flatMap(([g, ids]) => ids.map((u) => ({ tenant_id: tenantId, skill_group_id: Number(g), user_id: u })))).execute();
    const departments = await trx
      .insertInto('departments')
      .values([
        { tenant_id: tenantId, name: '工程维修部', contact_name: '钱工', email: 'repair@example.cn' },
        { tenant_id: tenantId, name: '财务部', contact_name: '孔会计', email: 'finance@example.cn' },
        { tenant_id: tenantId, name: '物业管理部', contact_name: '严经理', email: 'property@example.cn' },
        { tenant_id: tenantId, name: '销售部', contact_name: '戴主管', email: 'sales@example.cn' },
      ])
      .returning('id')
      .execute();

    // Customers: 20 organizations, 180 people (some belonging to an organization).
    const customers: Array<{ id: number; name: string; phone: string }> = [];
    const orgs = await trx
      .insertInto('customers')
      .values(COMPANIES.concat(COMPANIES.map((c) => c.replace('有限公司', '分公司'))).slice(0, 20).map((name, i) => ({
        tenant_id: tenantId, kind: 'organization', name, address: DISTRICTS[i % DISTRICTS.length]!, grade: rnd.pick(['A', 'B', 'C']),
        search_vector: sql`to_tsvector('simple', ${indexTokens(name)})` as never, created_at: new Date(now.getTime() - rnd.int(70, 400) * 86_400_000),
      })))
      .returning(['id', 'name'])
      .execute();
    const people = Array.from({ length: 180 }, (_, i) => {
      const name = rnd.pick(SURNAMES) + rnd.pick(GIVEN);
      return {
        tenant_id: tenantId, kind: 'person', name, grade: rnd.pick(['A', 'B', 'C', 'C', 'D', 'D', 'E']),
        organization_id: i % 6 === 0 ? orgs[i % orgs.length]!.id : null,
        address: rnd.pick(DISTRICTS), email: i % 3 === 0 ? `user${1000 + i}@example.cn` : null,
        search_vector: sql`to_tsvector('simple', ${indexTokens(name)})` as never, created_at: new Date(now.getTime() - rnd.int(61, 700) * 86_400_000),
      };
    });
    const personRows = await trx.insertInto('customers').values(people).returning(['id', 'name']).execute();
    const phoneRows: Array<{ tenant_id: number; customer_id: number; number: string; normalized: string; label: string | null }> = [];
    for (const c of [...orgs, ...personRows]) {
      const mobile = `1${rnd.pick(['38', '39', '58', '86', '37', '52', '88'])}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`;
      const display = rnd.next() < 0.5 ? mobile : `${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}`;
      phoneRows.push({ tenant_id: tenantId, customer_id: c.id, number: display, normalized: normalizePhone(display), label: '手机' });
      if (rnd.next() < 0.2) {
        const landline = `0${rnd.pick(['10', '21', '20', '755', '28'])}-${rnd.int(5_000_000, 89_999_999)}`;
        phoneRows.push({ tenant_id: tenantId, customer_id: c.id, number: landline, normalized: normalizePhone(landline), label: '座机' });
      }
      customers.push({ id: c.id, name: c.name, phone: mobile });
    }
    await trx.insertInto('customer_phones').values(phoneRows).execute();

    // 1,000 work orders over the last 60 days: old ones mostly closed, recent ones still open.
    type Type = keyof typeof TEMPLATES;
    const processTicketCount = 60;
    const ticketCount = 1000 - processTicketCount;
    const rows = [];
    const groupFor: Record<Type, number> = { consultation: groups[0]!.id, suggestion: groups[0]!.id, callback: groups[0]!.id, repair: groups[1]!.id, complaint: groups[2]!.id };
    for (let i = 0; i < ticketCount; i++) {
      const type = rnd.weighted<Type>({ consultation: 40, repair: 20, complaint: 15, callback: 15, suggestion: 10 });
      const template = rnd.pick(TEMPLATES[type]);
      const ageHours = Math.pow(rnd.next(), 1.3) * 60 * 24;
      const created = new Date(now.getTime() - ageHours * 3600_000);
      created.setUTCHours(1 + rnd.int(0, 12), rnd.int(0, 59), rnd.int(0, 59));
      if (created > now) created.setTime(now.getTime() - rnd.int(5, 300) * 60_000);
      const customer = rnd.next() < 0.88 ? rnd.pick(customers) : null;
      const contactName = customer?.name ?? rnd.pick(SURNAMES) + rnd.pick(GIVEN);
      const contactPhone = customer?.phone ?? `13${rnd.int(100_000_000, 999_999_999)}`;
      const onSpot = type === 'consultation' && rnd.next() < 0.45;
      const ageDays = (now.getTime() - created.getTime()) / 86_400_000;
      const status = onSpot
        ? 'resolved'
        : ageDays > 10
          ? rnd.weighted({ closed: 80, resolved: 15, in_progress: 3, waiting_department: 2 })
          : ageDays > 2
            ? rnd.weighted({ closed: 35, resolved: 25, in_progress: 15, waiting_customer: 8, waiting_department: 10, assigned: 7 })
            : rnd.weighted({ new: 20, assigned: 25, in_progress: 25, waiting_customer: 8, waiting_department: 10, resolved: 12 });
      const responsible = rnd.pick(agents);
      const groupMembers = members[groupFor[type]]!;
      const assignee = status === 'new' ? null : onSpot ? responsible : rnd.next() < 0.5 ? responsible : rnd.pick(groupMembers);
      // Finished between creation and now, never later: a closed order from yesterday was not closed "seconds ago".
      const doneAt = new Date(created.getTime() + rnd.next() * Math.min(72 * 3600_000, (now.getTime() - created.getTime()) * 0.9));
      const text = indexTokens(template.subject, template.description, contactName, normalizePhone(contactPhone), customer?.name, (template.tags ?? []).join(' '));
      rows.push({
        tenant_id: tenantId,
        number: sql<string>`'GD' || to_char(${created}::timestamptz at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('ticket_number_seq')::text, 7, '0')`,
        type_key: type, subject: template.subject, description: template.description, status,
        priority: type === 'complaint' ? rnd.weighted({ high: 50, urgent: 15, normal: 35 }) : rnd.weighted({ normal: 70, low: 15, high: 15 }),
        channel: rnd.weighted({ phone: 60, wechat: 15, web: 8, email: 5, app: 5, sms: 4, qq: 3 }),
        customer_id: customer?.id ?? null, contact_name: contactName, contact_phone: contactPhone, contact_phone_normalized: normalizePhone(contactPhone),
        event_time: onSpot ? null : new Date(created.getTime() - rnd.int(1, 48) * 3600_000),
        event_place: onSpot ? null : rnd.pick(DISTRICTS), event_person: onSpot ? null : contactName,
        responsible_id: responsible, assignee_id: assignee,
        team_id: type === 'complaint' ? teams[2]!.id : teams[agents.indexOf(responsible) % 2]!.id,
        skill_group_id: groupFor[type],
        department_id: status === 'waiting_department' ? rnd.pick(departments).id : null,
        transfer_due_at: status === 'waiting_department' ? new Date(created.getTime() + rnd.int(24, 96) * 3600_000) : null,
        callback_pending: status === 'in_progress' && rnd.next() < 0.25,
        answered_on_spot: onSpot, tags: template.tags ?? [],
        created_by: responsible, created_at: created, updated_at: ['resolved', 'closed'].includes(status) ? doneAt : created,
        resolved_at: onSpot ? created : ['resolved', 'closed'].includes(status) ? doneAt : null,
        closed_at: status === 'closed' ? doneAt : null,
        search_vector: sql`to_tsvector('simple', ${text})` as never,
      });
    }
    const inserted: Array<{ id: number; status: string; created_at: Date; responsible_id: number | null; department_id: number | null; transfer_due_at: Date | null; answered_on_spot: boolean; number: string; type_key: string }> = [];
    for (let i = 0; i < rows.length; i += 200) {
      inserted.push(...(await trx.insertInto('tickets').values(rows.slice(i, i + 200)).returning(['id', 'status', 'created_at', 'responsible_id', 'department_id', 'transfer_due_at', 'answered_on_spot', 'number', 'type_key']).execute()));
    }
    const notes = [];
    const transfers = [];
    const audit = [];
    for (const t of inserted) {
      audit.push({ tenant_id: tenantId, actor_id: t.responsible_id, action: 'ticket.created', entity: 'ticket', entity_id: t.id, at: t.created_at, detail: JSON.stringify({ number: t.number, type: t.type_key, seeded: true }) });
      if (t.answered_on_spot) notes.push({ tenant_id: tenantId, ticket_id: t.id, author_id: t.responsible_id, body: rnd.pick(ANSWERS), internal: false, created_at: t.created_at });
      else if (rnd.next() < 0.4) notes.push({ tenant_id: tenantId, ticket_id: t.id, author_id: t.responsible_id, body: rnd.pick(NOTES), internal: true, created_at: new Date(t.created_at.getTime() + 1800_000) });
      if (t.department_id !== null && t.transfer_due_at) {
        transfers.push({ tenant_id: tenantId, ticket_id: t.id, department_id: t.department_id, request: '请协助核实并给出处理意见，客户等待答复。', due_at: t.transfer_due_at, created_by: t.responsible_id, created_at: t.created_at });
      }
    }
    for (let i = 0; i < audit.length; i += 500) await trx.insertInto('audit_log').values(audit.slice(i, i + 500)).execute();
    if (notes.length) for (let i = 0; i < notes.length; i += 500) await trx.insertInto('ticket_notes').values(notes.slice(i, i + 500)).execute();
    if (transfers.length) await trx.insertInto('ticket_transfers').values(transfers).execute();
    // Orders that run a process template, at every stage, and sales leads with their outcome.
    const processRows = [];
    for (let i = 0; i < processTicketCount; i++) {
      const isLead = i % 4 === 3;
      const type = isLead ? DEMO_LEAD_TYPE : DEMO_PROCESS_TYPES[i % DEMO_PROCESS_TYPES.length]!;
      const created = new Date(now.getTime() - rnd.int(1, 20 * 24) * 3600_000);
      const customer = rnd.pick(customers);
      const responsible = rnd.pick(agents);
      let process = startProcess(type.steps, created);
      const advance = process ? rnd.int(0, process.steps.length) : 0;
      let at = created;
      for (let k = 0; process && k < advance; k++) {
        const step = process.steps[k]!;
        at = new Date(Math.min(now.getTime(), at.getTime() + rnd.int(2, step.dueHours ?? 48) * 3600_000));
        for (const checklistItem of step.checklist) process = setChecklistItem(process, step.key, checklistItem.key, true);
        process = completeStep(process, step.key, at, responsible);
      }
      if (process && advance < process.steps.length && rnd.next() < 0.5) {
        const step = process.steps[advance]!;
        if (step.checklist[0]) process = setChecklistItem(process, step.key, step.checklist[0].key, true);
      }
      const outcome = isLead ? rnd.pick(['跟进中', '已签约', '已签约', '未签约']) : null;
      const finished = isLead ? outcome !== '跟进中' : advance === process!.steps.length;
      const status = finished ? (rnd.next() < 0.5 ? 'closed' : 'resolved') : advance > 0 || isLead ? 'in_progress' : 'assigned';
      const subject = isLead ? `${customer.name} 咨询${rnd.pick(['住家保姆', '月嫂', '育儿嫂', '钟点工', '老人陪护'])}服务` : `${customer.name} ${type.nameZh}`;
      const assignee = isLead ? members[salesGroup.id]![i % members[salesGroup.id]!.length]! : responsible;
      processRows.push({
        tenant_id: tenantId,
        number: sql<string>`'GD' || to_char(${created}::timestamptz at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('ticket_number_seq')::text, 7, '0')`,
        type_key: type.key, subject, description: isLead ? '客户来电咨询家政服务，已登记需求，转销售顾问跟进。' : `为客户办理${type.nameZh}，按流程逐步完成。`,
        status, priority: 'normal', channel: isLead ? rnd.pick(['phone', 'wechat', 'web']) : 'walk_in',
        customer_id: customer.id, contact_name: customer.name, contact_phone: customer.phone, contact_phone_normalized: customer.phone,
        responsible_id: responsible, assignee_id: assignee, team_id: teams[agents.indexOf(responsible) % 2]!.id,
        skill_group_id: isLead ? salesGroup.id : null,
        custom: JSON.stringify(isLead ? { product: rnd.pick(['住家保姆', '月嫂', '育儿嫂']), budget: rnd.int(40, 120) * 100, outcome } : {}),
        process: process ? JSON.stringify(process) : null,
        created_by: responsible, created_at: created, updated_at: at,
        resolved_at: finished ? at : null, closed_at: finished && status === 'closed' ? at : null,
        search_vector: sql`to_tsvector('simple', ${indexTokens(subject, type.nameZh, customer.name)})` as never,
      });
    }
    const processInserted = await trx.insertInto('tickets').values(processRows).returning(['id', 'number', 'type_key', 'responsible_id', 'created_at']).execute();
    await trx.insertInto('audit_log').values(processInserted.map((t) => ({
      tenant_id: tenantId, actor_id: t.responsible_id, action: 'ticket.created', entity: 'ticket', entity_id: t.id, at: t.created_at, detail: JSON.stringify({ number: t.number, type: t.type_key, seeded: true }),
    }))).execute();
    const agentUsers = staff.filter((s) => s.role === 'agent').map((s) => ({ id: userId.get(s.username)!, username: s.username }));
    const calls = await seedDemoCallHistory(trx, { tenantId, now, agents: agentUsers, customers });
    return { users: staff.map((s) => s.username), customers: customers.length, tickets: inserted.length + processInserted.length, calls };
  });
}
