import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/auth-hooks.js';
import { DictionaryOutSchema, DictionarySchema, SearchQuerySchema, type SearchResponse, SearchResponseSchema } from './search.schemas.js';
import * as svc from './search.service.js';

const tags = ['search'];

export function registerSearchRoutes(app: FastifyInstance, rt: svc.SearchRuntime) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/search', {
    config: { access: 'public' },
    schema: { tags, summary: '全站检索（成果、需求、机构），含分面计数与高亮', querystring: SearchQuerySchema, response: { 200: SearchResponseSchema } },
  }, async (request, reply) => {
    const qy = request.query;
    // The answer comes serialized from search.service (which keeps popular ones), so it is sent as
    // is rather than re-validated against the schema on every query: that check was a tenth of a
    // search request's CPU time under load. The schema still documents the answer, and
    // search.test.ts checks real answers against it.
    const body = await svc.searchAnswer(rt, request.actor, { q: qy.q, type: qy.type, filters: svc.indexFilters(qy), sort: qy.sort, page: qy.page, pageSize: qy.pageSize });
    // A Buffer payload is written as is, without serialization (the typed reply expects the object
    // the schema describes, hence the cast).
    return reply.type('application/json; charset=utf-8').send(body as unknown as SearchResponse);
  });

  r.get('/api/search/suggest', {
    config: { access: 'public' },
    schema: { tags, summary: '输入联想（标题与关键词，支持拼音首字母）', querystring: z.strictObject({ q: z.string().max(50).default('') }), response: { 200: z.object({ items: z.array(z.string()) }) } },
  }, async (request) => svc.suggest(rt, request.query.q));

  r.get('/api/search/similar/:id', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: '相似成果（按文本相似度）',
      params: z.strictObject({ id: z.uuid('ID 格式不正确') }),
      querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(10) }),
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), score: z.number(), record: z.unknown() })) }) },
    },
  }, async (request) => svc.similar(rt, request.actor, request.params.id, request.query.limit));

  r.get('/api/search/hot', {
    config: { access: 'public' },
    schema: { tags, summary: '近 7 天热门搜索', response: { 200: z.object({ items: z.array(z.object({ query: z.string(), count: z.number() })) }) } },
  }, async () => svc.hot(rt));

  r.get('/api/search/status', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: '检索索引状态（记录数、检索副本线程）',
      response: {
        200: z.object({
          ready: z.boolean(),
          records: z.number().int(),
          threads: z.object({ threads: z.number().int(), ready: z.number().int(), answered: z.number().int() }),
        }),
      },
    },
  }, async () => svc.searchStatus(rt));

  r.get('/api/search/dictionary', {
    config: { access: { roles: ['operator'] } },
    schema: { tags, summary: '领域词典与同义词（运营方维护）', response: { 200: DictionaryOutSchema } },
  }, async () => svc.getDictionary(rt));

  r.put('/api/search/dictionary', {
    config: { access: { roles: ['operator'] } },
    schema: { tags, summary: '替换领域词典与同义词（所有服务进程随后重建索引）', body: DictionarySchema, response: { 200: DictionaryOutSchema } },
  }, async (request) => svc.setDictionary(rt, contextOf(request), request.body));
}
