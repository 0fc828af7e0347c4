import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/http/auth-hooks.js';
import type { Db } from '../../platform/db.js';
import { AuditListQuerySchema, AuditPageSchema } from './audit.schemas.js';
import { exportAuditCsv, listAuditEntries } from './audit.service.js';

const READERS = { roles: ['operator', 'gov_admin'] } as const;

export function registerAuditRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/audit',
    {
      config: { access: READERS },
      schema: { tags: ['audit'], summary: '审计日志', querystring: AuditListQuerySchema, response: { 200: AuditPageSchema } },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return listAuditEntries(db, requireActor(request), filter, page, pageSize);
    },
  );
  r.get(
    '/api/audit/export.csv',
    {
      config: { access: READERS },
      schema: { tags: ['audit'], summary: '导出审计日志 CSV', querystring: AuditListQuerySchema.omit({ page: true, pageSize: true }) },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const chunks = exportAuditCsv(db, actor, request.query);
      // Pull the first chunk before committing to a 200, so a permission error is a problem+json.
      const first = await chunks.next();
      async function* all() {
        if (!first.done) yield first.value;
        yield* chunks;
      }
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${stamp}.csv"`)
        .send(Readable.from(all()));
    },
  );
}


