import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';

// Customer import and export over HTTP: preview, all-or-nothing confirm, duplicates, permissions, template, round trip.

let database: Database;
let app: FastifyInstance;
const users: Record<'agent' | 'archivist' | 'manager', { actor: Actor; headers: Record<string, string> }> = {} as never;

const ID_CARD = '11010519491231002X';

async function upload(path: string, headers: Record<string, string>, content: Uint8Array | string, filename = 'customers.csv') {
  const form = new FormData();
  form.append('file', new Blob([typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content)]), filename);
  const request = new Request('http://kefu.invalid/', { method: 'POST', body: form });
  return app.inject({ method: 'POST', url: `/api/v1/customer-import/${path}`, headers: { ...headers, 'content-type': request.headers.get('content-type')! }, payload: Buffer.from(await request.arrayBuffer()) });
}
const get = (url: string, headers: Record<string, string>) => app.inject({ method: 'GET', url, headers });

function ok(response: LightMyRequestResponse, status = 200) {
  expect({ status: response.statusCode, body: response.body.slice(0, 3000) }).toMatchObject({ status });
  return response.json();
}

const customerCount = async () => Number((await sql<{ n: string }>`select count(*) as n from customers where tenant_id = ${TEST_TENANT_ID}`.execute(database.db)).rows[0]!.n);
const byName = async (name: string) => (await get(`/api/v1/customers?q=${encodeURIComponent(name)}`, users.manager.headers)).json().items as { id: number; name: string; kind: string; organization: { name: string } | null; phones: { number: string }[]; idCard: string | null; grade: string | null; tags: string[]; email: string | null }[];

async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as never);
  const rows: string[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  for (const role of ['agent', 'archivist', 'manager'] as const) {
    const actor = await createUserActor(database.db, role);
    users[role] = { actor, headers: await loginAs(app, actor.username) };
  }
}, 120_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const GOOD = [
  '姓名,类型,电话,身份证号,地址,邮箱,组织,等级,标签,备注',
  '青松物业公司,组织,010-62345600,,北京市海淀区中关村大街1号,service@qingsong.cn,,B,物业,',
  `周建国,个人,13811110001；13911110001,${ID_CARD},北京市朝阳区建国路88号,zhou@example.com,青松物业公司,A,VIP; 老客户,每周回访`,
  '吴秀兰,,13811110002,,,,,,,',
].join('\r\n');

describe('preview', () => {
  it('shows the mapping, counts, first rows and every row\u2019s translated errors without writing anything', async () => {
    const before = await customerCount();
    const file = `${GOOD}\r\n,个人,138abc,110105194912310021,,bad-mail,,F,,\r\n郑重,个人,13811110003,,,,不存在的公司,,,\r\n冯七,个人,13811110002,,,,,,,\r\n`;
    const preview = ok(await upload('preview', users.archivist.headers, `\uFEFF${file}`));
    expect(preview).toMatchObject({ format: 'csv', encoding: 'utf-8', total: 6, valid: 3, invalid: 3, skipped: 0, errorCount: 7 });
    expect(preview.columns.slice(0, 4)).toEqual([{ header: '姓名', field: 'name' }, { header: '类型', field: 'kind' }, { header: '电话', field: 'phones' }, { header: '身份证号', field: 'idCard' }]);
    expect(preview.errors.map((e: { row: number; column: string; code: string }) => `${e.row}:${e.column}:${e.code}`)).toEqual([
      '5:name:cimp_required_name', '5:phones:cimp_bad_phone', '5:idCard:cimp_bad_id_card', '5:email:cimp_bad_email', '5:grade:cimp_bad_grade',
      '6:organization:cimp_unknown_organization', '7:phones:cimp_duplicate_in_file',
    ]);
    expect(preview.errors[6].message).toBe('电话 13811110002 与第 4 行重复');
    expect(preview.errors[5].message).toBe('找不到组织“不存在的公司”：请先建立该组织，或在文件中加一行类型为“组织”的记录');
    expect(preview.sample.map((r: { row: number; status: string }) => `${r.row}:${r.status}`)).toEqual(['2:ok', '3:ok', '4:ok', '5:invalid', '6:invalid', '7:invalid']);
    expect(preview.sample[1]).toMatchObject({ name: '周建国', kind: 'person', phones: ['13811110001', '13911110001'], idCard: ID_CARD, organization: '青松物业公司', grade: 'A', tags: ['VIP', '老客户'] });
    expect(await customerCount()).toBe(before);

    const en = ok(await upload('preview', { ...users.archivist.headers, 'accept-language': 'en' }, file));
    expect(en.errors[0].message).toBe('Name is required');
  });

  it('masks personal numbers in the preview for a role that may not reveal them', async () => {
    // An importer without customers.reveal_pii: a custom role holding customers.import only.
    await database.db.insertInto('roles').values({ tenant_id: TEST_TENANT_ID, key: 'importer', name_zh: '导入员', name_en: 'Importer', permissions: ['customers.read', 'customers.import'] }).execute();
    const custom = await createUserActor(database.db, 'importer');
    const preview = ok(await upload('preview', await loginAs(app, custom.username), GOOD));
    expect(preview.sample[1]).toMatchObject({ phones: ['138****0001', '139****0001'], idCard: '110***********002X' });
  });
});

