import { randomUUID } from 'node:crypto';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Access, Actor } from '../auth.js';
import type { Config } from '../config.js';
import { lazyChildLogger, loggerOptions } from '../logger.js';
import { AppError } from '../errors.js';
import { registerErrorHandling, sendProblem, toAppError } from './error-handler.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every /api route: who may call it at all (see platform/auth.ts). */
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** Set when a session cookie was sent but had expired. */
    sessionExpired: boolean;
  }
}

// Validation messages in Simplified Chinese for every schema.
z.config(z.locales.zhCN());

export interface RouteInfo {
  method: string;
  url: string;
  access: Access | undefined;
}

/** Body size limit for JSON requests (uploads get their own limits). */
export const BODY_LIMIT = 1024 * 1024;

export async function createHttpServer(config: Pick<Config, 'trustProxy' | 'logLevel'>, opts: { logger?: boolean; webRoot?: string | null } = {}) {
  const app = Fastify({
    logger: opts.logger === false ? false : loggerOptions(config),
    childLoggerFactory: lazyChildLogger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    forceCloseConnections: 'idle',
    // Errors raised before routing (an undecodable URL) skip the hooks: still problem+json with an id.
    frameworkErrors: (error, request, reply) => {
      reply.header('x-request-id', request.id);
      const appError = error.code === 'FST_ERR_BAD_URL' ? new AppError('bad_request', '请求地址格式错误，无法解析') : toAppError(error);
      return sendProblem(request, reply, appError);
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionExpired', false);

  // Every /api route must say who may call it; the authorization matrix test reads this list.
  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const url = route.url ?? '';
    if (!url.startsWith('/api/') || url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (access === undefined) throw new Error(`route ${methods.join(',')} ${url} declares no config.access`);
    for (const m of methods) if (m !== 'HEAD') routes.push({ method: m, url, access });
  });
  app.decorate('kehuiRoutes', routes);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  registerErrorHandling(app, { spaFallback: Boolean(opts.webRoot) });
  if (opts.webRoot) {
    // Built assets have hashed names and may be cached long; index.html is revalidated.
    await app.register(fastifyStatic, {
      root: opts.webRoot,
      // Files are looked up per request, so a rebuilt web app is served without a restart.
      wildcard: true,
      setHeaders: (reply, file) => {
        reply.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '科惠 Kehui API',
        description: '技术转移公共服务平台 API。错误为 RFC 9457 problem+json；列表为 {items,total,page,pageSize}。',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'kehui_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    kehuiRoutes: RouteInfo[];
  }
}

export type HttpServer = FastifyInstance;
