import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf, requireActor } from '../../platform/http/auth-hooks.js';
import * as s from './campaigns.schemas.js';
import * as svc from './campaigns.service.js';
import type { CampaignsDeps } from './campaigns.service.js';

/** Campaigns are run by the operator and gov_admins; brokers go out on the visiting teams. */
const ORGANIZERS = { roles: ['operator', 'gov_admin'] } as const;
const TEAMS = { roles: ['operator', 'gov_admin', 'broker'] } as const;
const tags = ['campaigns'];
const Detail = { 200: s.CampaignDetailSchema };

export function registerCampaignRoutes(app: FastifyInstance, deps: CampaignsDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/campaigns', {
    config: { access: 'public' },
    schema: { tags, summary: '科惠行动列表（可按地区、年份、状态筛选；含目标与完成情况）', querystring: s.CampaignListQuerySchema, response: { 200: s.CampaignPageSchema } },
  }, async (request) => svc.listCampaigns(deps, request.actor, request.query));

  r.post('/api/campaigns', {
    config: { access: ORGANIZERS },
    schema: { tags, summary: '发起科惠行动（科技管理部门限本辖区）', body: s.CreateCampaignSchema, response: { 201: s.CampaignDetailSchema } },
  }, async (request, reply) => reply.status(201).send(await svc.createCampaign(deps, contextOf(request), request.body)));

  r.get('/api/campaigns/:id', {
    config: { access: 'public' },
    schema: { tags, summary: '科惠行动详情（目标与实际、月度走势、分地区完成情况）', params: s.IdParamSchema, response: Detail },
  }, async (request) => svc.getCampaign(deps, request.actor, request.params.id));

  r.patch('/api/campaigns/:id', {
    config: { access: ORGANIZERS },
    schema: { tags, summary: '修改科惠行动', params: s.IdParamSchema, body: s.UpdateCampaignSchema, response: Detail },
  }, async (request) => svc.updateCampaign(deps, contextOf(request), request.params.id, request.body));

  r.get('/api/campaigns/:id/visits', {
    config: { access: TEAMS },
    schema: { tags, summary: '走访记录（按辖区；技术经纪人看本人记录）', params: s.IdParamSchema, querystring: s.VisitListQuerySchema, response: { 200: s.VisitPageSchema } },
  }, async (request) => svc.listVisits(deps, requireActor(request), request.params.id, request.query.page, request.query.pageSize));

  r.post('/api/campaigns/:id/visits', {
    config: { access: TEAMS },
    schema: { tags, summary: '记录企业走访', params: s.IdParamSchema, body: s.CreateVisitSchema, response: { 201: s.VisitOutSchema } },
  }, async (request, reply) => reply.status(201).send(await svc.recordVisit(deps, contextOf(request), request.params.id, request.body)));

  r.get('/api/campaigns/:id/events', {
    config: { access: 'public' },
    schema: { tags, summary: '对接活动（公开部分；组织方另见参会名单）', params: s.IdParamSchema, response: { 200: z.object({ items: z.array(s.EventOutSchema) }) } },
  }, async (request) => svc.listEvents(deps, request.actor, request.params.id));

  r.post('/api/campaigns/:id/events', {
    config: { access: ORGANIZERS },
    schema: { tags, summary: '记录认领对接活动', params: s.IdParamSchema, body: s.CreateEventSchema, response: { 201: s.EventOutSchema } },
  }, async (request, reply) => reply.status(201).send(await svc.recordEvent(deps, contextOf(request), request.params.id, request.body)));

  r.get('/api/campaigns/:id/events/:eventId', {
    config: { access: 'public' },
    schema: { tags, summary: '对接活动详情', params: s.EventParamSchema, response: { 200: s.EventOutSchema } },
  }, async (request) => svc.getEvent(deps, request.actor, request.params.id, request.params.eventId));

  r.patch('/api/campaigns/:id/events/:eventId', {
    config: { access: ORGANIZERS },
    schema: { tags, summary: '修改对接活动（如补记成效）', params: s.EventParamSchema, body: s.UpdateEventSchema, response: { 200: s.EventOutSchema } },
  }, async (request) => svc.updateEvent(deps, contextOf(request), request.params.id, request.params.eventId, request.body));
}
