import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contextOf, requireActor } from '../../platform/http/auth-hooks.js';
import * as s from './matching.schemas.js';
import * as svc from './matching.service.js';
import type { MatchingDeps } from './matching.service.js';

/**
 * Coarse gates per route (config.access); the service decides on the record (policy: who may see
 * recommendations of this demand or achievement).
 */
const tags = ['matching'];
const READERS = { roles: ['operator', 'gov_admin'] } as const;
const OPERATOR = { roles: ['operator'] } as const;

export function registerMatchingRoutes(app: FastifyInstance, deps: MatchingDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/matching/demands/:id/recommendations', {
    config: { access: 'signed_in' },
    schema: {
      tags,
      summary: '需求的推荐成果（按匹配度排序，含分项得分与中文理由；需求所属企业、当前认领机构、平台运营方及所在地区科技管理部门可见）',
      params: s.IdParamSchema,
      querystring: s.RecommendationsQuerySchema,
      response: { 200: s.DemandRecommendationsSchema },
    },
  }, async (request) => svc.recommendationsForDemand(deps, requireActor(request), request.params.id, request.query.limit));

  r.get('/api/matching/achievements/:id/demands', {
    config: { access: 'signed_in' },
    schema: {
      tags,
      summary: '可能需要此成果的企业（开放需求按匹配度排序并按企业分组；成果权属单位、平台运营方及所在地区科技管理部门可见）',
      params: s.IdParamSchema,
      querystring: s.RecommendationsQuerySchema,
      response: { 200: s.AchievementDemandsSchema },
    },
  }, async (request) => svc.demandsForAchievement(deps, requireActor(request), request.params.id, request.query.limit));

  r.get('/api/matching/weights', {
    config: { access: READERS },
    schema: { tags, summary: '当前匹配权重（及默认权重）', response: { 200: s.WeightsResponseSchema } },
  }, async (request) => svc.getWeights(deps, requireActor(request)));

  r.put('/api/matching/weights', {
    config: { access: OPERATOR },
    schema: {
      tags,
      summary: '设置匹配权重（每项 0–1，至少一项大于 0；按总和归一化后保存为新版本）',
      body: s.WeightsInputSchema,
      response: { 200: s.WeightsResponseSchema },
    },
  }, async (request) => svc.setWeights(deps, contextOf(request), request.body));

  r.get('/api/matching/weights/history', {
    config: { access: READERS },
    schema: { tags, summary: '匹配权重的历史版本（运营方设置与反馈学习，最新在前）', querystring: s.WeightsHistoryQuerySchema, response: { 200: s.WeightsHistorySchema } },
  }, async (request) => svc.weightsHistory(deps, requireActor(request), request.query.page, request.query.pageSize));

  r.post('/api/matching/rematch', {
    config: { access: OPERATOR },
    schema: { tags, summary: '重新计算全部开放需求的推荐（每项需求前 20 项成果）', response: { 200: s.RematchResultSchema } },
  }, async (request) => svc.rematch(deps, contextOf(request)));
}
