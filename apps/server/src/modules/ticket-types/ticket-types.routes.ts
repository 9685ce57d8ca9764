import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamSchema, ticketTypeInputSchema, ticketTypeSchema, ticketTypeUpdateSchema } from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { createTicketType, listTicketTypes, updateTicketType } from './ticket-types.service.js';

const tags = ['ticket types'];

export const ticketTypesRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db }) => {
  app.get('/ticket-types', { schema: { tags, summary: 'Work-order types with their custom fields', response: { 200: z.object({ items: z.array(ticketTypeSchema) }) } } }, async (request) => ({
    items: await listTicketTypes({ db, actor: actorOf(request) }),
  }));
  app.post('/ticket-types', { schema: { tags, summary: 'Create a custom work-order type', body: ticketTypeInputSchema, response: { 201: ticketTypeSchema } } }, async (request, reply) =>
    reply.status(201).send(await createTicketType({ db, actor: actorOf(request), input: request.body })),
  );
  app.patch('/ticket-types/:id', {
    schema: { tags, summary: 'Change a work-order type', params: idParamSchema, body: ticketTypeUpdateSchema, response: { 200: ticketTypeSchema } },
  }, async (request) => updateTicketType({ db, actor: actorOf(request), id: request.params.id, input: request.body }));
};
