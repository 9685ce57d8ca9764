import { sql, type Kysely } from 'kysely';
import type { Backlog } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../lib/actor.js';
import { AppError } from '../../lib/app-error.js';
import { now, toIso } from '../../lib/clock.js';

type GroupBy = 'team' | 'assignee' | 'type' | 'skillGroup';

const GROUP_COLUMN = { team: 't.team_id', assignee: 't.assignee_id', type: 't.type_key', skillGroup: 't.skill_group_id' } as const;

/** Open work by age (under 4 h, 4–24 h, 1–3 days, older) for the shift leader, grouped as asked. */
export async function getBacklog({ db, actor, groupBy }: { db: Kysely<DB>; actor: Actor; groupBy: GroupBy }): Promise<Backlog> {
  if (!can(actor, 'tickets.assign') && !can(actor, 'reports.read')) throw new AppError('FORBIDDEN');
  const at = now().getTime();
  const h4 = new Date(at - 4 * 3600_000);
  const h24 = new Date(at - 24 * 3600_000);
  const h72 = new Date(at - 72 * 3600_000);
  const column = sql.ref<string | number | null>(GROUP_COLUMN[groupBy]);
  const rows = await db
    .selectFrom('tickets as t')
    .select([
      column.as('key'),
      sql<number>`count(*) filter (where t.created_at > ${h4})`.as('lt4h'),
      sql<number>`count(*) filter (where t.created_at <= ${h4} and t.created_at > ${h24})`.as('lt24h'),
      sql<number>`count(*) filter (where t.created_at <= ${h24} and t.created_at > ${h72})`.as('lt72h'),
      sql<number>`count(*) filter (where t.created_at <= ${h72})`.as('gte72h'),
      sql<number>`count(*)`.as('total'),
      sql<Date>`min(t.created_at)`.as('oldest'),
    ])
    .where('t.tenant_id', '=', actor.tenantId)
    .where('t.status', 'not in', ['resolved', 'closed'])
    .groupBy(column)
    .orderBy(sql`count(*)`, 'desc')
    .execute();
  const labels = await labelsFor(db, actor, groupBy, rows.map((r) => r.key));
  const result = rows.map((r) => {
    const id = typeof r.key === 'number' ? r.key : null;
    return {
      key: r.key === null ? 'none' : String(r.key),
      id,
      label: r.key === null ? null : (labels.get(String(r.key)) ?? String(r.key)),
      buckets: { lt4h: Number(r.lt4h), lt24h: Number(r.lt24h), lt72h: Number(r.lt72h), gte72h: Number(r.gte72h) },
      total: Number(r.total),
      oldestAt: toIso(r.oldest),
    };
  });
  return { rows: result, total: result.reduce((sum, r) => sum + r.total, 0) };
}

async function labelsFor(db: Kysely<DB>, actor: Actor, groupBy: GroupBy, keys: Array<string | number | null>): Promise<Map<string, string>> {
  const ids = keys.filter((k): k is number => typeof k === 'number');
  const t = actor.tenantId;
  switch (groupBy) {
    case 'assignee': {
      if (!ids.length) return new Map();
      const rows = await db.selectFrom('users').select(['id', 'display_name as name']).where('tenant_id', '=', t).where('id', 'in', ids).execute();
      return new Map(rows.map((r) => [String(r.id), r.name]));
    }
    case 'team': {
      if (!ids.length) return new Map();
      const rows = await db.selectFrom('teams').select(['id', 'name']).where('tenant_id', '=', t).where('id', 'in', ids).execute();
      return new Map(rows.map((r) => [String(r.id), r.name]));
    }
    case 'skillGroup': {
      if (!ids.length) return new Map();
      const rows = await db.selectFrom('skill_groups').select(['id', 'name']).where('tenant_id', '=', t).where('id', 'in', ids).execute();
      return new Map(rows.map((r) => [String(r.id), r.name]));
    }
    case 'type': {
      const rows = await db.selectFrom('ticket_types').select(['key', 'name_zh', 'name_en']).where('tenant_id', '=', t).execute();
      return new Map(rows.map((r) => [r.key, actor.locale === 'en' ? r.name_en : r.name_zh]));
    }
    default: {
      const unreachable: never = groupBy;
      return unreachable;
    }
  }
}
