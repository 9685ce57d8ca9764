import type { RuleMessages } from './rule-messages.js';

/** Click-to-call (PBX adapter) messages. */
export const callsRules = {
  'zh-CN': {
    pbx_not_configured: '尚未配置电话交换机（AMI）：请管理员设置 KEFU_AMI_URL 或热线设置中的 AMI 地址',
    pbx_no_extension: '您的账号没有分机号，无法外呼：请管理员在用户设置中填写分机号',
    pbx_error: '电话交换机拒绝了外呼：{message}',
    pbx_no_number: '该记录没有可拨打的号码',
  },
  en: {
    pbx_not_configured: 'No PBX (AMI) is configured: ask an administrator to set KEFU_AMI_URL or the AMI address in the hotline settings',
    pbx_no_extension: 'Your account has no extension to call from: ask an administrator to set it on your user',
    pbx_error: 'The PBX refused the call: {message}',
    pbx_no_number: 'This record has no number to dial',
  },
} satisfies RuleMessages;
