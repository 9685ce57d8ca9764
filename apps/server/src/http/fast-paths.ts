import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FastifyServerOptions } from 'fastify';

/**
 * A handler that may serve a request before Fastify sees it: it answers true when it took the request (and then
 * owns the response), false to let Fastify route it. Only for endpoints where Fastify's per-request work is most
 * of the cost and the volume is high (the PBX's CTI events); everything unusual must still go to Fastify.
 */
export type FastPath = (request: IncomingMessage, response: ServerResponse) => boolean;

export interface FastPaths {
  add(path: FastPath): void;
  /** Fastify's serverFactory: the same HTTP server Fastify would make, consulting the fast paths first. */
  serverFactory(handler: (request: IncomingMessage, response: ServerResponse) => void, options: FastifyServerOptions): Server;
}

export function createFastPaths(): FastPaths {
  const paths: FastPath[] = [];
  return {
    add(path) {
      paths.push(path);
    },
    serverFactory(handler, options) {
      const server = createServer((request, response) => {
        for (const path of paths) if (path(request, response)) return;
        handler(request, response);
      });
      // What Fastify sets on the server it creates itself (fastify/lib/server.js).
      if (options.keepAliveTimeout) server.keepAliveTimeout = options.keepAliveTimeout;
      if (options.requestTimeout) server.requestTimeout = options.requestTimeout;
      if (options.connectionTimeout) server.setTimeout(options.connectionTimeout);
      if (options.maxRequestsPerSocket) server.maxRequestsPerSocket = options.maxRequestsPerSocket;
      return server;
    },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    fastPaths: FastPaths;
  }
}