describe('confirm', () => {
  it('imports nothing when any row is invalid — even after earlier batches were written', async () => {
    const before = await customerCount();
    const bad = await upload('confirm', users.archivist.headers, `${GOOD}\r\n郑重,个人,12,,,,,,,\r\n`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION', message: '输入有误：文件中有 1 处错误，未导入任何客户', details: { errorCount: 1, errors: [{ row: 5, column: 'phones', code: 'cimp_bad_phone', message: '电话号码“12”无效' }] } });

    // 6,001 rows: the first batch of 5,000 is inserted before the bad last row is read, and rolled back with the rest.
    const many = ['姓名,电话', ...Array.from({ length: 6000 }, (_, i) => `批量${i},1370000${String(i).padStart(4, '0')}`), '坏行,not-a-phone'].join('\n');
    const response = await upload('confirm', users.archivist.headers, many);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.errors).toMatchObject([{ row: 6002, column: 'phones', code: 'cimp_bad_phone' }]);
    expect(await customerCount()).toBe(before);
  }, 120_000);

  it('imports every row in one go: organization linked, phones encrypted and findable, one audit entry', async () => {
    const result = ok(await upload('confirm', users.archivist.headers, GOOD));
    expect(result).toMatchObject({ imported: 3, skipped: 0 });
    const [zhou] = await byName('周建国');
    expect(zhou).toMatchObject({ kind: 'person', organization: { name: '青松物业公司' }, phones: [{ number: '138****0001' }, { number: '139****0001' }], idCard: '110***********002X', grade: 'A', tags: ['VIP', '老客户'] });
    const found = (await get('/api/v1/customers?phone=%2B86%20139-1111-0001', users.agent.headers)).json();
    expect(found.items.map((c: { name: string }) => c.name)).toEqual(['周建国']);
    const [org] = await byName('青松物业公司');
    expect(org).toMatchObject({ kind: 'organization', grade: 'B' });
    const raw = JSON.stringify((await sql`select * from customer_phones where customer_id = ${zhou!.id}`.execute(database.db)).rows);
    expect(raw).not.toContain('13811110001');
    const audit = (await get('/api/v1/audit?action=customer.imported', users.manager.headers)).json();
    expect(audit.items[0]).toMatchObject({ detail: { imported: 3, skipped: 0, format: 'csv', file: 'customers.csv' } });
  });

  it('reports phones that already belong to a customer, or skips those rows when asked', async () => {
    const before = await customerCount();
    const again = await upload('confirm', users.archivist.headers, GOOD);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details.errors.map((e: { row: number; code: string }) => `${e.row}:${e.code}`)).toEqual(['2:cimp_phone_exists', '3:cimp_phone_exists', '4:cimp_phone_exists']);
    const preview = ok(await upload('preview?onExisting=skip', users.archivist.headers, `${GOOD}\r\n冯新客,个人,13811110099,,,,青松物业公司,,,\r\n`));
    expect(preview).toMatchObject({ total: 4, valid: 1, skipped: 3, errorCount: 0 });
    expect(preview.sample.map((r: { status: string }) => r.status)).toEqual(['skip', 'skip', 'skip', 'ok']);
    const skipped = ok(await upload('confirm?onExisting=skip', users.archivist.headers, `${GOOD}\r\n冯新客,个人,13811110099,,,,青松物业公司,,,\r\n`));
    expect(skipped).toMatchObject({ imported: 1, skipped: 3 });
    expect(await customerCount()).toBe(before + 1);
    expect((await byName('冯新客'))[0]).toMatchObject({ organization: { name: '青松物业公司' } });
  });

  it('two imports of the same phones at once: one imports, the other reports the phones as taken', async () => {
    // Big enough that both requests are still reading when the other checks the phones.
    const file = ['姓名,电话', '并发甲,13822220001', ...Array.from({ length: 3000 }, (_, i) => `并发${i},1382223${String(i).padStart(4, '0')}`)].join('\n');
    const [a, b] = await Promise.all([upload('confirm', users.archivist.headers, file), upload('confirm', users.manager.headers, file)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 400]);
    expect([a, b].find((r) => r.statusCode === 400)!.json().error.details.errors[0]).toMatchObject({ code: 'cimp_phone_exists' });
    expect((await byName('并发甲')).length).toBe(1);
  });

  it('accepts files above the 20 MB attachment limit (up to the import limit)', async () => {
    const big = `姓名,备注\n大文件,${'备'.repeat(8 * 1024 * 1024)}\n`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(21 * 1024 * 1024);
    const response = await upload('preview', users.archivist.headers, big);
    expect(ok(response).errors).toMatchObject([{ row: 2, column: 'notes', code: 'cimp_too_long' }]);
  }, 60_000);

  it('reads GBK CSV and .xlsx uploads', async () => {
    // 姓名,类型,电话,身份证号 / 张三,个人,13812345678,11010519491231002X / 李四,组织,010-62345678；13900000000, (GBK)
    const gbk = Buffer.from(
      'd0d5c3fb2cc0e0d0cd2cb5e7bbb02cc9edb7ddd6a4bac50ad5c5c8fd2cb8f6c8cb2c31333831323334353637382c3131303130353139343931323331303032580ac0eecbc42cd7e9d6af2c3031302d3632333435363738a3bb31333930303030303030302c0a',
      'hex',
    );
    expect(ok(await upload('preview', users.archivist.headers, gbk))).toMatchObject({ encoding: 'gb18030', valid: 2, errorCount: 0 });
    expect(ok(await upload('confirm', users.archivist.headers, gbk))).toMatchObject({ imported: 2 });
    expect((await byName('李四'))[0]).toMatchObject({ kind: 'organization', phones: [{ number: '010****5678' }, { number: '139****0000' }] });

    const template = await get('/api/v1/customer-import/template.xlsx', users.archivist.headers);
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
    expect((await xlsxRows(template.rawPayload))[0]).toEqual(['姓名', '类型', '电话', '身份证号', '地址', '邮箱', '组织', '等级', '标签', '备注']);
    const en = await get('/api/v1/customer-import/template.xlsx', { ...users.archivist.headers, 'accept-language': 'en' });
    expect((await xlsxRows(en.rawPayload))[0]![0]).toBe('name');
    // The template's example rows (an organization and its member) import as they are.
    expect(ok(await upload('confirm', users.archivist.headers, template.rawPayload, '模板.xlsx'))).toMatchObject({ imported: 2 });
    expect((await byName('张三'))[0]).toMatchObject({ organization: { name: '阳光物业公司' }, idCard: '110***********002X' });
  });
});

