import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/app-error.js';
import { fieldOfHeader, mapHeaders } from './customer-import.columns.js';
import { cellToText, detectEncoding, openCustomerFile } from './customer-import.read.js';
import { isImportablePhone, readCustomerRow, splitPhones } from './customer-import.rows.js';
import { describeIssue } from './customer-import.service.js';

// 姓名,类型,电话,身份证号 / 张三,个人,13812345678,11010519491231002X / 李四,组织,010-62345678；13900000000, — as Excel saves CSV in China (GBK).
const GBK_CSV = Buffer.from(
  'd0d5c3fb2cc0e0d0cd2cb5e7bbb02cc9edb7ddd6a4bac50ad5c5c8fd2cb8f6c8cb2c31333831323334353637382c3131303130353139343931323331303032580ac0eecbc42cd7e9d6af2c3031302d3632333435363738a3bb31333930303030303030302c0a',
  'hex',
);

async function records(bytes: Uint8Array) {
  const file = await openCustomerFile({ bytes });
  const out: { row: number; cells: string[] }[] = [];
  for await (const r of file.records) out.push(r);
  return { format: file.format, encoding: file.encoding, out };
}

describe('reading a customer file', () => {
  it('reads GBK CSV as Excel saves it in China', async () => {
    const { format, encoding, out } = await records(GBK_CSV);
    expect({ format, encoding }).toEqual({ format: 'csv', encoding: 'gb18030' });
    expect(out).toEqual([
      { row: 1, cells: ['姓名', '类型', '电话', '身份证号'] },
      { row: 2, cells: ['张三', '个人', '13812345678', '11010519491231002X'] },
      { row: 3, cells: ['李四', '组织', '010-62345678；13900000000', ''] },
    ]);
  });

  it('reads UTF-8 with and without BOM, quoted fields, CRLF, blank lines keep their row numbers', async () => {
    const text = '姓名,备注\r\n王五,"说明, 带逗号\n两行"\r\n\r\n赵六,"引号""内"""\r\n';
    for (const bytes of [Buffer.from(`\uFEFF${text}`), Buffer.from(text)]) {
      const { encoding, out } = await records(bytes);
      expect(encoding).toBe('utf-8');
      expect(out.filter((r) => r.cells.some(Boolean))).toEqual([
        { row: 1, cells: ['姓名', '备注'] },
        { row: 2, cells: ['王五', '说明, 带逗号\n两行'] },
        { row: 4, cells: ['赵六', '引号"内"'] },
      ]);
    }
  });

  it('tells UTF-8 from GBK even when the head cuts a character in two', () => {
    const utf8 = Buffer.from('姓名,电话\n张三');
    expect(detectEncoding(utf8.subarray(0, utf8.length - 1))).toBe('utf-8');
    expect(detectEncoding(GBK_CSV)).toBe('gb18030');
  });

  it('reads the first sheet of an .xlsx, numbers as digits', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('客户');
    sheet.addRow(['name', 'phones', 'idCard', 'notes']);
    sheet.addRow(['Zhang San', 13812345678, '11010519491231002X', { richText: [{ text: '富' }, { text: '文本' }] }]);
    book.addWorksheet('other').addRow(['ignored']);
    const { format, out } = await records(Buffer.from(await book.xlsx.writeBuffer()));
    expect(format).toBe('xlsx');
    expect(out).toEqual([
      { row: 1, cells: ['name', 'phones', 'idCard', 'notes'] },
      { row: 2, cells: ['Zhang San', '13812345678', '11010519491231002X', '富文本'] },
    ]);
  });

  it('refuses binary files (old .xls) with a translated 400, and empty files', async () => {
    const xls = Buffer.from('d0cf11e0a1b11ae1000000000000', 'hex');
    await expect(openCustomerFile({ bytes: xls })).rejects.toMatchObject({ code: 'VALIDATION', params: { detail: 'cimp_bad_file' } });
    await expect(openCustomerFile({ bytes: new Uint8Array() })).rejects.toBeInstanceOf(AppError);
  });

  it('refuses a CSV that breaks off inside a quoted field', async () => {
    await expect(records(Buffer.from('姓名,备注\n张三,"没有结束的引号\n'))).rejects.toMatchObject({ code: 'VALIDATION', params: { detail: 'cimp_bad_file' } });
  });

  it('renders cells as people see them', () => {
    expect([cellToText(13812345678), cellToText(1.5), cellToText(new Date('2026-01-02T00:00:00Z')), cellToText({ result: 7 }), cellToText(null)]).toEqual(['13812345678', '1.5', '2026-01-02', '7', '']);
  });
});

