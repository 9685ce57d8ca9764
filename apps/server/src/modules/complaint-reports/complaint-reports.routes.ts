import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { complaintAnalysisSchema, complaintReportListSchema, complaintReportParamsSchema } from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import { requestLocale } from '../../http/error-handler.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { getComplaintAnalysis, listComplaintReports, regenerateComplaintAnalysis } from './complaint-analysis.service.js';
import { complaintAnalysisWorkbook } from './complaint-analysis.xlsx.js';

const tags = ['complaints'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const complaintReportsRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db }) => {
  app.get('/complaint-reports', { schema: { tags, summary: 'Stored monthly complaint analyses (permission reports.read)', response: { 200: complaintReportListSchema } } }, async (request) =>
    listComplaintReports({ db, actor: actorOf(request) }),
  );
  app.get('/complaint-reports/:month', { schema: { tags, summary: "A month's complaint analysis (stored, or live for the running month)", params: complaintReportParamsSchema, response: { 200: complaintAnalysisSchema } } }, async (request) =>
    getComplaintAnalysis({ db, actor: actorOf(request), month: request.params.month }),
  );
  app.post('/complaint-reports/:month/regenerate', { schema: { tags, summary: 'Recompute and store a past month', params: complaintReportParamsSchema, response: { 200: complaintAnalysisSchema } } }, async (request) =>
    regenerateComplaintAnalysis({ db, actor: actorOf(request), month: request.params.month }),
  );
  app.get('/complaint-reports/:month/xlsx', { schema: { tags, summary: 'The analysis as an Excel workbook', params: complaintReportParamsSchema } }, async (request, reply) => {
    const analysis = await getComplaintAnalysis({ db, actor: actorOf(request), month: request.params.month });
    const body = await complaintAnalysisWorkbook(analysis, requestLocale(request));
    return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="complaints-${analysis.month}.xlsx"`).send(body);
  });
};
