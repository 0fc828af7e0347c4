import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../../platform/http/content-disposition.js';
import { contextOf, requireActor } from '../../platform/http/auth-hooks.js';
import { PageQuerySchema } from '../../platform/http/pagination.js';
import * as s from './achievements.schemas.js';
import * as svc from './achievements.service.js';
import type { AchievementsDeps } from './achievements.service.js';

const REVIEWERS = { roles: ['operator', 'gov_admin'] } as const;
const MEMBERS = { roles: ['org_admin', 'org_member'] } as const;
const tags = ['achievements'];
const Detail = { 200: s.AchievementDetailSchema };
const Changes = z.array(z.object({ field: z.string(), label: z.string(), before: z.unknown(), after: z.unknown() }));
const AccessRequestOut = z.object({
  id: z.string(),
  achievementId: z.string(),
  requesterUserId: z.string(),
  requesterOrganizationName: z.string().nullable(),
  message: z.string(),
  status: z.string(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});

const AttachmentOut = z.object({ id: z.string(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number(), createdAt: z.string() });

export function registerAchievementRoutes(app: FastifyInstance, deps: AchievementsDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const idParams = s.IdParamSchema;

  // Attachments arrive as the raw request body (no multipart), in their own scope with a 20 MB limit.
  app.register(async (scope) => {
    // Every content type is the file itself (a .json or .txt upload is not parsed).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: svc.MAX_ATTACHMENT_BYTES }, (_req, body, done) => done(null, body));
    const rs = scope.withTypeProvider<ZodTypeProvider>();
    rs.post('/api/achievements/:id/attachments', {
      config: { access: MEMBERS },
      bodyLimit: svc.MAX_ATTACHMENT_BYTES,
      schema: {
        tags,
        summary: '上传附件（请求体为文件本身；PDF、图片或 Office 文件，≤ 20 MB，每项成果 ≤ 10 个）',
        params: idParams,
        querystring: z.strictObject({ fileName: z.string().trim().min(1, '请提供文件名').max(200) }),
        response: { 201: AttachmentOut },
      },
    }, async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      return reply.status(201).send(await svc.uploadAttachment(deps, contextOf(request), request.params.id, request.query.fileName, body));
    });
  });

  r.get('/api/achievements/:id/attachments/:attachmentId', {
    config: { access: 'public' },
    schema: { tags, summary: '下载附件（受公开方式限制）', params: z.strictObject({ id: z.uuid(), attachmentId: z.uuid() }) },
  }, async (request, reply) => {
    const f = await svc.openAttachment(deps, request.actor, request.params.id, request.params.attachmentId);
    return reply
      .type(f.mediaType)
      .header('content-length', String(f.sizeBytes))
      .header('content-disposition', contentDisposition('attachment', f.fileName))
      .header('x-content-type-options', 'nosniff')
      .send(f.stream);
  });

  r.delete('/api/achievements/:id/attachments/:attachmentId', {
    config: { access: MEMBERS },
    schema: { tags, summary: '删除附件', params: z.strictObject({ id: z.uuid(), attachmentId: z.uuid() }), response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async (request) => {
    await svc.deleteAttachment(deps, contextOf(request), request.params.id, request.params.attachmentId);
    return { ok: true as const };
  });

  r.get('/api/achievements', {
    config: { access: 'public' },
    schema: { tags, summary: '已发布科技成果（公开列表，可筛选）', querystring: s.AchievementListQuerySchema, response: { 200: s.AchievementPageSchema } },
  }, async (request) => svc.listPublicAchievements(deps, request.actor, request.query));

  for (const format of ['xlsx', 'csv'] as const) {
    r.get(`/api/achievements/export.${format}`, {
      config: { access: 'public' },
      schema: { tags, summary: `导出已发布成果（${format === 'xlsx' ? 'Excel' : 'CSV'}，筛选条件同列表）`, querystring: s.AchievementListQuerySchema },
    }, async (request, reply) => {
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .type(format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition('attachment', `科技成果-${stamp}.${format}`))
        .send(svc.exportAchievements(deps, request.actor, request.query, format));
    });
  }

  r.get('/api/achievements/mine', {
    config: { access: MEMBERS },
    schema: { tags, summary: '我的成果（本单位全部状态）', querystring: s.AchievementListQuerySchema, response: { 200: s.AchievementPageSchema } },
  }, async (request) => svc.listMyAchievements(deps, requireActor(request), request.query));

  r.get('/api/achievements/review-queue', {
    config: { access: REVIEWERS },
    schema: {
      tags,
      summary: '成果审核队列（含待审修改，按等待时间排序）',
      querystring: PageQuerySchema.strict(),
      response: { 200: s.AchievementPageSchema.extend({ items: z.array(s.AchievementSummarySchema.extend({ kind: z.enum(['new', 'revision']), nearDuplicates: z.number() })) }) },
    },
  }, async (request) => svc.reviewQueue(deps, requireActor(request), request.query.page, request.query.pageSize));

  r.get('/api/achievements/project-library', {
    config: { access: 'public' },
    schema: { tags, summary: '财政资金成果转化项目库（按资助计划分组）', response: { 200: z.object({ groups: z.array(z.object({ programme: z.string(), n: z.number() })) }) } },
  }, async () => svc.projectLibrary(deps));

  r.get('/api/achievements/selections', {
    config: { access: 'public' },
    schema: { tags, summary: '科惠精品（按年份）', response: { 200: z.object({ years: z.array(z.object({ year: z.number(), count: z.number() })) }) } },
  }, async () => svc.selections(deps));

  r.post('/api/achievements', {
    config: { access: MEMBERS },
    schema: { tags, summary: '新建成果草稿', body: s.CreateAchievementSchema, response: { 201: s.AchievementDetailSchema } },
  }, async (request, reply) => reply.status(201).send(await svc.createAchievement(deps, contextOf(request), request.body)));

  r.get('/api/achievements/:id', {
    config: { access: 'public' },
    schema: { tags, summary: '成果详情（公开部分与受限部分）', params: idParams, response: Detail },
  }, async (request) => svc.getAchievement(deps, request.actor, request.params.id));

  r.patch('/api/achievements/:id', {
    config: { access: MEMBERS },
    schema: { tags, summary: '保存（含自动保存）；已发布成果生成待审修改', params: idParams, body: s.UpdateAchievementSchema, response: Detail },
  }, async (request) => svc.updateAchievement(deps, contextOf(request), request.params.id, request.body));

  r.post('/api/achievements/:id/submit', {
    config: { access: MEMBERS },
    schema: { tags, summary: '提交（成员提交需单位管理员确认；已发布成果提交修改）', params: idParams, response: Detail },
  }, async (request) => svc.submitAchievement(deps, contextOf(request), request.params.id));

  r.post('/api/achievements/:id/confirm', {
    config: { access: { roles: ['org_admin'] } },
    schema: { tags, summary: '单位管理员确认成员提交的成果', params: idParams, response: Detail },
  }, async (request) => svc.confirmAchievement(deps, contextOf(request), request.params.id));

  r.post('/api/achievements/:id/publish', {
    config: { access: REVIEWERS },
    schema: { tags, summary: '审核通过并发布', params: idParams, response: Detail },
  }, async (request) => svc.publishAchievement(deps, contextOf(request), request.params.id));

  r.post('/api/achievements/:id/return', {
    config: { access: REVIEWERS },
    schema: { tags, summary: '退回（逐字段说明理由）', params: idParams, body: s.ReturnSchema, response: Detail },
  }, async (request) => svc.returnAchievement(deps, contextOf(request), request.params.id, request.body.reasons, request.body.comment));

  r.post('/api/achievements/:id/revision/approve', {
    config: { access: REVIEWERS },
    schema: { tags, summary: '通过已发布成果的修改', params: idParams, response: Detail },
  }, async (request) => svc.decideRevision(deps, contextOf(request), request.params.id, { approve: true }));

  r.post('/api/achievements/:id/revision/return', {
    config: { access: REVIEWERS },
    schema: { tags, summary: '退回已发布成果的修改', params: idParams, body: s.ReturnSchema, response: Detail },
  }, async (request) =>
    svc.decideRevision(deps, contextOf(request), request.params.id, { approve: false, reasons: request.body.reasons, comment: request.body.comment }),
  );

  r.post('/api/achievements/:id/archive', {
    config: { access: { roles: ['org_admin', 'operator'] } },
    schema: { tags, summary: '归档', params: idParams, response: Detail },
  }, async (request) => svc.archiveAchievement(deps, contextOf(request), request.params.id));

  r.post('/api/achievements/:id/reconfirm', {
    config: { access: MEMBERS },
    schema: { tags, summary: '确认成果信息仍然有效（重置 12 个月过期提醒）', params: idParams, response: Detail },
  }, async (request) => svc.reconfirmAchievement(deps, contextOf(request), request.params.id));

  r.post('/api/achievements/:id/selection', {
    config: { access: { roles: ['operator'] } },
    schema: { tags, summary: '设为（或取消）科惠精品', params: idParams, body: s.SelectionSchema, response: Detail },
  }, async (request) => svc.selectAchievement(deps, contextOf(request), request.params.id, request.body.year));

  r.get('/api/achievements/:id/versions', {
    config: { access: 'public' },
    schema: { tags, summary: '版本历史与差异', params: idParams, response: { 200: z.object({ items: z.array(z.object({ version: z.number(), publishedAt: z.string(), changes: Changes })) }) } },
  }, async (request) => svc.listVersions(deps, request.actor, request.params.id));

  r.get('/api/achievements/:id/near-duplicates', {
    config: { access: 'signed_in' },
    schema: {
      tags,
      summary: '跨单位疑似重复成果',
      params: idParams,
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), title: z.string(), status: z.string(), ownerOrganizationId: z.string(), ownerName: z.string(), similarity: z.number() })) }) },
    },
  }, async (request) => svc.getNearDuplicates(deps, requireActor(request), request.params.id));

  r.post('/api/achievements/:id/access-requests', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '申请查看受限信息（需同意保密协议）', params: idParams, body: s.AccessRequestSchema, response: { 201: AccessRequestOut } },
  }, async (request, reply) => reply.status(201).send(await svc.requestAccess(deps, contextOf(request), request.params.id, request.body.message)));

  r.get('/api/achievements/:id/access-requests', {
    config: { access: MEMBERS },
    schema: { tags, summary: '本成果的访问申请（成果方）', params: idParams, response: { 200: z.object({ items: z.array(AccessRequestOut) }) } },
  }, async (request) => svc.listAccessRequests(deps, requireActor(request), request.params.id));

  r.post('/api/achievements/:id/access-requests/:requestId/:decision', {
    config: { access: MEMBERS },
    schema: {
      tags,
      summary: '同意、拒绝或撤销访问申请',
      params: z.strictObject({ id: z.uuid(), requestId: z.uuid(), decision: z.enum(['grant', 'refuse', 'revoke']) }),
      response: { 200: AccessRequestOut.nullable() },
    },
  }, async (request) => {
    const status = ({ grant: 'granted', refuse: 'refused', revoke: 'revoked' } as const)[request.params.decision];
    return svc.decideAccess(deps, contextOf(request), request.params.id, request.params.requestId, status);
  });
}
