// Table types of customer-archive.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CustomerArchiveTables {}
