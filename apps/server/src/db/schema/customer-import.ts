// Table types of customer-import.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CustomerImportTables {}
