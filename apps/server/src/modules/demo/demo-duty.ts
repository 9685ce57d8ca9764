// The demo hotline's duty plan, shared by its roster (排班) and its simulated call history, so that the agents who
// answered yesterday's calls are the ones the roster had on duty. Shaped to the hotline's day: most agents on the
// early shift for the morning peak, a middle shift over the day, the late shift into the evening, two on nights.
import type { DateTime } from 'luxon';
import type { ShiftTemplate } from '../calls/simulator/agent-duty.js';

export interface DemoShift extends ShiftTemplate {
  code: 'D' | 'M' | 'E' | 'N';
  night: boolean;
}

export const DEMO_SHIFTS: readonly DemoShift[] = [
  { code: 'D', from: '07:30', to: '16:00', breakAt: '12:00', breakMinutes: 30, breakReason: '用餐', night: false },
  { code: 'M', from: '10:00', to: '18:30', breakAt: '14:00', breakMinutes: 30, breakReason: '用餐', night: false },
  { code: 'E', from: '13:30', to: '22:00', breakAt: '15:30', breakMinutes: 30, breakReason: '用餐', night: false },
  { code: 'N', from: '22:00', to: '08:00', breakAt: '03:00', breakMinutes: 30, breakReason: '用餐', night: true },
];

// Two agents (the last and the fifth-last by id) work the night line, resting on different days so that one is
// always there; the others rotate weekly through the day places: agent i sits at place (i + week) mod their number.
const DAY_PLACES = ['D', 'D', 'M', 'E', 'D', 'M', 'E', 'D', 'M', 'E', 'D'] as const;
const shiftIndex = (code: DemoShift['code']) => DEMO_SHIFTS.findIndex((s) => s.code === code);

/** Which of DEMO_SHIFTS agent `index` (of `agents`, by id) works on `day`, or null on a rest day (two a week, staggered). */
export function demoShiftOf(index: number, agents: number, day: DateTime): number | null {
  const nights = agents > 5 ? [agents - 1, agents - 5] : [];
  const night = nights.indexOf(index);
  // Rest days: Saturday and Sunday shifted by the agent's index (the night agents by 0 and 4 days).
  if ((day.weekday - 1 + (night >= 0 ? night * 4 : index)) % 7 >= 5) return null;
  if (night >= 0) return shiftIndex('N');
  const position = index - nights.filter((n) => n < index).length;
  const week = Math.floor(day.startOf('week').toMillis() / (7 * 86_400_000));
  return shiftIndex(DAY_PLACES[(position + week) % Math.min(agents - nights.length, DAY_PLACES.length)] ?? 'D');
}
