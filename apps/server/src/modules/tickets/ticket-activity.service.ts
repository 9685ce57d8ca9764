import { createHash, randomUUID } from 'node:crypto';
import { mkdir, writeFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import { LINK_KINDS, type Attachment, type Note, type Ticket, type TicketDetail, type TicketEvent, type TicketStatus } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../lib/actor.js';
import { AppError, invalid, notFound } from '../../lib/app-error.js';
import { toIso, toIsoRequired } from '../../lib/clock.js';
import { writeAudit } from '../audit/audit.service.js';
import { decryptOrNull } from '../pii/pii-fields.js';
import { reindexTicket } from './ticket-search.js';
import { assertCanReadTicket, assertCanUpdateTicket, canRevealTicketContact } from './tickets.policy.js';
import { changeTicket, getTicket } from './tickets.service.js';
import { applySlaEvents } from '../sla/ticket-sla.service.js';

type Ctx = { db: Kysely<DB>; actor: Actor };
type LinkKind = (typeof LINK_KINDS)[number];

const INVERSE: Record<LinkKind, LinkKind> = { related: 'related', duplicate: 'duplicate', parent: 'child', child: 'parent' };

async function visibleTicket(db: Kysely<DB>, actor: Actor, id: number) {
  const row = await db.selectFrom('tickets').select(['id', 'number', 'responsible_id', 'assignee_id', 'created_by', 'merged_into_id', 'status']).where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
  assertCanReadTicket(actor, row);
  return row!;
}

/**
 * The full contact number of an order, for roles that may see personal data and for the agent who must
 * call the customer (responsible or assignee of an open order); every reveal is audit-logged.
 */
export async function revealTicketContact({ db, actor, id }: Ctx & { id: number }): Promise<{ contactPhone: string | null }> {
  const ticket = await visibleTicket(db, actor, id);
  if (!canRevealTicketContact(actor, ticket)) throw new AppError('FORBIDDEN');
  const row = await db.selectFrom('tickets').select(['contact_phone', 'contact_phone_enc']).where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirstOrThrow();
  await writeAudit(db, actor, { action: 'ticket.contact_revealed', entity: 'ticket', entityId: id, detail: { number: ticket.number } });
  // Decrypted here; a row not encrypted yet (before the start-up backfill) still holds the number readable.
  return { contactPhone: decryptOrNull(row.contact_phone_enc) ?? row.contact_phone };
}

export async function addNote({ db, actor, id, body, internal }: Ctx & { id: number; body: string; internal: boolean }): Promise<Note> {
  return db.transaction().execute(async (trx) => {
    const ticket = await visibleTicket(trx, actor, id);
    assertCanUpdateTicket(actor, ticket);
    const note = await trx
      .insertInto('ticket_notes')
      .values({ tenant_id: actor.tenantId, ticket_id: id, author_id: actor.userId || null, body, internal })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await trx.updateTable('tickets').set({ updated_at: note.created_at }).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'ticket.note_added', entity: 'ticket', entityId: id, detail: { noteId: note.id, internal, excerpt: body.slice(0, 200) } });
    // A public note is the customer's reply: it meets the first-reply target and counts as a progress update.
    if (!internal) await applySlaEvents(trx, actor, id, [{ kind: 'reply' }]);
    await reindexTicket(trx, actor.tenantId, id);
    return { id: note.id, body, internal, author: actor.userId ? { id: actor.userId, name: actor.displayName } : null, createdAt: toIsoRequired(note.created_at) };
  });
}

function safeFilename(name: string): string {
  const cleaned = name.replace(/[\\/\0\r\n"]/g, '_').trim();
  return (cleaned || 'file').slice(0, 200);
}

export async function addAttachment({ db, actor, id, filesDir, filename, mimeType, content }: Ctx & { id: number; filesDir: string; filename: string; mimeType: string; content: Buffer }): Promise<Attachment> {
  if (content.length === 0) throw invalid('file');
  const ticket = await visibleTicket(db, actor, id);
  assertCanUpdateTicket(actor, ticket);
  const storageKey = join(String(actor.tenantId), new Date().toISOString().slice(0, 7), randomUUID());
  const path = join(filesDir, storageKey);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('ticket_attachments')
        .values({
          tenant_id: actor.tenantId, ticket_id: id, filename: safeFilename(filename), mime_type: mimeType || 'application/octet-stream',
          size: content.length, storage_key: storageKey, sha256: createHash('sha256').update(content).digest('hex'), uploaded_by: actor.userId || null,
        })
        .returning(['id', 'filename', 'mime_type', 'size', 'created_at'])
        .executeTakeFirstOrThrow();
      await writeAudit(trx, actor, { action: 'ticket.attachment_added', entity: 'ticket', entityId: id, detail: { attachmentId: row.id, filename: row.filename, size: row.size } });
      return { id: row.id, filename: row.filename, mimeType: row.mime_type, size: Number(row.size), uploadedBy: actor.userId ? { id: actor.userId, name: actor.displayName } : null, createdAt: toIsoRequired(row.created_at) };
    });
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
}

