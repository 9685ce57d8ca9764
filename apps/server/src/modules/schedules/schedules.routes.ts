import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  agentProfileInputSchema, agentProfileSchema, backtestSchema, draftCreateSchema, draftDetailSchema, draftEditSchema, draftSummarySchema, forecastAdjustBodySchema, forecastCreateSchema,
  forecastDetailSchema, forecastSummarySchema, idParamSchema, myScheduleQuerySchema, myScheduleSchema, requirementBodySchema, requirementSchema,
  shiftPatternSchema, shiftPatternsBodySchema, versionBodySchema,
} from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { editDraft, publishDraft } from './draft-edit.service.js';
import { createDraft, getDraft, listDrafts, mySchedule } from './drafts.service.js';
import { adjustForecast, computeRequirement, createForecast, getForecast, listForecasts, runBacktest } from './forecast.service.js';
import { listAgentProfiles, setAgentProfile } from './agent-profiles.service.js';
import { assertCanSchedule } from './schedules.policy.js';
import { listShiftPatterns, replaceShiftPatterns } from './shift-patterns.service.js';

const tags = ['schedules'];

export const schedulesRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db, live }) => {
  app.get('/schedules/shift-patterns', { schema: { tags, summary: 'Shift patterns (班次) of the tenant', response: { 200: z.object({ items: z.array(shiftPatternSchema) }) } } }, async (request) => {
    const actor = actorOf(request);
    assertCanSchedule(actor);
    return { items: await listShiftPatterns({ db, actor }) };
  });
  app.put('/schedules/shift-patterns', { schema: { tags, summary: 'Replace the shift patterns', body: shiftPatternsBodySchema, response: { 200: z.object({ items: z.array(shiftPatternSchema) }) } } }, async (request) => ({
    items: await replaceShiftPatterns({ db, actor: actorOf(request), patterns: request.body.patterns }),
  }));

  app.get('/schedules/agents', { schema: { tags, summary: 'Agents to schedule (active users in a team) with skills and contract rules', response: { 200: z.object({ items: z.array(agentProfileSchema) }) } } }, async (request) => ({
    items: await listAgentProfiles({ db, actor: actorOf(request) }),
  }));
  app.put('/schedules/agents/:id', { schema: { tags, summary: "Set an agent's skills and contract rules", params: idParamSchema, body: agentProfileInputSchema, response: { 200: agentProfileSchema } } }, async (request) =>
    setAgentProfile({ db, actor: actorOf(request), userId: request.params.id, input: request.body }),
  );

  app.get('/schedules/forecasts', { schema: { tags, summary: 'Stored forecasts', response: { 200: z.object({ items: z.array(forecastSummarySchema) }) } } }, async (request) => ({ items: await listForecasts({ db, actor: actorOf(request) }) }));
  app.post('/schedules/forecasts', { schema: { tags, summary: 'Forecast contacts per 30-minute interval from history (back-tested; the best WAPE unless a method is named)', body: forecastCreateSchema, response: { 201: forecastDetailSchema } } }, async (request, reply) =>
    reply.status(201).send(await createForecast({ db, actor: actorOf(request), input: request.body })),
  );
  app.get('/schedules/forecasts/:id', { schema: { tags, summary: 'A forecast with its history, methods and adjustments', params: idParamSchema, response: { 200: forecastDetailSchema } } }, async (request) =>
    getForecast({ db, actor: actorOf(request), id: request.params.id }),
  );
  app.put('/schedules/forecasts/:id/adjustments', { schema: { tags, summary: 'Replace the hand adjustments (per interval or day, percent or absolute); `version` must match', params: idParamSchema, body: forecastAdjustBodySchema, response: { 200: forecastDetailSchema } } }, async (request) =>
    adjustForecast({ db, actor: actorOf(request), id: request.params.id, version: request.body.version, adjustments: request.body.adjustments }),
  );
  app.post('/schedules/backtest', { schema: { tags, summary: 'Rolling-origin back-test of the methods (nothing stored)', body: forecastCreateSchema, response: { 200: backtestSchema.extend({ source: z.string() }) } } }, async (request) =>
    runBacktest({ db, actor: actorOf(request), input: request.body }),
  );
  app.post('/schedules/requirement', { schema: { tags, summary: 'Agents required per interval: forecast → Erlang C → shrinkage', body: requirementBodySchema, response: { 200: requirementSchema } } }, async (request) =>
    computeRequirement({ db, actor: actorOf(request), input: request.body }),
  );

  app.get('/schedules/drafts', { schema: { tags, summary: 'Schedule drafts and published schedules', response: { 200: z.object({ items: z.array(draftSummarySchema) }) } } }, async (request) => ({ items: await listDrafts({ db, actor: actorOf(request) }) }));
  app.post('/schedules/drafts', { schema: { tags, summary: 'Generate a schedule draft (MIP for shift counts, rest-rule-aware assignment)', body: draftCreateSchema, response: { 201: draftDetailSchema } } }, async (request, reply) =>
    reply.status(201).send(await createDraft({ db, actor: actorOf(request), input: request.body })),
  );
  app.get('/schedules/drafts/:id', { schema: { tags, summary: 'A schedule: agents × days, requirement and coverage', params: idParamSchema, response: { 200: draftDetailSchema } } }, async (request) =>
    getDraft({ db, actor: actorOf(request), id: request.params.id }),
  );
  app.post('/schedules/drafts/:id/edits', { schema: { tags, summary: 'Assign, unassign or move one shift; rest rules checked (422 with the rule)', params: idParamSchema, body: draftEditSchema, response: { 200: draftDetailSchema } } }, async (request) =>
    editDraft({ db, actor: actorOf(request), id: request.params.id, edit: request.body }),
  );
  app.post('/schedules/drafts/:id/publish', { schema: { tags, summary: 'Publish: roster shifts written, agents notified', params: idParamSchema, body: versionBodySchema, response: { 200: draftDetailSchema } } }, async (request) =>
    publishDraft({ db, actor: actorOf(request), id: request.params.id, version: request.body.version, live }),
  );
  app.get('/schedules/mine', { schema: { tags, summary: "The signed-in agent's published shifts", querystring: myScheduleQuerySchema, response: { 200: myScheduleSchema } } }, async (request) =>
    mySchedule({ db, actor: actorOf(request), from: request.query.from, to: request.query.to }),
  );
};
