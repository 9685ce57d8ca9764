import type { DraftDetail, ForecastDetail } from '@kefu/shared';
import { api } from '../../app/api';

export type ForecastSummary = Pick<ForecastDetail, 'id' | 'name' | 'source' | 'start' | 'horizonDays' | 'method' | 'createdAt' | 'version'>;
export type DraftSummary = Pick<DraftDetail, 'id' | 'name' | 'forecastId' | 'start' | 'horizonDays' | 'status' | 'figures' | 'publishedAt' | 'version'>;
export interface MyShift { date: string; shiftCode: string; start: string; lengthMinutes: number; night: boolean; scheduleId: number; scheduleName: string }

export const schedulesApi = {
  forecasts: () => api.get<{ items: ForecastSummary[] }>('/schedules/forecasts').then((r) => r.items),
  forecast: (id: number) => api.get<ForecastDetail>(`/schedules/forecasts/${id}`),
  createForecast: (input: { source: string; horizonWeeks: number; historyWeeks: number; backtestWeeks: number; method: string }) => api.post<ForecastDetail>('/schedules/forecasts', input),
  adjust: (id: number, version: number, adjustments: ForecastDetail['adjustments']) => api.put<ForecastDetail>(`/schedules/forecasts/${id}/adjustments`, { version, adjustments }),
  drafts: () => api.get<{ items: DraftSummary[] }>('/schedules/drafts').then((r) => r.items),
  draft: (id: number) => api.get<DraftDetail>(`/schedules/drafts/${id}`),
  generate: (input: unknown) => api.post<DraftDetail>('/schedules/drafts', input),
  edit: (id: number, edit: Record<string, unknown>) => api.post<DraftDetail>(`/schedules/drafts/${id}/edits`, edit),
  publish: (id: number, version: number) => api.post<DraftDetail>(`/schedules/drafts/${id}/publish`, { version }),
  mine: () => api.get<{ items: MyShift[] }>('/schedules/mine').then((r) => r.items),
};

/** "HH:MM" of interval i (0..47). */
export const intervalLabel = (i: number) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`;

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Axis labels "MM-DD HH:MM" for `days` days of 48 intervals from `start`. */
export function intervalAxis(start: string, days: number): string[] {
  const out: string[] = [];
  for (let d = 0; d < days; d += 1) {
    const date = addDays(start, d).slice(5);
    for (let i = 0; i < 48; i += 1) out.push(`${date} ${intervalLabel(i)}`);
  }
  return out;
}
