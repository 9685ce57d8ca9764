import type { CustomFieldDef, ProcessStepDef } from '@kefu/shared';

const item = (key: string, labelZh: string, labelEn: string) => ({ key, labelZh, labelEn });

/** Work-order types with process templates, after seed 002 (property services) and seed 001 (domestic services, returns). */
export const DEMO_PROCESS_TYPES: Array<{ key: string; nameZh: string; nameEn: string; fields: CustomFieldDef[]; steps: ProcessStepDef[] }> = [
  {
    key: 'property_certificate', nameZh: '产权证办理', nameEn: 'Property certificate', fields: [{ key: 'unit', labelZh: '房号', labelEn: 'Unit', kind: 'text', required: false }],
    steps: [
      { key: 'documents', nameZh: '收集办证资料', nameEn: 'Collect documents', dueHours: 72, checklist: [
        item('transfer_form', '房屋所有权转移登记申请书', 'Transfer application'), item('floor_plan', '房屋分户图', 'Floor plan'),
        item('contract', '商品房买卖合同原件', 'Purchase contract (original)'), item('deed_tax', '契税票蓝联', 'Deed-tax receipt'),
        item('filing_form', '合同信息备案表', 'Contract filing form'), item('buyer_id', '买受人身份证明复印件', 'Buyer ID copy'),
      ] },
      { key: 'bureau', nameZh: '房管局受理', nameEn: 'Housing bureau', dueHours: 240, checklist: [item('submitted', '资料已提交房管局', 'Submitted to the bureau')] },
      { key: 'collect', nameZh: '领取产权证', nameEn: 'Collect certificate', dueHours: 480, checklist: [item('fees', '登记费、交易费凭证', 'Fee receipts'), item('power', '委托书（盖公章）', 'Power of attorney')] },
      { key: 'handover', nameZh: '通知业主领取', nameEn: 'Hand over to owner', dueHours: 72, checklist: [item('notified', '电话/短信通知业主', 'Owner notified'), item('signed', '业主凭身份证签字领取', 'Owner signed with ID')] },
    ],
  },
  {
    key: 'mortgage', nameZh: '按揭贷款办理', nameEn: 'Mortgage', fields: [{ key: 'bank', labelZh: '贷款银行', labelEn: 'Bank', kind: 'text', required: false }],
    steps: [
      { key: 'materials', nameZh: '准备材料', nameEn: 'Materials', dueHours: 72, checklist: [
        item('ids', '购房人及配偶身份证复印件各4份', 'IDs ×4'), item('income', '收入证明各2份', 'Income proof ×2'),
        item('hukou', '户口本复印件2份', 'Household register ×2'), item('down_payment', '首付款收据2份', 'Down-payment receipt ×2'), item('marriage', '婚姻证明2份', 'Marriage certificate ×2'),
      ] },
      { key: 'interview', nameZh: '借贷双方面签', nameEn: 'Bank interview', dueHours: 168, checklist: [item('loan_contract', '签订借款合同', 'Loan contract signed')] },
      { key: 'guarantee', nameZh: '保证合同签章', nameEn: 'Guarantee stamped', dueHours: 120, checklist: [item('project', '项目公司签章', 'Project company stamp'), item('group', '集团签章', 'Group stamp')] },
      { key: 'approval', nameZh: '银行审批与抵押登记', nameEn: 'Approval and mortgage registration', dueHours: 336, checklist: [item('approved', '银行审批通过', 'Approved'), item('registered', '房管局抵押登记', 'Mortgage registered')] },
      { key: 'payout', nameZh: '银行放款', nameEn: 'Loan paid out', checklist: [item('paid', '放款到账', 'Funds received')] },
    ],
  },
  {
    key: 'contract_filing', nameZh: '合同备案', nameEn: 'Contract filing', fields: [],
    steps: [
      { key: 'prepare', nameZh: '准备备案资料', nameEn: 'Prepare filing', dueHours: 24, checklist: [
        item('application', '企业联机备案申请表', 'Online filing application'), item('license', '营业执照复印件', 'Business licence copy'),
        item('power', '委托书及被委托人身份证复印件', 'Power of attorney and ID'), item('contracts', '新签合同三份', 'New contract ×3'),
      ] },
      { key: 'stamp', nameZh: '房管局盖章（3–5天）', nameEn: 'Bureau stamp (3–5 days)', dueHours: 120, checklist: [item('form', '领取合同备案表', 'Filing form collected')] },
    ],
  },
  {
    key: 'contract_renewal', nameZh: '合同续签', nameEn: 'Contract renewal', fields: [{ key: 'contract_no', labelZh: '合同编号', labelEn: 'Contract no.', kind: 'text', required: false }],
    steps: [
      { key: 'remind', nameZh: '到期提醒（提前15天）', nameEn: 'Remind (15 days ahead)', dueHours: 24, checklist: [item('called', '电话联系客户', 'Customer called')] },
      { key: 'confirm', nameZh: '确认续签意向', nameEn: 'Confirm intent', dueHours: 120, checklist: [item('intent', '客户确认续签', 'Customer confirms'), item('terms', '确认服务人员与费用', 'Staff and fees agreed')] },
      { key: 'sign', nameZh: '签订续签合同', nameEn: 'Sign renewal', dueHours: 168, checklist: [item('signed', '合同已签字', 'Signed'), item('archived', '合同归档', 'Archived')] },
    ],
  },
  {
    key: 'return_refund', nameZh: '退货退款', nameEn: 'Return and refund', fields: [
      { key: 'order_no', labelZh: '订单号', labelEn: 'Order no.', kind: 'text', required: true },
      { key: 'reason', labelZh: '退货原因', labelEn: 'Reason', kind: 'select', required: false, options: ['质量问题', '发错货', '七天无理由', '其他'] },
    ],
    steps: [
      { key: 'verify', nameZh: '核实订单与原因', nameEn: 'Verify order', dueHours: 24, checklist: [item('order', '核对订单信息', 'Order checked'), item('photos', '收到问题照片', 'Photos received')] },
      { key: 'pickup', nameZh: '安排取件', nameEn: 'Pick-up', dueHours: 72, checklist: [item('courier', '快递已取件', 'Picked up')] },
      { key: 'inspect', nameZh: '仓库验货', nameEn: 'Inspect', dueHours: 48, checklist: [item('checked', '验货合格', 'Inspection passed')] },
      { key: 'refund', nameZh: '退款到账', nameEn: 'Refund', dueHours: 72, checklist: [item('refunded', '财务退款完成', 'Refund paid'), item('informed', '通知客户', 'Customer informed')] },
    ],
  },
];

/** Seed 001: sales leads go to sales consultants, and whether they signed is tracked. */
export const DEMO_LEAD_TYPE = {
  key: 'sales_lead', nameZh: '销售线索', nameEn: 'Sales lead',
  fields: [
    { key: 'product', labelZh: '意向服务', labelEn: 'Service wanted', kind: 'select', required: false, options: ['住家保姆', '月嫂', '育儿嫂', '钟点工', '老人陪护'] },
    { key: 'budget', labelZh: '预算（元/月）', labelEn: 'Budget (CNY/month)', kind: 'number', required: false },
    { key: 'outcome', labelZh: '跟进结果', labelEn: 'Outcome', kind: 'select', required: false, options: ['跟进中', '已签约', '未签约'] },
  ] satisfies CustomFieldDef[],
  steps: [] as ProcessStepDef[],
};
