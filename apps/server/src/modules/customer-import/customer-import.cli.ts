import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';

// `kefu customers import <file>`: the same all-or-nothing import as the web page, for big files on the server.

export function registerCustomerImportCommand(program: Command): void {
  const customers = program.command('customers').description('customer records (客户档案)');
  customers
    .command('import <file>')
    .description('import customers from a CSV (UTF-8 or GBK) or .xlsx file: every row or none; errors are listed by row')
    .option('--dry-run', 'check the file only (the preview): nothing is written')
    .option('--skip-existing', 'skip rows whose phone already belongs to a customer (default: report them as errors)')
    .action(async (file: string, options: { dryRun?: boolean; skipExisting?: boolean }) => {
      const { openPreparedDatabase } = await import('../../runtime.js');
      const { PERMISSIONS } = await import('@kefu/shared');
      const { systemActor } = await import('../../lib/actor.js');
      const { DEFAULT_TENANT_ID } = await import('../../lib/tenant.js');
      const { AppError } = await import('../../lib/app-error.js');
      const { confirmCustomerImport, previewCustomerImport } = await import('./customer-import.service.js');
      const database = await openPreparedDatabase(loadConfig());
      const actor = systemActor(DEFAULT_TENANT_ID, PERMISSIONS);
      const source = { path: resolve(file) };
      const query = { onExisting: options.skipExisting ? ('skip' as const) : ('error' as const) };
      try {
        if (options.dryRun) {
          const preview = await previewCustomerImport({ db: database.db, actor, source, query });
          console.log(`${preview.total} rows: ${preview.valid} valid, ${preview.invalid} invalid, ${preview.skipped} skipped (${preview.format}${preview.encoding ? `, ${preview.encoding}` : ''})`);
          for (const e of preview.errors) console.log(`  row ${e.row}${e.column ? ` [${e.column}]` : ''}: ${e.message}`);
          if (preview.errorCount > preview.errors.length) console.log(`  … ${preview.errorCount - preview.errors.length} more`);
          if (preview.errorCount > 0) process.exitCode = 2;
          return;
        }
        const result = await confirmCustomerImport({ db: database.db, actor, source, query, fileName: file });
        console.log(`imported ${result.imported} customers${result.skipped ? `, skipped ${result.skipped}` : ''} in ${result.seconds} s`);
      } catch (error) {
        const details = error instanceof AppError ? (error.details as { errors?: { row: number; column: string | null; message: string }[]; errorCount?: number } | undefined) : undefined;
        if (!details?.errors) throw error;
        console.error(`nothing imported: ${details.errorCount} errors`);
        for (const e of details.errors) console.error(`  row ${e.row}${e.column ? ` [${e.column}]` : ''}: ${e.message}`);
        process.exitCode = 2;
      } finally {
        await database.close();
      }
    });
}
