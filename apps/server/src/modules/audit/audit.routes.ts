import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditPageSchema, auditQuerySchema } from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { listAudit } from './audit.service.js';

export const auditRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db }) => {
  app.get('/audit', {
    schema: { tags: ['audit'], summary: 'Audit log: every change and every reveal of personal data (manager)', querystring: auditQuerySchema, response: { 200: auditPageSchema } },
  }, async (request) => listAudit({ db, actor: actorOf(request), query: request.query }));
};
