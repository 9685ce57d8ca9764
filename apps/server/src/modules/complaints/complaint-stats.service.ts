import { sql, type Kysely } from 'kysely';
import type { ComplaintStats } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { ruleViolation } from '../../lib/app-error.js';
import { SATISFACTION_TARGET, satisfactionRate } from './complaint-steps.js';
import { assertCanReadComplaintStats } from './complaints.policy.js';

const MAX_DAYS = 366;

/**
 * The complaint analysis of [from, to): cases received and still open, payouts approved, penalty slips written; cases
 * closed, of which justified, and the justified-complaint satisfaction against its 100 % target.
 */
export async function complaintStats({ db, actor, from, to }: { db: Kysely<DB>; actor: Actor; from: string; to: string }): Promise<ComplaintStats> {
  assertCanReadComplaintStats(actor);
  const start = new Date(from);
  const end = new Date(to);
  if (!(end > start) || end.getTime() - start.getTime() > MAX_DAYS * 86_400_000) throw ruleViolation('complaint_stats_range');
  const rows = await db.selectFrom('complaint_cases')
    .where('tenant_id', '=', actor.tenantId).where('closed_at', '>=', start).where('closed_at', '<', end)
    .select(['grade', 'category', 'justified', 'follow_up_result', sql<number>`count(*)::int`.as('n')])
    .groupBy(['grade', 'category', 'justified', 'follow_up_result']).execute();
  const stats = { closed: 0, justifiedClosed: 0, satisfied: 0, unsatisfied: 0, unreachable: 0 };
  const byGrade: Record<string, number> = {};
  const byCategory: Record<string, number> = {};
  for (const r of rows) {
    const n = Number(r.n);
    stats.closed += n;
    byGrade[r.grade] = (byGrade[r.grade] ?? 0) + n;
    const category = r.category ?? 'unknown';
    byCategory[category] = (byCategory[category] ?? 0) + n;
    if (r.justified !== true) continue;
    stats.justifiedClosed += n;
    if (r.follow_up_result === 'satisfied' || r.follow_up_result === 'unsatisfied' || r.follow_up_result === 'unreachable') stats[r.follow_up_result] += n;
  }
  const received = await db.selectFrom('complaint_cases')
    .where('tenant_id', '=', actor.tenantId).where('created_at', '>=', start).where('created_at', '<', end)
    .select(['grade', sql<number>`count(*)::int`.as('n'), sql<number>`count(*) filter (where closed_at is null)::int`.as('open')])
    .groupBy('grade').execute();
  const receivedByGrade = Object.fromEntries(received.map((r) => [r.grade, Number(r.n)]));
  const payouts = await db.selectFrom('complaint_payouts')
    .where('tenant_id', '=', actor.tenantId).where('approved_at', '>=', start).where('approved_at', '<', end)
    .select(sql<number>`coalesce(sum(amount_fen), 0)::bigint`.as('fen')).executeTakeFirstOrThrow();
  const penalties = await db.selectFrom('complaint_penalties')
    .where('tenant_id', '=', actor.tenantId).where('created_at', '>=', start).where('created_at', '<', end)
    .select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const rate = satisfactionRate(stats);
  return Object.assign(
    {
      from: start.toISOString(), to: end.toISOString(),
      received: received.reduce((sum, r) => sum + Number(r.n), 0), receivedByGrade,
      stillOpen: received.reduce((sum, r) => sum + Number(r.open), 0),
      payoutsApprovedFen: Number(payouts.fen), penalties: Number(penalties.n),
    },
    stats,
    { satisfactionRate: rate, target: SATISFACTION_TARGET, meetsTarget: rate === null ? null : rate >= SATISFACTION_TARGET, byGrade, byCategory },
  );
}
