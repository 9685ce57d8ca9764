import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamSchema, slaPauseRequestSchema, slaPolicyCreateSchema, slaPolicySchema, slaPolicyUpdateSchema, slaResumeRequestSchema, ticketSchema, ticketSlaDetailSchema } from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { createSlaPolicy, listSlaPolicies, updateSlaPolicy } from './sla-policies.service.js';
import { slaReportRoutes } from './sla-report.routes.js';
import { getTicketSla, pauseTicketSla, resumeTicketSla } from './ticket-sla.service.js';

const tags = ['sla'];

export const slaRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { db } = deps;
  await app.register(slaReportRoutes, deps);
  app.get('/sla-policies', { schema: { tags, summary: 'SLA policies (permission sla.manage)', response: { 200: z.object({ items: z.array(slaPolicySchema) }) } } }, async (request) => ({
    items: await listSlaPolicies({ db, actor: actorOf(request) }),
  }));
  app.post('/sla-policies', { schema: { tags, summary: 'Add an SLA policy', body: slaPolicyCreateSchema, response: { 201: slaPolicySchema } } }, async (request, reply) =>
    reply.status(201).send(await createSlaPolicy({ db, actor: actorOf(request), input: request.body })),
  );
  app.patch('/sla-policies/:id', { schema: { tags, summary: 'Change an SLA policy (running clocks keep their targets)', params: idParamSchema, body: slaPolicyUpdateSchema, response: { 200: slaPolicySchema } } }, async (request) =>
    updateSlaPolicy({ db, actor: actorOf(request), id: request.params.id, input: request.body }),
  );
  app.get('/tickets/:id/sla', { schema: { tags, summary: "A work order's SLA clock with its pause log", params: idParamSchema, response: { 200: ticketSlaDetailSchema } } }, async (request) =>
    getTicketSla({ db, actor: actorOf(request), id: request.params.id }),
  );
  app.post('/tickets/:id/sla/pause', { schema: { tags, summary: 'Pause the clock (e.g. customer unreachable: 无人接听 / 用户挂断 → 顺延)', params: idParamSchema, body: slaPauseRequestSchema, response: { 200: ticketSchema } } }, async (request) =>
    pauseTicketSla({ db, actor: actorOf(request), id: request.params.id, reason: request.body.reason, note: request.body.note ?? null }),
  );
  app.post('/tickets/:id/sla/resume', { schema: { tags, summary: 'Resume a paused clock', params: idParamSchema, body: slaResumeRequestSchema, response: { 200: ticketSchema } } }, async (request) =>
    resumeTicketSla({ db, actor: actorOf(request), id: request.params.id, note: request.body.note ?? null }),
  );
};
