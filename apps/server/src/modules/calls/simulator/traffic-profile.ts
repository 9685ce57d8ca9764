// The shape of a service center's day: relative call volume per half hour (48 values, local time) and per weekday.
// A Chinese hotline: quiet at night, a morning peak 9–11, a lunch dip, an afternoon peak 14–17, an evening tail.

/** Relative weight of each half hour of the day, 00:00–00:30 first. */
export const WEEKDAY_PROFILE: readonly number[] = [
  0.6, 0.4, 0.3, 0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.3, 0.4, 0.5, // 00:00–06:00
  0.8, 1.2, 2.0, 3.0, 4.5, 6.0, 7.5, 8.5, 8.8, 8.4, 7.2, 6.0, // 06:00–12:00
  4.6, 4.4, 5.6, 6.8, 7.6, 8.0, 7.8, 7.2, 6.6, 5.8, 5.0, 4.2, // 12:00–18:00
  3.8, 3.6, 3.4, 3.0, 2.6, 2.2, 1.8, 1.5, 1.2, 1.0, 0.8, 0.7, // 18:00–24:00
];

/** Relative volume by weekday, Monday first: Mondays are busiest, weekends quieter. */
export const WEEKDAY_FACTORS: readonly number[] = [1.15, 1.05, 1.0, 1.0, 0.95, 0.7, 0.6];

/** Expected calls in each half hour of a day of `callsPerDay` calls (before the weekday factor). */
export function callsPerInterval(callsPerDay: number, profile: readonly number[] = WEEKDAY_PROFILE): number[] {
  const total = profile.reduce((a, b) => a + b, 0);
  return profile.map((w) => (callsPerDay * w) / total);
}
