import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { LIMITS } from '@kefu/shared';
import type { AppConfig } from './config.js';
import type { DB } from './db/schema.js';
import { registerAuth } from './http/auth.js';
import { createFastPaths } from './http/fast-paths.js';
import { createLocalBus, type LiveBus } from './lib/live/live-bus.js';
import { registerLiveRoute } from './lib/live/live.routes.js';
import { registerErrorHandler, requestLocale, sendError } from './http/error-handler.js';
import { registerInputGuard } from './http/input-guard.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { callsRoutes } from './modules/calls/calls.routes.js';
import { customersRoutes } from './modules/customers/customers.routes.js';
import { directoryRoutes } from './modules/directory/directory.routes.js';
import { macrosRoutes } from './modules/macros/macros.routes.js';
import { organizationRoutes } from './modules/organization/organization.routes.js';
import { rolesRoutes } from './modules/roles/roles.routes.js';
import { ticketTypesRoutes } from './modules/ticket-types/ticket-types.routes.js';
import { ticketsRoutes } from './modules/tickets/tickets.routes.js';
import { usersRoutes } from './modules/users/users.routes.js';
import { wallboardRoutes } from './modules/wallboard/wallboard.routes.js';
import { workforceRoutes } from './modules/workforce/workforce.routes.js';
import { slaRoutes } from './modules/sla/sla.routes.js';
import { complaintsRoutes } from './modules/complaints/complaints.routes.js';
import { callbacksRoutes } from './modules/callbacks/callbacks.routes.js';
import { gradingRoutes } from './modules/grading/grading.routes.js';
import { contractsRoutes } from './modules/contracts/contracts.routes.js';
import { piiRoutes } from './modules/pii/pii.routes.js';
import { rostersRoutes } from './modules/rosters/rosters.routes.js';
import { schedulesRoutes } from './modules/schedules/schedules.routes.js';
import { complaintReportsRoutes } from './modules/complaint-reports/complaint-reports.routes.js';
import { calendarsRoutes } from './modules/calendars/calendars.routes.js';
import { customerArchiveRoutes } from './modules/customer-archive/customer-archive.routes.js';
import { customerImportRoutes } from './modules/customer-import/customer-import.routes.js';

export interface BuildAppOptions {
  db: Kysely<DB>;
  config: AppConfig;
  /** Live events to browsers; an in-process bus when not given (one process, embedded database). */
  live?: LiveBus;
  logger?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    live: LiveBus;
  }
}

export async function buildApp({ db, config, logger = false, live = createLocalBus() }: BuildAppOptions): Promise<FastifyInstance> {
  const fastPaths = createFastPaths();
  const app = Fastify({
    logger: logger ? { level: config.logLevel } : false,
    bodyLimit: LIMITS.jsonBodyBytesMax,
    trustProxy: true,
    serverFactory: fastPaths.serverFactory,
  }).withTypeProvider<ZodTypeProvider>();
  app.decorate('fastPaths', fastPaths);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(multipart, { limits: { fileSize: LIMITS.attachmentBytesMax, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Kefu API', version: '1', description: 'Everything the Kefu web UI does. Authenticate with `POST /api/v1/auth/login` (cookie) or an API token as `Authorization: Bearer <token>`. Errors answer `{error:{code,message,details}}` with the message in the language of `Accept-Language`.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  registerAuth(app, db);
  registerInputGuard(app);

  app.get('/api/health', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  app.decorate('live', live);
  await registerLiveRoute(app, { db, live });
  const deps = { db, config, live };
  await app.register(
    async (v1) => {
      await v1.register(authRoutes, deps);
      await v1.register(ticketsRoutes, deps);
      await v1.register(ticketTypesRoutes, deps);
      await v1.register(customersRoutes, deps);
      await v1.register(usersRoutes, deps);
      await v1.register(rolesRoutes, deps);
      await v1.register(organizationRoutes, deps);
      await v1.register(directoryRoutes, deps);
      await v1.register(auditRoutes, deps);
      await v1.register(macrosRoutes, deps);
      await v1.register(callsRoutes, deps);
      await v1.register(workforceRoutes, deps);
      await v1.register(wallboardRoutes, deps);
      await v1.register(slaRoutes, deps);
      await v1.register(complaintsRoutes, deps);
      await v1.register(callbacksRoutes, deps);
      await v1.register(gradingRoutes, deps);
      await v1.register(contractsRoutes, deps);
      await v1.register(piiRoutes, deps);
      await v1.register(rostersRoutes, deps);
      await v1.register(schedulesRoutes, deps);
      await v1.register(complaintReportsRoutes, deps);
      await v1.register(calendarsRoutes, deps);
      await v1.register(customerArchiveRoutes, deps);
      await v1.register(customerImportRoutes, deps);
    },
    { prefix: '/api/v1' },
  );

  const hasWebUi = existsSync(config.webDistDir);
  if (hasWebUi) {
    // wildcard: files are looked up per request, so a rebuilt UI is served without restarting the server.
    await app.register(fastifyStatic, {
      root: config.webDistDir,
      wildcard: true,
      setHeaders: (res, path) => {
        // Vite names assets by content hash: cache them for good; the page itself must always be fresh.
        res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // The UI routes on the client: any non-API path answers the app shell.
    if (hasWebUi && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
    return sendError(reply, requestLocale(request), 'NOT_FOUND', { entity: 'record' });
  });
  return app;
}
