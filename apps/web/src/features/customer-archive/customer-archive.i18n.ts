export const customerArchiveZhCN = {
  customerArchive: {},
};

export const customerArchiveEn: typeof customerArchiveZhCN = {
  customerArchive: {},
};
