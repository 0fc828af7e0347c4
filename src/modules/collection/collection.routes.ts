import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { contextOf, requireActor } from '../../platform/http/auth-hooks.js';
import { contentDisposition } from '../../platform/http/content-disposition.js';
import {
  ImportJobOutSchema,
  ImportJobPageSchema,
  ImportListQuerySchema,
  JobIdParamSchema,
  KindListSchema,
  KindParamSchema,
  StartImportQuerySchema,
} from './collection.schemas.js';
import * as svc from './collection.service.js';
import type { CollectionOptions, CollectionRuntime } from './collection.service.js';
import type { RecordKinds } from './collection.types.js';
import { buildTemplate } from './template.js';

/**
 * The coarse gate of the import routes: every role some record kind may accept. Who may upload a
 * given kind is decided by the service (the kind's `importRefusal`, else the machinery's rule).
 */
const IMPORTERS = { roles: ['operator', 'gov_admin', 'org_admin', 'org_member', 'broker'] } as const;
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Largest upload (bytes); a 100,000-row xlsx of typical records is well below it. */
export const UPLOAD_BODY_LIMIT = 60 * 1024 * 1024;

/** Content types an upload may be sent with; the format itself is recognized from the bytes. */
export const UPLOAD_CONTENT_TYPES = [XLSX_MIME, 'text/csv', 'application/json', 'application/octet-stream', 'application/vnd.ms-excel', 'text/plain'];

export interface CollectionDeps {
  db: Db;
  /** Record kinds by URL name, e.g. `{ achievement: achievementKind }`. */
  kinds: RecordKinds;
  options?: Partial<CollectionOptions>;
}

/**
 * Registers the bulk-collection routes. They live in their own plugin scope so the raw-body
 * parsers (and their 60 MB limit) apply to the upload route only. Returns the runtime (jobs in
 * this process), which tests use to wait for jobs.
 */
export function registerCollectionRoutes(app: FastifyInstance, deps: CollectionDeps): CollectionRuntime {
  const rt = svc.createCollectionRuntime({ db: deps.db, kinds: deps.kinds, log: app.log }, deps.options);
  const templates = new Map<string, Promise<Buffer>>();
  app.addHook('onReady', async () => svc.startCollectionRuntime(rt));
  app.addHook('onClose', async () => svc.stopCollectionRuntime(rt));

  app.register(async (scope) => {
    scope.removeContentTypeParser(['application/json', 'text/plain']);
    scope.addContentTypeParser(UPLOAD_CONTENT_TYPES, { parseAs: 'buffer', bodyLimit: UPLOAD_BODY_LIMIT }, (_request, body, done) => {
      done(null, body);
    });
    scope.addContentTypeParser('*', (_request, _payload, done) => {
      done(new AppError('unsupported_media_type', `不支持的内容类型，请直接上传文件内容（${XLSX_MIME}、text/csv、application/json 或 application/octet-stream）`));
    });

    const r = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['collection'];

    r.get(
      '/api/collection/kinds',
      { config: { access: 'signed_in' }, schema: { tags, summary: '本人可批量导入的采集类型', response: { 200: KindListSchema } } },
      async (request) => svc.listKindsFor(rt, requireActor(request)),
    );

    r.get(
      '/api/collection/:kind/template.xlsx',
      { config: { access: 'public' }, schema: { tags, summary: '下载采集模板（Excel）', params: KindParamSchema } },
      async (request, reply) => {
        const kind = svc.kindOf(rt, request.params.kind);
        let template = templates.get(kind.name);
        if (!template) {
          template = buildTemplate(kind);
          templates.set(kind.name, template);
          template.catch(() => templates.delete(kind.name));
        }
        return reply
          .type(XLSX_MIME)
          .header('content-disposition', contentDisposition('attachment', `${kind.label}采集模板.xlsx`, `${kind.name}-template.xlsx`))
          .send(await template);
      },
    );

    r.post(
      '/api/collection/:kind/imports',
      {
        config: { access: IMPORTERS },
        bodyLimit: UPLOAD_BODY_LIMIT,
        schema: {
          tags,
          summary: '上传文件批量导入（xlsx / CSV / JSON，请求体为文件内容）',
          params: KindParamSchema,
          querystring: StartImportQuerySchema,
          response: { 202: z.object({ job: ImportJobOutSchema }) },
        },
      },
      async (request, reply) => {
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const job = await svc.startImport(rt, contextOf(request), request.params.kind, bytes, request.query);
        return reply.status(202).send({ job });
      },
    );

    r.get(
      '/api/collection/imports',
      { config: { access: IMPORTERS }, schema: { tags, summary: '导入任务列表', querystring: ImportListQuerySchema, response: { 200: ImportJobPageSchema } } },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return svc.listImports(rt, requireActor(request), filter, page, pageSize);
      },
    );

    r.get(
      '/api/collection/imports/:id',
      { config: { access: IMPORTERS }, schema: { tags, summary: '导入任务状态与进度', params: JobIdParamSchema, response: { 200: ImportJobOutSchema } } },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return svc.getImport(rt, requireActor(request), request.params.id);
      },
    );

    r.get(
      '/api/collection/imports/:id/errors.xlsx',
      { config: { access: IMPORTERS }, schema: { tags, summary: '下载导入错误报告（Excel）', params: JobIdParamSchema } },
      async (request, reply) => {
        const report = await svc.importErrorReport(rt, requireActor(request), request.params.id);
        return reply.type(XLSX_MIME).header('content-disposition', contentDisposition('attachment', report.fileName, 'import-errors.xlsx')).send(report.bytes);
      },
    );
  });
  return rt;
}
