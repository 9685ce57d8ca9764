import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';

// Commands of the pii domain: `kefu keys rotate|status`, `kefu backup`, `kefu restore`.
// Heavy modules (database, crypto, tar) load inside the actions, so `kefu --help` stays quick.

export function registerPiiCommands(program: Command): void {
  const keys = program.command('keys').description('data encryption keys of personal data (phones, ID card numbers, addresses)');

  keys
    .command('rotate')
    .description('add a new current key (keys.json) or use the first of KEFU_DATA_KEYS, and re-encrypt every value in batches while the server keeps running')
    .option('--batch <n>', 'rows per batch', '2000')
    .option('--reindex', 're-encrypt and re-index every value (after changing KEFU_INDEX_KEY)')
    .option('--drop-old', 'remove the old keys from keys.json once nothing uses them (old backups keep their own keys)')
    .action(async (options: { batch: string; reindex?: boolean; dropOld?: boolean }) => {
      const { openPreparedDatabase } = await import('../../runtime.js');
      const { addKeyToFile, dropOldKeysFromFile, initKeyRing, keySource } = await import('../../lib/crypto/key-ring.js');
      const { generateKey } = await import('../../lib/crypto/field-crypto.js');
      const { encryptionStatus, reencryptAll } = await import('./keys.service.js');
      const config = loadConfig();
      const database = await openPreparedDatabase(config);
      try {
        const source = keySource();
        let ring = initKeyRing({ dataDir: config.dataDir });
        if (source.kind === 'file') {
          const added = addKeyToFile(source.file!);
          ring = initKeyRing({ dataDir: config.dataDir });
          console.log(`new current key ${added.id} added to ${source.file} (old keys kept: ${ring.keys.slice(1).map((k) => k.id).join(', ')})`);
        } else {
          const status = await encryptionStatus(database.db);
          const current = ring.keys[0]!.id;
          if (!options.reindex && Object.keys(status.valuesByKey).every((k) => k === current)) {
            const fresh = generateKey(`k${ring.keys.length + 1}`);
            console.log(`every value is already under ${current}. To rotate, put a new key first in KEFU_DATA_KEYS on every server, restart them, and run this again:`);
            console.log(`  KEFU_DATA_KEYS=${fresh.id}:${fresh.key.toString('base64')},${process.env.KEFU_DATA_KEYS}`);
            return;
          }
        }
        const started = Date.now();
        const counts = await reencryptAll(database.db, ring, {
          batchSize: Math.max(1, Number(options.batch) || 2000),
          reindex: options.reindex,
          onBatch: (table, done) => process.stdout.write(`\r  ${table}: ${done} re-encrypted`),
        });
        process.stdout.write('\n');
        const status = await encryptionStatus(database.db);
        console.log(`re-encrypted under ${ring.keys[0]!.id}: ${counts.phones} phones, ${counts.addresses} addresses, ${counts.idCards} ID card numbers, ${counts.ticketPhones} work-order contact numbers, ${counts.callNumbers} calls (${counts.passes} passes, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
        console.log(`values by key: ${JSON.stringify(status.valuesByKey)}; plaintext left: ${status.plaintextLeft}`);
        if (options.dropOld && source.kind === 'file') {
          if (Object.keys(status.valuesByKey).some((k) => k !== ring.keys[0]!.id)) console.log('old keys kept: some values still use them');
          else console.log(`removed old keys: ${dropOldKeysFromFile(source.file!).join(', ') || 'none'}`);
        }
      } finally {
        await database.close();
      }
    });

  keys
    .command('status')
    .description('which key encrypts new values, and how many values each key holds')
    .action(async () => {
      const { openPreparedDatabase } = await import('../../runtime.js');
      const { keyRing, keySource } = await import('../../lib/crypto/key-ring.js');
      const { encryptionStatus } = await import('./keys.service.js');
      const database = await openPreparedDatabase(loadConfig());
      try {
        const source = keySource();
        console.log(`keys (${source.kind}${source.file ? ` ${source.file}` : ''}): ${keyRing().keys.map((k, i) => (i === 0 ? `${k.id} (current)` : k.id)).join(', ')}`);
        const status = await encryptionStatus(database.db);
        console.log(`values by key: ${JSON.stringify(status.valuesByKey)}; plaintext left: ${status.plaintextLeft}`);
      } finally {
        await database.close();
      }
    });

  program
    .command('backup')
    .description('back up the database, the attachments and the data keys into one tar.gz (embedded database: stop the server first)')
    .option('--out <file>', 'backup file (default <dataDir>/backups/kefu-backup-<time>.tar.gz)')
    .action(async (options: { out?: string }) => {
      const { openPreparedDatabase } = await import('../../runtime.js');
      const { createBackup, defaultBackupName } = await import('./backup.service.js');
      const config = loadConfig();
      const database = await openPreparedDatabase(config);
      try {
        const at = new Date();
        const { file, manifest } = await createBackup({ config, database, out: options.out ?? join(config.dataDir, 'backups', defaultBackupName(at)), at });
        console.log(`backup written: ${file}`);
        console.log(`  database ${manifest.database} at ${manifest.migration}; ${manifest.files} files; keys ${manifest.keyIds.join(', ')}`);
        console.log(`  ${Object.entries(manifest.counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);
        console.log('  the file holds the data keys: keep it as safe as the database itself');
      } finally {
        await database.close();
      }
    });

  program
    .command('restore <file>')
    .description('restore a backup into the configured data folder or DATABASE_URL (the server must be stopped)')
    .option('--force', 'replace existing data (an embedded database folder is kept aside)')
    .action(async (file: string, options: { force?: boolean }) => {
      const { restoreBackup, recordCounts } = await import('./backup.service.js');
      const { openPreparedDatabase } = await import('../../runtime.js');
      const config = loadConfig();
      const manifest = await restoreBackup({ config, file, force: options.force });
      const database = await openPreparedDatabase(config);
      try {
        const counts = await recordCounts(database);
        const differ = Object.entries(manifest.counts).filter(([t, n]) => counts[t] !== n);
        console.log(`restored ${manifest.database} backup of ${manifest.createdAt}: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);
        if (differ.length) console.log(`  counts differ from the manifest: ${differ.map(([t, n]) => `${t} ${n} → ${counts[t]}`).join(', ')}`);
      } finally {
        await database.close();
      }
    });
}
