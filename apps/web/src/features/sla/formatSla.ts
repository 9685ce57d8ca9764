import type { TFunction } from 'i18next';
import { durationParts } from './slaDisplay';

/** 192 → "3小时12分" / "3h 12m"; from a day on the minutes are dropped: "2天3小时"; under a minute "不到1分". */
export function formatSlaDuration(minutes: number, t: TFunction): string {
  const { days, hours, minutes: mins } = durationParts(minutes);
  if (days === 0 && hours === 0 && mins === 0) return t('sla.duration.lt1');
  const parts: string[] = [];
  if (days > 0) parts.push(t('sla.duration.d', { n: days }), t('sla.duration.h', { n: hours }));
  else if (hours > 0) parts.push(t('sla.duration.h', { n: hours }), t('sla.duration.m', { n: mins }));
  else parts.push(t('sla.duration.m', { n: mins }));
  return parts.join('').trim();
}

/** Known pause reasons translated; unknown ones shown as stored. */
export function pauseReasonText(reason: string | null, t: TFunction, short = false): string {
  if (!reason) return '';
  const key = `sla.${short ? 'reasonShort' : 'reason'}.${reason}`;
  return t(key as never, { defaultValue: reason }) as string;
}
