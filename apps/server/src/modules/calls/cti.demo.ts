// The demo's hotline integration: switched on with a token of its own, so that a PBX script or `kefu simulate`
// can send calls to a fresh demo at once (the start-up banner prints the endpoint). A token already set, by
// KEFU_CTI_TOKEN or by hand, is kept.
import { PERMISSIONS } from '@kefu/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { systemActor } from '../../lib/actor.js';
import { getCtiSettings, updateCtiSettings } from './cti-settings.js';

export async function seedCtiDemo(db: Kysely<DB>, { tenantId }: { tenantId: number }): Promise<{ enabled: boolean }> {
  const actor = systemActor(tenantId, PERMISSIONS);
  const current = await getCtiSettings({ db, actor });
  if (current.token) return { enabled: current.enabled };
  const settings = await updateCtiSettings({ db, actor, input: { enabled: true } });
  return { enabled: settings.enabled };
}

/** The CTI endpoint and token to print at start-up, when the integration is on. */
export async function ctiBanner(db: Kysely<DB>, tenantId: number, baseUrl: string): Promise<string[]> {
  const settings = await getCtiSettings({ db, actor: systemActor(tenantId, PERMISSIONS) });
  if (!settings.enabled || !settings.endpoint || !settings.token) return [];
  return [
    `  CTI endpoint (PBX events): ${baseUrl}${settings.endpoint}`,
    `  Live calls for the demo: npx kefu simulate --url ${baseUrl} --token ${settings.token} --hours 1 --speed 10`,
  ];
}
