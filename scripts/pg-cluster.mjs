#!/usr/bin/env node
// A throwaway PostgreSQL cluster for the integration tests.
//
//   import { startPgCluster } from './pg-cluster.mjs';
//   const pg = await startPgCluster();   // { url, stop() }
//   ... KEFU_TEST_PG_URL = pg.url ...
//   pg.stop();
//
// - fresh temp dir (data/, server.log and the unix socket inside), removed by stop()
// - initdb/pg_ctl run as the `postgres` OS user when we are root (initdb refuses root)
// - listens on 127.0.0.1 only, on a free port; trust auth; tuned for speed, not safety
// - stopped (pg_ctl -m immediate) on stop(), on process exit and on SIGINT/SIGTERM/SIGHUP
// - if KEFU_TEST_PG_URL is already set, that server is reused and nothing is started
//
// Run directly (`node scripts/pg-cluster.mjs`) to start one, print its URL and keep it
// running until Ctrl-C.
import { spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync, appendFileSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findPgBinDir } from './system-deps.mjs';

const SETTINGS = {
  listen_addresses: "'127.0.0.1'",
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '300',
  shared_buffers: "'256MB'",
  // Tests create a database per file; keep the server quiet and quick.
  log_min_messages: 'warning',
  logging_collector: 'off',
  timezone: "'UTC'",
};

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

function postgresUser() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null; // run as ourselves
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) {
    throw new Error('[pg-cluster] running as root but there is no `postgres` OS user (install the Debian `postgresql` package)');
  }
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

const live = new Set();
let hooksInstalled = false;
function installExitHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    for (const c of [...live]) c.stop();
  });
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(sig, () => {
      for (const c of [...live]) c.stop();
      process.exit(code);
    });
  }
}

/**
 * Starts a throwaway cluster (or reuses KEFU_TEST_PG_URL).
 * @param {{ log?: (msg: string) => void }} [opts]
 * @returns {Promise<{ url: string, port: number | null, dir: string | null, reused: boolean, stop: () => void }>}
 */
export async function startPgCluster(opts = {}) {
  const log = opts.log ?? ((m) => console.log(m));
  if (process.env.KEFU_TEST_PG_URL) {
    log(`[pg-cluster] reusing KEFU_TEST_PG_URL=${process.env.KEFU_TEST_PG_URL}`);
    return { url: process.env.KEFU_TEST_PG_URL, port: null, dir: null, reused: true, stop() {} };
  }
  const bin = findPgBinDir();
  if (!bin) throw new Error('[pg-cluster] no PostgreSQL server binaries found in /usr/lib/postgresql/*/bin (run node scripts/system-deps.mjs)');
  const owner = postgresUser();
  const t0 = Date.now();

  const dir = mkdtempSync(join(tmpdir(), 'kefu-pg-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  if (owner) chownSync(dir, owner.uid, owner.gid);

  /** Runs a PG binary as the cluster owner; throws with its output on failure. */
  const pgRun = (name, args) => {
    const r = spawnSync(join(bin, name), args, {
      cwd: dir, // the postgres user must be able to enter its cwd
      encoding: 'utf8',
      env: { ...process.env, HOME: dir, LC_ALL: 'C.UTF-8', PGDATA: undefined, PGHOST: undefined, PGPORT: undefined },
      ...(owner ?? {}),
    });
    return r;
  };
  const must = (name, args) => {
    const r = pgRun(name, args);
    if (r.error || r.status !== 0) {
      let serverLog = '';
      try { serverLog = readFileSync(logFile, 'utf8').slice(-4000); } catch {}
      throw new Error(
        `[pg-cluster] ${name} ${args.join(' ')} failed (exit ${r.status}${r.error ? `, ${r.error.message}` : ''}):\n` +
          `${r.stdout ?? ''}${r.stderr ?? ''}${serverLog ? `\n--- server.log ---\n${serverLog}` : ''}`,
      );
    }
    return r;
  };

  let stopped = false;
  let started = false;
  const cluster = {
    url: '',
    port: /** @type {number | null} */ (null),
    dir,
    reused: false,
    stop() {
      if (stopped) return;
      stopped = true;
      live.delete(cluster);
      if (started) pgRun('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  live.add(cluster);
  installExitHooks();

  try {
    // --no-locale (C collation) matches PGlite, so both drivers sort text the same way.
    must('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync', '--no-instructions']);
    writeFileSync(
      join(dataDir, 'pg_hba.conf'),
      'local all all trust\nhost all all 127.0.0.1/32 trust\n',
    );
    // The port is picked just before starting; retry if someone grabbed it meanwhile.
    let lastErr;
    for (let attempt = 1; attempt <= 5; attempt++) {
      const port = await freePort();
      const conf = { ...SETTINGS, port: String(port), unix_socket_directories: `'${dir}'` };
      appendFileSync(
        join(dataDir, 'postgresql.conf'),
        `\n# kefu test cluster (attempt ${attempt})\n` + Object.entries(conf).map(([k, v]) => `${k} = ${v}`).join('\n') + '\n',
      );
      const r = pgRun('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start']);
      if (r.status === 0) {
        started = true;
        cluster.port = port;
        cluster.url = `postgres://postgres@127.0.0.1:${port}/postgres`;
        break;
      }
      let serverLog = '';
      try { serverLog = readFileSync(logFile, 'utf8').slice(-4000); } catch {}
      lastErr = new Error(`[pg-cluster] pg_ctl start failed (exit ${r.status}):\n${r.stdout}${r.stderr}\n--- server.log ---\n${serverLog}`);
      // A postmaster that failed to bind exits by itself; make sure nothing is left.
      pgRun('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']);
      if (!/could not bind|Address already in use/i.test(serverLog)) break;
    }
    if (!started) throw lastErr;
  } catch (err) {
    cluster.stop();
    throw err;
  }
  const version = existsSync(join(dataDir, 'PG_VERSION')) ? readFileSync(join(dataDir, 'PG_VERSION'), 'utf8').trim() : '?';
  log(`[pg-cluster] PostgreSQL ${version} up at ${cluster.url} (dir ${dir}, ${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  return cluster;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const c = await startPgCluster();
  console.log(c.url);
  console.log('[pg-cluster] Ctrl-C to stop');
  setInterval(() => {}, 1 << 30);
}
