import type { RuleMessages } from './rule-messages.js';

export const customerArchiveRules = {
  'zh-CN': {
    customer_merge_self: '不能把客户合并到自己',
    customer_merge_merged: '客户“{name}”已被合并到其他档案',
    customer_merge_kind: '个人客户和单位客户不能互相合并',
    timeline_cursor: '时间线游标无效',
    contact_in_future: '联系时间不能晚于现在',
  },
  en: {
    customer_merge_self: 'A customer cannot be merged into itself',
    customer_merge_merged: 'Customer "{name}" has already been merged into another record',
    customer_merge_kind: 'A person and an organization cannot be merged',
    timeline_cursor: 'invalid timeline cursor',
    contact_in_future: 'The contact cannot be later than now',
  },
} satisfies RuleMessages;
