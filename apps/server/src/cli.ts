import { Command } from 'commander';
import { BUILTIN_ROLE_KEYS, PERMISSIONS, userCreateSchema } from '@kefu/shared';
import { loadConfig } from './config.js';
import { systemActor } from './lib/actor.js';
import { AppError } from './lib/app-error.js';
import { DEFAULT_TENANT_ID } from './lib/tenant.js';
import { registerStaffingCommand } from './modules/workforce/staffing.cli.js';
import { registerCalendarCommand } from './modules/calendars/calendar.cli.js';

// The server, the database and the demo seed load only for the commands that need them: the pure tools
// (staffing, calendar due) start in a fraction of the time.
const runtime = () => import('./runtime.js');

const program = new Command();
program.name('kefu').description('Kefu 客服 — customer-service management').version('0.1.0');

program
  .command('serve')
  .description('start the server (migrates, seeds the demo department on first start)')
  .action(async () => {
    const { serve } = await import('./main.js');
    await serve();
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    const { openPreparedDatabase } = await runtime();
    const database = await openPreparedDatabase(loadConfig());
    console.log(`migrations applied (${database.kind})`);
    await database.close();
  });

program
  .command('seed')
  .description('seed the demo department (示例客服中心) into an empty database')
  .action(async () => {
    const { demoPassword, openPreparedDatabase, seedDemoIfEmpty } = await runtime();
    const config = loadConfig();
    const database = await openPreparedDatabase(config);
    const password = demoPassword(config);
    const result = await seedDemoIfEmpty(database, password);
    console.log(result ? `seeded ${result.users.length} users, ${result.customers} customers, ${result.tickets} work orders, ${result.calls} calls; password: ${password}` : 'the database already has users; nothing seeded');
    await database.close();
  });

const user = program.command('user').description('manage users');
user
  .command('add')
  .description('add a user')
  .requiredOption('--username <name>', 'login name')
  .requiredOption('--password <password>', 'password (at least 8 characters)')
  .option('--name <display>', 'display name (defaults to the username)')
  .option('--role <key>', `role key: ${BUILTIN_ROLE_KEYS.join(', ')} or a custom role`, 'agent')
  .option('--employee-no <no>', 'employee number (工号)')
  .action(async (options: { username: string; password: string; name?: string; role: string; employeeNo?: string }) => {
    const { openPreparedDatabase } = await runtime();
    const { insertUser } = await import('./modules/users/users.service.js');
    const database = await openPreparedDatabase(loadConfig());
    try {
      const role = await database.db.selectFrom('roles').select('id').where('tenant_id', '=', DEFAULT_TENANT_ID).where('key', '=', options.role).executeTakeFirst();
      if (!role) throw new Error(`unknown role "${options.role}"`);
      const input = userCreateSchema.parse({ username: options.username, displayName: options.name ?? options.username, password: options.password, roleId: role.id, employeeNo: options.employeeNo });
      const actor = systemActor(DEFAULT_TENANT_ID, PERMISSIONS);
      const id = await database.db.transaction().execute((trx) => insertUser(trx, actor, input));
      console.log(`user ${input.username.toLowerCase()} added (id ${id}, role ${options.role})`);
    } finally {
      await database.close();
    }
  });

registerStaffingCommand(program);
registerCalendarCommand(program);
(await import('./modules/pii/keys.cli.js')).registerPiiCommands(program);
(await import('./modules/calls/simulator/simulate.cli.js')).registerSimulateCommand(program);
(await import('./modules/customer-import/customer-import.cli.js')).registerCustomerImportCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof AppError) console.error(`error: ${error.code} ${JSON.stringify(error.params)}`);
  else if (error instanceof Error && error.name === 'ZodError') console.error(`error: ${error.message}`);
  else console.error(error instanceof Error ? `error: ${error.message}` : error);
  process.exit(1);
});
