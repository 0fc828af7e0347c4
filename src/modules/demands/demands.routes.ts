import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../../platform/http/content-disposition.js';
import { contextOf, requireActor } from '../../platform/http/auth-hooks.js';
import { PageQuerySchema } from '../../platform/http/pagination.js';
import * as s from './demands.schemas.js';
import * as svc from './demands.service.js';
import type { DemandsDeps } from './demands.service.js';

/**
 * Coarse gates per route (config.access); the service decides on the record (policy) and the
 * queries scope rows in SQL.
 */
const MEMBERS = ['org_admin', 'org_member'] as const;
const REVIEWERS = { roles: ['operator', 'gov_admin'] } as const;
/** Claimants are brokers or members of service institutions (checked on the organization by the service). */
const CLAIMANTS = { roles: ['broker', ...MEMBERS] } as const;
/** Posters: enterprise members, and the operator, gov_admins and brokers for a named enterprise. */
const POSTERS = { roles: [...MEMBERS, 'operator', 'gov_admin', 'broker'] } as const;
const ENTERPRISE = { roles: MEMBERS } as const;
const tags = ['demands'];
const idParams = s.IdParamSchema;
const Detail = { 200: s.DemandDetailSchema };
const Created = { 201: s.DemandDetailSchema };
const Page = { 200: s.DemandPageSchema };

