import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { wallboardSchema } from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { getWallboard } from './wallboard.service.js';

export const wallboardRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db }) => {
  app.get('/wallboard', {
    schema: {
      tags: ['calls'],
      summary: 'Live wallboard: calls waiting, longest wait, service level / connect rate / abandonment over the last 15, 30 and 60 minutes, agents by state. Refetch on the live topic `wallboard.changed`.',
      response: { 200: wallboardSchema },
    },
  }, async (request) => getWallboard({ db, actor: actorOf(request) }));
};
