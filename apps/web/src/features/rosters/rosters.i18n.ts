export const rostersZhCN = {
  rosters: {
    nav: { title: '排班考勤', myRoster: '我的排班', approvals: '请假换班审批', attendance: '考勤与遵从度', handover: '交接班' },
    kind: { personal: '事假', personal_urgent: '特殊事假', sick: '病假', annual: '年假', compensatory: '调休', marriage: '婚假', bereavement: '丧假', business: '公假（公事、外出学习）' },
    leaveStatus: { pending: '待班长审批', pending_director: '待中心主任审批', approved: '已批准', rejected: '已驳回', cancelled: '已撤销' },
    swapStatus: { pending: '待审批', approved: '已生效', rejected: '已驳回', cancelled: '已撤销' },
    shiftStatus: { scheduled: '在班', leave: '请假' },
    common: {
      date: '日期', shift: '班次', time: '时间', person: '人员', status: '状态', reason: '事由', actions: '操作', approve: '批准', reject: '驳回',
      cancel: '撤销', submit: '提交', night: '夜班', swapped: '换班所得', days: '{{days}} 天', refresh: '刷新', note: '审批意见',
    },
    my: {
      title: '我的排班', subtitle: '本周及后两周的班次；请假须按制度提前提出，换班须经双方班长同意', shifts: '我的班次', leave: '我的请假', swaps: '我的换班',
      requestLeave: '请假', requestSwap: '换班', noShifts: '暂无排班', noLeave: '暂无请假记录', noSwaps: '暂无换班记录', clockIn: '上班打卡', clockOut: '下班打卡',
      clocked: '已打卡', rulesHint: '一般事假提前一天；特殊事假班前一小时；夜班须当日 12:00 前；节假日原则上不允许请假；病假满一天须附医疗证明；每月换班不超过 2 次。',
    },
    leaveForm: {
      title: '请假申请', kind: '假别', period: '请假时段', reason: '事由', certificate: '医疗证明', certificatePlaceholder: '证明文件名或附件编号',
      emergency: '急诊（已在班前电话通知班长）', exceptional: '节假日极特殊情况', forUser: '代请（仅病假）', submitted: '请假申请已提交',
    },
    swapForm: {
      title: '换班申请', myShift: '我的班次', theirShift: '对方班次', theirShiftHint: '选择同事的班次', check: '检查换班规则', ok: '符合换班制度，可以提交',
      broken: '该换班不符合制度：', submitted: '换班申请已提交，等待双方班长审批',
    },
    approvals: {
      title: '请假换班审批', subtitle: '一天以内的请假由客服部主任（班长）批准，一天以上再由客服中心主任批准；换班须双方班长同意',
      leaveTab: '请假待审批', swapTab: '换班待审批', allLeave: '全部请假', emptyLeave: '没有待审批的请假', emptySwap: '没有待审批的换班',
      needsDirector: '须中心主任审批', certificate: '证明', approved: '已批准', rejected: '已驳回', requester: '申请人', counterpart: '对方',
      leaderA: '申请方班长', leaderB: '对方班长', signed: '已同意', waiting: '待同意', coverage: '当日在岗人数', coverageOf: '{{date}} 在岗人数（扣除已批准请假）',
      scheduled: '排班', onLeave: '请假', available: '在岗',
    },
    attendance: {
      title: '考勤与遵从度', subtitle: '迟到、早退、脱岗 20 分钟及以上按违纪处理；遵从度 = 排班时段内处于工作状态的时长占比', clockIn: '上班',
      clockOut: '下班', late: '迟到', earlyLeave: '早退', away: '最长离岗', adherence: '遵从度', source: '数据来源', violations: '违纪',
      minutes: '{{n}} 分钟', onLeave: '请假', empty: '当日没有排班', sources: { agent_states: '坐席状态', clock: '打卡', none: '无记录' },
      violation: { late: '迟到≥20分钟', early_leave: '早退≥20分钟', away: '脱岗≥20分钟', absent: '缺勤' }, total: '平均遵从度 {{value}}',
    },
    handover: {
      title: '交接班', subtitle: '接班人员提前 15–20 分钟到岗；交接完毕双方签字，记录电子留存', current: '当前交接记录', none: '当前没有待签字的交接记录',
      open: '开始本班交接记录', shiftDate: '班次日期', shiftCode: '班次', openTickets: '未完成工单（自动列出）', complaints: '待处理投诉及承诺回复时间（自动列出）',
      businessChanges: '业务变更', systemProblems: '系统问题', staffChanges: '人员变动', notes: '其他事项', save: '保存', saved: '已保存',
      outgoing: '交班班长', incoming: '接班班长', signOutgoing: '交班签字', signIncoming: '接班签字', signedAt: '{{name}} 于 {{time}} 签字',
      notSigned: '未签字', history: '历史记录', search: '搜索内容、班长或工单', noTickets: '无', dueAt: '承诺时间', number: '工单号', subject: '主题',
      assignee: '处理人', statusLabel: { open: '填写中', outgoing_signed: '待接班签字', signed: '双方已签字' }, signedOk: '已签字',
    },
  },
};

