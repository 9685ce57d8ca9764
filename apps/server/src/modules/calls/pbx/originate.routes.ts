import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { originateRequestSchema, originateResponseSchema } from '@kefu/shared';
import { actorOf } from '../../../http/auth.js';
import type { RouteDeps } from '../../../http/route-deps.js';
import { originateCall } from './originate.service.js';

export const originateRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db }) => {
  app.post('/calls/originate', {
    schema: {
      tags: ['calls'],
      summary: "Click-to-call: rings the agent's extension, then dials the number (AMI Originate). With ticketId it is the order's call-back task.",
      body: originateRequestSchema,
      response: { 200: originateResponseSchema },
    },
  }, async (request) => originateCall({ db, actor: actorOf(request), input: request.body }));
};
