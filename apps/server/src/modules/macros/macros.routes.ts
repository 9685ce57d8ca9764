import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamSchema, macroInputSchema, macroListQuerySchema, macroSchema, macroUpdateSchema } from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { createMacro, listMacros, updateMacro } from './macros.service.js';

const tags = ['macros'];

export const macrosRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db }) => {
  app.get('/macros', { schema: { tags, summary: 'Canned replies of the script library (话术)', querystring: macroListQuerySchema, response: { 200: z.object({ items: z.array(macroSchema) }) } } }, async (request) => ({
    items: await listMacros({ db, actor: actorOf(request), query: request.query }),
  }));
  app.post('/macros', { schema: { tags, summary: 'Add a canned reply', body: macroInputSchema, response: { 201: macroSchema } } }, async (request, reply) =>
    reply.status(201).send(await createMacro({ db, actor: actorOf(request), input: request.body })),
  );
  app.patch('/macros/:id', { schema: { tags, summary: 'Change a canned reply; `version` must match', params: idParamSchema, body: macroUpdateSchema, response: { 200: macroSchema } } }, async (request) =>
    updateMacro({ db, actor: actorOf(request), id: request.params.id, input: request.body }),
  );
};
