// Document lending register (seed 002 借出单): a request, a manager's approval, lending out, the return; overdue list.
import { sql, type Kysely, type Updateable } from 'kysely';
import type { z } from 'zod';
import type { Lending, LendingAction, LendingRequest, LendingStatus, lendingListQuerySchema, lendingReturnSchema } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { LendingRecordsTable } from '../../db/schema/contracts.js';
import { can, type Actor } from '../../lib/actor.js';
import { AppError, notFound, ruleViolation, versionConflict } from '../../lib/app-error.js';
import { now, toIso, toIsoRequired } from '../../lib/clock.js';
import { writeAudit } from '../audit/audit.service.js';
import { dateText, tenantToday } from './contracts.repo.js';
import { assertCan, canReadLending } from './contracts.policy.js';
import { daysLendingOverdue, isLendingOverdue, isSelfApproval, nextLendingStatus } from './lending.rules.js';

type Ctx = { db: Kysely<DB>; actor: Actor };
const nullableDate = (column: string) => sql<string | null>`${sql.ref(column)}::text`;

function selectLending(db: Kysely<DB>, tenantId: number) {
  return db
    .selectFrom('lending_records as l')
    .innerJoin('users as b', (j) => j.onRef('b.tenant_id', '=', 'l.tenant_id').onRef('b.id', '=', 'l.borrower_id'))
    .leftJoin('users as rq', (j) => j.onRef('rq.tenant_id', '=', 'l.tenant_id').onRef('rq.id', '=', 'l.requested_by'))
    .leftJoin('users as d', (j) => j.onRef('d.tenant_id', '=', 'l.tenant_id').onRef('d.id', '=', 'l.decided_by'))
    .where('l.tenant_id', '=', tenantId)
    .select([
      'l.id', 'l.document_title', 'l.document_no', 'l.borrower_id', 'b.display_name as borrower_name', 'l.purpose', 'l.status', 'l.requested_by',
      'rq.display_name as requester_name', 'l.requested_at', 'l.decided_by', 'd.display_name as decider_name', 'l.decided_at', 'l.reject_reason',
      'l.return_condition', 'l.return_note', 'l.version',
    ])
    .select([dateText('l.expected_return_date').as('expected_return_date'), nullableDate('l.lent_on').as('lent_on'), nullableDate('l.returned_on').as('returned_on')]);
}
type LendingRow = Awaited<ReturnType<ReturnType<typeof selectLending>['executeTakeFirstOrThrow']>>;
const ref = (id: number | null, name: string | null) => (id && name ? { id, name } : null);

function present(r: LendingRow, today: string): Lending {
  const timing = { status: r.status as LendingStatus, expectedReturnDate: r.expected_return_date };
  return {
    id: r.id, documentTitle: r.document_title, documentNo: r.document_no, borrower: { id: r.borrower_id, name: r.borrower_name }, purpose: r.purpose,
    expectedReturnDate: r.expected_return_date, status: timing.status, overdue: isLendingOverdue(timing, today), daysOverdue: daysLendingOverdue(timing, today),
    requestedBy: ref(r.requested_by, r.requester_name), requestedAt: toIsoRequired(r.requested_at), decidedBy: ref(r.decided_by, r.decider_name),
    decidedAt: toIso(r.decided_at), rejectReason: r.reject_reason, lentOn: r.lent_on, returnedOn: r.returned_on,
    returnCondition: r.return_condition as Lending['returnCondition'], returnNote: r.return_note, version: r.version,
  };
}

export async function getLending({ db, actor, id }: Ctx & { id: number }): Promise<Lending> {
  assertCan(canReadLending(actor));
  const row = await selectLending(db, actor.tenantId).where('l.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('lending');
  return present(row, await tenantToday(db, actor.tenantId));
}

export async function listLending({ db, actor, query }: Ctx & { query: z.infer<typeof lendingListQuerySchema> }) {
  assertCan(canReadLending(actor));
  const today = await tenantToday(db, actor.tenantId);
  let q = selectLending(db, actor.tenantId);
  if (query.status) q = q.where('l.status', '=', query.status);
  if (query.overdue === 'true') q = q.where('l.status', '=', 'lent').where('l.expected_return_date', '<', today);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb('l.document_title', 'ilike', like), eb('l.document_no', 'ilike', like), eb('b.display_name', 'ilike', like)]));
  }
  const ordered = query.overdue === 'true' ? q.orderBy('l.expected_return_date').orderBy('l.id') : q.orderBy('l.id', 'desc');
  const [rows, count] = await Promise.all([
    ordered.limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => present(r, today)), total: Number(count.n), totalCapped: false, page: query.page, pageSize: query.pageSize };
}

