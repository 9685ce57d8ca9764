/** The closed set of error codes the API answers with. Each maps to one HTTP status in the server. */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'BAD_CREDENTIALS',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'VERSION_CONFLICT',
  'INVALID_TRANSITION',
  'MISSING_REQUIRED_FIELDS',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'STEP_NOT_ACTIVE',
  'CHECKLIST_INCOMPLETE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details?: unknown;
  };
}

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Picks our locale from an Accept-Language header or a stored preference. */
export function resolveLocale(value: string | undefined | null): Locale {
  if (!value) return DEFAULT_LOCALE;
  const first = value.split(',')[0]?.trim().toLowerCase() ?? '';
  if (first.startsWith('en')) return 'en';
  return DEFAULT_LOCALE;
}

type Params = Record<string, string | number | readonly string[]>;

const errorMessages: Record<Locale, Record<ErrorCode, string>> = {
  'zh-CN': {
    VALIDATION: '输入有误：{detail}',
    UNAUTHENTICATED: '请先登录',
    BAD_CREDENTIALS: '用户名或密码错误',
    FORBIDDEN: '您没有执行此操作的权限',
    NOT_FOUND: '{entity}不存在或您无权查看',
    CONFLICT: '{detail}',
    VERSION_CONFLICT: '该记录已被他人修改，请刷新后重试',
    INVALID_TRANSITION: '工单状态不能从“{from}”变为“{to}”',
    MISSING_REQUIRED_FIELDS: '无法当场答复的工单必须填写：{fields}',
    PAYLOAD_TOO_LARGE: '上传内容过大（上限 {limit}）',
    RATE_LIMITED: '操作过于频繁，请稍后再试',
    STEP_NOT_ACTIVE: '流程步骤“{step}”不是当前步骤',
    CHECKLIST_INCOMPLETE: '步骤“{step}”还有未完成的检查项：{items}',
    INTERNAL: '服务器内部错误，请稍后再试',
  },
  en: {
    VALIDATION: 'Invalid input: {detail}',
    UNAUTHENTICATED: 'Please sign in first',
    BAD_CREDENTIALS: 'Wrong username or password',
    FORBIDDEN: 'You are not allowed to do this',
    NOT_FOUND: '{entity} not found or not visible to you',
    CONFLICT: '{detail}',
    VERSION_CONFLICT: 'This record was changed by someone else; reload and try again',
    INVALID_TRANSITION: 'A work order cannot go from "{from}" to "{to}"',
    MISSING_REQUIRED_FIELDS: 'A work order that cannot be answered on the spot needs: {fields}',
    PAYLOAD_TOO_LARGE: 'Upload too large (limit {limit})',
    RATE_LIMITED: 'Too many attempts; try again later',
    STEP_NOT_ACTIVE: 'Process step "{step}" is not the current step',
    CHECKLIST_INCOMPLETE: 'Step "{step}" still has unchecked items: {items}',
    INTERNAL: 'Internal server error; please try again later',
  },
};

/** Words that fill error-message placeholders, translated. */
export const errorWords: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    ticket: '工单', customer: '客户', user: '用户', role: '角色', team: '班组', skillGroup: '技能组',
    department: '部门', ticketType: '工单类型', attachment: '附件', note: '备注', token: '令牌', record: '记录',
    time: '时间', place: '地点', person: '人物', event: '事件', contactPhone: '联系电话',
    new: '新建', assigned: '已分派', in_progress: '处理中', waiting_customer: '等待客户', waiting_department: '等待部门',
    resolved: '已解决', closed: '已关闭',
    invalid_json_body: '请求体不是有效的 JSON', empty_json_body: '请求体为空', unsupported_content_type: '不支持的内容类型（Content-Type）',
    duplicate_record: '已存在相同的记录', duplicate_username: '该用户名已被使用', duplicate_key: '该标识已存在', duplicate_name: '该名称已被使用',
    cannot_deactivate_self: '不能停用自己的账号', admin_role_permissions: '系统管理员角色的权限不能修改', builtin_role: '内置角色不能删除',
    role_in_use: '仍有用户使用该角色，不能删除', ticket_merged: '该工单已合并到其他工单，不能再修改', transfer_answered: '该转办已答复',
  },
  en: {
    ticket: 'Work order', customer: 'Customer', user: 'User', role: 'Role', team: 'Team', skillGroup: 'Skill group',
    department: 'Department', ticketType: 'Work-order type', attachment: 'Attachment', note: 'Note', token: 'Token', record: 'Record',
    time: 'time', place: 'place', person: 'person', event: 'event', contactPhone: 'contact phone',
    new: 'new', assigned: 'assigned', in_progress: 'in progress', waiting_customer: 'waiting on customer',
    waiting_department: 'waiting on department', resolved: 'resolved', closed: 'closed',
    invalid_json_body: 'the body is not valid JSON', empty_json_body: 'the body is empty', unsupported_content_type: 'unsupported Content-Type',
    duplicate_record: 'A record with the same values already exists', duplicate_username: 'This username is already taken',
    duplicate_key: 'This key already exists', duplicate_name: 'This name is already in use', cannot_deactivate_self: 'You cannot deactivate your own account',
    admin_role_permissions: "The administrator role's permissions cannot be changed", builtin_role: 'Built-in roles cannot be deleted',
    role_in_use: 'Users still have this role; it cannot be deleted', ticket_merged: 'This work order was merged into another and cannot change',
    transfer_answered: 'This transfer has already been answered',
  },
};

export function translateWord(locale: Locale, word: string): string {
  return errorWords[locale][word] ?? word;
}

export function formatErrorMessage(locale: Locale, code: ErrorCode, params: Params = {}): string {
  const template = errorMessages[locale][code];
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) return '';
    if (Array.isArray(value)) return value.map((v: string) => translateWord(locale, v)).join(locale === 'en' ? ', ' : '、');
    return typeof value === 'string' ? translateWord(locale, value) : String(value);
  });
}
