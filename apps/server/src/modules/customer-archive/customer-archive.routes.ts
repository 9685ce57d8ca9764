import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  contactInputSchema, contactSchema, duplicatesQuerySchema, duplicatesSchema, idParamSchema, mergeInputSchema, mergeResultSchema, timelinePageSchema, timelineQuerySchema,
} from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { addContact } from './contacts.service.js';
import { findDuplicates, mergeCustomers } from './merge.service.js';
import { getTimeline } from './timeline.service.js';

const tags = ['customers'];

export const customerArchiveRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db }) => {
  app.get('/customers/:id/timeline', {
    schema: {
      tags, summary: "The customer's timeline: work orders, complaints, calls, follow-ups, purchases, contracts, callbacks, surveys and contact notes, newest first; `before` is the previous page's nextCursor",
      params: idParamSchema, querystring: timelineQuerySchema, response: { 200: timelinePageSchema },
    },
  }, async (request) => getTimeline({ db, actor: actorOf(request), customerId: request.params.id, query: request.query }));

  app.post('/customers/:id/contacts', {
    schema: { tags, summary: 'Record a contact outside the PBX (a visit, a mobile call, a WeChat message…)', params: idParamSchema, body: contactInputSchema, response: { 201: contactSchema } },
  }, async (request, reply) => reply.status(201).send(await addContact({ db, actor: actorOf(request), customerId: request.params.id, input: request.body })));

  app.get('/customers/duplicates', {
    schema: { tags, summary: 'Candidate duplicates: the same phone number, or the same name in the same organization (customers.write + customers.import)', querystring: duplicatesQuerySchema, response: { 200: duplicatesSchema } },
  }, async (request) => findDuplicates({ db, actor: actorOf(request), customerId: request.query.customerId, limit: request.query.limit }));

  app.post('/customers/:id/merge', {
    schema: {
      tags, summary: 'Merge customer `sourceId` into this one: every record moves here in one transaction and the source answers 404 with details.mergedIntoId from then on; `version` (and `sourceVersion` when given) must match',
      params: idParamSchema, body: mergeInputSchema, response: { 200: mergeResultSchema },
    },
  }, async (request) => mergeCustomers({ db, actor: actorOf(request), targetId: request.params.id, input: request.body }));
};
