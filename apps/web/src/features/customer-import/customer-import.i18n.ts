export const customerImportZhCN = {
  customerImport: {},
};

export const customerImportEn: typeof customerImportZhCN = {
  customerImport: {},
};
