/**
 * The merchant side of the notification tests: the same callback served five ways on 127.0.0.1
 * (node:http + nodeHandler, node:http + fetchHandler over Request/Response, Express without a
 * body parser, Express with express.raw(), Hono through @hono/node-server, Fastify with the
 * README's scope whose content-type parser leaves the body unread).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import express from 'express';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import Fastify from 'fastify';
import type { NotificationsApi, NotificationCallback } from '../../templates/runtime/notifications-api';
import type { Notification, NotificationHandlerOptions } from '../../templates/runtime/notification-types';

export type ServerKind = 'node-handler' | 'fetch-handler' | 'express' | 'express-raw' | 'hono' | 'fastify';
export const SERVER_KINDS: readonly ServerKind[] = ['node-handler', 'fetch-handler', 'express', 'express-raw', 'hono', 'fastify'];

export interface Running {
  readonly url: string;
  close(): Promise<void>;
}

/** node:http → Request, Response → node:http: the smallest fetch-style server. */
function fetchServer(handler: (r: Request) => Promise<Response>): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers,
        ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
      } as RequestInit);
      const response = await handler(request);
      const out: Record<string, string> = {};
      response.headers.forEach((v, k) => {
        out[k] = v;
      });
      res.writeHead(response.status, out);
      res.end(Buffer.from(await response.arrayBuffer()));
    })();
  });
}

function listen(server: Server): Promise<Running> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/notify`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Serves `callback` through `api` the `kind` way. */
export function startMerchant<N extends Notification>(
  kind: ServerKind,
  api: NotificationsApi<N>,
  callback: NotificationCallback<N>,
  options: NotificationHandlerOptions = {},
): Promise<Running> {
  switch (kind) {
    case 'node-handler':
      return listen(createServer((req, res) => void api.nodeHandler(callback, options)(req, res)));
    case 'fetch-handler':
      return listen(fetchServer(api.fetchHandler(callback, options)));
    case 'express': {
      const app = express();
      app.post('/notify', api.nodeHandler(callback, options));
      return listen(createServer(app));
    }
    case 'express-raw': {
      const app = express();
      app.post('/notify', express.raw({ type: '*/*', limit: '2mb' }), api.nodeHandler(callback, options));
      return listen(createServer(app));
    }
    case 'fastify': {
      // As in the README: a scope whose content-type parser hands the unread stream on, so that
      // nodeHandler reads (and limits) the raw body itself; the reply is hijacked to reply.raw.
      const app = Fastify();
      void app.register(async (scope) => {
        scope.removeAllContentTypeParsers();
        scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
        const handle = api.nodeHandler(callback, options);
        scope.all('/notify', async (request, reply) => {
          reply.hijack();
          await handle(request.raw, reply.raw);
        });
      });
      return app.listen({ port: 0, host: '127.0.0.1' }).then(() => {
        const { port } = app.server.address() as AddressInfo;
        return {
          url: `http://127.0.0.1:${port}/notify`,
          close: async () => {
            app.server.closeAllConnections();
            await app.close();
          },
        };
      });
    }
    case 'hono': {
      const app = new Hono();
      const handler = api.fetchHandler(callback, options);
      app.post('/notify', (c) => handler(c.req.raw));
      return new Promise((resolve) => {
        const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
          resolve({
            url: `http://127.0.0.1:${info.port}/notify`,
            close: () =>
              new Promise<void>((done) => {
                (server as Server).closeAllConnections?.();
                server.close(() => done());
              }),
          });
        });
      });
    }
  }
}
