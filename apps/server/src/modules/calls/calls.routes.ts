import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  agentExtensionSchema, agentStatesSchema, agentStateSchema, agentStateUpdateSchema, callDetailSchema, callImportResultSchema, callListQuerySchema,
  callPageSchema, callQueuesSchema, callSchema, callStatsExportQuerySchema, callStatsQuerySchema, callStatsSchema, callTicketLinkSchema, CALL_IMPORT_COLUMNS,
  idParamSchema, idSchema,
} from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import { requestLocale } from '../../http/error-handler.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { invalid } from '../../lib/app-error.js';
import { listAgentStates, setAgentExtension, setMyAgentState } from './agent-states.service.js';
import { importCalls } from './call-import.service.js';
import { CALL_METRIC_DEFINITIONS } from './call-metrics.js';
import { getCallStats } from './call-stats.service.js';
import { callStatsCsv, callStatsFileName, callStatsWorkbook } from './call-stats.export.js';
import { listCallQueues } from './call-queues.js';
import { getCallDetail, linkCallToTicket, listCalls } from './calls.service.js';
import { revealCallNumbersOf } from './call-reveal.service.js';
import { ctiRoutes } from './cti.routes.js';
import { originateRoutes } from './pbx/originate.routes.js';
import { createCtiRuntime, type CtiRuntime } from './cti.service.js';

const tags = ['calls'];

const IMPORT_DESCRIPTION = `Multipart field "file": a CSV (UTF-8, or GB18030 as Excel saves it in China) with a header row.
Columns (English or Chinese header): ${CALL_IMPORT_COLUMNS.join(', ')}. Required: callId (呼叫ID), direction (in/out, 呼入/呼出),
startedAt (开始时间). Times: ISO 8601 with offset, or "YYYY-MM-DD HH:mm:ss" in the center's time zone. agent: extension, 工号,
username or name. holdSeconds / acwSeconds: whole seconds. All rows or none: any invalid row, or a callId that exists,
answers 400 with details.errors [{row, column, code, message}] and imports nothing.`;

const callsAndAgentsRoutes: FastifyPluginAsyncZod<RouteDeps & { cti: CtiRuntime }> = async (app, { db, cti }) => {
  app.get('/calls', {
    schema: { tags, summary: 'Call records, newest first (agents: their own calls)', querystring: callListQuerySchema, response: { 200: callPageSchema } },
  }, async (request) => listCalls({ db, actor: actorOf(request), query: request.query }));

  app.get('/calls/stats', {
    schema: { tags, summary: 'Hotline figures: offered, answered, abandoned, connect rate, service level, ASA, AHT, abandon rate, occupancy', description: CALL_METRIC_DEFINITIONS, querystring: callStatsQuerySchema, response: { 200: callStatsSchema } },
  }, async (request) => getCallStats({ db, actor: actorOf(request), query: request.query }));

  app.get('/calls/stats/export', {
    schema: { tags, summary: 'The hotline figures as a file: format=xlsx (default) or csv (UTF-8 with BOM); the same query as GET /calls/stats, one row per group and the totals', querystring: callStatsExportQuerySchema },
  }, async (request, reply) => {
    const { format, ...query } = request.query;
    const locale = requestLocale(request);
    const stats = await getCallStats({ db, actor: actorOf(request), query });
    const body = format === 'csv' ? callStatsCsv(stats, locale) : await callStatsWorkbook(stats, locale);
    const type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    return reply.header('content-type', type).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(callStatsFileName(stats, format, locale))}`).send(body);
  });

  app.get('/calls/queues', {
    schema: { tags, summary: 'The queues calls named in the last 90 days, distinct and sorted (options of the queue filters)', response: { 200: callQueuesSchema } },
  }, async (request) => listCallQueues({ db, actor: actorOf(request) }));

  app.post('/calls/import', {
    schema: { tags, summary: 'Import call records from CSV (all or nothing; calls.admin)', description: IMPORT_DESCRIPTION, consumes: ['multipart/form-data'], response: { 200: callImportResultSchema } },
  }, async (request) => {
    const actor = actorOf(request);
    if (!request.isMultipart()) throw invalid('import_no_file');
    const file = await request.file();
    if (!file) throw invalid('import_no_file');
    return importCalls({ db, actor, bytes: await file.toBuffer() });
  });

  app.get('/calls/:id', {
    schema: { tags, summary: 'A call with its raw CTI events', params: idParamSchema, response: { 200: callDetailSchema } },
  }, async (request) => getCallDetail({ db, actor: actorOf(request), id: request.params.id }));

  app.post('/calls/:id/reveal-numbers', {
    schema: { tags, summary: 'Reveal the full numbers of a call (permission customers.reveal_pii; audit-logged)', params: idParamSchema, response: { 200: z.object({ from: z.string().nullable(), to: z.string().nullable() }) } },
  }, async (request) => revealCallNumbersOf({ db, actor: actorOf(request), id: request.params.id }));

  app.post('/calls/:id/tickets', {
    schema: { tags, summary: 'Record that the call produced (or concerns) a work order', params: idParamSchema, body: callTicketLinkSchema, response: { 200: callSchema } },
  }, async (request) => linkCallToTicket({ db, actor: actorOf(request), id: request.params.id, ticketId: request.body.ticketId }));

  app.get('/agents/states', {
    schema: { tags: ['agents'], summary: 'Every agent\u2019s current state (ready, on_call, after_call_work, break, offline) and since when', querystring: z.object({ teamId: idSchema.optional() }), response: { 200: agentStatesSchema } },
  }, async (request) => listAgentStates({ db, actor: actorOf(request), teamId: request.query.teamId }));

  app.put('/agents/me/state', {
    schema: { tags: ['agents'], summary: 'Set my state: ready, break (with a reason), offline, or after-call work', body: agentStateUpdateSchema, response: { 200: agentStateSchema } },
  }, async (request) => {
    const actor = actorOf(request);
    const state = await setMyAgentState({ db, actor, input: request.body });
    cti.wallboard.touch(actor.tenantId);
    return state;
  });

  app.put('/agents/:id/extension', {
    schema: { tags: ['agents'], summary: 'The PBX extension an agent is known by in CTI events (calls.admin)', params: idParamSchema, body: agentExtensionSchema, response: { 200: agentStateSchema } },
  }, async (request) => setAgentExtension({ db, actor: actorOf(request), userId: request.params.id, extension: request.body.extension }));
};

/** The hotline: CTI events from the PBX, call records and statistics, agent states. */
export const callsRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const cti = createCtiRuntime({ db: deps.db, live: deps.live, onError: (error) => app.log.error({ err: error }, 'cti live event failed') });
  app.addHook('onClose', async () => cti.close());
  await app.register(ctiRoutes, Object.assign({}, deps, { cti }));
  await app.register(originateRoutes, deps);
  await app.register(callsAndAgentsRoutes, Object.assign({}, deps, { cti }));
};
