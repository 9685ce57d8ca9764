// Table types of the pii domain (merged into DB in ../schema.ts).
export interface PiiTables {}
