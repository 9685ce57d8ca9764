import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
import { migrateToLatest } from '../../db/migrate.js';
import { ensureTenant } from '../../bootstrap/tenant.js';
import { buildKeyRing, generateKey } from '../../lib/crypto/field-crypto.js';
import { initKeyRing, useKeyRing } from '../../lib/crypto/key-ring.js';
import { adminActor, createTestTicket, createUserActor } from '../../testing/factories.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';
import { createCustomer, findCustomerIdsByPhone, revealCustomerPii } from '../customers/customers.service.js';
import { callListQuerySchema, ticketListQuerySchema } from '@kefu/shared';
import { revealCallNumbersOf } from '../calls/call-reveal.service.js';
import { listCalls } from '../calls/calls.service.js';
import { toCallEventRow, validateCtiEvent } from '../calls/cti-events.js';
import { applyCallEvents } from '../calls/cti.repo.js';
import { addAttachment, findAttachment, revealTicketContact } from '../tickets/ticket-activity.service.js';
import { listTickets } from '../tickets/tickets.service.js';
import { createBackup, recordCounts, restoreBackup } from './backup.service.js';
import { backupsToPrune, dueBackupDay, runScheduledBackup } from './backup.schedule.js';

const onPostgres = process.env.KEFU_TEST_DB === 'postgres';
const cleanup: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-backup-test-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The source: an embedded database in a data folder, or (KEFU_TEST_DB=postgres) a fresh PostgreSQL database. */
async function sourceDatabase(dataDir: string): Promise<Database> {
  const database = onPostgres ? await createTestDatabase() : await openDatabase({ dataDir: join(dataDir, 'pglite') });
  if (!onPostgres) {
    await migrateToLatest(database.db);
    await ensureTenant(database.db, { id: TEST_TENANT_ID, code: 'default', name: '测试客服中心' });
  }
  return database;
}

/** An empty PostgreSQL database to restore into (dropped at the end). */
async function emptyPostgres(): Promise<string> {
  const adminUrl = process.env.KEFU_TEST_PG_URL!;
  const name = `kefu_restore_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  cleanup.push(async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

describe(`backup and restore (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('restores customers, work orders, an attachment and the keys into a fresh data folder', async () => {
    const dir1 = tempDir();
    initKeyRing({ dataDir: dir1, env: {} });
    const source = await sourceDatabase(dir1);
    const filesDir = join(dir1, 'files');
    const agent = await createUserActor(source.db, 'agent');
    const admin = adminActor();
    const customers = [];
    for (let i = 0; i < 5; i++) {
      customers.push(await createCustomer({ db: source.db, actor: admin, input: { kind: 'person', name: `客户${i}`, phones: [`1380000000${i}`], address: `北京市海淀区中关村大街${i}号`, idCard: '11010519491231002X' } }));
    }
    const ticket = await createTestTicket(source.db, agent, { subject: '空调不制冷', customerId: customers[0]!.id, contactPhone: '+86 139-1111-2222' });
    // A call whose caller's number is encrypted at rest (migration 0018).
    const [call] = await applyCallEvents(source.db, [toCallEventRow(validateCtiEvent({ event: 'newCall', callId: 'bk-1', direction: 'in', from: '139 1111 2222', to: '4008001234' }), { tenantId: TEST_TENANT_ID, at: new Date(), agentId: null, blocked: false, afterCallWorkSeconds: 0 })]);
    const content = Buffer.from('附件内容 attachment ✓'.repeat(100));
    const attachment = await addAttachment({ db: source.db, actor: agent, id: ticket.id, filesDir, filename: '照片.jpg', mimeType: 'image/jpeg', content });
    const before = await recordCounts(source);

    const out = join(dir1, 'backups', 'b.tar.gz');
    const { manifest } = await createBackup({ config: { filesDir }, database: source, out });
    await source.close();
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(manifest).toMatchObject({ format: 'kefu-backup', database: onPostgres ? 'postgres' : 'pglite', files: 1, counts: before });
    expect(before).toMatchObject({ customers: 5, customer_phones: 5, tickets: 1, ticket_attachments: 1 });

    // Another machine: other keys until the restored key file is loaded.
    useKeyRing(buildKeyRing([generateKey('other')]));
    const dir2 = tempDir();
    const url = onPostgres ? await emptyPostgres() : null;
    const config = { dataDir: dir2, filesDir: join(dir2, 'files'), databaseUrl: url };
    await restoreBackup({ config, file: out });
    await expect(restoreBackup({ config, file: out })).rejects.toThrow(/exists|not empty/);
    initKeyRing({ dataDir: dir2, env: {} });
    const restored = url ? await openDatabase({ url }) : await openDatabase({ dataDir: join(dir2, 'pglite') });
    try {
      await migrateToLatest(restored.db);
      expect(await recordCounts(restored)).toEqual(before);
      const names = await restored.db.selectFrom('customers').select('name').orderBy('id').execute();
      expect(names.map((n) => n.name)).toEqual(['客户0', '客户1', '客户2', '客户3', '客户4']);
      expect(await findCustomerIdsByPhone(restored.db, TEST_TENANT_ID, '+86 138 0000 0003')).toEqual([customers[3]!.id]);
      expect(await revealCustomerPii({ db: restored.db, actor: admin, id: customers[2]!.id })).toMatchObject({
        phones: [{ number: '13800000002' }], address: '北京市海淀区中关村大街2号', idCard: '11010519491231002X',
      });
      const t = await restored.db.selectFrom('tickets').select(['subject', 'customer_id', 'contact_phone']).executeTakeFirstOrThrow();
      expect(t).toEqual({ subject: '空调不制冷', customer_id: customers[0]!.id, contact_phone: '139****2222' });
      // The encrypted contact and call numbers come back readable with the restored keys, and findable by number.
      expect(await revealTicketContact({ db: restored.db, actor: admin, id: ticket.id })).toEqual({ contactPhone: '+86 139-1111-2222' });
      const byContact = await listTickets({ db: restored.db, actor: admin, query: ticketListQuerySchema.parse({ q: '13911112222' }) });
      expect(byContact.items.map((i) => i.id)).toEqual([ticket.id]);
      expect(await revealCallNumbersOf({ db: restored.db, actor: admin, id: call!.id })).toEqual({ from: '139 1111 2222', to: '4008001234' });
      const byCaller = await listCalls({ db: restored.db, actor: admin, query: callListQuerySchema.parse({ phone: '+86 139 1111 2222' }) });
      expect(byCaller.items.map((i) => i.callId)).toEqual(['bk-1']);
      const file = await findAttachment({ db: restored.db, actor: admin, attachmentId: attachment.id, filesDir: config.filesDir });
      expect(readFileSync(file.path).equals(content)).toBe(true);
    } finally {
      await restored.close();
    }
  }, 120_000);
});

