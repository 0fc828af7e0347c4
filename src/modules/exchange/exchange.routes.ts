import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ChangeFeedQuerySchema, ChangePageSchema } from './exchange.schemas.js';
import { type ExchangeRuntime, listChanges } from './exchange.service.js';
import { answerOai } from './oai.service.js';
import {
  CreatedWebhookSchema,
  CreateWebhookSchema,
  DeliveryPageSchema,
  DeliveryQuerySchema,
  ReplayResultSchema,
  ReplayWebhookSchema,
  UpdateWebhookSchema,
  WebhookIdParamSchema,
  WebhookPageSchema,
  WebhookSchema,
} from './webhooks.schemas.js';
import * as webhooks from './webhooks.service.js';
import { PageQuerySchema } from '../../platform/http/pagination.js';
import { contextOf, requireActor } from '../../platform/http/auth-hooks.js';

const tags = ['exchange'];
const XML = 'text/xml; charset=utf-8';
/** The native format's schema, committed in docs/oai and served beside the endpoint. */
const KEHUI_XSD = readFileSync(new URL('../../../docs/oai/kehui.xsd', import.meta.url), 'utf8');

/** The site's origin: KEHUI_PUBLIC_URL when configured, else the request's scheme and host. */
function siteUrlOf(rt: ExchangeRuntime, request: FastifyRequest): string {
  return (rt.deps.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
}

/** Arguments in order with repeats kept (a repeated argument is an OAI badArgument). */
function pairsOf(encoded: string): [string, string][] {
  return [...new URLSearchParams(encoded)];
}

export function registerExchangeRoutes(app: FastifyInstance, rt: ExchangeRuntime) {
  // OAI-PMH has its own scope: form bodies are parsed here only, and the provider is anonymous by
  // design (the answer never depends on who asks), so credentials sent along are set aside; a
  // browser session cannot turn a form POST into a CSRF question either.
  app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, body));
    scope.addHook('onRequest', async (request) => {
      request.actor = null;
    });

    const handler = async (request: FastifyRequest, encoded: string) => {
      const siteUrl = siteUrlOf(rt, request);
      return answerOai(rt, { pairs: pairsOf(encoded), baseUrl: `${siteUrl}/oai`, siteUrl, now: new Date() });
    };
    const summary = 'OAI-PMH 2.0（Identify、ListMetadataFormats、ListSets、ListIdentifiers、ListRecords、GetRecord；元数据格式 oai_dc 与 kehui）';

    scope.get('/oai', { config: { access: 'public' }, schema: { tags, summary } }, async (request, reply) => {
      const raw = request.raw.url ?? '';
      const at = raw.indexOf('?');
      return reply.type(XML).send(await handler(request, at < 0 ? '' : raw.slice(at + 1)));
    });

    scope.post('/oai', { config: { access: 'public' }, schema: { tags, summary: `${summary}，表单提交 (application/x-www-form-urlencoded)` } }, async (request, reply) => {
      return reply.type(XML).send(await handler(request, typeof request.body === 'string' ? request.body : ''));
    });

    scope.get('/oai/kehui.xsd', { config: { access: 'public' }, schema: { tags, summary: '元数据格式 kehui 的 XML Schema' } }, async (_request, reply) =>
      reply.type(XML).header('cache-control', 'public, max-age=3600').send(KEHUI_XSD),
    );
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/exchange/changes', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: '公开记录变更流（科技成果、技术需求；按时间戳与编号分页，记录变化时不漏不重）',
      querystring: ChangeFeedQuerySchema,
      response: { 200: ChangePageSchema },
    },
  }, async (request) => listChanges(rt, request.query, siteUrlOf(rt, request)));

  // ---- webhooks (推送订阅): partners holding API tokens; the operator for partner organizations ----
  const ctx = (request: FastifyRequest) => ({ ...contextOf(request), actor: requireActor(request) });
  r.get('/api/exchange/webhooks', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '推送订阅列表（本人的；平台运营看全部）', querystring: PageQuerySchema, response: { 200: WebhookPageSchema } },
  }, async (request) => webhooks.listWebhooks(rt.db, requireActor(request), request.query));

  r.post('/api/exchange/webhooks', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '创建推送订阅（需持有 API 令牌；密钥只显示一次）', body: CreateWebhookSchema, response: { 201: CreatedWebhookSchema } },
  }, async (request, reply) => reply.status(201).send(await webhooks.createWebhook(rt.db, ctx(request), request.body)));

  r.get('/api/exchange/webhooks/:id', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '推送订阅详情', params: WebhookIdParamSchema, response: { 200: WebhookSchema } },
  }, async (request) => webhooks.getWebhook(rt.db, requireActor(request), request.params.id));

  r.patch('/api/exchange/webhooks/:id', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '修改推送订阅（地址、记录类型、集合、启用/停用）', params: WebhookIdParamSchema, body: UpdateWebhookSchema, response: { 200: WebhookSchema } },
  }, async (request) => webhooks.updateWebhook(rt.db, ctx(request), request.params.id, request.body));

  r.get('/api/exchange/webhooks/:id/deliveries', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '推送记录（待发、已送达、失败）', params: WebhookIdParamSchema, querystring: DeliveryQuerySchema, response: { 200: DeliveryPageSchema } },
  }, async (request) => webhooks.listWebhookDeliveries(rt.db, requireActor(request), request.params.id, request.query));

  r.post('/api/exchange/webhooks/:id/replay', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '从某个变更位置起重新推送（可含已失败的推送）', params: WebhookIdParamSchema, body: ReplayWebhookSchema, response: { 200: ReplayResultSchema } },
  }, async (request) => webhooks.replayWebhook(rt.db, ctx(request), request.params.id, request.body));
}
