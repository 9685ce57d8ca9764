#!/usr/bin/env node
// Makes sure the system packages the test suite needs are present:
//   - a PostgreSQL server   (Debian `postgresql`, binaries in /usr/lib/postgresql/<ver>/bin)
//   - Chromium              (Debian `chromium`, /usr/bin/chromium)
//   - a CJK font            (Debian `fonts-wqy-microhei`)
// Fast path: only file-existence checks, no apt call, when everything is there.
// Missing + root  -> `apt-get update` once, then one non-interactive `apt-get install`.
// Missing + !root -> throws (the CLI prints the message and exits 1).
//
// Usage: node scripts/system-deps.mjs        (or import { ensureSystemDeps })
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const PG_ROOT = '/usr/lib/postgresql';
const CHROMIUM = '/usr/bin/chromium';
const WQY_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const POLICY_RC_D = '/usr/sbin/policy-rc.d';

/** Newest /usr/lib/postgresql/<ver>/bin that has initdb, pg_ctl and postgres; null if none. */
export function findPgBinDir() {
  const hasAll = (bin) => ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(bin, b)));
  // KEFU_PG_BIN=/path/to/pg/bin overrides the search (e.g. a PostgreSQL built elsewhere).
  if (process.env.KEFU_PG_BIN) return hasAll(process.env.KEFU_PG_BIN) ? process.env.KEFU_PG_BIN : null;
  if (!existsSync(PG_ROOT)) return null;
  const versions = readdirSync(PG_ROOT)
    .filter((v) => /^\d+(\.\d+)?$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = join(PG_ROOT, v, 'bin');
    if (hasAll(bin)) return bin;
  }
  return null;
}

/** List of Debian package names that are missing (by checking the files we actually use). */
export function missingSystemPackages() {
  const missing = [];
  if (!findPgBinDir()) missing.push('postgresql');
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (!existsSync(WQY_FONT)) missing.push('fonts-wqy-microhei');
  return missing;
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function run(cmd, args, env) {
  const t0 = Date.now();
  console.log(`[system-deps] $ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.error) throw new Error(`[system-deps] could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`[system-deps] ${cmd} ${args[0] ?? ''} failed with exit code ${r.status} after ${secs}s`);
  console.log(`[system-deps] ${cmd} ${args[0] ?? ''} done in ${secs}s`);
}

/**
 * Ensures PostgreSQL, Chromium and the CJK font are installed. Throws on failure.
 * @returns {{ installed: string[] }} the packages that were installed now (empty on the fast path)
 */
export function ensureSystemDeps({ quiet = false } = {}) {
  const missing = missingSystemPackages();
  if (missing.length === 0) {
    if (!quiet) console.log(`[system-deps] ok: PostgreSQL (${findPgBinDir()}), ${CHROMIUM}, fonts-wqy-microhei`);
    return { installed: [] };
  }
  const installCmd = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (!isRoot()) {
    throw new Error(
      `[system-deps] missing system packages: ${missing.join(', ')}.\n` +
        `[system-deps] Not running as root, so they cannot be installed automatically. Run as root:\n` +
        `    ${installCmd}`,
    );
  }
  console.log(`[system-deps] missing: ${missing.join(', ')} — installing with apt-get`);
  const env = {
    ...process.env,
    DEBIAN_FRONTEND: 'noninteractive',
    DEBCONF_NONINTERACTIVE_SEEN: 'true',
    NEEDRESTART_MODE: 'a',
  };
  // Keep maintainer scripts from starting services (the Debian default PG cluster on
  // port 5432 in particular: we never use it). Only if the machine has no policy yet.
  let ourPolicy = false;
  if (!existsSync(POLICY_RC_D)) {
    writeFileSync(POLICY_RC_D, '#!/bin/sh\n# temporary, written by kefu scripts/system-deps.mjs\nexit 101\n', { mode: 0o755 });
    ourPolicy = true;
  }
  try {
    const aptOpts = ['-o', 'DPkg::Lock::Timeout=300'];
    run('apt-get', ['update', ...aptOpts], env);
    run(
      'apt-get',
      [
        'install', '-y', '--no-install-recommends', ...aptOpts,
        '-o', 'Dpkg::Options::=--force-confdef', '-o', 'Dpkg::Options::=--force-confold',
        ...missing,
      ],
      env,
    );
  } finally {
    if (ourPolicy) rmSync(POLICY_RC_D, { force: true });
  }
  const still = missingSystemPackages();
  if (still.length) throw new Error(`[system-deps] still missing after apt-get install: ${still.join(', ')}`);
  console.log(`[system-deps] installed: ${missing.join(', ')}`);
  return { installed: missing };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    ensureSystemDeps();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