export const rostersEn: typeof rostersZhCN = {
  rosters: {
    nav: { title: 'Rosters', myRoster: 'My roster', approvals: 'Leave & swap approvals', attendance: 'Attendance & adherence', handover: 'Shift handover' },
    kind: { personal: 'Personal leave', personal_urgent: 'Urgent personal leave', sick: 'Sick leave', annual: 'Annual leave', compensatory: 'Time off in lieu', marriage: 'Marriage leave', bereavement: 'Bereavement leave', business: 'Official leave (business, training)' },
    leaveStatus: { pending: 'Awaiting shift leader', pending_director: 'Awaiting center director', approved: 'Approved', rejected: 'Rejected', cancelled: 'Cancelled' },
    swapStatus: { pending: 'Pending', approved: 'Applied', rejected: 'Rejected', cancelled: 'Cancelled' },
    shiftStatus: { scheduled: 'On duty', leave: 'On leave' },
    common: {
      date: 'Date', shift: 'Shift', time: 'Time', person: 'Person', status: 'Status', reason: 'Reason', actions: 'Actions', approve: 'Approve', reject: 'Reject',
      cancel: 'Withdraw', submit: 'Submit', night: 'Night', swapped: 'From a swap', days: '{{days}} d', refresh: 'Refresh', note: 'Note',
    },
    my: {
      title: 'My roster', subtitle: 'Shifts this week and the next two; leave must be asked ahead, swaps need both shift leaders', shifts: 'My shifts', leave: 'My leave', swaps: 'My swaps',
      requestLeave: 'Request leave', requestSwap: 'Request swap', noShifts: 'No shifts', noLeave: 'No leave requests', noSwaps: 'No swaps', clockIn: 'Clock in', clockOut: 'Clock out',
      clocked: 'Clocked', rulesHint: 'Personal leave a day ahead; urgent leave an hour before the shift; night shifts by 12:00 the same day; no leave on public holidays in principle; sick leave of a full day needs a certificate; at most 2 swaps a month.',
    },
    leaveForm: {
      title: 'Leave request', kind: 'Kind', period: 'Period', reason: 'Reason', certificate: 'Medical certificate', certificatePlaceholder: 'File name or attachment number',
      emergency: 'Emergency (leader called before the shift)', exceptional: 'Exceptional case on a public holiday', forUser: 'On behalf of (sick leave only)', submitted: 'Leave requested',
    },
    swapForm: {
      title: 'Shift swap', myShift: 'My shift', theirShift: "Colleague's shift", theirShiftHint: "Pick a colleague's shift", check: 'Check the swap rules', ok: 'The swap follows the rules',
      broken: 'This swap breaks the rules:', submitted: "Swap requested; both shift leaders must approve",
    },
    approvals: {
      title: 'Leave & swap approvals', subtitle: 'Leave up to a day: department head (shift leader); longer: then the center director. Swaps: both shift leaders',
      leaveTab: 'Leave to approve', swapTab: 'Swaps to approve', allLeave: 'All leave', emptyLeave: 'No leave awaiting you', emptySwap: 'No swaps awaiting you',
      needsDirector: 'Needs director', certificate: 'Certificate', approved: 'Approved', rejected: 'Rejected', requester: 'Requester', counterpart: 'Counterpart',
      leaderA: "Requester's leader", leaderB: "Counterpart's leader", signed: 'Agreed', waiting: 'Waiting', coverage: 'Headcount', coverageOf: 'Headcount on {{date}} (after approved leave)',
      scheduled: 'Rostered', onLeave: 'On leave', available: 'Available',
    },
    attendance: {
      title: 'Attendance & adherence', subtitle: 'Late, early or away 20 minutes or more is a violation; adherence = share of rostered time in a working state', clockIn: 'In',
      clockOut: 'Out', late: 'Late', earlyLeave: 'Early leave', away: 'Longest away', adherence: 'Adherence', source: 'Source', violations: 'Violations',
      minutes: '{{n}} min', onLeave: 'On leave', empty: 'No shifts that day', sources: { agent_states: 'Agent states', clock: 'Clock', none: 'None' },
      violation: { late: 'Late ≥20 min', early_leave: 'Early ≥20 min', away: 'Away ≥20 min', absent: 'Absent' }, total: 'Average adherence {{value}}',
    },
    handover: {
      title: 'Shift handover', subtitle: 'The incoming shift arrives 15–20 minutes early; both leaders sign; the log is kept electronically', current: 'Current log', none: 'No log awaiting signatures',
      open: "Start this shift's log", shiftDate: 'Shift date', shiftCode: 'Shift', openTickets: 'Unfinished work orders (automatic)', complaints: 'Pending complaints and promised reply times (automatic)',
      businessChanges: 'Business changes', systemProblems: 'System problems', staffChanges: 'Staff changes', notes: 'Other notes', save: 'Save', saved: 'Saved',
      outgoing: 'Outgoing leader', incoming: 'Incoming leader', signOutgoing: 'Sign as outgoing', signIncoming: 'Sign as incoming', signedAt: 'Signed by {{name}} at {{time}}',
      notSigned: 'Not signed', history: 'History', search: 'Search text, leader or work order', noTickets: 'None', dueAt: 'Promised by', number: 'Number', subject: 'Subject',
      assignee: 'Assignee', statusLabel: { open: 'Being written', outgoing_signed: 'Awaiting incoming signature', signed: 'Signed by both' }, signedOk: 'Signed',
    },
  },
};
