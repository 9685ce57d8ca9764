import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  backlogQuerySchema, backlogSchema, bulkResultSchema, idParamSchema, ticketBulkAssignSchema, ticketCreateSchema,
  ticketDetailSchema, ticketEventSchema, ticketListQuerySchema, ticketPageSchema, ticketSchema, ticketUpdateSchema,
} from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { ticketActionRoutes } from './ticket-actions.routes.js';
import { getTicketDetail, listTicketEvents } from './ticket-activity.service.js';
import { getBacklog } from './ticket-backlog.service.js';
import { bulkAssignTickets } from './ticket-workflow.service.js';
import { createTicket, listTickets, updateTicket } from './tickets.service.js';

const tags = ['tickets'];

export const ticketsRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { db } = deps;
  app.get('/tickets', {
    schema: { tags, summary: 'List work orders (filters, sort, Chinese full-text search with q)', querystring: ticketListQuerySchema, response: { 200: ticketPageSchema } },
  }, async (request) => listTickets({ db, actor: actorOf(request), query: request.query }));

  app.post('/tickets', {
    schema: { tags, summary: 'Create a work order; {type, subject, description} suffice', body: ticketCreateSchema, response: { 201: ticketSchema } },
  }, async (request, reply) => {
    const ticket = await createTicket({ db, actor: actorOf(request), input: request.body });
    return reply.status(201).send(ticket);
  });

  app.get('/tickets/backlog', {
    schema: { tags, summary: 'Open work by age, grouped by assignee, team, type or skill group', querystring: backlogQuerySchema, response: { 200: backlogSchema } },
  }, async (request) => getBacklog({ db, actor: actorOf(request), groupBy: request.query.groupBy }));

  app.post('/tickets/bulk-assign', {
    schema: { tags, summary: 'Reassign many work orders at once', body: ticketBulkAssignSchema, response: { 200: bulkResultSchema } },
  }, async (request) => bulkAssignTickets({ db, actor: actorOf(request), input: request.body }));

  app.get('/tickets/:id', {
    schema: { tags, summary: 'A work order with notes, attachments, links and transfers', params: idParamSchema, response: { 200: ticketDetailSchema } },
  }, async (request) => getTicketDetail({ db, actor: actorOf(request), id: request.params.id }));

  app.patch('/tickets/:id', {
    schema: { tags, summary: 'Change fields or status; `version` must be the one you read (409 otherwise)', params: idParamSchema, body: ticketUpdateSchema, response: { 200: ticketSchema } },
  }, async (request) => updateTicket({ db, actor: actorOf(request), id: request.params.id, input: request.body }));

  app.get('/tickets/:id/events', {
    schema: { tags, summary: 'Full history of a work order', params: idParamSchema, response: { 200: z.object({ items: z.array(ticketEventSchema) }) } },
  }, async (request) => ({ items: await listTicketEvents({ db, actor: actorOf(request), id: request.params.id }) }));

  await app.register(ticketActionRoutes, deps);
};
