import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../../http/route-deps.js';

export const customerImportRoutes: FastifyPluginAsyncZod<RouteDeps> = async (_app, _deps) => {};
