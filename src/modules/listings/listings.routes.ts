import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contextOf, requireActor } from '../../platform/http/auth-hooks.js';
import { PageQuerySchema } from '../../platform/http/pagination.js';
import * as s from './listings.schemas.js';
import * as svc from './listings.service.js';
import type { ListingsDeps } from './listings.service.js';

/**
 * Coarse gates per route (config.access); the service decides on the record (policy) and the
 * queries scope rows in SQL.
 */
const MEMBERS = ['org_admin', 'org_member'] as const;
const REVIEWERS = { roles: ['operator', 'gov_admin'] } as const;
const OWNERS = { roles: MEMBERS } as const;
/** Objectors and delisters: members of verified organizations and brokers (checked by the service). */
const PARTIES = { roles: [...MEMBERS, 'broker'] } as const;
const tags = ['listings'];
const Detail = { 200: s.ListingDetailSchema };

export function registerListingRoutes(app: FastifyInstance, deps: ListingsDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/listings', {
    config: { access: 'public' },
    schema: { tags, summary: '挂牌项目：公示中、挂牌中与已摘牌的项目（可筛选）', querystring: s.ListingListQuerySchema, response: { 200: s.ListingPageSchema } },
  }, async (request) => svc.listPublic(deps, request.query));

  r.get('/api/listings/mine', {
    config: { access: OWNERS },
    schema: { tags, summary: '我的挂牌：本单位全部状态的挂牌项目', querystring: s.ListingListQuerySchema, response: { 200: s.ListingPageSchema } },
  }, async (request) => svc.listMine(deps, requireActor(request), request.query));

  r.get('/api/listings/review-queue', {
    config: { access: REVIEWERS },
    schema: { tags, summary: '挂牌审核与异议处理：本地区待审核、公示中的项目（最早提交的在前）', querystring: s.ListingListQuerySchema, response: { 200: s.ListingPageSchema } },
  }, async (request) => svc.reviewQueue(deps, requireActor(request), request.query));

  r.get('/api/listings/deals', {
    config: { access: PARTIES },
    schema: { tags, summary: '我的成交：本机构作为挂牌方、摘牌方或中介的成交', querystring: PageQuerySchema.strict(), response: { 200: s.DealPageSchema } },
  }, async (request) => svc.listMyDeals(deps, requireActor(request), request.query));

  r.get('/api/listings/settings', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '公示期与成交公示期的默认工作日数及其范围', response: { 200: s.SettingsOutSchema } },
  }, async () => svc.getSettings(deps.db));

  r.put('/api/listings/settings', {
    config: { access: { roles: ['operator'] } },
    schema: { tags, summary: '修改公示期与成交公示期的默认工作日数（平台运营）', body: s.SettingsSchema, response: { 200: s.SettingsOutSchema } },
  }, async (request) => svc.updateSettings(deps, contextOf(request), request.body));

  r.get('/api/listings/:id', {
    config: { access: 'public' },
    schema: { tags, summary: '挂牌项目详情（公示倒计时、异议、成交；未公开的仅所属单位与审核方可见）', params: s.IdParamSchema, response: Detail },
  }, async (request) => svc.getListing(deps, request.actor, request.params.id));

  r.post('/api/listings', {
    config: { access: OWNERS },
    schema: { tags, summary: '挂牌：成果所属单位为已发布成果申请挂牌（提交审核）', body: s.CreateListingSchema, response: { 201: s.ListingDetailSchema } },
  }, async (request, reply) => reply.status(201).send(await svc.createListing(deps, contextOf(request), request.body)));

  r.post('/api/listings/:id/approve', {
    config: { access: REVIEWERS },
    schema: { tags, summary: '审核通过：次一工作日起公示', params: s.IdParamSchema, body: s.ReviewSchema.optional(), response: Detail },
  }, async (request) => svc.approveListing(deps, contextOf(request), request.params.id, request.body ?? {}));

  r.post('/api/listings/:id/reject', {
    config: { access: REVIEWERS },
    schema: { tags, summary: '审核不通过（附理由）', params: s.IdParamSchema, body: s.ReasonSchema, response: Detail },
  }, async (request) => svc.rejectListing(deps, contextOf(request), request.params.id, request.body));

  r.post('/api/listings/:id/withdraw', {
    config: { access: OWNERS },
    schema: { tags, summary: '成果所属单位撤销挂牌（摘牌前）', params: s.IdParamSchema, body: s.ReasonSchema, response: Detail },
  }, async (request) => svc.withdrawListing(deps, contextOf(request), request.params.id, request.body));

  r.post('/api/listings/:id/objections', {
    config: { access: PARTIES },
    schema: { tags, summary: '公示期内提出异议（已认证机构）', params: s.IdParamSchema, body: s.ReasonSchema, response: { 201: s.ListingDetailSchema } },
  }, async (request, reply) => reply.status(201).send(await svc.fileObjection(deps, contextOf(request), request.params.id, request.body)));

  r.post('/api/listings/:id/objections/:objectionId/resolve', {
    config: { access: REVIEWERS },
    schema: { tags, summary: '处理异议：成立则撤销挂牌，不成立则继续公示', params: s.ObjectionParamSchema, body: s.ResolveObjectionSchema, response: Detail },
  }, async (request) => svc.resolveObjection(deps, contextOf(request), request.params.id, request.params.objectionId, request.body));

  r.post('/api/listings/:id/delist', {
    config: { access: PARTIES },
    schema: { tags, summary: '摘牌：按挂牌价成交（先到先得，已被摘牌时 409）', params: s.IdParamSchema, body: s.DelistSchema.optional(), response: Detail },
  }, async (request) => svc.delistListing(deps, contextOf(request), request.params.id, request.body ?? {}));
}
