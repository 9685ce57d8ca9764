import type { Kysely } from 'kysely';

// customer-archive: tables added by this capability (filled in by its implementation).
export async function up(_db: Kysely<any>): Promise<void> {}
