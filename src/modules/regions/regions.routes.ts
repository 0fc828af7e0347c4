import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import { RegionCodeSchema, RegionDetailSchema, RegionSchema } from './regions.schemas.js';
import { getRegion, listRegionChildren } from './regions.service.js';

export function registerRegionRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/regions',
    {
      config: { access: 'public' },
      schema: {
        tags: ['regions'],
        summary: '下级行政区划（不带 parent 时为省级）',
        querystring: z.strictObject({ parent: RegionCodeSchema.optional() }),
        response: { 200: z.object({ items: z.array(RegionSchema) }) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return { items: await listRegionChildren(db, request.query.parent ?? null) };
    },
  );
  r.get(
    '/api/regions/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['regions'],
        summary: '行政区划详情',
        params: z.strictObject({ code: RegionCodeSchema }),
        response: { 200: RegionDetailSchema },
      },
    },
    async (request) => getRegion(db, request.params.code),
  );
}
