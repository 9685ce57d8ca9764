import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './db/client.js';
import { verifyPassword } from './lib/passwords.js';

const run = promisify(execFile);
const bin = resolve(import.meta.dirname, '../../../bin/kefu.mjs');

async function kefu(args: string[], dataDir: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env: { ...process.env, KEFU_DATA_DIR: dataDir, DATABASE_URL: '' }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the kefu command', () => {
  it('migrates an empty data folder and adds a user who can sign in; a second add of the name fails clearly', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kefu-cli-'));
    expect((await kefu(['migrate'], dataDir)).stdout).toContain('migrations applied (pglite)');
    const added = await kefu(['user', 'add', '--username', 'Li.Haiyan', '--password', 'long-enough-1', '--role', 'leader', '--name', '李海燕', '--employee-no', 'KF2001'], dataDir);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/user li\.haiyan added \(id \d+, role leader\)/);
    const again = await kefu(['user', 'add', '--username', 'li.haiyan', '--password', 'long-enough-1'], dataDir);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error: CONFLICT/);
    const badRole = await kefu(['user', 'add', '--username', 'wang', '--password', 'long-enough-1', '--role', 'boss'], dataDir);
    expect(badRole.stderr).toContain('unknown role "boss"');
    const database = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    try {
      const user = await database.db
        .selectFrom('users as u')
        .innerJoin('roles as r', 'r.id', 'u.role_id')
        .select(['u.display_name', 'u.employee_no', 'u.password_hash', 'r.key'])
        .where('u.username', '=', 'li.haiyan')
        .executeTakeFirstOrThrow();
      expect(user).toMatchObject({ display_name: '李海燕', employee_no: 'KF2001', key: 'leader' });
      expect(await verifyPassword(user.password_hash, 'long-enough-1')).toBe(true);
    } finally {
      await database.close();
    }
  });
});
