import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildKeyRing, decodeKey, FieldCryptoError, generateKey, parseKeyList, type DataKey, type KeyRing } from './field-crypto.js';

/**
 * Where the keys come from: KEFU_DATA_KEYS (and optionally KEFU_INDEX_KEY) in the environment, or else
 * `<dataDir>/keys.json` (mode 0600) generated on the first start. The process-wide ring is loaded once by
 * the startup (`initKeyRing`); a file ring is re-read when the file changes, so `kefu keys rotate` run
 * beside a live server never leaves rows it cannot read.
 */

export interface KeyFile {
  keys: Array<{ id: string; key: string; createdAt: string }>;
}

export interface KeySource {
  kind: 'env' | 'file' | 'ephemeral';
  file: string | null;
}

export const KEY_FILE_NAME = 'keys.json';

export function keyFilePath(dataDir: string): string {
  return join(dataDir, KEY_FILE_NAME);
}

export function readKeyFile(file: string): DataKey[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
  if (!Array.isArray(parsed.keys) || parsed.keys.length === 0) throw new FieldCryptoError(`${file} has no keys`);
  return parsed.keys.map((k) => decodeKey(k.id, k.key));
}

/** Writes atomically (rename) and owner-readable only. */
export function writeKeyFile(file: string, keys: readonly DataKey[], createdAt: ReadonlyMap<string, string> = new Map()): void {
  mkdirSync(dirname(file), { recursive: true });
  const body: KeyFile = { keys: keys.map((k) => ({ id: k.id, key: k.key.toString('base64'), createdAt: createdAt.get(k.id) ?? new Date().toISOString() })) };
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

function createdAtOf(file: string): Map<string, string> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
  return new Map(parsed.keys.map((k) => [k.id, k.createdAt]));
}

/** Adds a new current key to the file (the old ones stay, to read what is not re-encrypted yet). */
export function addKeyToFile(file: string): DataKey {
  const keys = readKeyFile(file);
  const used = new Set(keys.map((k) => k.id));
  let n = keys.length + 1;
  while (used.has(`k${n}`)) n++;
  const key = generateKey(`k${n}`);
  writeKeyFile(file, [key, ...keys], createdAtOf(file));
  return key;
}

/** Keeps only the current key (after a completed rotation). */
export function dropOldKeysFromFile(file: string): string[] {
  const [current, ...old] = readKeyFile(file);
  writeKeyFile(file, [current!], createdAtOf(file));
  return old.map((k) => k.id);
}

function indexKeyFromEnv(env: NodeJS.ProcessEnv): Buffer | null {
  if (!env.KEFU_INDEX_KEY) return null;
  const key = Buffer.from(env.KEFU_INDEX_KEY, 'base64');
  if (key.length < 32) throw new FieldCryptoError('KEFU_INDEX_KEY must be at least 32 bytes in base64');
  return key;
}

/** Loads (or on the first start creates) the key ring for a data folder. */
export function loadKeyRing(options: { dataDir: string | null; env?: NodeJS.ProcessEnv }): { ring: KeyRing; source: KeySource } {
  const env = options.env ?? process.env;
  const indexKey = indexKeyFromEnv(env);
  if (env.KEFU_DATA_KEYS) return { ring: buildKeyRing(parseKeyList(env.KEFU_DATA_KEYS), indexKey), source: { kind: 'env', file: null } };
  if (!options.dataDir) return { ring: buildKeyRing([generateKey('t1')], indexKey), source: { kind: 'ephemeral', file: null } };
  const file = keyFilePath(options.dataDir);
  if (!existsSync(file)) writeKeyFile(file, [generateKey('k1')]);
  return { ring: buildKeyRing(readKeyFile(file), indexKey), source: { kind: 'file', file } };
}

let active: { ring: KeyRing; source: KeySource; mtimeMs: number; checkedAt: number } | null = null;
const RECHECK_MS = 2000;

export function initKeyRing(options: { dataDir: string | null; env?: NodeJS.ProcessEnv }): KeyRing {
  const { ring, source } = loadKeyRing(options);
  active = { ring, source, mtimeMs: source.file ? statSync(source.file).mtimeMs : 0, checkedAt: Date.now() };
  return ring;
}

export function keySource(): KeySource {
  keyRing();
  return active!.source;
}

/** The process-wide ring. Tests (VITEST) get an ephemeral one; a server that forgot to load its keys fails loudly. */
export function keyRing(): KeyRing {
  if (!active) {
    if (process.env.KEFU_DATA_KEYS || process.env.VITEST) initKeyRing({ dataDir: null });
    else throw new FieldCryptoError('the data key ring is not loaded (initKeyRing at startup)');
  }
  const state = active!;
  if (state.source.file && Date.now() - state.checkedAt > RECHECK_MS) reloadIfChanged(state);
  return state.ring;
}

/** Re-reads a changed key file now (used before giving up on an unknown key id). */
export function refreshKeyRing(): KeyRing {
  const ring = keyRing();
  if (active?.source.file) {
    reloadIfChanged(active);
    return active.ring;
  }
  return ring;
}

function reloadIfChanged(state: NonNullable<typeof active>): void {
  state.checkedAt = Date.now();
  const mtimeMs = statSync(state.source.file!).mtimeMs;
  if (mtimeMs === state.mtimeMs) return;
  const indexKey = state.ring.explicitIndexKey ? state.ring.indexKeys[0]! : null;
  state.ring = buildKeyRing(readKeyFile(state.source.file!), indexKey);
  state.mtimeMs = mtimeMs;
}

/** For tests: replace the process-wide ring. */
export function useKeyRing(ring: KeyRing, source: KeySource = { kind: 'ephemeral', file: null }): void {
  active = { ring, source, mtimeMs: source.file ? statSync(source.file).mtimeMs : 0, checkedAt: Date.now() };
}