describe('bad requests and permissions', () => {
  it('answers 400 with a translated message for no file, an unreadable file, a file without a name column or rows', async () => {
    const noFile = await app.inject({ method: 'POST', url: '/api/v1/customer-import/preview', headers: users.archivist.headers, payload: {} });
    expect(noFile.statusCode).toBe(400);
    const xls = await upload('preview', users.archivist.headers, Buffer.from('d0cf11e0a1b11ae10000000000000000', 'hex'), 'old.xls');
    expect(xls.statusCode).toBe(400);
    expect(xls.json().error.message).toBe('输入有误：无法读取该文件：请上传 CSV（UTF-8 或 GBK）或 Excel .xlsx 文件');
    const noName = await upload('preview', { ...users.archivist.headers, 'accept-language': 'en' }, 'phone,email\n138,a@b.cn\n');
    expect(noName.json().error.message).toBe('Invalid input: No "name" (姓名) column found: use the headers of the import template');
    expect((await upload('preview', users.archivist.headers, '姓名,电话\n')).json().error.message).toBe('输入有误：文件中没有数据行');
    const brokenZip = await upload('preview', users.archivist.headers, Buffer.from('504b0304deadbeef', 'hex'), 'x.xlsx');
    expect(brokenZip.statusCode).toBe(400);
  });

  it('refuses an agent (no customers.import) and writes nothing', async () => {
    const before = await customerCount();
    expect((await upload('preview', users.agent.headers, GOOD)).statusCode).toBe(403);
    expect((await upload('confirm', users.agent.headers, GOOD)).statusCode).toBe(403);
    expect((await get('/api/v1/customer-import/template.xlsx', users.agent.headers)).statusCode).toBe(403);
    expect((await get('/api/v1/customer-import/export?reveal=true', users.agent.headers)).statusCode).toBe(403);
    expect(await customerCount()).toBe(before);
  });
});

