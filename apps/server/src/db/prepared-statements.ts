import { CompiledQuery, type Kysely, type QueryResult, type RawBuilder } from 'kysely';
import type pg from 'pg';

// Hot statements run as named prepared statements on PostgreSQL: each connection parses and plans them once
// instead of on every call. Kysely sends every query unnamed, so the pool's clients look the text up here.
const names = new Map<string, string>();

/** Marks a statement text as worth preparing (returns it unchanged, for use inline). */
export function preparedStatement(text: string): string {
  if (!names.has(text)) names.set(text, `kefu_${names.size + 1}`);
  return text;
}

type QueryFn = (...args: unknown[]) => unknown;

/** Makes a pooled client run registered statement texts as named prepared statements. */
export function usePreparedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as QueryFn;
  (client as unknown as { query: QueryFn }).query = (...args: unknown[]) => {
    const [text, values, callback] = args;
    const name = typeof text === 'string' ? names.get(text) : undefined;
    return name ? query({ name, text, values }, callback) : query(...args);
  };
}

/** Runs a raw statement whose text never varies (only its parameters) as a named prepared statement. */
export async function executePrepared<R>(db: Kysely<any>, query: RawBuilder<R>): Promise<QueryResult<R>> {
  const { sql: text, parameters } = query.compile(db);
  return db.executeQuery<R>(CompiledQuery.raw(preparedStatement(text), [...parameters]));
}
