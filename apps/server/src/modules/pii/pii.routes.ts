import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { piiExportQuerySchema, piiKeyStatusSchema } from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { exportCustomersCsv } from './customer-export.service.js';
import { getKeyStatus } from './pii.service.js';

const tags = ['pii'];

export const piiRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db }) => {
  app.get('/pii/customers/export', {
    schema: { tags, summary: 'Export customers as CSV: masked like the API, unmasked with reveal=true (customers.reveal_pii); audit-logged', querystring: piiExportQuerySchema },
  }, async (request, reply) => {
    const { csv } = await exportCustomersCsv({ db, actor: actorOf(request), query: request.query });
    const name = `客户-${new Date().toISOString().slice(0, 10)}${request.query.reveal ? '-完整' : ''}.csv`;
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`).send(csv);
  });

  app.get('/pii/keys/status', {
    schema: { tags, summary: 'Data encryption keys in use (ids only) and how many values each one encrypts (admin.settings)', response: { 200: piiKeyStatusSchema } },
  }, async (request) => getKeyStatus({ db, actor: actorOf(request) }));
};
