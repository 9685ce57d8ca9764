import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamSchema, userCreateSchema, userSchema, userUpdateSchema } from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { createUser, getUser, listUsers, updateUser } from './users.service.js';

const tags = ['admin'];

export const usersRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db }) => {
  app.get('/users', { schema: { tags, summary: 'Users (admin)', response: { 200: z.object({ items: z.array(userSchema) }) } } }, async (request) => ({
    items: await listUsers({ db, actor: actorOf(request) }),
  }));
  app.post('/users', { schema: { tags, summary: 'Create a user', body: userCreateSchema, response: { 201: userSchema } } }, async (request, reply) =>
    reply.status(201).send(await createUser({ db, actor: actorOf(request), input: request.body })),
  );
  app.get('/users/:id', { schema: { tags, summary: 'A user', params: idParamSchema, response: { 200: userSchema } } }, async (request) =>
    getUser({ db, actor: actorOf(request), id: request.params.id }),
  );
  app.patch('/users/:id', { schema: { tags, summary: 'Change a user; `version` must match', params: idParamSchema, body: userUpdateSchema, response: { 200: userSchema } } }, async (request) =>
    updateUser({ db, actor: actorOf(request), id: request.params.id, input: request.body }),
  );
};
