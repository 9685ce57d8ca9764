import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  archiveVersionSchema, contractInputSchema, contractListQuerySchema, contractPageSchema, contractRenewSchema, contractSchema, contractTerminateSchema,
  contractUpdateSchema, expiringContractsQuerySchema, expiringContractsSchema, idParamSchema,
} from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { activateContract, createContract, getContract, listContracts, listExpiringContracts, renewContract, terminateContract, updateContract } from './contracts.service.js';
import { lendingRoutes } from './lending.routes.js';
import { staffRoutes } from './staff.routes.js';

const tags = ['contracts'];

export const contractsRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { db } = deps;
  app.get('/contracts', { schema: { tags, summary: 'Contracts / agreements (协议), newest end first', querystring: contractListQuerySchema, response: { 200: contractPageSchema } } }, async (request) =>
    listContracts({ db, actor: actorOf(request), query: request.query }),
  );
  app.get('/contracts/expiring', { schema: { tags, summary: 'Running contracts ending within `days`, and overdue ones (ended, not renewed)', querystring: expiringContractsQuerySchema, response: { 200: expiringContractsSchema } } }, async (request) =>
    listExpiringContracts({ db, actor: actorOf(request), days: request.query.days }),
  );
  app.get('/contracts/:id', { schema: { tags, summary: 'One contract', params: idParamSchema, response: { 200: contractSchema } } }, async (request) =>
    getContract({ db, actor: actorOf(request), id: request.params.id }),
  );
  app.post('/contracts', { schema: { tags, summary: 'Register a contract', body: contractInputSchema, response: { 201: contractSchema } } }, async (request, reply) =>
    reply.status(201).send(await createContract({ db, actor: actorOf(request), input: request.body })),
  );
  app.patch('/contracts/:id', { schema: { tags, summary: 'Edit a contract; `version` must match', params: idParamSchema, body: contractUpdateSchema, response: { 200: contractSchema } } }, async (request) =>
    updateContract({ db, actor: actorOf(request), id: request.params.id, input: request.body }),
  );
  app.post('/contracts/:id/activate', { schema: { tags, summary: 'Put a draft into force', params: idParamSchema, body: archiveVersionSchema, response: { 200: contractSchema } } }, async (request) =>
    activateContract({ db, actor: actorOf(request), id: request.params.id, version: request.body.version }),
  );
  app.post('/contracts/:id/terminate', { schema: { tags, summary: 'End a contract early', params: idParamSchema, body: contractTerminateSchema, response: { 200: contractSchema } } }, async (request) =>
    terminateContract({ db, actor: actorOf(request), id: request.params.id, version: request.body.version, reason: request.body.reason }),
  );
  app.post('/contracts/:id/renew', { schema: { tags, summary: 'Record the renewal: a new active contract, the old one marked renewed', params: idParamSchema, body: contractRenewSchema, response: { 201: z.object({ previous: contractSchema, renewal: contractSchema }) } } }, async (request, reply) =>
    reply.status(201).send(await renewContract({ db, actor: actorOf(request), id: request.params.id, input: request.body })),
  );
  await staffRoutes(app, deps);
  await lendingRoutes(app, deps);
};
