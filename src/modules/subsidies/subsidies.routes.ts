import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contextOf, requireActor } from '../../platform/http/auth-hooks.js';
import * as s from './subsidies.schemas.js';
import * as svc from './subsidies.service.js';
import type { SubsidiesDeps } from './subsidies.service.js';

/**
 * Coarse gates per route (config.access); the service decides on the record (policy) and the
 * queries scope rows in SQL.
 */
const MEMBERS = { roles: ['org_admin', 'org_member'] } as const;
const REVIEWERS = { roles: ['operator', 'gov_admin'] } as const;
const QUEUE = { roles: ['operator', 'gov_admin', 'expert'] } as const;
const READERS = { roles: ['operator', 'gov_admin', 'expert', 'org_admin', 'org_member'] } as const;
const OPERATOR = { roles: ['operator'] } as const;
const tags = ['subsidies'];
const Detail = { 200: s.ApplicationDetailSchema };

export function registerSubsidyRoutes(app: FastifyInstance, deps: SubsidiesDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ---- programmes ----
  r.get('/api/subsidies/programmes', {
    config: { access: 'public' },
    schema: { tags, summary: '补助项目：生效中的项目、规则说明与剩余预算', response: { 200: s.ProgrammeListSchema } },
  }, async (request) => svc.listActiveProgrammes(deps, request.actor));

  r.get('/api/subsidies/programmes/manage', {
    config: { access: REVIEWERS },
    schema: { tags, summary: '补助项目管理：全部版本与状态（平台运营、科技管理部门）', response: { 200: s.ProgrammeListSchema } },
  }, async (request) => svc.listAllProgrammes(deps, requireActor(request)));

  r.get('/api/subsidies/programmes/:id', {
    config: { access: 'public' },
    schema: { tags, summary: '补助项目版本详情与版本历史（草稿仅运营方与科技管理部门可见）', params: s.IdParamSchema, response: { 200: s.ProgrammeDetailSchema } },
  }, async (request) => svc.getProgramme(deps, request.actor, request.params.id));

  r.post('/api/subsidies/programmes', {
    config: { access: OPERATOR },
    schema: { tags, summary: '新建补助项目（第 1 版，草稿）', body: s.CreateProgrammeSchema, response: { 201: s.ProgrammeDetailSchema } },
  }, async (request, reply) => reply.status(201).send(await svc.createProgramme(deps, contextOf(request), request.body)));

  r.post('/api/subsidies/programmes/:id/activate', {
    config: { access: OPERATOR },
    schema: { tags, summary: '启用草稿项目', params: s.IdParamSchema, response: { 200: s.ProgrammeDetailSchema } },
  }, async (request) => svc.activateProgramme(deps, contextOf(request), request.params.id));

  r.post('/api/subsidies/programmes/:id/versions', {
    config: { access: OPERATOR },
    schema: { tags, summary: '修改生效中的项目：创建新版本，原版本于新版本生效前一日截止', params: s.IdParamSchema, body: s.NewVersionSchema, response: { 201: s.ProgrammeDetailSchema } },
  }, async (request, reply) => reply.status(201).send(await svc.createVersion(deps, contextOf(request), request.params.id, request.body)));

  // ---- simulator ----
  r.post('/api/subsidies/simulate', {
    config: { access: 'public' },
    schema: { tags, summary: '补助测算：按合同与投资信息测算各项目可得金额及公式', body: s.SimulateSchema, response: { 200: s.SimulationSchema } },
  }, async (request) => svc.simulate(deps, request.body));

  r.get('/api/subsidies/simulate/contract/:contractId', {
    config: { access: READERS },
    schema: { tags, summary: '按已登记合同测算本单位可得补助（合同当事方、运营方、所在地区科技管理部门）', params: s.ContractParamSchema, response: { 200: s.SimulationSchema } },
  }, async (request) => svc.simulateContract(deps, requireActor(request), request.params.contractId));

  // ---- applications ----
  r.get('/api/subsidies/applications/mine', {
    config: { access: MEMBERS },
    schema: { tags, summary: '我的申请：本单位的补助申请', querystring: s.ApplicationListQuerySchema, response: { 200: s.ApplicationPageSchema } },
  }, async (request) => svc.listMine(deps, requireActor(request), request.query));

  r.get('/api/subsidies/applications/review-queue', {
    config: { access: QUEUE },
    schema: { tags, summary: '补助审核：本地区待审核与待拨付的申请（专家：审核中的申请），最早的在前', querystring: s.ApplicationListQuerySchema, response: { 200: s.ApplicationPageSchema } },
  }, async (request) => svc.reviewQueue(deps, requireActor(request), request.query));

  r.post('/api/subsidies/applications/preview', {
    config: { access: MEMBERS },
    schema: { tags, summary: '申请前测算：按所选项目与关联记录计算金额和公式（不保存）', body: s.CreateApplicationSchema, response: { 200: s.ComputationSchema } },
  }, async (request) => svc.previewApplication(deps, contextOf(request), request.body));

  r.post('/api/subsidies/applications', {
    config: { access: MEMBERS },
    schema: { tags, summary: '申请补助：绑定基准日有效的项目版本，保存测算金额与公式', body: s.CreateApplicationSchema, response: { 201: s.ApplicationDetailSchema } },
  }, async (request, reply) => reply.status(201).send(await svc.createApplication(deps, contextOf(request), request.body)));

  r.get('/api/subsidies/applications/:id', {
    config: { access: READERS },
    schema: { tags, summary: '补助申请详情：公式、输入、评分、拨付与进度', params: s.IdParamSchema, response: Detail },
  }, async (request) => svc.getApplication(deps, requireActor(request), request.params.id));

  r.post('/api/subsidies/applications/:id/scores', {
    config: { access: { roles: ['expert'] } },
    schema: { tags, summary: '专家评分（0–100）', params: s.IdParamSchema, body: s.ScoreSchema, response: Detail },
  }, async (request) => svc.scoreApplication(deps, contextOf(request), request.params.id, request.body));

  r.post('/api/subsidies/applications/:id/approve', {
    config: { access: REVIEWERS },
    schema: { tags, summary: '批准：金额不超过测算金额（低于时须说明理由），占用项目预算', params: s.IdParamSchema, body: s.ApproveSchema, response: Detail },
  }, async (request) => svc.approveApplication(deps, contextOf(request), request.params.id, request.body));

  r.post('/api/subsidies/applications/:id/reject', {
    config: { access: REVIEWERS },
    schema: { tags, summary: '不予批准（附理由）', params: s.IdParamSchema, body: s.ReasonSchema, response: Detail },
  }, async (request) => svc.rejectApplication(deps, contextOf(request), request.params.id, request.body));

  r.post('/api/subsidies/applications/:id/withdraw', {
    config: { access: MEMBERS },
    schema: { tags, summary: '申请单位撤回申请（审核前）', params: s.IdParamSchema, body: s.ReasonSchema, response: Detail },
  }, async (request) => svc.withdrawApplication(deps, contextOf(request), request.params.id, request.body));

  r.post('/api/subsidies/applications/:id/disbursements', {
    config: { access: REVIEWERS },
    schema: {
      tags,
      summary: '登记拨付：同一幂等键只拨付一次（重复请求返回已有记录），累计不超过批准金额',
      params: s.IdParamSchema,
      body: s.DisbursementSchema,
      response: { 200: s.DisbursementOutSchema, 201: s.DisbursementOutSchema },
    },
  }, async (request, reply) => {
    const out = await svc.disburse(deps, contextOf(request), request.params.id, request.body);
    return reply.status(out.created ? 201 : 200).send(out);
  });
}
