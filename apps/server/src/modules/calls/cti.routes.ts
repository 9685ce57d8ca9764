import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctiEventSchema, ctiSettingsSchema, ctiSettingsUpdateSchema, formatErrorMessage, translateWord, type ApiErrorBody, type ErrorCode } from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import { requestLocale } from '../../http/error-handler.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { CtiRejection, formFieldsToObject, parseFormBody, validateCtiEvent } from './cti-events.js';
import { getCtiSettings, updateCtiSettings } from './cti-settings.js';
import { handleCtiEvent, type CtiRuntime } from './cti.service.js';
import { createCtiFastPath } from './cti-fast-path.js';

const tags = ['cti'];
const CTI_BODY_LIMIT = 64 * 1024;

const DESCRIPTION = `Compatible with Zammad's generic CTI interface: PBX scripts written for it work unchanged.
The token in the path authenticates (no session); it is set in the CTI settings or by KEFU_CTI_TOKEN at start.

Body: JSON, application/x-www-form-urlencoded or multipart/form-data (\`user[]\` may repeat).
Events (Zammad): \`newCall\`, \`answer\`, \`hangup\` with \`from\`, \`to\`, \`direction\` (\`in\`/\`out\`, required), \`callId\`,
\`user\` (string or array: the agents rung on an inbound call, the dialling agent of an outbound one), \`queue\`,
\`answeringNumber\` (the agent who answered: extension, 工号, username, name or user id), \`cause\` on hangup
(\`normalClearing\`, \`busy\`, \`cancel\`, \`noAnswer\`, \`congestion\`, \`notFound\`, \`forwarded\`).

Kefu's extensions: \`at\` (ISO 8601 with offset) on any event — replays and imports, times come from it instead of
now; \`queueEnter\` and \`queueAbandon\` (callId, queue), \`hold\` and \`unhold\` (callId), \`transfer\` (callId,
\`transferTo\`), \`agentState\` (\`user\` or \`answeringNumber\`, \`state\`: ready, break, offline, after_call_work or
on_call, \`reason\` for a break); \`recordingUrl\` on any call event.

Answers as Zammad: 200 \`{}\`; 200 \`{"action":"reject","reason":"busy"}\` for a newCall from a blocked number
(the PBX still sends its hangup); 401 for an unknown token; 422 when the integration is off, the direction is
missing or invalid, the event unknown or the body unusable. An event is acknowledged only once stored.
Events may come late, twice or out of order: a repeat of (callId, event, at) changes nothing, an answer
before its newCall creates the call, and every time keeps its earliest value.`;

function sendCtiError(reply: FastifyReply, request: FastifyRequest, status: number, code: ErrorCode, word: string, details?: unknown) {
  const locale = requestLocale(request);
  const message = code === 'VALIDATION' ? formatErrorMessage(locale, code, { detail: word }) : translateWord(locale, word);
  const body: ApiErrorBody = { error: { code, message, ...(details === undefined ? {} : { details }) } };
  return reply.status(status).send(body);
}

/** The fields of a multipart form (files are read and dropped). */
async function multipartFields(request: FastifyRequest): Promise<Record<string, string | string[]>> {
  const entries: Array<[string, string]> = [];
  for await (const part of request.parts()) {
    if (part.type === 'field') entries.push([part.fieldname, String(part.value)]);
    else await part.toBuffer();
  }
  return formFieldsToObject(entries);
}

export const ctiRoutes: FastifyPluginAsyncZod<RouteDeps & { cti: CtiRuntime }> = async (app, { db, cti, config }) => {
  // The same endpoint without Fastify's per-request work, for the ordinary event; everything else comes to the route below.
  if (config.ctiFastPath) app.fastPaths.add(createCtiFastPath(app, cti, { bodyLimit: CTI_BODY_LIMIT, onError: (error) => app.log.error({ err: error }, 'cti event failed') }));

  app.get('/cti/settings', {
    schema: { tags, summary: 'The CTI integration settings: on/off, token and endpoint, blocked numbers, after-call work (calls.admin)', response: { 200: ctiSettingsSchema } },
  }, async (request) => getCtiSettings({ db, actor: actorOf(request) }));

  app.put('/cti/settings', {
    schema: { tags, summary: 'Change the CTI settings; regenerateToken makes a new endpoint token (audited, calls.admin)', body: ctiSettingsUpdateSchema, response: { 200: ctiSettingsSchema } },
  }, async (request) => {
    const settings = await updateCtiSettings({ db, actor: actorOf(request), input: request.body });
    cti.tenants.invalidate();
    return settings;
  });

  // Form bodies are parsed for this route only; the rest of the API speaks JSON.
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: CTI_BODY_LIMIT }, (_request, body, done) => {
      done(null, parseFormBody(body as string));
    });
    scope.post('/cti/:token', {
      config: { public: true },
      bodyLimit: CTI_BODY_LIMIT,
      // Validation happens in the handler: a PBX gets Zammad's 401 / 422, not the API's 400.
      validatorCompiler: () => (data) => ({ value: data }),
      schema: {
        tags,
        summary: 'CTI events from the PBX (Zammad generic CTI compatible, with extensions)',
        description: DESCRIPTION,
        security: [],
        params: z.object({ token: z.string() }),
        body: ctiEventSchema,
        response: { 200: z.union([z.object({ action: z.literal('reject'), reason: z.literal('busy') }), z.object({})]) },
      },
    }, async (request, reply) => {
      const receivedAt = new Date();
      const tenant = await cti.tenants.resolve((request.params as { token: string }).token);
      if (!tenant) return sendCtiError(reply, request, 401, 'UNAUTHENTICATED', 'cti_invalid_token');
      if (!tenant.enabled) return sendCtiError(reply, request, 422, 'CONFLICT', 'cti_disabled');
      try {
        const body = request.isMultipart() ? await multipartFields(request) : request.body;
        const input = validateCtiEvent(body);
        return await handleCtiEvent(cti, tenant, input, receivedAt);
      } catch (error) {
        if (error instanceof CtiRejection) return sendCtiError(reply, request, 422, 'VALIDATION', error.word, error.details);
        throw error;
      }
    });
  });
};
