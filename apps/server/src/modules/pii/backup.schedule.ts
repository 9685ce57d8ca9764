import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { AppConfig } from '../../config.js';
import type { Database } from '../../db/client.js';
import { createBackup } from './backup.service.js';

export const BACKUP_TIME_ZONE = 'Asia/Shanghai';
const NAME = /^kefu-daily-(\d{8})\.tar\.gz$/;

export interface ScheduledBackupOptions {
  config: Pick<AppConfig, 'dataDir' | 'filesDir'>;
  database: Database;
  at: Date;
  /** Backups kept (KEFU_BACKUP_KEEP, default 7). */
  keep?: number;
  /** Hour of day (Asia/Shanghai) from which the day's backup is taken (KEFU_BACKUP_HOUR, default 3). */
  hour?: number;
}

/** Pure: is the day's backup due at `at`, given the days already backed up? Returns the day (yyyyMMdd) or null. */
export function dueBackupDay(at: Date, hour: number, existingDays: readonly string[]): string | null {
  const local = DateTime.fromJSDate(at, { zone: BACKUP_TIME_ZONE });
  if (local.hour < hour) return null;
  const day = local.toFormat('yyyyMMdd');
  return existingDays.includes(day) ? null : day;
}

/** Pure: which backup files to delete so that the newest `keep` remain. */
export function backupsToPrune(names: readonly string[], keep: number): string[] {
  return names.filter((n) => NAME.test(n)).sort().reverse().slice(Math.max(keep, 1));
}

export function backupSettings(env: NodeJS.ProcessEnv = process.env): { hour: number; keep: number } {
  const hour = Number(env.KEFU_BACKUP_HOUR ?? 3);
  const keep = Number(env.KEFU_BACKUP_KEEP ?? 7);
  return { hour: Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : 3, keep: Number.isInteger(keep) && keep >= 1 ? keep : 7 };
}

/**
 * The daily backup into `<dataDir>/backups`, keeping the last N. Cheap to call every minute from the background
 * tick: it does work once a day, after KEFU_BACKUP_HOUR. With several processes on PostgreSQL, call it from one.
 */
export async function runScheduledBackup({ config, database, at, keep, hour }: ScheduledBackupOptions): Promise<{ created: string | null; pruned: string[] }> {
  const settings = backupSettings();
  const dir = join(config.dataDir, 'backups');
  mkdirSync(dir, { recursive: true });
  const names = readdirSync(dir);
  const days = names.map((n) => NAME.exec(n)?.[1]).filter((d): d is string => Boolean(d));
  const day = dueBackupDay(at, hour ?? settings.hour, days);
  if (!day) return { created: null, pruned: [] };
  const { file } = await createBackup({ config, database, out: join(dir, `kefu-daily-${day}.tar.gz`), at });
  const pruned = backupsToPrune(readdirSync(dir), keep ?? settings.keep);
  for (const name of pruned) rmSync(join(dir, name), { force: true });
  return { created: file, pruned };
}
