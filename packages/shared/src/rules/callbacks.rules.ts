import type { RuleMessages } from './rule-messages.js';

/** Messages of the callbacks rules (error code RULE_VIOLATION, params.rule = key). */
export const callbacksRules = {
  'zh-CN': {
    callbacks_already_generated: '该回访任务的名单已经生成，不能再修改目标或重新生成',
    callbacks_no_targets: '按当前筛选条件没有找到可回访的对象',
    callbacks_too_many_targets: '回访名单共 {count} 条，超过上限 {max} 条，请缩小筛选范围或拆分任务',
    callbacks_agent_invalid: '所选人员不能承担回访：{names}',
    callbacks_campaign_closed: '该回访任务已结束',
    callbacks_item_finished: '该回访已有最终结果，不能再次登记',
    callbacks_answers_invalid: '以下问题的回答无效：{fields}',
    callbacks_unknown_ticket_type: '未知的工单类型：{types}',
    survey_expired: '该满意度调查链接已过期',
    survey_already_answered: '该满意度调查已经提交过，感谢您的反馈',
    survey_ticket_not_resolved: '工单尚未解决，不能发送满意度调查',
    survey_no_answers: '电话调查请填写客户的回答',
    survey: '满意度调查',
  },
  en: {
    callbacks_already_generated: 'The call list of this campaign has already been generated; its target cannot change',
    callbacks_no_targets: 'No one matches these filters',
    callbacks_too_many_targets: 'The call list has {count} entries, more than the limit of {max}; narrow the filters or split the campaign',
    callbacks_agent_invalid: 'These people cannot take callbacks: {names}',
    callbacks_campaign_closed: 'This campaign is closed',
    callbacks_item_finished: 'This callback already has a final result',
    callbacks_answers_invalid: 'Invalid answers to: {fields}',
    callbacks_unknown_ticket_type: 'Unknown work-order type: {types}',
    survey_expired: 'This survey link has expired',
    survey_already_answered: 'This survey has already been answered; thank you for your feedback',
    survey_ticket_not_resolved: 'The work order is not resolved yet; no survey can be sent',
    survey_no_answers: 'A phone survey needs the customer\'s answers',
    survey: 'Survey',
  },
} satisfies RuleMessages;
