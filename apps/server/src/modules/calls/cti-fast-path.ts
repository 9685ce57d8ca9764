import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { formatErrorMessage, resolveLocale, type ApiErrorBody } from '@kefu/shared';
import type { FastPath } from '../../http/fast-paths.js';
import { findNulCharacter } from '../../http/input-guard.js';
import { parseFormBody, validateCtiEvent } from './cti-events.js';
import { handleCtiEvent, type CtiRuntime } from './cti.service.js';

const PREFIX = '/api/v1/cti/';
const JSON_TYPE = /^application\/json\s*(;|$)/i;
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;
// What secure-json-parse (Fastify's JSON parser) refuses; such bodies go to Fastify for its answer.
const PROTOTYPE_KEYS = /__proto__|constructor/;
const JSON_UTF8 = 'application/json; charset=utf-8';

function send(response: ServerResponse, status: number, body: string | Buffer, type = JSON_UTF8) {
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/**
 * POST /api/v1/cti/{token} served on Node's HTTP server without Fastify's routing, hooks and serializers, which
 * were most of the server's CPU per event (a PBX sends thousands a second; bench/cti-ingest.ts).
 * Only the ordinary case is served here: a JSON or form body of known length within the limit, a known token of
 * an enabled integration, an event that validates. Anything else — multipart, chunked, oversized, unparsable,
 * an unknown token, an invalid event — is answered by the Fastify route itself: an unusual request is handed to
 * Fastify before its body is read, and a body read here that fails a check is replayed into Fastify (app.inject)
 * before anything was stored, so every error answer is the route's own.
 */
export function createCtiFastPath(app: FastifyInstance, rt: CtiRuntime, { bodyLimit, onError }: { bodyLimit: number; onError: (error: unknown) => void }): FastPath {
  const replay = async (request: IncomingMessage, response: ServerResponse, payload: Buffer) => {
    const answer = await app.inject({ method: 'POST', url: request.url!, headers: request.headers, payload });
    send(response, answer.statusCode, answer.rawPayload, String(answer.headers['content-type'] ?? JSON_UTF8));
  };

  const serve = async (request: IncomingMessage, response: ServerResponse, token: string, form: boolean, payload: Buffer, receivedAt: Date) => {
    const text = payload.toString('utf8');
    let body: unknown;
    try {
      if (!form && PROTOTYPE_KEYS.test(text)) return await replay(request, response, payload);
      body = form ? parseFormBody(text) : JSON.parse(text);
    } catch {
      return await replay(request, response, payload);
    }
    const tenant = await rt.tenants.resolve(token);
    if (!tenant?.enabled || findNulCharacter(body, 'body') !== null) return await replay(request, response, payload);
    let input;
    try {
      input = validateCtiEvent(body);
    } catch {
      return await replay(request, response, payload);
    }
    try {
      send(response, 200, JSON.stringify(await handleCtiEvent(rt, tenant, input, receivedAt)));
    } catch (error) {
      // Not replayed: the event may be half-way (a retry by the PBX is idempotent, a replay here might not be).
      onError(error);
      const locale = resolveLocale(request.headers['accept-language']);
      const failure: ApiErrorBody = { error: { code: 'INTERNAL', message: formatErrorMessage(locale, 'INTERNAL', {}) } };
      send(response, 500, JSON.stringify(failure));
    }
  };

  return (request, response) => {
    const url = request.url;
    if (request.method !== 'POST' || url === undefined || !url.startsWith(PREFIX)) return false;
    const token = url.slice(PREFIX.length);
    // Query strings, encoded characters and deeper paths are Fastify's to decode and route.
    if (token.length === 0 || /[/?%#]/.test(token)) return false;
    const type = request.headers['content-type'] ?? '';
    const form = FORM_TYPE.test(type);
    if (!form && !JSON_TYPE.test(type)) return false;
    const length = Number(request.headers['content-length']);
    if (!Number.isInteger(length) || length <= 0 || length > bodyLimit || request.headers['transfer-encoding'] !== undefined) return false;

    const receivedAt = new Date();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('error', () => response.destroy());
    request.on('end', () => {
      serve(request, response, token, form, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), receivedAt).catch((error: unknown) => {
        onError(error);
        if (!response.headersSent) response.writeHead(500).end();
      });
    });
    return true;
  };
}
