// Contacts per local 30-minute interval from the hotline's calls (inbound) or, as a fallback, from work orders.
import { sql, type Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { DB } from '../../db/schema.js';
import { daysBetween, INTERVALS_PER_DAY, type Series } from './forecast/series.js';

export { tenantTimeZone as tenantZone } from '../../lib/tenant.js';

export function localToday(zone: string, at: Date): string {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}

function localMidnight(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone }).startOf('day').toJSDate();
}

/**
 * Counts per (local day, interval) over [from, to) local days, as one series. The interval of an instant is its
 * local wall-clock half hour, so a day has 48 intervals in a zone without daylight saving (China).
 */
export async function loadHistory(db: Kysely<DB>, args: { tenantId: number; zone: string; from: string; to: string; source: 'calls' | 'work_orders'; queue?: string }): Promise<Series> {
  const { tenantId, zone, from, to } = args;
  const start = localMidnight(from, zone);
  const end = localMidnight(to, zone);
  const local = sql`(t at time zone ${zone})`;
  const bucket = sql`to_char(${local}, 'YYYY-MM-DD') as day, (extract(hour from ${local}) * 2 + floor(extract(minute from ${local}) / 30))::int as slot, count(*)::int as n`;
  const rows =
    args.source === 'calls'
      ? await sql<{ day: string; slot: number; n: number }>`
          select ${bucket} from (select c.started_at as t from calls c
            where c.tenant_id = ${tenantId} and c.started_at >= ${start} and c.started_at < ${end} and c.direction = 'in'
            ${args.queue ? sql`and c.queue = ${args.queue}` : sql``}) x group by 1, 2`.execute(db)
      : await sql<{ day: string; slot: number; n: number }>`
          select ${bucket} from (select k.created_at as t from tickets k
            where k.tenant_id = ${tenantId} and k.created_at >= ${start} and k.created_at < ${end}) x group by 1, 2`.execute(db);
  const days = daysBetween(from, to);
  const values = new Array<number>(days * INTERVALS_PER_DAY).fill(0);
  for (const r of rows.rows) {
    const d = daysBetween(from, r.day);
    if (d >= 0 && d < days && r.slot >= 0 && r.slot < INTERVALS_PER_DAY) values[d * INTERVALS_PER_DAY + r.slot] = values[d * INTERVALS_PER_DAY + r.slot]! + Number(r.n);
  }
  return { start: from, values };
}

export async function hasCalls(db: Kysely<DB>, tenantId: number, from: Date, to: Date): Promise<boolean> {
  const row = await db.selectFrom('calls').select('id').where('tenant_id', '=', tenantId).where('started_at', '>=', from).where('started_at', '<', to).where('direction', '=', 'in').limit(1).executeTakeFirst();
  return row !== undefined;
}

export { localMidnight };
