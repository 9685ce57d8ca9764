// `kefu calendar due` for real: spawns `node bin/kefu.mjs` and checks its output and exit status.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../../../..');
const folder = mkdtempSync(join(tmpdir(), 'kefu-calendar-cli-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function kefu(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, ['bin/kefu.mjs', 'calendar', 'due', ...args], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

function file(name: string, content: unknown): string {
  const path = join(folder, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const BERLIN = {
  name: 'Berlin office',
  timeZone: 'Europe/Berlin',
  weeklyHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [{ start: '09:00', end: '17:00' }]])),
};

/** A usage error: exit 2, nothing on stdout, exactly one line on stderr, no stack trace. */
function expectBadInput(run: Run, expect: typeof import('vitest').expect, message: string | RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.endsWith('\n')).toBe(true);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  if (typeof message === 'string') expect(run.stderr.trimEnd()).toBe(message);
  else expect(run.stderr.trimEnd()).toMatch(message);
}

describe.concurrent('kefu calendar due', () => {
  it('--json prints exactly {"due": …} with the zone offset (5x8 across 国庆 2026)', async ({ expect }) => {
    const run = await kefu('--calendar', '5x8', '--start', '2026-09-30T17:00:00+08:00', '--minutes', '90', '--json');
    expect(run).toEqual({ code: 0, stdout: '{"due": "2026-10-08T09:30:00+08:00"}\n', stderr: '' });
  });

  it('48 business hours over Golden Week, counting the adjusted working Saturday 10月10日', async ({ expect }) => {
    const run = await kefu('--calendar', '5x8', '--start', '2026-09-30T01:00:00Z', '--minutes', '2880', '--json');
    expect(run).toEqual({ code: 0, stdout: '{"due": "2026-10-13T18:00:00+08:00"}\n', stderr: '' });
  });

  it('without --json prints one human line; a start without offset is read in the calendar zone', async ({ expect }) => {
    const run = await kefu('--calendar', '12x7', '--start', '2026-10-01T20:30', '--minutes', '60');
    expect(run).toEqual({
      code: 0,
      stdout: 'due 2026-10-02T09:30:00+08:00: 60 business minutes after 2026-10-01T20:30:00+08:00 on calendar 12x7 (Asia/Shanghai)\n',
      stderr: '',
    });
  });

  it('takes a calendar file, and writes the due time with the offset in force there (DST)', async ({ expect }) => {
    const run = await kefu('--calendar', file('berlin.json', BERLIN), '--start', '2026-03-27T15:00:00Z', '--minutes', '120', '--json');
    expect(run).toEqual({ code: 0, stdout: '{"due": "2026-03-30T10:00:00+02:00"}\n', stderr: '' });
  });

  it('warns on stderr when the holiday package lacks a year, and still answers', async ({ expect }) => {
    const run = await kefu('--calendar', '5x8', '--start', '2027-02-04T17:00:00+08:00', '--minutes', '120', '--json');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('{"due": "2027-02-09T10:00:00+08:00"}\n');
    expect(run.stderr).toMatch(/^warning: chinese-days 1\.5\.7 has no State Council holiday arrangement for 2027: .+\n$/);
  });

  it('zero minutes in closed time gives the next opening', async ({ expect }) => {
    const run = await kefu('--calendar', '5x8', '--start', '2026-10-01T12:00:00+08:00', '--minutes', '0', '--json');
    expect(run).toEqual({ code: 0, stdout: '{"due": "2026-10-08T09:00:00+08:00"}\n', stderr: '' });
  });

  it('an unknown preset: exit 2', async ({ expect }) => {
    expectBadInput(
      await kefu('--calendar', '5x9', '--start', '2026-09-30T17:00:00+08:00', '--minutes', '90'),
      expect,
      'error: unknown calendar preset "5x9" (presets: 24x7, 12x7, 5x8; a calendar file must end in .json)',
    );
  });

  it('a missing file: exit 2', async ({ expect }) => {
    const missing = join(folder, 'missing.json');
    expectBadInput(await kefu('--calendar', missing, '--start', '2026-09-30T17:00:00+08:00', '--minutes', '90'), expect, `error: calendar file not found: ${missing}`);
  });

  it('a file that is not JSON: exit 2', async ({ expect }) => {
    const broken = file('broken.json', '{"timeZone": "Asia/Shanghai",');
    expectBadInput(await kefu('--calendar', broken, '--start', '2026-09-30T17:00:00+08:00', '--minutes', '90'), expect, new RegExp(`^error: ${broken}: not valid JSON \\(.+\\)$`));
  });

  it('a file failing the schema names the field: exit 2', async ({ expect }) => {
    const wrong = file('wrong.json', { ...BERLIN, timeZone: 'Europe/Berlinn', weeklyHours: { mon: [{ start: '09:00', end: '25:00' }] } });
    expectBadInput(
      await kefu('--calendar', wrong, '--start', '2026-09-30T17:00:00+08:00', '--minutes', '90'),
      expect,
      `error: ${wrong}: invalid calendar: timeZone: must be an IANA time zone such as "Asia/Shanghai"; weeklyHours.mon[0].end: must be a time "HH:mm" from 00:00 to 24:00`,
    );
  });

  it('a bad --start: exit 2', async ({ expect }) => {
    expectBadInput(
      await kefu('--calendar', '5x8', '--start', '30.09.2026 17:00', '--minutes', '90'),
      expect,
      'error: --start: "30.09.2026 17:00" is not an ISO 8601 date-time (e.g. 2026-09-30T17:00:00+08:00)',
    );
  });

  it('negative or fractional --minutes: exit 2', async ({ expect }) => {
    const [negative, fraction] = await Promise.all([
      kefu('--calendar', '5x8', '--start', '2026-09-30T17:00:00+08:00', '--minutes', '-5'),
      kefu('--calendar', '5x8', '--start', '2026-09-30T17:00:00+08:00', '--minutes=1.5'),
    ]);
    expectBadInput(negative, expect, 'error: --minutes: "-5" is not a whole number of minutes ≥ 0');
    expectBadInput(fraction, expect, 'error: --minutes: "1.5" is not a whole number of minutes ≥ 0');
  });

  it('a missing option: exit 2', async ({ expect }) => {
    expectBadInput(await kefu('--calendar', '5x8', '--start', '2026-09-30T17:00:00+08:00'), expect, "error: required option '--minutes <n>' not specified");
  });
});
