import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  callbackAgentSchema, callbackItemSchema, callbackStatsSchema, callbackTargetSchema, campaignInputSchema, campaignSchema, campaignUpdateSchema,
  generateInputSchema, idParamSchema, itemListQuerySchema, itemResultSchema, previewSchema, statsQuerySchema,
} from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { getItem, listCampaignItems, listMyItems, recordItemResult, revealItemPhone } from './callback-items.service.js';
import { getCallbackStats } from './callback-stats.service.js';
import { callbackStatsWorkbook } from './callback-stats.xlsx.js';
import { createCampaign, generateCallList, getCampaign, listCallbackAgents, listCampaigns, previewTarget, updateCampaign } from './campaigns.service.js';
import { surveysRoutes } from './surveys.routes.js';

const tags = ['callbacks'];

export const callbacksRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { db } = deps;
  app.get('/callbacks/campaigns', { schema: { tags, summary: 'Callback campaigns (回访任务) with their progress', response: { 200: z.object({ items: z.array(campaignSchema) }) } } }, async (request) => ({
    items: await listCampaigns({ db, actor: actorOf(request) }),
  }));
  app.post('/callbacks/campaigns', { schema: { tags, summary: 'Create a campaign: script, questions, target filters', body: campaignInputSchema, response: { 201: campaignSchema } } }, async (request, reply) =>
    reply.status(201).send(await createCampaign({ db, actor: actorOf(request), input: request.body })),
  );
  app.get('/callbacks/campaigns/:id', { schema: { tags, summary: 'One campaign with counts per agent', params: idParamSchema, response: { 200: campaignSchema } } }, async (request) =>
    getCampaign({ db, actor: actorOf(request), id: request.params.id }),
  );
  app.patch('/callbacks/campaigns/:id', { schema: { tags, summary: 'Change a campaign (target only before generating); status "closed" ends it', params: idParamSchema, body: campaignUpdateSchema, response: { 200: campaignSchema } } }, async (request) =>
    updateCampaign({ db, actor: actorOf(request), id: request.params.id, input: request.body }),
  );
  app.post('/callbacks/preview', { schema: { tags, summary: 'Count whom target filters select, with a sample', body: z.object({ target: callbackTargetSchema }), response: { 200: previewSchema } } }, async (request) =>
    previewTarget({ db, actor: actorOf(request), target: request.body.target }),
  );
  app.get('/callbacks/agents', { schema: { tags, summary: 'People who may take a call list', response: { 200: z.object({ items: z.array(callbackAgentSchema) }) } } }, async (request) => ({
    items: await listCallbackAgents({ db, actor: actorOf(request) }),
  }));
  app.post('/callbacks/campaigns/:id/generate', { schema: { tags, summary: 'Generate the call list once and deal it round-robin among agents', params: idParamSchema, body: generateInputSchema, response: { 200: campaignSchema } } }, async (request) =>
    generateCallList({ db, actor: actorOf(request), id: request.params.id, input: request.body }),
  );
  app.get('/callbacks/campaigns/:id/items', { schema: { tags, summary: "A campaign's whole call list", params: idParamSchema, response: { 200: z.object({ items: z.array(callbackItemSchema) }) } } }, async (request) => ({
    items: await listCampaignItems({ db, actor: actorOf(request), campaignId: request.params.id }),
  }));
  app.get('/callbacks/my-items', { schema: { tags, summary: 'My call list (open: due first)', querystring: itemListQuerySchema, response: { 200: z.object({ items: z.array(callbackItemSchema) }) } } }, async (request) => ({
    items: await listMyItems({ db, actor: actorOf(request), query: request.query }),
  }));
  app.get('/callbacks/items/:id', { schema: { tags, summary: 'One callback with script and questions', params: idParamSchema, response: { 200: callbackItemSchema } } }, async (request) =>
    getItem({ db, actor: actorOf(request), id: request.params.id }),
  );
  app.post('/callbacks/items/:id/result', { schema: { tags, summary: 'Record a call: done (with answers), unreachable (retry) or refused', params: idParamSchema, body: itemResultSchema, response: { 200: callbackItemSchema } } }, async (request) =>
    recordItemResult({ db, actor: actorOf(request), id: request.params.id, input: request.body }),
  );
  app.post('/callbacks/items/:id/reveal-phone', { schema: { tags, summary: 'The number to dial (audited)', params: idParamSchema, response: { 200: z.object({ phone: z.string().nullable() }) } } }, async (request) =>
    revealItemPhone({ db, actor: actorOf(request), id: request.params.id }),
  );
  app.get('/callbacks/stats', { schema: { tags, summary: 'Monthly callback and survey statistics (tenant time zone)', querystring: statsQuerySchema, response: { 200: callbackStatsSchema } } }, async (request) =>
    getCallbackStats({ db, actor: actorOf(request), month: request.query.month }),
  );
  app.get('/callbacks/stats.xlsx', { schema: { tags, summary: 'The monthly statistics as an Excel workbook', querystring: statsQuerySchema } }, async (request, reply) => {
    const stats = await getCallbackStats({ db, actor: actorOf(request), month: request.query.month });
    const file = await callbackStatsWorkbook(stats);
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`回访统计-${stats.month}.xlsx`)}`);
    return reply.send(file);
  });
  await app.register(surveysRoutes, { db: deps.db, config: deps.config, live: deps.live });
};
