import type { RuleMessages } from './rule-messages.js';

/** Messages of the grading rules (error code RULE_VIOLATION, params.rule = key). */
export const gradingRules = {
  'zh-CN': {
    grading_owner_not_found: '负责人不存在或已停用',
    grading_follow_up_in_future: '跟进时间不能晚于当前时间',
    grading_follow_up_too_old: '跟进时间不能早于上次跟进（{last}）',
  },
  en: {
    grading_owner_not_found: 'The owner does not exist or is inactive',
    grading_follow_up_in_future: 'A follow-up cannot lie in the future',
    grading_follow_up_too_old: 'A follow-up cannot be earlier than the last one ({last})',
  },
} satisfies RuleMessages;
