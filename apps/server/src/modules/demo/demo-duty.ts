// The demo hotline's duty plan, shared by its roster (排班) and its simulated call history, so that the agents who
// answered yesterday's calls are the ones the roster had on duty. Shaped to the hotline's day: most agents on the
// early shift for the morning peak, the late shift for the afternoon and evening, one or two on the night line.
import type { DateTime } from 'luxon';
import type { ShiftTemplate } from '../calls/simulator/agent-duty.js';

export interface DemoShift extends ShiftTemplate {
  code: 'D' | 'M' | 'E' | 'N';
  night: boolean;
}

export const DEMO_SHIFTS: readonly DemoShift[] = [
  { code: 'D', from: '07:30', to: '16:00', breakAt: '12:00', breakMinutes: 30, breakReason: '用餐', night: false },
  { code: 'M', from: '09:00', to: '17:30', breakAt: '13:00', breakMinutes: 30, breakReason: '用餐', night: false },
  { code: 'E', from: '13:30', to: '22:00', breakAt: '17:30', breakMinutes: 30, breakReason: '用餐', night: false },
  { code: 'N', from: '22:00', to: '08:00', breakAt: '03:00', breakMinutes: 30, breakReason: '用餐', night: true },
];

// A week's places, taken in turn: agent i sits at place (i + week) mod the number of agents, so everyone rotates
// through the shifts. The two night places are four apart, so their rest days never fall together.
const PLACES = ['N', 'D', 'D', 'M', 'N', 'D', 'M', 'E', 'E', 'D', 'M', 'E', 'E'] as const;

/** Which of DEMO_SHIFTS agent `index` (of `agents`, by id) works on `day`, or null on a rest day (two a week, staggered). */
export function demoShiftOf(index: number, agents: number, day: DateTime): number | null {
  const place = placeOf(index, agents, day);
  // After a week of nights the first day is a rest day: the night shift ends the next morning.
  if (place !== null && place !== 'N' && placeOf(index, agents, day.minus({ days: 1 })) === 'N') return null;
  return place === null ? null : DEMO_SHIFTS.findIndex((s) => s.code === place);
}

function placeOf(index: number, agents: number, day: DateTime) {
  if ((day.weekday - 1 + index) % 7 >= 5) return null;
  const week = Math.floor(day.startOf('week').toMillis() / (7 * 86_400_000));
  return PLACES[(index + week) % Math.min(agents, PLACES.length)] ?? 'D';
}