export async function findAttachment({ db, actor, attachmentId, filesDir }: Ctx & { attachmentId: number; filesDir: string }) {
  const row = await db.selectFrom('ticket_attachments').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', attachmentId).executeTakeFirst();
  if (!row) throw notFound('attachment');
  await visibleTicket(db, actor, row.ticket_id);
  return { path: join(filesDir, row.storage_key), filename: row.filename, mimeType: row.mime_type, size: Number(row.size) };
}

/**
 * Removes an attachment (permission tickets.delete_attachment): the row and its audit entry commit together; the
 * file goes after the commit, so a failed commit never loses the file.
 */
export async function deleteAttachment({ db, actor, attachmentId, filesDir }: Ctx & { attachmentId: number; filesDir: string }): Promise<void> {
  const storageKey = await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('ticket_attachments').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', attachmentId).forUpdate().executeTakeFirst();
    if (!row) throw notFound('attachment');
    await visibleTicket(trx, actor, row.ticket_id);
    if (!can(actor, 'tickets.delete_attachment')) throw new AppError('FORBIDDEN');
    await trx.deleteFrom('ticket_attachments').where('tenant_id', '=', actor.tenantId).where('id', '=', attachmentId).execute();
    await writeAudit(trx, actor, { action: 'ticket.attachment_deleted', entity: 'ticket', entityId: row.ticket_id, detail: { attachmentId, filename: row.filename, size: Number(row.size), sha256: row.sha256 } });
    return row.storage_key;
  });
  await rm(join(filesDir, storageKey), { force: true });
}

/** Folds duplicates into the target: each source is closed, points at the target, and its tags carry over. */
export async function mergeTickets({ db, actor, id, sourceIds }: Ctx & { id: number; sourceIds: number[] }): Promise<Ticket> {
  if (!can(actor, 'tickets.merge')) throw new AppError('FORBIDDEN');
  const sources = [...new Set(sourceIds)].filter((s) => s !== id);
  if (sources.length === 0) throw invalid('sourceIds');
  return changeTicket({ db, actor, id }, async (trx, target) => {
    const rows = await trx.selectFrom('tickets').selectAll().where('tenant_id', '=', actor.tenantId).where('id', 'in', sources).forUpdate().execute();
    if (rows.length !== sources.length) throw notFound('ticket');
    const at = new Date();
    for (const source of rows) {
      if (source.merged_into_id !== null) throw new AppError('CONFLICT', { detail: 'ticket_merged' }, { number: source.number });
      await trx
        .updateTable('tickets')
        .set({ merged_into_id: id, status: 'closed', closed_at: at, resolved_at: source.resolved_at ?? at, callback_pending: false, updated_at: at, version: source.version + 1 })
        .where('tenant_id', '=', actor.tenantId)
        .where('id', '=', source.id)
        .execute();
      await trx.insertInto('ticket_links').values([
        { tenant_id: actor.tenantId, ticket_id: id, other_id: source.id, kind: 'duplicate', created_by: actor.userId || null },
        { tenant_id: actor.tenantId, ticket_id: source.id, other_id: id, kind: 'duplicate', created_by: actor.userId || null },
      ]).onConflict((oc) => oc.doNothing()).execute();
      await writeAudit(trx, actor, { action: 'ticket.merged_into', entity: 'ticket', entityId: source.id, detail: { targetId: id, targetNumber: target.number } });
      // The duplicate's SLA clock stops with it; the target's clock carries on.
      await applySlaEvents(trx, actor, source.id, [{ kind: 'status', from: source.status as TicketStatus, to: 'closed' }], at);
    }
    const tags = [...new Set([...target.tags, ...rows.flatMap((r) => r.tags)])].slice(0, 20);
    return { set: { tags }, audit: [{ action: 'ticket.merged', detail: { sources: rows.map((r) => ({ id: r.id, number: r.number })) } }] };
  });
}

export async function linkTickets({ db, actor, id, otherId, kind }: Ctx & { id: number; otherId: number; kind: LinkKind }) {
  if (id === otherId) throw invalid('otherId');
  await db.transaction().execute(async (trx) => {
    const ticket = await visibleTicket(trx, actor, id);
    assertCanUpdateTicket(actor, ticket);
    await visibleTicket(trx, actor, otherId);
    await trx
      .insertInto('ticket_links')
      .values([
        { tenant_id: actor.tenantId, ticket_id: id, other_id: otherId, kind, created_by: actor.userId || null },
        { tenant_id: actor.tenantId, ticket_id: otherId, other_id: id, kind: INVERSE[kind], created_by: actor.userId || null },
      ])
      .onConflict((oc) => oc.columns(['tenant_id', 'ticket_id', 'other_id']).doUpdateSet((eb) => ({ kind: eb.ref('excluded.kind') })))
      .execute();
    await writeAudit(trx, actor, { action: 'ticket.linked', entity: 'ticket', entityId: id, detail: { otherId, kind } });
  });
}

