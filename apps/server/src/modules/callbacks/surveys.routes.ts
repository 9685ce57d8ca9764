import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okSchema, publicSurveyAnswerSchema, publicSurveyParamsSchema, publicSurveySchema, surveyCreatedSchema, surveyCreateSchema, surveyListQuerySchema, surveySchema } from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { answerPublicSurvey, createSurvey, getPublicSurvey, listSurveys } from './surveys.service.js';

const tags = ['surveys'];

export const surveysRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db }) => {
  app.get('/surveys', { schema: { tags, summary: 'Satisfaction surveys, newest first', querystring: surveyListQuerySchema, response: { 200: z.object({ items: z.array(surveySchema) }) } } }, async (request) => ({
    items: await listSurveys({ db, actor: actorOf(request), query: request.query }),
  }));
  app.post('/surveys', { schema: { tags, summary: 'Send a survey for a resolved work order: recorded by phone, or a one-time link (token shown once)', body: surveyCreateSchema, response: { 201: surveyCreatedSchema } } }, async (request, reply) =>
    reply.status(201).send(await createSurvey({ db, actor: actorOf(request), input: request.body })),
  );
  // The customer's side: no sign-in; the token is the only credential, valid once and for 7 days.
  app.get('/public/surveys/:token', { config: { public: true }, schema: { tags, summary: 'The questions behind a survey link (404 unknown, 409 answered, 422 expired)', params: publicSurveyParamsSchema, response: { 200: publicSurveySchema } } }, async (request) =>
    getPublicSurvey({ db, token: request.params.token }),
  );
  app.post('/public/surveys/:token', { config: { public: true }, schema: { tags, summary: 'Answer a survey through its link, once', params: publicSurveyParamsSchema, body: publicSurveyAnswerSchema, response: { 200: okSchema } } }, async (request) => {
    await answerPublicSurvey({ db, token: request.params.token, answers: request.body.answers, ip: request.ip });
    return { ok: true as const };
  });
};
