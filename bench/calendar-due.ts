/**
 * Issue 3's first figure: due-time computations per second on one core (target ≥ 200,000/s on a business
 * calendar with holidays). A plain loop in one process, no workers.
 *   npx tsx bench/calendar-due.ts [--count 200000] [--rounds 5]
 * Inputs: random starts over 2026–2027 (Beijing time), durations log-uniform from 5 minutes to 48 hours, a seeded
 * PRNG so runs are comparable. The first pass over the inputs is reported apart (it builds the per-day cache).
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { calendarDefinitionSchema, type CalendarDefinitionInput } from '@kefu/shared';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  createBusinessCalendar,
  type BusinessCalendar,
} from '../apps/server/src/modules/calendars/business-calendar.js';
import { presetCalendar } from '../apps/server/src/modules/calendars/calendar-presets.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '200000' }, rounds: { type: 'string', default: '5' } } });
const COUNT = Number(values.count);
const ROUNDS = Number(values.rounds);
const TARGET = 200_000;

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SPLIT_SHIFT = [
  { start: '08:30', end: '12:00' },
  { start: '13:30', end: '17:30' },
  { start: '18:30', end: '20:00' },
];
/** A department's own calendar: split shifts, Saturday mornings, holidays closed, 调休 open, its own extra dates. */
const hotline: CalendarDefinitionInput = {
  name: 'custom hotline (holidays)',
  timeZone: 'Asia/Shanghai',
  weeklyHours: { mon: SPLIT_SHIFT, tue: SPLIT_SHIFT, wed: SPLIT_SHIFT, thu: SPLIT_SHIFT, fri: SPLIT_SHIFT, sat: [{ start: '09:00', end: '13:00' }] },
  closedOnStatutoryHolidays: true,
  openOnAdjustedWorkdays: true,
  extraClosedDates: ['2026-06-01', '2026-12-31', '2027-06-01'],
  extraOpenDates: [{ date: '2026-10-03', periods: [{ start: '10:00', end: '16:00' }] }, '2027-10-02'],
};
const berlin: CalendarDefinitionInput = {
  name: 'custom Europe/Berlin (DST)',
  timeZone: 'Europe/Berlin',
  weeklyHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }]])),
};

const calendars: BusinessCalendar[] = [
  presetCalendar('24x7'),
  presetCalendar('12x7'),
  presetCalendar('5x8'),
  createBusinessCalendar(calendarDefinitionSchema.parse(hotline)),
  createBusinessCalendar(calendarDefinitionSchema.parse(berlin)),
];

const FROM = Date.parse('2026-01-01T00:00:00+08:00');
const TO = Date.parse('2028-01-01T00:00:00+08:00');
const MIN_MINUTES = 5;
const MAX_MINUTES = 48 * 60;

function makeInputs(seed: number, from: number, to: number, logUniform: boolean): { starts: Date[]; minutes: number[] } {
  const random = prng(seed);
  const starts: Date[] = [];
  const minutes: number[] = [];
  for (let i = 0; i < COUNT; i++) {
    starts.push(new Date(from + Math.floor(random() * (to - from))));
    minutes.push(logUniform ? Math.round(MIN_MINUTES * (MAX_MINUTES / MIN_MINUTES) ** random()) : MAX_MINUTES);
  }
  return { starts, minutes };
}

const mixed = makeInputs(2026, FROM, TO, true);
// Starts from 2026-09-25 to 2026-10-08 with 48 business hours each: every one crosses 国庆 Golden Week.
const goldenWeek = makeInputs(1001, Date.parse('2026-09-25T00:00:00+08:00'), Date.parse('2026-10-08T00:00:00+08:00'), false);

interface Figure {
  label: string;
  firstPass: number;
  median: number;
  best: number;
}

function measure(label: string, run: () => number): Figure {
  let checksum = 0;
  let started = performance.now();
  checksum += run();
  const firstPass = COUNT / ((performance.now() - started) / 1000);
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    started = performance.now();
    checksum += run();
    rates.push(COUNT / ((performance.now() - started) / 1000));
  }
  rates.sort((a, b) => a - b);
  if (!Number.isFinite(checksum)) throw new Error('checksum');
  return { label, firstPass, median: rates[Math.floor(rates.length / 2)]!, best: rates[rates.length - 1]! };
}

function dueLoop(calendar: BusinessCalendar, inputs: { starts: Date[]; minutes: number[] }): () => number {
  return () => {
    let sum = 0;
    for (let i = 0; i < COUNT; i++) sum += addBusinessMinutes(calendar, inputs.starts[i]!, inputs.minutes[i]!).getTime() % 1000;
    return sum;
  };
}

const figures: Figure[] = [];
for (const calendar of calendars) figures.push(measure(`addBusinessMinutes · ${calendar.name}`, dueLoop(calendar, mixed)));
figures.push(measure('addBusinessMinutes · 5x8, 48 h across Golden Week 2026', dueLoop(presetCalendar('5x8'), goldenWeek)));
const hotlineCalendar = calendars[3]!;
const ends = mixed.starts.map((start, i) => new Date(start.getTime() + mixed.minutes[i]! * 60_000 * 3));
figures.push(
  measure(`businessMinutesBetween · ${hotlineCalendar.name}`, () => {
    let sum = 0;
    for (let i = 0; i < COUNT; i++) sum += businessMinutesBetween(hotlineCalendar, mixed.starts[i]!, ends[i]!);
    return sum;
  }),
);

const format = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, one process, ${COUNT.toLocaleString('en-US')} computations per pass, ${ROUNDS} timed passes`);
console.log('');
console.log('| computation · calendar | per second (median) | best pass | first pass (cold cache) |');
console.log('|---|---|---|---|');
for (const figure of figures) {
  console.log(`| ${figure.label} | **${format(figure.median)}** | ${format(figure.best)} | ${format(figure.firstPass)} |`);
}
const worst = Math.min(...figures.filter((f) => f.label.startsWith('addBusinessMinutes')).map((f) => f.median));
console.log('');
console.log(`slowest due-time figure ${format(worst)}/s against the target of ${format(TARGET)}/s: ${worst >= TARGET ? 'met' : 'NOT met'}`);
