import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffingQuerySchema, staffingResultSchema } from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { computeStaffing } from './staffing.js';
import { assertCanPlanStaffing } from './workforce.policy.js';

const tags = ['workforce'];

export const workforceRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app) => {
  app.get(
    '/workforce/staffing',
    {
      schema: {
        tags,
        summary: 'Agents needed for one interval (Erlang C; Erlang A with patience), or the figures of a given staffing',
        description: 'Without `agents`: the smallest number of agents meeting `targetSl` within `targetT` seconds (default 90 % in 15 s) and `maxOccupancy`. With `agents`: that staffing evaluated. `patience` (seconds) switches to Erlang A and adds `pAbandon`.',
        querystring: staffingQuerySchema,
        response: { 200: staffingResultSchema },
      },
    },
    async (request) => {
      assertCanPlanStaffing(actorOf(request));
      return computeStaffing(request.query);
    },
  );
};
