import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

// Times show in the department's time zone (Asia/Shanghai by default), whatever the browser's is:
// a leader travelling abroad reads the same due times as the agents in the center.
let displayZone = 'Asia/Shanghai';

export function setDisplayTimezone(zone: string): void {
  displayZone = zone;
}

export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).tz(displayZone).format('YYYY-MM-DD HH:mm') : '—';
}

export function formatDate(value: string | null | undefined): string {
  return value ? dayjs(value).tz(displayZone).format('YYYY-MM-DD') : '—';
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
