import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { adminActor } from '../../testing/factories.js';
import { createTestDatabase } from '../../testing/test-db.js';
import { applyCtiTokenFromEnv, getCtiSettings } from './cti-settings.js';
import { ctiBanner, seedCtiDemo } from './cti.demo.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe('the demo hotline integration', () => {
  it('is on with a token of its own, printed at start-up, and seeding again keeps it', async () => {
    expect(await ctiBanner(database.db, 1, 'http://localhost:3000')).toEqual([]);
    expect(await seedCtiDemo(database.db, { tenantId: 1 })).toEqual({ enabled: true });
    const settings = await getCtiSettings({ db: database.db, actor: adminActor() });
    expect(settings.enabled).toBe(true);
    expect(settings.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const banner = await ctiBanner(database.db, 1, 'http://localhost:3000');
    expect(banner[0]).toContain(`http://localhost:3000/api/v1/cti/${settings.token}`);
    expect(banner[1]).toContain(`npx kefu simulate --url http://localhost:3000 --token ${settings.token}`);
    await seedCtiDemo(database.db, { tenantId: 1 });
    expect((await getCtiSettings({ db: database.db, actor: adminActor() })).token).toBe(settings.token);
  });

  it('keeps a token given by KEFU_CTI_TOKEN', async () => {
    const token = 'pbx-token-from-the-environment';
    await applyCtiTokenFromEnv(database.db, 1, { KEFU_CTI_TOKEN: token });
    await seedCtiDemo(database.db, { tenantId: 1 });
    expect((await getCtiSettings({ db: database.db, actor: adminActor() })).token).toBe(token);
  });
});
