import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AttendanceRow, Handover, LeaveRequest, LeaveRequestInput, RosterShift, Swap } from '@kefu/shared';
import { api, type Query } from '../../app/api';

export interface Violation {
  rule: string;
  params: Record<string, string | number>;
  message: string;
}
export interface Coverage {
  date: string;
  intervals: { start: string; scheduled: number; onLeave: number; available: number }[];
}

const KEY = ['rosters'] as const;
type Items<T> = { items: T[] };

export const useShifts = (query: { from: string; to: string; mine?: boolean }) =>
  useQuery({ queryKey: [...KEY, 'shifts', query], queryFn: () => api.get<Items<RosterShift>>('/rosters/shifts', { ...query, mine: query.mine ? 'true' : undefined } as Query).then((r) => r.items) });

export const useLeave = (query: { mine?: boolean; inbox?: boolean; status?: string }) =>
  useQuery({ queryKey: [...KEY, 'leave', query], queryFn: () => api.get<Items<LeaveRequest>>('/rosters/leave', { mine: query.mine ? 'true' : undefined, inbox: query.inbox ? 'true' : undefined, status: query.status }).then((r) => r.items) });

export const useSwaps = (query: { mine?: boolean; inbox?: boolean }) =>
  useQuery({ queryKey: [...KEY, 'swaps', query], queryFn: () => api.get<Items<Swap>>('/rosters/swaps', { mine: query.mine ? 'true' : undefined, inbox: query.inbox ? 'true' : undefined }).then((r) => r.items) });

export const useCoverage = (date: string | null) =>
  useQuery({ queryKey: [...KEY, 'coverage', date], enabled: !!date, queryFn: () => api.get<Coverage>('/rosters/coverage', { date: date! }) });

export const useAttendance = (date: string) =>
  useQuery({ queryKey: [...KEY, 'attendance', date], queryFn: () => api.get<Items<AttendanceRow>>('/rosters/attendance', { date }).then((r) => r.items) });

export const useCurrentHandover = () =>
  useQuery({ queryKey: [...KEY, 'handover', 'current'], queryFn: () => api.get<{ handover: Handover | null; previous: Handover | null }>('/rosters/handovers/current') });

export const useHandoverHistory = (query: { q?: string; from?: string; to?: string }) =>
  useQuery({ queryKey: [...KEY, 'handover', 'history', query], queryFn: () => api.get<Items<Handover>>('/rosters/handovers', query).then((r) => r.items) });

export const checkSwap = (requesterShiftId: number, counterpartShiftId: number) =>
  api.get<{ ok: boolean; violations: Violation[] }>('/rosters/swaps/check', { requesterShiftId, counterpartShiftId });

/** A mutation that refreshes every rosters query when it succeeds. */
function useRostersMutation<V, R>(fn: (vars: V) => Promise<R>, meta?: { handlesErrors?: boolean }) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, meta, onSuccess: () => client.invalidateQueries({ queryKey: KEY }) });
}

export const useRequestLeave = () => useRostersMutation((input: LeaveRequestInput) => api.post<LeaveRequest>('/rosters/leave', input), { handlesErrors: true });
export const useDecideLeave = () => useRostersMutation(({ id, ...body }: { id: number; version: number; approve: boolean; note?: string }) => api.post<LeaveRequest>(`/rosters/leave/${id}/decision`, body));
export const useCancelLeave = () => useRostersMutation(({ id, version }: { id: number; version: number }) => api.post<LeaveRequest>(`/rosters/leave/${id}/cancel`, { version }));
export const useRequestSwap = () => useRostersMutation((input: { requesterShiftId: number; counterpartShiftId: number; reason: string }) => api.post<Swap>('/rosters/swaps', input), { handlesErrors: true });
export const useDecideSwap = () => useRostersMutation(({ id, ...body }: { id: number; version: number; approve: boolean }) => api.post<Swap>(`/rosters/swaps/${id}/decision`, body));
export const useCancelSwap = () => useRostersMutation(({ id, version }: { id: number; version: number }) => api.post<Swap>(`/rosters/swaps/${id}/cancel`, { version }));
export const useClock = () => useRostersMutation((kind: 'in' | 'out') => api.post<{ kind: string; at: string }>('/rosters/attendance/clock', { kind }));
export const useOpenHandover = () => useRostersMutation((input: { shiftDate: string; shiftCode: string; businessChanges?: string; systemProblems?: string; staffChanges?: string; notes?: string }) => api.post<Handover>('/rosters/handovers', input));
export const useUpdateHandover = () => useRostersMutation(({ id, ...body }: { id: number; version: number; businessChanges?: string; systemProblems?: string; staffChanges?: string; notes?: string }) => api.patch<Handover>(`/rosters/handovers/${id}`, body));
export const useSignHandover = () => useRostersMutation(({ id, ...body }: { id: number; version: number; as: 'outgoing' | 'incoming' }) => api.post<Handover>(`/rosters/handovers/${id}/sign`, body));

/** The rule violations a 422 carries (every broken rule, translated by the server). */
export function violationsOf(error: unknown): Violation[] {
  const details = (error as { details?: { violations?: Violation[] } } | null)?.details;
  if (details?.violations?.length) return details.violations;
  if (error instanceof Error) return [{ rule: 'error', params: {}, message: error.message }];
  return [];
}
