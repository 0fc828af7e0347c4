import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import { PageQuerySchema, pageOf } from '../../platform/http/pagination.js';
import { listPublicLog, verifyPublicLog } from './public-log.service.js';

const tags = ['public-log'];

export const PublicLogEntrySchema = z.object({
  seq: z.number().int(),
  type: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  payload: z.record(z.string(), z.unknown()),
  at: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
export const PublicLogVerifySchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  lastHash: z.string().optional(),
  brokenSeq: z.number().int().optional(),
  reason: z.string().optional(),
  checkedAt: z.string(),
});

export function registerPublicLogRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/public-log', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: '公开存证日志（哈希链，最新在前，可按记录筛选）',
      querystring: PageQuerySchema.extend({ entityId: z.uuid().optional() }).strict(),
      response: { 200: pageOf(PublicLogEntrySchema) },
    },
  }, async (request) => listPublicLog(db, request.query));

  r.get('/api/public-log/verify', {
    config: { access: 'public' },
    schema: { tags, summary: '重新计算整条哈希链：完好，或第一条被篡改的序号', response: { 200: PublicLogVerifySchema } },
  }, async () => verifyPublicLog(db));
}