describe('the scheduled daily backup', () => {
  it('is due once a day from the configured hour (Asia/Shanghai)', () => {
    expect(dueBackupDay(new Date('2026-11-22T18:30:00Z'), 3, [])).toBeNull(); // 02:30 in Shanghai
    expect(dueBackupDay(new Date('2026-11-22T19:05:00Z'), 3, [])).toBe('20261123');
    expect(dueBackupDay(new Date('2026-11-23T10:00:00Z'), 3, ['20261123'])).toBeNull();
  });

  it('keeps the newest N', () => {
    const names = ['kefu-daily-20261101.tar.gz', 'kefu-daily-20261103.tar.gz', 'kefu-daily-20261102.tar.gz', 'other.txt'];
    expect(backupsToPrune(names, 2)).toEqual(['kefu-daily-20261101.tar.gz']);
  });

  it.skipIf(onPostgres)('writes the day\u2019s backup into <dataDir>/backups once and prunes old ones', async () => {
    const dir = tempDir();
    initKeyRing({ dataDir: dir, env: {} });
    const database = await sourceDatabase(dir);
    try {
      const config = { dataDir: dir, filesDir: join(dir, 'files') };
      const days = ['2026-11-20', '2026-11-21', '2026-11-22'].map((d) => new Date(`${d}T20:00:00Z`));
      for (const at of days) expect((await runScheduledBackup({ config, database, at, keep: 2, hour: 3 })).created).toMatch(/kefu-daily-2026112\d\.tar\.gz$/);
      expect((await runScheduledBackup({ config, database, at: new Date('2026-11-22T21:00:00Z'), keep: 2, hour: 3 })).created).toBeNull();
      const { readdirSync } = await import('node:fs');
      expect(readdirSync(join(dir, 'backups')).sort()).toEqual(['kefu-daily-20261122.tar.gz', 'kefu-daily-20261123.tar.gz']);
    } finally {
      await database.close();
    }
  }, 120_000);
});
