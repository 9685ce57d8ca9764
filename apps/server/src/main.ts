import cluster from 'node:cluster';
import { buildApp } from './app.js';
import { createLocalBus, createPgBus } from './lib/live/live-bus.js';
import { loadConfig } from './config.js';
import { demoPassword, openPreparedDatabase, seedDemoIfEmpty } from './runtime.js';
import { createBackgroundWork } from './modules/sla/sla-runtime.js';
import { DEFAULT_TENANT_ID } from './modules/auth/auth.service.js';
import { ctiBanner } from './modules/calls/cti.demo.js';
import { periodicTasks } from './bootstrap/periodic-tasks.js';

/**
 * `npm start`: migrate, seed the demo department on first start, serve the API and the web UI.
 * With DATABASE_URL and KEFU_WORKERS=n, n stateless worker processes share the port (node:cluster);
 * the embedded database belongs to one process, so PGlite always runs one.
 */
export async function serve(): Promise<void> {
  const config = loadConfig();
  const workers = config.databaseUrl ? Math.max(1, Number(process.env.KEFU_WORKERS ?? 1) || 1) : 1;
  if (workers > 1 && cluster.isPrimary) {
    const database = await openPreparedDatabase(config);
    if (process.env.KEFU_SEED_DEMO !== 'false') await seedDemoIfEmpty(database, demoPassword(config));
    await database.close();
    for (let i = 0; i < workers; i++) cluster.fork();
    cluster.on('exit', (worker, code) => console.error(`worker ${worker.process.pid} exited (${code})`));
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => { for (const w of Object.values(cluster.workers ?? {})) w?.kill(signal); process.exit(0); });
    console.log(`Kefu primary ${process.pid}: ${workers} workers on port ${config.port}`);
    return;
  }
  const started = Date.now();
  const database = await openPreparedDatabase(config);
  const seedDemo = process.env.KEFU_SEED_DEMO !== 'false';
  const password = seedDemo ? demoPassword(config) : null;
  const seeded = password ? await seedDemoIfEmpty(database, password) : null;
  const live = database.url ? await createPgBus(database.url) : createLocalBus();
  const app = await buildApp({ db: database.db, config, logger: true, live });
  // SLA timers and notification jobs: every process sweeps; skip-locked claims keep the work exactly-once.
  const primary = cluster.isPrimary || cluster.worker?.id === 1;
  const background = createBackgroundWork({ db: database.db, live, periodic: periodicTasks(config, database, { primary, live }) });
  background.start();
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  const lines = [
    '',
    `  Kefu 客服 is running: ${url}`,
    `  API docs: ${url}/api/docs`,
    `  Database: ${database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`}`,
  ];
  if (seeded) lines.push(`  Seeded 示例客服中心: ${seeded.users.length} users, ${seeded.customers} customers, ${seeded.tickets} work orders, ${seeded.calls} calls`);
  if (password) {
    lines.push('  Demo logins (same password for all): admin, manager, gm, leader, agent, qa, complaints, archivist, agent02 … agent13');
    lines.push(`  Demo password: ${password}`);
    lines.push(...(await ctiBanner(database.db, DEFAULT_TENANT_ID, url)));
  }
  lines.push(`  Ready in ${((Date.now() - started) / 1000).toFixed(1)} s`, '');
  console.log(lines.join('\n'));

  const shutdown = async (signal: string) => {
    console.log(`${signal}: shutting down`);
    await background.stop();
    await app.close();
    await live.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  serve().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
