import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { archiveVersionSchema, idParamSchema, lendingLendSchema, lendingListQuerySchema, lendingPageSchema, lendingRejectSchema, lendingRequestSchema, lendingReturnSchema, lendingSchema } from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { actOnLending, getLending, listLending, requestLending } from './lending.service.js';

const tags = ['lending'];
const one = { params: idParamSchema, response: { 200: lendingSchema } };

export async function lendingRoutes(parent: FastifyInstance, { db }: RouteDeps) {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.get('/lending', { schema: { tags, summary: 'Document lending register (借出单); overdue=true lists lent slips past their return date', querystring: lendingListQuerySchema, response: { 200: lendingPageSchema } } }, async (request) =>
    listLending({ db, actor: actorOf(request), query: request.query }),
  );
  app.get('/lending/:id', { schema: { tags, summary: 'One lending slip', ...one } }, async (request) => getLending({ db, actor: actorOf(request), id: request.params.id }));
  app.post('/lending', { schema: { tags, summary: 'File a lending request', body: lendingRequestSchema, response: { 201: lendingSchema } } }, async (request, reply) =>
    reply.status(201).send(await requestLending({ db, actor: actorOf(request), input: request.body })),
  );
  app.post('/lending/:id/approve', { schema: { tags, summary: 'Approve (lending.approve)', body: archiveVersionSchema, ...one } }, async (request) =>
    actOnLending({ db, actor: actorOf(request), id: request.params.id, version: request.body.version, input: { action: 'approve' } }),
  );
  app.post('/lending/:id/reject', { schema: { tags, summary: 'Reject with a reason (lending.approve)', body: lendingRejectSchema, ...one } }, async (request) =>
    actOnLending({ db, actor: actorOf(request), id: request.params.id, version: request.body.version, input: { action: 'reject', reason: request.body.reason } }),
  );
  app.post('/lending/:id/lend', { schema: { tags, summary: 'Hand the approved document out', body: lendingLendSchema, ...one } }, async (request) =>
    actOnLending({ db, actor: actorOf(request), id: request.params.id, version: request.body.version, input: { action: 'lend', lentOn: request.body.lentOn } }),
  );
  app.post('/lending/:id/return', { schema: { tags, summary: 'Register the return (date, condition)', body: lendingReturnSchema, ...one } }, async (request) => {
    const { version, ...rest } = request.body;
    return actOnLending({ db, actor: actorOf(request), id: request.params.id, version, input: { action: 'return', ...rest } });
  });
  app.post('/lending/:id/cancel', { schema: { tags, summary: 'Withdraw a request not yet lent', body: archiveVersionSchema, ...one } }, async (request) =>
    actOnLending({ db, actor: actorOf(request), id: request.params.id, version: request.body.version, input: { action: 'cancel' } }),
  );
}
