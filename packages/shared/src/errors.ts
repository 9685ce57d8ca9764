import { RULE_MESSAGES } from './rules/index.js';
import { STAFFING_LIMITS } from './workforce.schemas.js';

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
  /** A business rule refused the request; params.rule names the rule (messages in ./rules/<domain>.rules.ts). */
  'RULE_VIOLATION',
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
    RULE_VIOLATION: '{rule}',
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
    RULE_VIOLATION: '{rule}',
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
    call: '通话记录', cti_invalid_token: 'CTI 令牌无效，请联系管理员', cti_disabled: 'CTI 集成未启用，请联系管理员',
    cti_invalid_direction: '通话方向（direction）必须是 in 或 out', cti_call_id: '缺少通话标识（callId）', cti_invalid_event: '未知的 CTI 事件（event）', cti_body: '请求体必须是 JSON 对象或表单数据',
    cti_agent_state: 'agentState 事件需要坐席（user 或 answeringNumber）和状态（state）', cti_unknown_agent: '找不到该坐席（user / answeringNumber）',
    duplicate_cti_token: '该 CTI 令牌已被使用', duplicate_extension: '该分机号已分配给其他坐席', stats_range: '统计时段无效：结束须晚于开始，且不超过允许的天数',
    import_no_file: '请上传 CSV 文件（字段 file）', import_no_rows: 'CSV 文件没有数据行', import_too_many_rows: 'CSV 行数超过上限',
    import_missing_column: '缺少必需的列', import_required: '必填', import_invalid_time: '时间格式无效', import_invalid_direction: '方向必须是 in 或 out',
    import_invalid_number: '必须是不小于 0 的整数秒数', import_invalid_url: '录音地址必须是 http(s) 网址', import_unknown_agent: '找不到该坐席',
    import_duplicate_call: '通话标识（callId）已存在', import_time_order: '时间先后顺序不对', import_rows_invalid: 'CSV 中有错误的行，未导入任何记录',
    staffing_calls: '来电量（calls）必须大于 0', staffing_interval: '时段长度（intervalMin）必须大于 0 分钟',
    staffing_aht: '平均处理时长（aht）必须大于 0 秒', staffing_target_sl: '服务水平目标（targetSl）必须不小于 0 且小于 1（任何人数都做不到 100%）',
    staffing_target_t: '服务水平时限（targetT）不能小于 0 秒', staffing_max_occupancy: '最高占用率（maxOccupancy）必须大于 0 且不超过 1',
    staffing_shrinkage: '人力折损率（shrinkage）必须不小于 0 且小于 1', staffing_patience: '客户耐心时长（patience）必须大于 0 秒',
    staffing_agents: `坐席数（agents）必须是 1 到 ${STAFFING_LIMITS.agentsMax} 之间的整数`,
    staffing_agents_unstable: '未给出客户耐心时长（patience）时，坐席数（agents）必须大于话务量（来电量 × 平均处理时长 ÷ 时段长度），否则排队会无限增长',
    staffing_load_too_high: `话务量（来电量 × 平均处理时长 ÷ 时段长度）超过 ${STAFFING_LIMITS.agentsMax} 名坐席的计算上限（calls）`,
    staffing_occupancy_unreachable: `${STAFFING_LIMITS.agentsMax} 名坐席以内无法满足最高占用率（maxOccupancy）`,
    staffing_target_unreachable: `${STAFFING_LIMITS.agentsMax} 名坐席以内无法达到服务水平目标（targetSl）`,
    staffing_patience_too_long: '相对该话务量，客户耐心时长（patience）过长，无法计算',
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
    call: 'Call', cti_invalid_token: 'Invalid CTI token; please contact your administrator', cti_disabled: 'The CTI integration is disabled; please contact your administrator',
    cti_invalid_direction: 'direction must be "in" or "out"', cti_call_id: 'callId is missing', cti_invalid_event: 'unknown CTI event', cti_body: 'the body must be a JSON object or form data',
    cti_agent_state: 'an agentState event needs an agent (user or answeringNumber) and a state', cti_unknown_agent: 'no agent matches user / answeringNumber',
    duplicate_cti_token: 'This CTI token is already in use', duplicate_extension: 'This extension belongs to another agent', stats_range: 'invalid period: to must be after from, within the allowed number of days',
    import_no_file: 'upload a CSV file (field "file")', import_no_rows: 'the CSV file has no data rows', import_too_many_rows: 'the CSV file has too many rows',
    import_missing_column: 'required column missing', import_required: 'required', import_invalid_time: 'invalid date/time', import_invalid_direction: 'direction must be in or out',
    import_invalid_number: 'must be a whole number of seconds, 0 or more', import_invalid_url: 'the recording URL must be an http(s) URL', import_unknown_agent: 'no such agent',
    import_duplicate_call: 'callId already exists', import_time_order: 'times are out of order', import_rows_invalid: 'the CSV has invalid rows; nothing was imported',
    staffing_calls: 'calls must be greater than 0', staffing_interval: 'intervalMin must be greater than 0 minutes',
    staffing_aht: 'aht must be greater than 0 seconds', staffing_target_sl: 'targetSl must be at least 0 and below 1 (no staffing answers 100 %)',
    staffing_target_t: 'targetT must not be negative', staffing_max_occupancy: 'maxOccupancy must be greater than 0 and at most 1',
    staffing_shrinkage: 'shrinkage must be at least 0 and below 1', staffing_patience: 'patience must be greater than 0 seconds',
    staffing_agents: `agents must be a whole number from 1 to ${STAFFING_LIMITS.agentsMax}`,
    staffing_agents_unstable: 'without patience, agents must be more than the offered load (calls × aht ÷ interval), or the queue grows without end',
    staffing_load_too_high: `calls: the offered load (calls × aht ÷ interval) exceeds the limit of ${STAFFING_LIMITS.agentsMax} agents`,
    staffing_occupancy_unreachable: `maxOccupancy cannot be met with up to ${STAFFING_LIMITS.agentsMax} agents`,
    staffing_target_unreachable: `targetSl cannot be met with up to ${STAFFING_LIMITS.agentsMax} agents`,
    staffing_patience_too_long: 'patience is too long for this call volume to compute',
  },
};

export function translateWord(locale: Locale, word: string): string {
  return errorWords[locale][word] ?? RULE_MESSAGES[locale][word] ?? word;
}

export function formatErrorMessage(locale: Locale, code: ErrorCode, params: Params = {}): string {
  const fill = (template: string, depth: number): string =>
    template.replace(/\{(\w+)\}/g, (_, key: string) => {
      const value = params[key];
      if (value === undefined) return '';
      if (Array.isArray(value)) return value.map((v: string) => translateWord(locale, v)).join(locale === 'en' ? ', ' : '、');
      if (typeof value !== 'string') return String(value);
      // A rule message may carry its own placeholders ({max}, {date}); they are filled from the same params, once.
      const word = translateWord(locale, value);
      return depth === 0 && word !== value ? fill(word, 1) : word;
    });
  return fill(errorMessages[locale][code], 0);
}