describe('export', () => {
  it('exports Excel and CSV masked by default, unmasked with reveal (audit-logged)', async () => {
    const masked = await get(`/api/v1/customer-import/export?q=${encodeURIComponent('周建国')}`, users.agent.headers);
    expect(masked.statusCode).toBe(200);
    const rows = await xlsxRows(masked.rawPayload);
    expect(rows[0]!.slice(0, 4)).toEqual(['ID', '类型 kind', '姓名 name', '电话 phones']);
    expect(rows[1]).toContain('138****0001; 139****0001');
    expect(JSON.stringify(rows)).not.toContain('13811110001');
    const csv = await get(`/api/v1/customer-import/export?format=csv&q=${encodeURIComponent('周建国')}&reveal=true`, users.manager.headers);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('13811110001; 13911110001');
    expect(csv.body).toContain(ID_CARD);
    const audit = (await get('/api/v1/audit?action=customer.pii_exported', users.manager.headers)).json();
    expect(audit.items[0]).toMatchObject({ detail: { count: 1, revealed: true, format: 'csv' } });
  });

  it('round trip: a revealed export re-imports to the same customers; a masked one is refused row by row', async () => {
    const names = ['周建国', '青松物业公司', '吴秀兰'];
    const exported = await get(`/api/v1/customer-import/export?reveal=true&q=${encodeURIComponent('青松物业公司')}`, users.manager.headers);
    const members = await get(`/api/v1/customer-import/export?reveal=true&q=${encodeURIComponent('周建国')}`, users.manager.headers);
    const third = await get(`/api/v1/customer-import/export?reveal=true&format=csv&q=${encodeURIComponent('吴秀兰')}`, users.manager.headers);
    const before = await Promise.all(names.map(byName));
    // One workbook with the three: the organization row first, then the members.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('客户');
    const orgRows = await xlsxRows(exported.rawPayload);
    sheet.addRow(orgRows[0]!);
    sheet.addRow(orgRows.find((r) => r[2] === '青松物业公司')!);
    sheet.addRow((await xlsxRows(members.rawPayload))[1]!);
    const file = Buffer.from(await book.xlsx.writeBuffer());

    const ids = before.flat().map((c) => c.id);
    await sql`update customers set organization_id = null where organization_id = any(${ids}::bigint[])`.execute(database.db);
    await sql`delete from customers where id = any(${ids}::bigint[])`.execute(database.db);
    expect(ok(await upload('confirm', users.archivist.headers, file, '客户.xlsx'))).toMatchObject({ imported: 2 });
    expect(ok(await upload('confirm', users.archivist.headers, third.rawPayload, '客户.csv'))).toMatchObject({ imported: 1 });
    const after = await Promise.all(names.map(byName));
    const strip = (list: typeof before) => list.map((l) => l.map((c) => {
      const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = c as typeof c & { createdAt: string; updatedAt: string };
      return { ...rest, organization: rest.organization?.name ?? null, phones: rest.phones.map((p) => p.number) };
    }));
    expect(strip(after)).toEqual(strip(before));

    const masked = await get(`/api/v1/customer-import/export?format=csv&q=${encodeURIComponent('吴秀兰')}`, users.manager.headers);
    const refused = await upload('preview', users.archivist.headers, masked.rawPayload);
    expect(ok(refused).errors).toMatchObject([{ row: 2, column: 'phones', code: 'cimp_masked' }]);
  });
});
