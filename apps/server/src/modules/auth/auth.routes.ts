import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiTokenCreateSchema, apiTokenCreatedSchema, apiTokenSchema, changeLocaleSchema, idParamSchema, loginInputSchema, loginResultSchema, meSchema, okSchema } from '@kefu/shared';
import { actorOf, SESSION_COOKIE, tokenOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { createApiToken, getMe, listApiTokens, login, logout, revokeApiToken, setMyLocale } from './auth.service.js';

export const authRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db }) => {
  const tags = ['auth'];
  app.post('/auth/login', { config: { public: true }, schema: { tags, summary: 'Sign in with username and password', body: loginInputSchema, response: { 200: loginResultSchema } } }, async (request, reply) => {
    const result = await login({ db, input: request.body, ip: request.ip });
    reply.setCookie(SESSION_COOKIE, result.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', expires: new Date(result.expiresAt) });
    return result;
  });

  app.post('/auth/logout', { config: { public: true }, schema: { tags, summary: 'Sign out (revokes the session)', response: { 200: okSchema } } }, async (request, reply) => {
    const token = tokenOf(request);
    if (token) await logout({ db, token });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/auth/me', { schema: { tags, summary: 'The signed-in user, role and permissions', response: { 200: meSchema } } }, async (request) => {
    const actor = actorOf(request);
    return getMe({ db, tenantId: actor.tenantId, userId: actor.userId });
  });

  app.patch('/auth/me/locale', { schema: { tags, summary: 'Set my UI language', body: changeLocaleSchema, response: { 200: meSchema } } }, async (request) =>
    setMyLocale({ db, actor: actorOf(request), locale: request.body.locale }),
  );

  app.get('/auth/tokens', { schema: { tags, summary: 'My API tokens', response: { 200: z.object({ items: z.array(apiTokenSchema) }) } } }, async (request) => ({
    items: await listApiTokens({ db, actor: actorOf(request) }),
  }));

  app.post('/auth/tokens', { schema: { tags, summary: 'Create an API token (shown once)', body: apiTokenCreateSchema, response: { 201: apiTokenCreatedSchema } } }, async (request, reply) => {
    reply.status(201);
    return createApiToken({ db, actor: actorOf(request), input: request.body });
  });

  app.delete('/auth/tokens/:id', { schema: { tags, summary: 'Revoke an API token', params: idParamSchema, response: { 200: okSchema } } }, async (request) => {
    await revokeApiToken({ db, actor: actorOf(request), id: request.params.id });
    return { ok: true as const };
  });
};
