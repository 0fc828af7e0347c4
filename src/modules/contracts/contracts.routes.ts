import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contentDisposition } from '../../platform/http/content-disposition.js';
import { contextOf, requireActor } from '../../platform/http/auth-hooks.js';
import * as s from './contracts.schemas.js';
import * as svc from './contracts.service.js';
import type { ContractsDeps } from './contracts.service.js';

/**
 * Coarse gates per route (config.access); the service decides on the record (policy) and the
 * queries scope rows in SQL.
 */
const MEMBERS = { roles: ['org_admin', 'org_member'] } as const;
const REGISTRARS = { roles: ['operator', 'gov_admin'] } as const;
/** Detail, files and certificate: parties' members and registrars (the record decides). */
const READERS = { roles: ['operator', 'gov_admin', 'org_admin', 'org_member'] } as const;
const tags = ['contracts'];
const Detail = { 200: s.ContractDetailSchema };

/** The origin the browser used, for the certificate's verification link when KEHUI_PUBLIC_URL is unset. */
const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

export function registerContractRoutes(app: FastifyInstance, deps: ContractsDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Files arrive as the raw request body (no multipart), in their own scope with a 20 MB limit.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: svc.MAX_FILE_BYTES }, (_req, body, done) => done(null, body));
    const rs = scope.withTypeProvider<ZodTypeProvider>();
    rs.post('/api/contracts/uploads', {
      config: { access: MEMBERS },
      bodyLimit: svc.MAX_FILE_BYTES,
      schema: {
        tags,
        summary: '上传合同文件（请求体为文件本身）：kind=contract 为已签署的合同 PDF，kind=evidence 为付款凭证（PDF 或图片），≤ 20 MB',
        querystring: s.UploadQuerySchema,
        response: { 201: s.UploadOutSchema },
      },
    }, async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      return reply.status(201).send(await svc.uploadFile(deps, contextOf(request), request.query.kind, request.query.fileName, body));
    });
  });

  r.get('/api/contracts/mine', {
    config: { access: MEMBERS },
    schema: { tags, summary: '我的合同：本单位作为当事方的技术合同（全部状态）', querystring: s.ContractListQuerySchema, response: { 200: s.ContractPageSchema } },
  }, async (request) => svc.listMine(deps, requireActor(request), request.query));

  r.get('/api/contracts/queue', {
    config: { access: REGISTRARS },
    schema: { tags, summary: '合同登记：本地区待受理、审查中的合同（逾期的在前）', querystring: s.ContractListQuerySchema, response: { 200: s.ContractPageSchema } },
  }, async (request) => svc.registrarQueue(deps, requireActor(request), request.query));

  r.get('/api/contracts/statistics', {
    config: { access: REGISTRARS },
    schema: { tags, summary: '登记统计：按类型、重点领域、地区（市州）、当事方性质（运营方全省，科技管理部门本地区）', querystring: s.StatisticsQuerySchema, response: { 200: s.StatisticsOutSchema } },
  }, async (request) => svc.statistics(deps, requireActor(request), request.query.year));

  r.get('/api/contracts/prefill', {
    config: { access: MEMBERS },
    schema: { tags, summary: '由成交预填合同（当事方、价格、类型）：仅成交各方', querystring: s.PrefillQuerySchema, response: { 200: s.PrefillOutSchema } },
  }, async (request) => svc.prefillFromDeal(deps, requireActor(request), request.query.dealId));

  r.get('/api/contracts/verify/:registrationNumber', {
    config: { access: 'public' },
    schema: { tags, summary: '登记证明真伪查验：登记编号与校验码相符时返回公开信息', params: s.VerifyParamSchema, querystring: s.VerifyQuerySchema, response: { 200: s.PublicFactsSchema } },
  }, async (request) => svc.verifyRegistration(deps, request.params.registrationNumber, request.query.code));

  r.get('/api/contracts/:id', {
    config: { access: READERS },
    schema: { tags, summary: '合同详情（当事方、金额、付款、进程、可执行操作）', params: s.IdParamSchema, response: Detail },
  }, async (request) => svc.getContract(deps, request.actor, request.params.id));

  r.get('/api/contracts/:id/files/:sha256', {
    config: { access: READERS },
    schema: { tags, summary: '下载合同文本或付款凭证（当事方与登记机构）', params: s.FileParamSchema },
  }, async (request, reply) => {
    const f = await svc.openFile(deps, request.actor, request.params.id, request.params.sha256);
    return reply
      .type(f.mediaType)
      .header('content-disposition', contentDisposition('attachment', f.fileName))
      .header('x-content-type-options', 'nosniff')
      .send(f.bytes);
  });

  r.get('/api/contracts/:id/certificate.pdf', {
    config: { access: READERS },
    schema: { tags, summary: '技术合同登记证明（PDF，含查验链接；已登记的合同）', params: s.IdParamSchema },
  }, async (request, reply) => {
    const c = await svc.certificate(deps, request.actor, request.params.id, originOf(request));
    return reply
      .type('application/pdf')
      .header('content-disposition', contentDisposition('attachment', c.fileName, c.fallbackName))
      .header('x-content-type-options', 'nosniff')
      .send(c.pdf);
  });

  r.post('/api/contracts', {
    config: { access: MEMBERS },
    schema: { tags, summary: '申请技术合同认定登记（当事方提交已签署的合同 PDF）', body: s.CreateContractSchema, response: { 201: s.ContractDetailSchema } },
  }, async (request, reply) => reply.status(201).send(await svc.createContract(deps, contextOf(request), request.body)));

  r.post('/api/contracts/:id/accept', {
    config: { access: REGISTRARS },
    schema: { tags, summary: '受理（30 日内作出登记决定）', params: s.IdParamSchema, response: Detail },
  }, async (request) => svc.acceptContract(deps, contextOf(request), request.params.id));

  r.post('/api/contracts/:id/register', {
    config: { access: REGISTRARS },
    schema: { tags, summary: '准予登记：认定技术交易额，生成 16 位登记编号', params: s.IdParamSchema, body: s.RegisterSchema, response: Detail },
  }, async (request) => svc.registerContract(deps, contextOf(request), request.params.id, request.body));

  r.post('/api/contracts/:id/refuse', {
    config: { access: REGISTRARS },
    schema: { tags, summary: '不予登记（附理由）', params: s.IdParamSchema, body: s.ReasonsSchema, response: Detail },
  }, async (request) => svc.refuseContract(deps, contextOf(request), request.params.id, request.body));

  r.post('/api/contracts/:id/withdraw', {
    config: { access: MEMBERS },
    schema: { tags, summary: '提交单位撤回登记申请（作出决定前）', params: s.IdParamSchema, body: s.WithdrawSchema, response: Detail },
  }, async (request) => svc.withdrawContract(deps, contextOf(request), request.params.id, request.body));

  r.post('/api/contracts/:id/payments', {
    config: { access: MEMBERS },
    schema: { tags, summary: '登记实际付款（当事方；可附凭证）', params: s.IdParamSchema, body: s.PaymentSchema, response: { 201: s.ContractDetailSchema } },
  }, async (request, reply) => reply.status(201).send(await svc.recordPayment(deps, contextOf(request), request.params.id, request.body)));
}
