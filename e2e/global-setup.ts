// Seeds the demo department once per run into a template data folder; each test file's server starts from a copy.
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { E2E_TEMPLATE_DIR, E2E_TEMPLATE_READY, startKefu } from './harness.js';

export default async function setup(): Promise<void> {
  rmSync(E2E_TEMPLATE_DIR, { recursive: true, force: true });
  const kefu = await startKefu({ fresh: true, keepDataDir: true, timeoutMs: 300_000 });
  await kefu.stop();
  cpSync(kefu.dataDir, E2E_TEMPLATE_DIR, { recursive: true });
  rmSync(kefu.dataDir, { recursive: true, force: true });
  writeFileSync(E2E_TEMPLATE_READY, new Date().toISOString());
}