export async function requestLending({ db, actor, input }: Ctx & { input: LendingRequest }): Promise<Lending> {
  assertCan(can(actor, 'lending.manage'));
  const today = await tenantToday(db, actor.tenantId);
  if (input.expectedReturnDate < today) throw ruleViolation('lending_expected_before_today');
  const id = await db.transaction().execute(async (trx) => {
    const borrower = await trx.selectFrom('users').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', input.borrowerId).where('active', '=', true).executeTakeFirst();
    if (!borrower) throw ruleViolation('lending_unknown_borrower');
    const row = await trx
      .insertInto('lending_records')
      .values({
        tenant_id: actor.tenantId, document_title: input.documentTitle, document_no: input.documentNo, borrower_id: input.borrowerId, purpose: input.purpose,
        expected_return_date: input.expectedReturnDate, status: 'requested', requested_by: actor.userId || null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'lending.requested', entity: 'lending', entityId: row.id, detail: { documentTitle: input.documentTitle, borrowerId: input.borrowerId, expectedReturnDate: input.expectedReturnDate } });
    return row.id;
  });
  return getLending({ db, actor, id });
}

type ActionInput =
  | { action: 'approve' | 'cancel' }
  | { action: 'reject'; reason: string }
  | { action: 'lend'; lentOn?: string }
  | ({ action: 'return' } & Omit<z.infer<typeof lendingReturnSchema>, 'version'>);

/** One step of the slip's life: approve / reject need lending.approve, the rest lending.manage. */
export async function actOnLending({ db, actor, id, version, input }: Ctx & { id: number; version: number; input: ActionInput }): Promise<Lending> {
  const action: LendingAction = input.action;
  assertCan(can(actor, action === 'approve' || action === 'reject' ? 'lending.approve' : 'lending.manage'));
  const today = await tenantToday(db, actor.tenantId);
  await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('lending_records')
      .select(['id', 'status', 'version', 'borrower_id', 'requested_by', nullableDate('lent_on').as('lent_on')])
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound('lending');
    if (current.version !== version) throw versionConflict();
    const from = current.status as LendingStatus;
    const to = nextLendingStatus(from, action);
    if (!to) throw new AppError('CONFLICT', { detail: 'lending_bad_transition', from: `lending_status_${from}`, action: `lending_action_${action}` });
    const base = { status: to, updated_at: now(), version: current.version + 1 };
    let set: Updateable<LendingRecordsTable>;
    switch (input.action) {
      case 'approve':
      case 'reject':
        if (isSelfApproval({ requestedBy: current.requested_by, borrowerId: current.borrower_id }, actor.userId)) throw ruleViolation('lending_self_approval');
        set = { decided_by: actor.userId || null, decided_at: now(), reject_reason: input.action === 'reject' ? input.reason : null, ...base };
        break;
      case 'lend':
        set = { lent_on: input.lentOn ?? today, lent_by: actor.userId || null, ...base };
        break;
      case 'return':
        if (current.lent_on && input.returnedOn < current.lent_on) throw ruleViolation('lending_return_before_lent', { date: current.lent_on });
        set = { returned_on: input.returnedOn, return_condition: input.condition, return_note: input.note, returned_by: actor.userId || null, ...base };
        break;
      case 'cancel':
        set = base;
        break;
      default: {
        const unreachable: never = input;
        throw unreachable;
      }
    }
    await trx.updateTable('lending_records').set(set).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    const { action: _a, ...detail } = input;
    await writeAudit(trx, actor, { action: `lending.${to}`, entity: 'lending', entityId: id, detail: { from, ...detail } });
  });
  return getLending({ db, actor, id });
}