describe('mapping headers', () => {
  it('knows Chinese, English and our export\u2019s bilingual headers; ignores the rest', () => {
    expect(['姓名', 'Name', '电话号码', '联系电话', '身份证号码', '所属单位 organization', '类型 kind', '客户等级', 'E-mail', '备注', '创建时间 createdAt', 'ID', '电话（多个用;分隔）'].map(fieldOfHeader)).toEqual([
      'name', 'name', 'phones', 'phones', 'idCard', 'organization', 'kind', 'grade', 'email', 'notes', null, null, 'phones',
    ]);
    expect(mapHeaders(['姓名', '电话', '手机']).fields).toEqual(['name', 'phones', null]);
  });
});

describe('reading a row', () => {
  const fields = mapHeaders(['姓名', '类型', '电话', '身份证号', '邮箱', '等级', '标签', '组织', '地址']).fields;

  it('reads a valid row: several phones, kind in Chinese, ID card normalized, tags split', () => {
    const { customer, issues } = readCustomerRow([' 张三 ', '个人', '13812345678; 010-6234 5678 / +86 139-0000-0000、400-800-1234转23', '11010519491231002x', 'a@b.cn', 'b级', 'VIP；老客户', '阳光物业', '北京市朝阳区建国路88号'], fields, 2);
    expect(issues).toEqual([]);
    expect(customer).toMatchObject({
      row: 2, kind: 'person', name: '张三', phones: ['13812345678', '010-6234 5678', '+86 139-0000-0000', '400-800-1234转23'],
      idCard: '11010519491231002X', email: 'a@b.cn', grade: 'B', tags: ['VIP', '老客户'], organization: '阳光物业', address: '北京市朝阳区建国路88号', notes: null,
    });
    expect(readCustomerRow(['阳光物业', 'organization'], fields, 3).customer.kind).toBe('organization');
    expect(readCustomerRow(['李四', ''], fields, 3).customer.kind).toBe('person');
  });

  it('reports each bad cell with its row and column', () => {
    const { issues } = readCustomerRow(['', '供应商', '138abc; 138****5678', '110105194912310021', 'not-an-email', 'F'], fields, 7);
    expect(issues.map((i) => `${i.row}:${i.column}:${i.code}`)).toEqual([
      '7:name:cimp_required_name', '7:kind:cimp_bad_kind', '7:phones:cimp_bad_phone', '7:phones:cimp_masked', '7:idCard:cimp_bad_id_card', '7:email:cimp_bad_email', '7:grade:cimp_bad_grade',
    ]);
    expect(describeIssue('zh-CN', issues[4]!).message).toBe('身份证号“110105194912310021”无效（位数或校验位不符）');
    expect(describeIssue('en', issues[2]!).message).toBe('Phone number "138abc" is not valid');
  });

  it('splits phones on ; ， / 、 and tells phones from text', () => {
    expect(splitPhones('13812345678，13912345678/010-1234567;；')).toEqual(['13812345678', '13912345678', '010-1234567']);
    expect(['13812345678', '(010) 6234-5678', '+8613812345678', '1234', 'abc12345', '138 1234 5678 ext 12'].map(isImportablePhone)).toEqual([true, true, true, false, false, true]);
  });
});
