import { createReadStream } from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  attachmentSchema, idParamSchema, idSchema, noteCreateSchema, noteSchema, okSchema, ticketAssignSchema, ticketCallbackDoneSchema,
  processChecklistSchema, processStepCompleteSchema, ticketLinkCreateSchema, ticketMergeSchema, ticketSchema, ticketTransferAnswerSchema, ticketTransferSchema,
} from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { invalid } from '../../lib/app-error.js';
import { addAttachment, addNote, deleteAttachment, findAttachment, linkTickets, mergeTickets, revealTicketContact, unlinkTickets } from './ticket-activity.service.js';
import { answerTransfer, assignTicket, completeProcessStep, recordCallback, setProcessChecklist, transferTicket } from './ticket-workflow.service.js';
import { updateTicket } from './tickets.service.js';

const tags = ['tickets'];
const ticketOut = { 200: ticketSchema };

export const ticketActionRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db, config }) => {
  app.post('/tickets/:id/assign', {
    schema: { tags, summary: 'Assign to a user, or through a skill group (round-robin / least-loaded)', params: idParamSchema, body: ticketAssignSchema, response: ticketOut },
  }, async (request) => assignTicket({ db, actor: actorOf(request), id: request.params.id, input: request.body }));

  app.post('/tickets/:id/transfer', {
    schema: { tags, summary: 'Transfer to another department with a due time', params: idParamSchema, body: ticketTransferSchema, response: ticketOut },
  }, async (request) => transferTicket({ db, actor: actorOf(request), id: request.params.id, input: request.body }));

  app.post('/tickets/:id/transfers/:transferId/answer', {
    schema: {
      tags, summary: "Record the department's answer; the responsible agent gets the call-back duty",
      params: z.object({ id: idSchema, transferId: idSchema }), body: ticketTransferAnswerSchema, response: ticketOut,
    },
  }, async (request) => answerTransfer({ db, actor: actorOf(request), id: request.params.id, transferId: request.params.transferId, answer: request.body.answer }));

  app.post('/tickets/:id/callback', {
    schema: { tags, summary: 'Record the result of calling the customer back', params: idParamSchema, body: ticketCallbackDoneSchema, response: ticketOut },
  }, async (request) => recordCallback({ db, actor: actorOf(request), id: request.params.id, input: request.body }));

  app.post('/tickets/:id/reopen', {
    schema: { tags, summary: 'Reopen a resolved or closed work order', params: idParamSchema, body: z.object({ version: z.number().int().min(1), reason: z.string().trim().min(1).max(500) }), response: ticketOut },
  }, async (request) =>
    updateTicket({ db, actor: actorOf(request), id: request.params.id, input: { version: request.body.version, status: 'in_progress', statusReason: request.body.reason } }),
  );

  app.post('/tickets/:id/process/:stepKey/checklist', {
    schema: { tags, summary: 'Tick or untick a checklist item of the current process step', params: z.object({ id: idSchema, stepKey: z.string().max(40) }), body: processChecklistSchema, response: ticketOut },
  }, async (request) =>
    setProcessChecklist({ db, actor: actorOf(request), id: request.params.id, stepKey: request.params.stepKey, itemKey: request.body.itemKey, checked: request.body.checked, version: request.body.version }),
  );

  app.post('/tickets/:id/process/:stepKey/complete', {
    schema: { tags, summary: 'Complete the current process step (checklist done) and start the next', params: z.object({ id: idSchema, stepKey: z.string().max(40) }), body: processStepCompleteSchema, response: ticketOut },
  }, async (request) =>
    completeProcessStep({ db, actor: actorOf(request), id: request.params.id, stepKey: request.params.stepKey, version: request.body.version, note: request.body.note }),
  );

  app.post('/tickets/:id/reveal-contact', {
    schema: { tags, summary: 'Reveal the full contact number (permission customers.reveal_pii; audit-logged)', params: idParamSchema, response: { 200: z.object({ contactPhone: z.string().nullable() }) } },
  }, async (request) => revealTicketContact({ db, actor: actorOf(request), id: request.params.id }));

  app.post('/tickets/:id/notes', {
    schema: { tags, summary: 'Add a note (internal by default)', params: idParamSchema, body: noteCreateSchema, response: { 201: noteSchema } },
  }, async (request, reply) => {
    const note = await addNote({ db, actor: actorOf(request), id: request.params.id, body: request.body.body, internal: request.body.internal });
    return reply.status(201).send(note);
  });

  app.post('/tickets/:id/attachments', {
    schema: { tags, summary: 'Upload an attachment (multipart field "file", up to 20 MB)', params: idParamSchema, consumes: ['multipart/form-data'], response: { 201: attachmentSchema } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    if (!request.isMultipart()) throw invalid('file');
    const file = await request.file();
    if (!file) throw invalid('file');
    const content = await file.toBuffer();
    const attachment = await addAttachment({ db, actor, id: request.params.id, filesDir: config.filesDir, filename: file.filename, mimeType: file.mimetype, content });
    return reply.status(201).send(attachment);
  });

  app.get('/attachments/:id/download', {
    schema: { tags, summary: 'Download an attachment', params: idParamSchema },
  }, async (request, reply) => {
    const file = await findAttachment({ db, actor: actorOf(request), attachmentId: request.params.id, filesDir: config.filesDir });
    reply.header('content-type', file.mimeType);
    reply.header('content-length', file.size);
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
    return reply.send(createReadStream(file.path));
  });

  app.delete('/attachments/:id', {
    schema: { tags, summary: 'Delete an attachment (permission tickets.delete_attachment; audit-logged)', params: idParamSchema, response: { 200: okSchema } },
  }, async (request) => {
    await deleteAttachment({ db, actor: actorOf(request), attachmentId: request.params.id, filesDir: config.filesDir });
    return { ok: true as const };
  });

  app.post('/tickets/:id/merge', {
    schema: { tags, summary: 'Merge duplicates into this work order', params: idParamSchema, body: ticketMergeSchema, response: ticketOut },
  }, async (request) => mergeTickets({ db, actor: actorOf(request), id: request.params.id, sourceIds: request.body.sourceIds }));

  app.post('/tickets/:id/links', {
    schema: { tags, summary: 'Link a related work order', params: idParamSchema, body: ticketLinkCreateSchema, response: { 200: okSchema } },
  }, async (request) => {
    await linkTickets({ db, actor: actorOf(request), id: request.params.id, otherId: request.body.otherId, kind: request.body.kind });
    return { ok: true as const };
  });

  app.delete('/tickets/:id/links/:otherId', {
    schema: { tags, summary: 'Remove a link', params: z.object({ id: idSchema, otherId: idSchema }), response: { 200: okSchema } },
  }, async (request) => {
    await unlinkTickets({ db, actor: actorOf(request), id: request.params.id, otherId: request.params.otherId });
    return { ok: true as const };
  });
};
