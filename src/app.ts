import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { Config } from './platform/config.js';
import type { Database } from './platform/db.js';
import { registerAuth } from './platform/http/auth-hooks.js';
import { sendProblem } from './platform/http/error-handler.js';
import { registerHealthRoutes } from './platform/http/health.js';
import { createHttpServer } from './platform/http/server.js';
import { AppError } from './platform/errors.js';
import { type AccountsDeps, registerAccountRoutes, resolveApiToken, resolveSession } from './modules/accounts/index.js';
import { registerAuditRoutes } from './modules/audit/index.js';
import { registerRegionRoutes } from './modules/regions/index.js';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

/** Wires every module by hand: the one place that knows them all. */
export async function buildApp(config: Config, database: Database, opts: { logger?: boolean; serveWeb?: boolean } = {}) {
  const app = await createHttpServer(config, opts);
  const db = database.db;
  const accounts: AccountsDeps = { db, sessionSecret: config.sessionSecret, sessionTtlHours: config.sessionTtlHours };

  registerAuth(app, {
    fromSession: (token) => resolveSession(accounts, token),
    fromApiToken: (token) => resolveApiToken(accounts, token),
  });
  registerHealthRoutes(app, database);
  registerRegionRoutes(app, db);
  registerAccountRoutes(app, accounts);
  registerAuditRoutes(app, db);

  if (opts.serveWeb !== false && existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, maxAge: '1h', immutable: false });
    // Client-side routes (/workspace/…) get the app shell; /api stays problem+json.
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api/')) {
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      }
      return sendProblem(request, reply, new AppError('not_found', `接口 ${request.method} ${request.url.split('?')[0]} 不存在`));
    });
  }
  return app;
}
