import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { slaReportQuerySchema, slaReportSchema } from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import { requestLocale } from '../../http/error-handler.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { tenantTimeZone } from '../../lib/tenant.js';
import { getSlaRecords, getSlaReport } from './sla-report.service.js';
import { slaReportWorkbook } from './sla-report.xlsx.js';

const tags = ['sla'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const slaReportRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db }) => {
  app.get('/sla/report', { schema: { tags, summary: 'SLA results per agent or team over a period (permission reports.read)', querystring: slaReportQuerySchema, response: { 200: slaReportSchema } } }, async (request) =>
    getSlaReport({ db, actor: actorOf(request), query: request.query }),
  );
  app.get('/sla/report.xlsx', { schema: { tags, summary: 'The SLA report and its work orders as an Excel workbook', querystring: slaReportQuerySchema } }, async (request, reply) => {
    const actor = actorOf(request);
    const report = await getSlaReport({ db, actor, query: request.query });
    const records = await getSlaRecords({ db, actor, query: request.query });
    const body = await slaReportWorkbook(report, records, requestLocale(request), await tenantTimeZone(db, actor.tenantId));
    const name = `SLA-${request.query.from}-${request.query.to}.xlsx`;
    return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="${name}"`).send(body);
  });
};
