import type { CallResult } from '@kefu/shared';

/** Seconds as mm:ss (hh:mm:ss from an hour); '—' when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null) return '—';
  const s = Math.max(0, Math.round(seconds));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return hh > 0 ? `${hh}:${two(mm)}:${two(ss)}` : `${two(mm)}:${two(ss)}`;
}

/** Ant Design tag colours of the call outcomes. */
export const RESULT_COLORS: Record<CallResult, string> = {
  ongoing: 'processing',
  answered: 'success',
  abandoned_queue: 'error',
  abandoned_ringing: 'volcano',
  busy: 'warning',
  no_answer: 'orange',
  failed: 'magenta',
  forwarded: 'blue',
  blocked: 'default',
};

/** The external party: the caller of an inbound call, the called number of an outbound one. */
export function externalNumber(call: { direction: 'in' | 'out' | null; from: string | null; to: string | null }): string | null {
  return call.direction === 'out' ? call.to : call.from;
}
