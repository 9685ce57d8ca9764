import { CUSTOMER_IMPORT_COLUMNS, type CustomerImportColumn, type Locale } from '@kefu/shared';

/** Header names a customer file may use: ours (template and export), and what department spreadsheets call them. */
const ALIASES: Record<CustomerImportColumn, string[]> = {
  name: ['name', '姓名', '名称', '客户名称', '客户姓名', '客户', '用户姓名', '联系人', '单位名称', '组织名称'],
  kind: ['kind', 'type', '类型', '客户类型'],
  phones: ['phones', 'phone', 'phonenumber', 'mobile', 'tel', 'telephone', '电话', '手机', '手机号', '手机号码', '电话号码', '联系电话', '联系方式'],
  idCard: ['idcard', 'idcardnumber', 'idnumber', 'id_card', '身份证', '身份证号', '身份证号码', '证件号', '证件号码'],
  address: ['address', '地址', '住址', '联系地址', '家庭住址', '通讯地址'],
  email: ['email', 'e-mail', 'mail', '邮箱', '电子邮箱', '电子邮件'],
  organization: ['organization', 'organisation', 'company', 'org', '组织', '所属单位', '所属组织', '单位', '公司', '所属公司', '工作单位'],
  grade: ['grade', 'level', '等级', '客户等级', '级别'],
  tags: ['tags', 'tag', '标签'],
  notes: ['notes', 'note', 'remark', 'remarks', 'comment', '备注', '说明'],
};

const LOOKUP = new Map<string, CustomerImportColumn>(
  CUSTOMER_IMPORT_COLUMNS.flatMap((column) => ALIASES[column].map((alias) => [squash(alias), column] as const)),
);

function squash(text: string): string {
  return text.normalize('NFKC').replace(/[\s_*（）()：:]/g, '').toLowerCase();
}

/**
 * The field a header names: "姓名", "name", "Name", our export's bilingual "姓名 name", "电话（多个用;分隔）"...
 * Whole header first, then each space-separated word, then the header without a trailing parenthesis.
 */
export function fieldOfHeader(header: string): CustomerImportColumn | null {
  const text = header.normalize('NFKC').trim();
  if (!text) return null;
  const candidates = [text, ...text.split(/\s+/), text.replace(/[(（].*$/, '')];
  for (const candidate of candidates) {
    const found = LOOKUP.get(squash(candidate));
    if (found) return found;
  }
  return null;
}

export interface ColumnMapping {
  /** For every column of the file, the field it fills (null: ignored, e.g. the export's ID and 创建时间). */
  fields: (CustomerImportColumn | null)[];
  headers: string[];
}

/** Maps a header row; a field named twice is read from its first column only. */
export function mapHeaders(headers: readonly string[]): ColumnMapping {
  const seen = new Set<CustomerImportColumn>();
  const fields = headers.map((h) => {
    const field = fieldOfHeader(h);
    if (!field || seen.has(field)) return null;
    seen.add(field);
    return field;
  });
  return { fields, headers: headers.map((h) => h.trim()) };
}

/** The import template's headers and example row, in the reader's language. */
export const TEMPLATE: Record<Locale, { headers: Record<CustomerImportColumn, string>; example: Record<CustomerImportColumn, string>; organization: Record<CustomerImportColumn, string>; sheet: string; notes: string[] }> = {
  'zh-CN': {
    headers: { name: '姓名', kind: '类型', phones: '电话', idCard: '身份证号', address: '地址', email: '邮箱', organization: '组织', grade: '等级', tags: '标签', notes: '备注' },
    organization: { name: '阳光物业公司', kind: '组织', phones: '010-88886666', idCard: '', address: '北京市海淀区中关村大街1号', email: 'service@example.com', organization: '', grade: 'B', tags: '物业', notes: '' },
    example: { name: '张三', kind: '个人', phones: '13912340000; 010-88886667', idCard: '11010519491231002X', address: '北京市朝阳区建国路88号', email: 'zhangsan@example.com', organization: '阳光物业公司', grade: 'A', tags: '老客户; VIP', notes: '每周回访' },
    sheet: '客户',
    notes: ['说明：', '· 姓名必填；类型填“个人”或“组织”（空白为个人）', '· 多个电话用 ; 、 / 或中文逗号分隔', '· 身份证号按校验位检查', '· “组织”填已有组织的名称，或本文件中类型为“组织”的行', '· 文件中任何一行有错误时不导入任何记录'],
  },
  en: {
    headers: { name: 'name', kind: 'type', phones: 'phones', idCard: 'idCard', address: 'address', email: 'email', organization: 'organization', grade: 'grade', tags: 'tags', notes: 'notes' },
    organization: { name: 'Sunshine Property Co.', kind: 'organization', phones: '010-88886666', idCard: '', address: '北京市海淀区中关村大街1号', email: 'service@example.com', organization: '', grade: 'B', tags: 'property', notes: '' },
    example: { name: 'Zhang San', kind: 'person', phones: '13912340000; 010-88886667', idCard: '11010519491231002X', address: '北京市朝阳区建国路88号', email: 'zhangsan@example.com', organization: 'Sunshine Property Co.', grade: 'A', tags: 'regular; VIP', notes: 'call back weekly' },
    sheet: 'Customers',
    notes: ['Notes:', '· name is required; type is person or organization (blank: person)', '· several phones separated by ; / or 、', '· ID card numbers are checked against their check digit', '· organization: the name of an existing organization, or of a row of type organization in this file', '· if any row has an error, nothing is imported'],
  },
};
