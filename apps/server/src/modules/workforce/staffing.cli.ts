import type { Command, CommanderError } from 'commander';
import { formatErrorMessage, resolveLocale, STAFFING_DEFAULTS, staffingQuerySchema, type Locale, type StaffingResult } from '@kefu/shared';
import { formatValidationIssues } from '../../http/validation-messages.js';
import { AppError } from '../../lib/app-error.js';
import { computeStaffing } from './staffing.js';

/** Exit status of a staffing question that cannot be answered (bad or impossible input). */
const EXIT_INVALID = 2;

/** Query fields and the flags that carry them, so messages name what the user typed. */
const FLAGS = {
  calls: '--calls',
  intervalMin: '--interval-min',
  aht: '--aht',
  targetSl: '--target-sl',
  targetT: '--target-t',
  maxOccupancy: '--max-occupancy',
  shrinkage: '--shrinkage',
  patience: '--patience',
  agents: '--agents',
} as const;
type Field = keyof typeof FLAGS;
type Options = Partial<Record<Field, string>> & { json?: boolean };

function cliLocale(): Locale {
  const env = process.env;
  // As in POSIX, an empty variable counts as unset.
  return resolveLocale(env.KEFU_LOCALE || env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

/** One line for stderr: the same translated messages the API answers, with flags for field names. */
function describeError(locale: Locale, error: unknown): string | null {
  if (!(error instanceof AppError)) return null;
  let message = formatErrorMessage(locale, error.code, error.params);
  const load = (error.details as { offeredLoad?: unknown } | undefined)?.offeredLoad;
  if (typeof load === 'number' && Number.isFinite(load)) message += locale === 'en' ? ` (offered load ${load.toFixed(2)} Erlangs)` : `（话务量 ${load.toFixed(2)} 爱尔兰）`;
  return message;
}

function printHuman(result: StaffingResult, targetT: number): void {
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  const lines = [
    `agents               ${result.agents}`,
    `staff with shrinkage ${result.staffWithShrinkage}`,
    `service level        ${pct(result.serviceLevel)} within ${targetT} s`,
    `P(wait)              ${pct(result.pWait)}`,
    `ASA                  ${result.asa.toFixed(1)} s`,
    `occupancy            ${pct(result.occupancy)}`,
  ];
  if (result.pAbandon !== undefined) lines.push(`P(abandon)           ${pct(result.pAbandon)}`);
  console.log(lines.join('\n'));
}

/** `kefu staffing …`: the staffing answer of GET /api/v1/workforce/staffing, without a database or server. */
export function registerStaffingCommand(program: Command): void {
  program
    .command('staffing')
    .description('agents needed for one interval by Erlang C (Erlang A with --patience), or the figures of --agents')
    .requiredOption(`${FLAGS.calls} <n>`, 'calls offered in the interval')
    .option(`${FLAGS.intervalMin} <m>`, 'interval length in minutes', String(STAFFING_DEFAULTS.intervalMin))
    .requiredOption(`${FLAGS.aht} <seconds>`, 'average handle time in seconds')
    .option(`${FLAGS.targetSl} <0..1>`, 'share of calls to answer within --target-t', String(STAFFING_DEFAULTS.targetSl))
    .option(`${FLAGS.targetT} <seconds>`, 'service-level time in seconds', String(STAFFING_DEFAULTS.targetT))
    .option(`${FLAGS.maxOccupancy} <0..1>`, 'highest acceptable agent occupancy')
    .option(`${FLAGS.shrinkage} <0..1>`, 'share of paid time not on the phones (breaks, training, leave)')
    .option(`${FLAGS.patience} <seconds>`, 'mean caller patience: use Erlang A and report pAbandon')
    .option(`${FLAGS.agents} <n>`, 'evaluate this many agents instead of searching for the fewest')
    .option('--json', 'print one JSON object: agents, staffWithShrinkage, serviceLevel, pWait, asa, occupancy (and pAbandon)')
    .exitOverride((error: CommanderError) => {
      // Commander has already printed its one-line message (missing or unknown option).
      process.exit(error.exitCode === 0 ? 0 : EXIT_INVALID);
    })
    .action((options: Options) => {
      const locale = cliLocale();
      const raw = Object.fromEntries((Object.keys(FLAGS) as Field[]).map((field) => [field, options[field]]));
      const parsed = staffingQuerySchema.safeParse(raw);
      if (!parsed.success) {
        const issues = formatValidationIssues(
          locale,
          parsed.error.issues.map(({ path, ...issue }) => ({ path: ['options', FLAGS[path[0] as Field] ?? String(path[0]), ...path.slice(1)], ...issue })),
        );
        console.error(`error: ${formatErrorMessage(locale, 'VALIDATION', { detail: issues.map((i) => i.message).join(locale === 'en' ? '; ' : '；') })}`);
        process.exitCode = EXIT_INVALID;
        return;
      }
      let result: StaffingResult;
      try {
        result = computeStaffing(parsed.data);
      } catch (error) {
        const message = describeError(locale, error);
        if (message === null) throw error;
        console.error(`error: ${message}`);
        process.exitCode = EXIT_INVALID;
        return;
      }
      if (options.json) console.log(JSON.stringify(result));
      else printHuman(result, parsed.data.targetT);
    });
}
