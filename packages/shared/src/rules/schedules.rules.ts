import type { RuleMessages } from './rule-messages.js';

/** Messages of the schedules rules (error code RULE_VIOLATION, params.rule = key). */
export const schedulesRules = {
  'zh-CN': {
    schedule_rest_too_short: '{date}：{previous} 班之后只休息 {hours} 小时，两个班之间至少要休息 {min} 小时',
    schedule_night_then_morning: '{date}：夜班（{previous}）之后两天内不能排 {hour} 点前开始的早班（{shift}）',
    schedule_too_few_days_off: '第 {week} 周排了 {worked} 天班，最多 {max} 天（每周至少休息 {min} 天）',
    schedule_too_many_consecutive_days: '{date}：已连续上班 {days} 天，最多连续 {max} 天',
    schedule_on_leave: '{date}：该坐席已获准请假，不能排班',
    schedule_two_shifts_one_day: '{date}：同一天只能排一个班',
    schedule_nights_not_allowed: '{date}：该坐席的合同不排夜班（{shift}）',
    schedule_unknown_shift: '没有班次 {shift}',
    schedule_date_outside: '{date} 不在本排班表的日期范围内',
    schedule_not_in_draft: '该坐席不在本排班表中',
    schedule_nothing_to_move: '{date} 该坐席没有班次可移动',
    schedule_published: '排班表已发布，不能再修改',
    schedule_no_agents: '没有可排班的坐席',
    schedule_no_history: '没有足够的历史数据（至少需要 {days} 天的话务或工单）',
    schedule_adjustment_outside: '调整日期 {date} 不在预测范围内',
  },
  en: {
    schedule_rest_too_short: '{date}: only {hours} h of rest after shift {previous}; at least {min} h are required between shifts',
    schedule_night_then_morning: '{date}: no morning shift ({shift}, before {hour}:00) within two days of a night shift ({previous})',
    schedule_too_few_days_off: 'Week {week} has {worked} working days, at most {max} (at least {min} days off a week)',
    schedule_too_many_consecutive_days: '{date}: {days} working days in a row, at most {max}',
    schedule_on_leave: '{date}: the agent is on approved leave',
    schedule_two_shifts_one_day: '{date}: one shift per day only',
    schedule_nights_not_allowed: "{date}: the agent's contract has no night shifts ({shift})",
    schedule_unknown_shift: 'There is no shift {shift}',
    schedule_date_outside: '{date} is outside this schedule',
    schedule_not_in_draft: 'The agent is not in this schedule',
    schedule_nothing_to_move: '{date}: the agent has no shift to move',
    schedule_published: 'The schedule is published and can no longer be changed',
    schedule_no_agents: 'No agents to schedule',
    schedule_no_history: 'Not enough history (at least {days} days of calls or work orders are needed)',
    schedule_adjustment_outside: 'The adjustment date {date} is outside the forecast',
  },
} satisfies RuleMessages;
