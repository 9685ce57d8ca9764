import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { TEST_PASSWORD } from './factories.js';

/** The real Fastify app over a test database, driven with app.inject (no port needed). */
export async function createTestApp(database: Database): Promise<FastifyInstance> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-test-'));
  const config = { ...loadConfig({ KEFU_DATA_DIR: dataDir }), webDistDir: join(dataDir, 'no-web') };
  const app = await buildApp({ db: database.db, config });
  await app.ready();
  filesDirs.set(app, config.filesDir);
  return app;
}

const filesDirs = new WeakMap<FastifyInstance, string>();

/** Where a test app keeps uploaded files. */
export function filesDirOf(app: FastifyInstance): string {
  const dir = filesDirs.get(app);
  if (!dir) throw new Error('not an app of createTestApp');
  return dir;
}

/** Signs in through the API and answers the bearer header to use. */
export async function loginAs(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<{ authorization: string }> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
  return { authorization: `Bearer ${response.json().token}` };
}
