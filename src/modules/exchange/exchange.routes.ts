import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ChangeFeedQuerySchema, ChangePageSchema } from './exchange.schemas.js';
import { type ExchangeRuntime, listChanges } from './exchange.service.js';
import { answerOai } from './oai.service.js';

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
}