export async function unlinkTickets({ db, actor, id, otherId }: Ctx & { id: number; otherId: number }) {
  await db.transaction().execute(async (trx) => {
    const ticket = await visibleTicket(trx, actor, id);
    assertCanUpdateTicket(actor, ticket);
    const removed = await trx
      .deleteFrom('ticket_links')
      .where('tenant_id', '=', actor.tenantId)
      .where((eb) => eb.or([eb.and([eb('ticket_id', '=', id), eb('other_id', '=', otherId)]), eb.and([eb('ticket_id', '=', otherId), eb('other_id', '=', id)])]))
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw notFound('record');
    await writeAudit(trx, actor, { action: 'ticket.unlinked', entity: 'ticket', entityId: id, detail: { otherId } });
  });
}

/** The order's full history, read from the audit log (every change writes there in its own transaction). */
export async function listTicketEvents({ db, actor, id }: Ctx & { id: number }): Promise<TicketEvent[]> {
  await visibleTicket(db, actor, id);
  const rows = await db
    .selectFrom('audit_log as l')
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'l.tenant_id').onRef('u.id', '=', 'l.actor_id'))
    .select(['l.id', 'l.action', 'l.detail', 'l.at', 'l.actor_id', 'u.display_name'])
    .where('l.tenant_id', '=', actor.tenantId)
    .where('l.entity', '=', 'ticket')
    .where('l.entity_id', '=', id)
    .orderBy('l.id')
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.action.replace(/^ticket\./, ''),
    actor: r.actor_id ? { id: r.actor_id, name: r.display_name ?? '' } : null,
    data: r.detail,
    at: toIsoRequired(r.at),
  }));
}

export async function getTicketDetail({ db, actor, id }: Ctx & { id: number }): Promise<TicketDetail> {
  const ticket = await getTicket({ db, actor, id });
  const t = actor.tenantId;
  const [notes, attachments, links, transfers, mergedFrom] = await Promise.all([
    db.selectFrom('ticket_notes as n').leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'n.tenant_id').onRef('u.id', '=', 'n.author_id'))
      .select(['n.id', 'n.body', 'n.internal', 'n.created_at', 'n.author_id', 'u.display_name']).where('n.tenant_id', '=', t).where('n.ticket_id', '=', id).orderBy('n.id').execute(),
    db.selectFrom('ticket_attachments as a').leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'a.tenant_id').onRef('u.id', '=', 'a.uploaded_by'))
      .select(['a.id', 'a.filename', 'a.mime_type', 'a.size', 'a.created_at', 'a.uploaded_by', 'u.display_name']).where('a.tenant_id', '=', t).where('a.ticket_id', '=', id).orderBy('a.id').execute(),
    db.selectFrom('ticket_links as l').innerJoin('tickets as o', (j) => j.onRef('o.tenant_id', '=', 'l.tenant_id').onRef('o.id', '=', 'l.other_id'))
      .select(['l.kind', 'o.id', 'o.number', 'o.subject', 'o.status']).where('l.tenant_id', '=', t).where('l.ticket_id', '=', id).orderBy('o.id').execute(),
    db.selectFrom('ticket_transfers as x').innerJoin('departments as d', (j) => j.onRef('d.tenant_id', '=', 'x.tenant_id').onRef('d.id', '=', 'x.department_id'))
      .select(['x.id', 'x.request', 'x.due_at', 'x.answer', 'x.answered_at', 'x.answered_by', 'x.created_at', 'd.id as department_id', 'd.name as department_name'])
      .where('x.tenant_id', '=', t).where('x.ticket_id', '=', id).orderBy('x.id').execute(),
    db.selectFrom('tickets').select(['id', 'number']).where('tenant_id', '=', t).where('merged_into_id', '=', id).orderBy('id').execute(),
  ]);
  return Object.assign({}, ticket, {
    notes: notes.map((n) => ({ id: n.id, body: n.body, internal: n.internal, author: n.author_id ? { id: n.author_id, name: n.display_name ?? '' } : null, createdAt: toIsoRequired(n.created_at) })),
    attachments: attachments.map((a) => ({ id: a.id, filename: a.filename, mimeType: a.mime_type, size: Number(a.size), uploadedBy: a.uploaded_by ? { id: a.uploaded_by, name: a.display_name ?? '' } : null, createdAt: toIsoRequired(a.created_at) })),
    links: links.map((l) => ({ kind: l.kind as LinkKind, ticket: { id: l.id, number: l.number, subject: l.subject, status: l.status as Ticket['status'] } })),
    transfers: transfers.map((x) => ({
      id: x.id, department: { id: x.department_id, name: x.department_name }, request: x.request, dueAt: toIsoRequired(x.due_at),
      answer: x.answer, answeredAt: toIso(x.answered_at), answeredBy: x.answered_by, createdAt: toIsoRequired(x.created_at),
    })),
    mergedFrom,
  });
}
