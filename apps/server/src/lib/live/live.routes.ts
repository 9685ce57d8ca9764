import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { actorFromToken } from '../../modules/auth/auth.service.js';
import { SESSION_COOKIE } from '../../http/auth.js';
import { isForUser, type LiveBus } from './live-bus.js';

/**
 * GET /api/v1/live upgrades to a WebSocket that streams the signed-in user's live events as JSON
 * `{topic, payload}`. The browser sends its session cookie; other clients may pass `?token=`.
 */
export async function registerLiveRoute(app: FastifyInstance, { db, live }: { db: Kysely<DB>; live: LiveBus }) {
  app.get('/api/v1/live', { websocket: true, config: { public: true }, schema: { hide: true } }, async (socket, request) => {
    const query = request.query as { token?: string };
    const token = query.token ?? request.cookies[SESSION_COOKIE] ?? null;
    const actor = token ? await actorFromToken(db, token) : null;
    if (!actor) {
      socket.close(4401, 'unauthenticated');
      return;
    }
    const unsubscribe = live.subscribe((event) => {
      if (isForUser(event, actor) && socket.readyState === socket.OPEN) {
        socket.send(JSON.stringify({ topic: event.topic, payload: event.payload }));
      }
    });
    socket.on('close', unsubscribe);
    socket.send(JSON.stringify({ topic: 'hello', payload: { userId: actor.userId } }));
  });
}
