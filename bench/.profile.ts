import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { sql } from 'kysely';
// @ts-expect-error untyped
import { startPgCluster } from '../scripts/pg-cluster.mjs';
import { openDatabase } from '../apps/server/src/db/client.js';
import { migrateToLatest } from '../apps/server/src/db/migrate.js';
import { ensureTenant } from '../apps/server/src/bootstrap/tenant.js';
const cluster = await startPgCluster({ log: () => {} });
const database = await openDatabase({ url: cluster.url, poolSize: 2 });
await migrateToLatest(database.db);
await ensureTenant(database.db, { id: 1, code: 'default', name: 'x' });
const role = await database.db.selectFrom('roles').select('id').where('key', '=', 'agent').executeTakeFirstOrThrow();
await sql`insert into users (tenant_id, username, display_name, password_hash, role_id, extension) select 1, 'b' || g, 'a' || g, 'x', ${role.id}, (8000 + g)::text from generate_series(1, 300) g`.execute(database.db);
const port = 39123;
const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir', '/tmp/kefu-prof', '--import', 'tsx', resolve('apps/server/src/main.ts')], {
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', KEFU_SEED_DEMO: 'false', LOG_LEVEL: 'error', DATABASE_URL: cluster.url, KEFU_CTI_TOKEN: 'bench-cti-token-0123456789abcdef', KEFU_DATA_DIR: resolve('bench/.data/cti-files') },
  stdio: 'ignore',
});
for (;;) { try { if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break; } catch {} await new Promise((r) => setTimeout(r, 200)); }
const url = `http://127.0.0.1:${port}/api/v1/cti/bench-cti-token-0123456789abcdef`;
const stopAt = Date.now() + 8000;
let n = 0;
await Promise.all(Array.from({ length: 64 }, async (_, c) => {
  for (let i = 0; Date.now() < stopAt; i++) {
    const callId = `x${c}-${i}`; const agent = String(8001 + ((c + i) % 300));
    for (const ev of ['newCall', 'answer', 'hangup']) {
      const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event: ev, direction: 'in', callId, from: `139${String(i % 20000).padStart(8, '0')}`, to: '4001234567', user: [agent], answeringNumber: ev === 'newCall' ? undefined : agent, cause: ev === 'hangup' ? 'normalClearing' : undefined }) });
      await r.arrayBuffer(); n++;
    }
  }
}));
console.log('events', n, (n / 8).toFixed(0), '/s');
child.kill('SIGTERM'); await once(child, 'exit');
await database.close(); cluster.stop();