export function registerDemandRoutes(app: FastifyInstance, deps: DemandsDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Attachments arrive as the raw request body (no multipart), in their own scope with a 20 MB limit.
  app.register(async (scope) => {
    // Every content type is the file itself (a .json or .txt upload is not parsed).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: svc.MAX_ATTACHMENT_BYTES }, (_req, body, done) => done(null, body));
    const rs = scope.withTypeProvider<ZodTypeProvider>();
    rs.post('/api/demands/:id/attachments', {
      config: { access: POSTERS },
      bodyLimit: svc.MAX_ATTACHMENT_BYTES,
      schema: {
        tags,
        summary: '上传需求附件（请求体为文件本身；PDF、图片或 Office 文件，≤ 20 MB，每项需求 ≤ 10 个；public=true 时在需求大厅公开）',
        params: idParams,
        querystring: s.AttachmentUploadQuerySchema,
        response: { 201: s.AttachmentOutSchema },
      },
    }, async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const { fileName, public: isPublic } = request.query;
      return reply.status(201).send(await svc.uploadAttachment(deps, contextOf(request), request.params.id, { fileName, isPublic }, body));
    });
  });

  r.get('/api/demands/:id/attachments/:attachmentId', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: '下载需求附件（公开附件任何人可下载，其余仅限可查看需求详情者）',
      params: s.AttachmentParamSchema,
      response: { 200: z.any().describe('文件内容') },
    },
  }, async (request, reply) => {
    const f = await svc.openAttachment(deps, request.actor, request.params.id, request.params.attachmentId);
    return reply
      .type(f.mediaType)
      .header('content-length', String(f.sizeBytes))
      .header('content-disposition', contentDisposition('attachment', f.fileName))
      .header('x-content-type-options', 'nosniff')
      .send(f.stream);
  });

  r.delete('/api/demands/:id/attachments/:attachmentId', {
    config: { access: POSTERS },
    schema: { tags, summary: '删除需求附件', params: s.AttachmentParamSchema, response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async (request) => {
    await svc.deleteAttachment(deps, contextOf(request), request.params.id, request.params.attachmentId);
    return { ok: true as const };
  });

  // ---- lists ----

  r.get('/api/demands', {
    config: { access: 'public' },
    schema: { tags, summary: '需求大厅：已发布的技术需求（公开摘要，可筛选、排序）', querystring: s.DemandListQuerySchema, response: Page },
  }, async (request) => svc.listBoard(deps, request.actor, request.query));

  r.get('/api/demands/mine', {
    config: { access: { roles: [...MEMBERS, 'broker'] } },
    schema: { tags, summary: '我的需求：本企业全部状态的需求，以及本人代企业录入的需求', querystring: s.DemandListQuerySchema, response: Page },
  }, async (request) => svc.listMine(deps, requireActor(request), request.query));

  r.get('/api/demands/pool', {
    config: { access: CLAIMANTS },
    schema: { tags, summary: '需求池：可认领的已发布需求（限技术转移服务机构）', querystring: s.DemandListQuerySchema, response: Page },
  }, async (request) => svc.listPool(deps, requireActor(request), request.query));

  r.get('/api/demands/claimed', {
    config: { access: CLAIMANTS },
    schema: { tags, summary: '我的认领：本机构的认领与派发记录（进行中在前）', querystring: PageQuerySchema.strict(), response: { 200: s.ClaimedPageSchema } },
  }, async (request) => svc.listClaimed(deps, requireActor(request), request.query));

  r.get('/api/demands/follow-ups-due', {
    config: { access: CLAIMANTS },
    schema: { tags, summary: '待办跟进：首次响应、下次跟进与待回复留言（按到期时间排序）', response: { 200: s.FollowUpsDueSchema } },
  }, async (request) => svc.listFollowUpsDue(deps, requireActor(request)));

  r.get('/api/demands/review-queue', {
    config: { access: REVIEWERS },
    schema: { tags, summary: '需求审核队列（本地区待审核需求，等待最久的在前）', querystring: PageQuerySchema.strict(), response: Page },
  }, async (request) => svc.reviewQueue(deps, requireActor(request), request.query));

  r.get('/api/demands/dispatch', {
    config: { access: REVIEWERS },
    schema: { tags, summary: '需求派发：本地区需求池与超时未响应的需求（最紧急的在前）', querystring: PageQuerySchema.strict(), response: Page },
  }, async (request) => svc.dispatchView(deps, requireActor(request), request.query));

  r.get('/api/demands/response-rates', {
    config: { access: { roles: ['operator', 'gov_admin', 'broker', ...MEMBERS] } },
    schema: { tags, summary: '48 小时响应率（按承接机构；科技管理部门看本地区，服务机构看本机构）', response: { 200: s.ResponseRatesSchema } },
  }, async (request) => svc.listResponseRates(deps, requireActor(request)));

  // ---- the record ----

  r.post('/api/demands', {
    config: { access: POSTERS },
    schema: { tags, summary: '新建技术需求草稿（企业自行发布，或代企业录入）', body: s.CreateDemandSchema, response: Created },
  }, async (request, reply) => reply.status(201).send(await svc.createDemand(deps, contextOf(request), request.body)));

  r.get('/api/demands/:id', {
    config: { access: 'public' },
    schema: { tags, summary: '需求详情（详细信息、联系方式与进展按权限显示）', params: idParams, response: Detail },
  }, async (request) => svc.getDemand(deps, request.actor, request.params.id));

  r.patch('/api/demands/:id', {
    config: { access: POSTERS },
    schema: { tags, summary: '保存需求（含自动保存；草稿、退回、待审核和已发布的需求可改）', params: idParams, body: s.UpdateDemandSchema, response: Detail },
  }, async (request) => svc.updateDemand(deps, contextOf(request), request.params.id, request.body));

  r.post('/api/demands/:id/submit', {
    config: { access: POSTERS },
    schema: { tags, summary: '提交审核（检查必填项）', params: idParams, response: Detail },
  }, async (request) => svc.submitDemand(deps, contextOf(request), request.params.id));

  r.post('/api/demands/:id/publish', {
    config: { access: REVIEWERS },
    schema: { tags, summary: '审核通过并发布（48 小时响应计时开始）', params: idParams, response: Detail },
  }, async (request) => svc.publishDemand(deps, contextOf(request), request.params.id));

  r.post('/api/demands/:id/return', {
    config: { access: REVIEWERS },
    schema: { tags, summary: '退回修改（逐字段说明理由）', params: idParams, body: s.ReturnDemandSchema, response: Detail },
  }, async (request) => svc.returnDemand(deps, contextOf(request), request.params.id, request.body.reasons, request.body.comment));

  r.post('/api/demands/:id/claim', {
    config: { access: CLAIMANTS },
    schema: { tags, summary: '认领需求（已被认领时返回 409）', params: idParams, response: Detail },
  }, async (request) => svc.claimDemand(deps, contextOf(request), request.params.id));

  r.post('/api/demands/:id/dispatch', {
    config: { access: REVIEWERS },
    schema: { tags, summary: '派发需求给已认证的技术转移服务机构', params: idParams, body: s.DispatchSchema, response: Detail },
  }, async (request) => svc.dispatchDemand(deps, contextOf(request), request.params.id, request.body));

  r.post('/api/demands/:id/refuse', {
    config: { access: CLAIMANTS },
    schema: { tags, summary: '拒绝承接（说明理由，需求回到需求池）', params: idParams, body: s.RefuseSchema, response: Detail },
  }, async (request) => svc.refuseDemand(deps, contextOf(request), request.params.id, request.body.reason));

  r.post('/api/demands/:id/follow-ups', {
    config: { access: CLAIMANTS },
    schema: { tags, summary: '填写跟进记录（首次跟进停止 48 小时计时并进入对接中）', params: idParams, body: s.FollowUpSchema, response: Created },
  }, async (request, reply) => reply.status(201).send(await svc.addFollowUp(deps, contextOf(request), request.params.id, request.body)));

  r.post('/api/demands/:id/messages', {
    config: { access: CLAIMANTS },
    schema: { tags, summary: '企业与认领机构互相留言（企业留言须在 48 小时内答复）', params: idParams, body: s.MessageSchema, response: Created },
  }, async (request, reply) => reply.status(201).send(await svc.addMessage(deps, contextOf(request), request.params.id, request.body.body)));

  r.post('/api/demands/:id/grants', {
    config: { access: ENTERPRISE },
    schema: { tags, summary: '授权认领机构查看联系方式', params: idParams, body: s.GrantContactSchema, response: Created },
  }, async (request, reply) => reply.status(201).send(await svc.grantContact(deps, contextOf(request), request.params.id, request.body.organizationId)));

  r.delete('/api/demands/:id/grants/:grantId', {
    config: { access: ENTERPRISE },
    schema: { tags, summary: '撤销联系方式授权', params: s.GrantParamSchema, response: Detail },
  }, async (request) => svc.revokeContact(deps, contextOf(request), request.params.id, request.params.grantId));

  r.post('/api/demands/:id/proposals', {
    config: { access: CLAIMANTS },
    schema: { tags, summary: '推荐解决方案（成果和/或合作单位）', params: idParams, body: s.ProposalSchema, response: Created },
  }, async (request, reply) => reply.status(201).send(await svc.addProposal(deps, contextOf(request), request.params.id, request.body)));

  r.post('/api/demands/:id/proposals/:proposalId/accept', {
    config: { access: ENTERPRISE },
    schema: { tags, summary: '企业接受推荐方案（需求进入已匹配）', params: s.ProposalParamSchema, response: Detail },
  }, async (request) => svc.acceptProposal(deps, contextOf(request), request.params.id, request.params.proposalId));

  r.post('/api/demands/:id/proposals/:proposalId/decline', {
    config: { access: CLAIMANTS },
    schema: { tags, summary: '婉拒推荐方案（企业）或撤回方案（认领机构），选择原因', params: s.ProposalParamSchema, body: s.DeclineSchema, response: Detail },
  }, async (request) => svc.declineProposal(deps, contextOf(request), request.params.id, request.params.proposalId, request.body));

  r.post('/api/demands/:id/match', {
    config: { access: { roles: ['operator', ...CLAIMANTS.roles] } },
    schema: { tags, summary: '登记匹配结果（关联成果或合作单位）', params: idParams, body: s.MatchSchema, response: Detail },
  }, async (request) => svc.matchDemand(deps, contextOf(request), request.params.id, request.body));

  r.post('/api/demands/:id/contracted', {
    config: { access: { roles: ['operator', ...CLAIMANTS.roles] } },
    schema: { tags, summary: '登记签约（合同编号或登记号）', params: idParams, body: s.ContractedSchema, response: Detail },
  }, async (request) => svc.markContracted(deps, contextOf(request), request.params.id, request.body));

  r.post('/api/demands/:id/close', {
    config: { access: { roles: [...MEMBERS, 'operator', 'gov_admin'] } },
    schema: { tags, summary: '关闭需求（已解决、企业撤回或已过期）', params: idParams, body: s.CloseSchema, response: Detail },
  }, async (request) => svc.closeDemand(deps, contextOf(request), request.params.id, request.body));
}
