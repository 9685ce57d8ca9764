import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** pg_dump / pg_restore: KEFU_PG_BIN, else the newest Debian /usr/lib/postgresql/<v>/bin, else the PATH. */
export function findPgTool(tool: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv = process.env): string {
  if (env.KEFU_PG_BIN && existsSync(join(env.KEFU_PG_BIN, tool))) return join(env.KEFU_PG_BIN, tool);
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(join(root, v, 'bin', tool))) return join(root, v, 'bin', tool);
  }
  return tool;
}
