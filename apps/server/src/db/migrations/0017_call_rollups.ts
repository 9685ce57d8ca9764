import type { Kysely } from 'kysely';

// Call statistics and wallboard rollups (filled in by their implementation).
export async function up(_db: Kysely<any>): Promise<void> {}
