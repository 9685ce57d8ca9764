import type { Kysely } from 'kysely';

// Work-order contact phones and call numbers encrypted at rest (filled in by their implementation).
export async function up(_db: Kysely<any>): Promise<void> {}
