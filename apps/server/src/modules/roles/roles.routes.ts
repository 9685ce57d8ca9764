import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamSchema, okSchema, roleInputSchema, roleSchema, roleUpdateSchema } from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { createRole, deleteRole, listRoles, updateRole } from './roles.service.js';

const tags = ['admin'];

export const rolesRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db }) => {
  app.get('/roles', { schema: { tags, summary: 'Roles and their permissions', response: { 200: z.object({ items: z.array(roleSchema) }) } } }, async (request) => ({
    items: await listRoles({ db, actor: actorOf(request) }),
  }));
  app.post('/roles', { schema: { tags, summary: 'Create a custom role', body: roleInputSchema, response: { 201: roleSchema } } }, async (request, reply) =>
    reply.status(201).send(await createRole({ db, actor: actorOf(request), input: request.body })),
  );
  app.patch('/roles/:id', { schema: { tags, summary: 'Change a role', params: idParamSchema, body: roleUpdateSchema, response: { 200: roleSchema } } }, async (request) =>
    updateRole({ db, actor: actorOf(request), id: request.params.id, input: request.body }),
  );
  app.delete('/roles/:id', { schema: { tags, summary: 'Delete an unused custom role', params: idParamSchema, response: { 200: okSchema } } }, async (request) => {
    await deleteRole({ db, actor: actorOf(request), id: request.params.id });
    return { ok: true as const };
  });
};
