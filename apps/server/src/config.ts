import { resolve } from 'node:path';

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  /** Folder of uploaded attachments. */
  filesDir: string;
  webDistDir: string;
  logLevel: string;
  /** POST /api/v1/cti/{token} served before Fastify (modules/calls/cti-fast-path.ts); KEFU_CTI_FAST_PATH=off turns it off. */
  ctiFastPath: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = resolve(env.KEFU_DATA_DIR ?? 'data');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || null,
    dataDir,
    filesDir: resolve(dataDir, 'files'),
    // KEFU_WEB_DIST: a UI built elsewhere (e.g. `vite build --outDir …` while another build runs).
    webDistDir: env.KEFU_WEB_DIST ? resolve(env.KEFU_WEB_DIST) : resolve(import.meta.dirname, '../../web/dist'),
    logLevel: env.LOG_LEVEL ?? 'warn',
    ctiFastPath: env.KEFU_CTI_FAST_PATH !== 'off',
  };
}
