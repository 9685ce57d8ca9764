import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  churnAlertSchema, churnQuerySchema, customerGradingSchema, customerGradingUpdateSchema, distributionSchema, dueItemSchema, dueListQuerySchema,
  followUpInputSchema, followUpSchema, gradingRulesPutSchema, gradingRulesResponseSchema, idParamSchema, overviewSchema, purchaseInputSchema,
  vipItemSchema, vipRecomputeResultSchema,
} from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { addPurchase, getCustomerGrading, listFollowUps, recordFollowUp, updateCustomerGrading } from './grading-follow-ups.service.js';
import { gradeDistribution, gradingOverview, listDue } from './grading-lists.service.js';
import { getRules, saveRules } from './grading-rules.service.js';
import { listChurnAlerts, listVip, recomputeVipByActor } from './grading-vip.service.js';

const tags = ['grading'];
const base = '/grading';

export const gradingRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db }) => {
  app.get(`${base}/rules`, { schema: { tags, summary: 'Grade rules, follow-up cadence, VIP weights and churn thresholds of the tenant (seed 003 defaults, version 0)', response: { 200: gradingRulesResponseSchema } } }, async (request) =>
    getRules({ db, actor: actorOf(request) }),
  );
  app.put(`${base}/rules`, { schema: { tags, summary: 'Replace the rules (`version` must match) and re-grade every customer (in the background above 20,000 graded customers: `regradeQueued`)', body: gradingRulesPutSchema, response: { 200: gradingRulesResponseSchema.extend({ changed: z.number(), regradeQueued: z.boolean() }) } } }, async (request) =>
    saveRules({ db, actor: actorOf(request), input: request.body }),
  );
  app.get(`${base}/customers/:id`, { schema: { tags, summary: "A customer's grade, axes, owner, next follow-up and history", params: idParamSchema, response: { 200: customerGradingSchema } } }, async (request) =>
    getCustomerGrading({ db, actor: actorOf(request), customerId: request.params.id }),
  );
  app.patch(`${base}/customers/:id`, { schema: { tags, summary: 'Set the owner and the hand-entered VIP factors; `version` 0 creates the record', params: idParamSchema, body: customerGradingUpdateSchema, response: { 200: customerGradingSchema } } }, async (request) =>
    updateCustomerGrading({ db, actor: actorOf(request), customerId: request.params.id, input: request.body }),
  );
  app.get(`${base}/customers/:id/follow-ups`, { schema: { tags, summary: "A customer's follow-ups, newest first", params: idParamSchema, response: { 200: z.object({ items: z.array(followUpSchema) }) } } }, async (request) => ({
    items: await listFollowUps({ db, actor: actorOf(request), customerId: request.params.id }),
  }));
  app.post(`${base}/customers/:id/follow-ups`, { schema: { tags, summary: 'Record a follow-up: re-grades the customer and moves the next due date', params: idParamSchema, body: followUpInputSchema, response: { 201: followUpSchema } } }, async (request, reply) =>
    reply.status(201).send(await recordFollowUp({ db, actor: actorOf(request), customerId: request.params.id, input: request.body })),
  );
  app.post(`${base}/customers/:id/purchases`, { schema: { tags, summary: 'Record a purchase (spend for the VIP score and churn alert)', params: idParamSchema, body: purchaseInputSchema, response: { 201: z.object({ id: z.number() }) } } }, async (request, reply) =>
    reply.status(201).send(await addPurchase({ db, actor: actorOf(request), customerId: request.params.id, input: request.body })),
  );
  app.get(`${base}/due`, { schema: { tags, summary: "The owner's due, overdue or upcoming follow-ups (own list unless a leader names ownerId)", querystring: dueListQuerySchema, response: { 200: z.object({ today: z.string(), items: z.array(dueItemSchema) }) } } }, async (request) =>
    listDue({ db, actor: actorOf(request), query: request.query }),
  );
  app.get(`${base}/overview`, { schema: { tags, summary: "Leader's overview: customers by owner and grade, due and overdue", response: { 200: overviewSchema } } }, async (request) =>
    gradingOverview({ db, actor: actorOf(request) }),
  );
  app.get(`${base}/distribution`, { schema: { tags, summary: 'Customers per grade', response: { 200: distributionSchema } } }, async (request) =>
    gradeDistribution({ db, actor: actorOf(request) }),
  );
  app.get(`${base}/vip`, { schema: { tags, summary: 'Big customers (VIP) by score', response: { 200: z.object({ items: z.array(vipItemSchema) }) } } }, async (request) => ({
    items: await listVip({ db, actor: actorOf(request) }),
  }));
  app.post(`${base}/vip/recompute`, { schema: { tags, summary: 'Score every customer on the eight factors and flag the top share VIP', response: { 200: vipRecomputeResultSchema } } }, async (request) =>
    recomputeVipByActor({ db, actor: actorOf(request) }),
  );
  app.get(`${base}/churn-alerts`, { schema: { tags, summary: 'Customers at risk of leaving (falling contact or spend, repeated complaints)', querystring: churnQuerySchema, response: { 200: z.object({ items: z.array(churnAlertSchema) }) } } }, async (request) => ({
    items: await listChurnAlerts({ db, actor: actorOf(request), vipOnly: request.query.vipOnly === 'true' }),
  }));
};
