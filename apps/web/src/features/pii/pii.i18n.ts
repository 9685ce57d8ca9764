export const piiZhCN = {
  pii: {
    idCard: '身份证号',
    idCardInvalid: '身份证号校验位不符',
    export: '导出客户',
    exportMasked: '导出（脱敏）',
    exportRevealed: '导出完整信息（记入审计日志）',
  },
};

export const piiEn: typeof piiZhCN = {
  pii: {
    idCard: 'ID card number',
    idCardInvalid: 'The ID card number fails its check digit',
    export: 'Export customers',
    exportMasked: 'Export (masked)',
    exportRevealed: 'Export unmasked (audit-logged)',
  },
};
