import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  customerCreateSchema, customerListQuerySchema, customerPageSchema, customerPanelSchema, customerSchema, customerUpdateSchema, idParamSchema, revealedPiiSchema,
} from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { createCustomer, getCustomer, getCustomerPanel, listCustomers, revealCustomerPii, updateCustomer } from './customers.service.js';

const tags = ['customers'];

export const customersRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db }) => {
  app.get('/customers', {
    schema: { tags, summary: 'Search customers by text (q) or by phone number in any Chinese format (phone)', querystring: customerListQuerySchema, response: { 200: customerPageSchema } },
  }, async (request) => listCustomers({ db, actor: actorOf(request), query: request.query }));

  app.post('/customers', {
    schema: { tags, summary: 'Create a customer (person or organization) with phone numbers', body: customerCreateSchema, response: { 201: customerSchema } },
  }, async (request, reply) => reply.status(201).send(await createCustomer({ db, actor: actorOf(request), input: request.body })));

  app.get('/customers/:id', {
    schema: { tags, summary: 'A customer (personal data masked)', params: idParamSchema, response: { 200: customerSchema } },
  }, async (request) => getCustomer({ db, actor: actorOf(request), id: request.params.id }));

  app.get('/customers/:id/panel', {
    schema: { tags, summary: "The agent's customer panel: record, open and recent work orders", params: idParamSchema, response: { 200: customerPanelSchema } },
  }, async (request) => getCustomerPanel({ db, actor: actorOf(request), id: request.params.id }));

  app.patch('/customers/:id', {
    schema: { tags, summary: 'Change a customer; `version` must match', params: idParamSchema, body: customerUpdateSchema, response: { 200: customerSchema } },
  }, async (request) => updateCustomer({ db, actor: actorOf(request), id: request.params.id, input: request.body }));

  app.post('/customers/:id/reveal', {
    schema: { tags, summary: 'Reveal unmasked personal data (permission customers.reveal_pii; audit-logged)', params: idParamSchema, response: { 200: revealedPiiSchema } },
  }, async (request) => revealCustomerPii({ db, actor: actorOf(request), id: request.params.id }));
};
