import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db.js';
import { AppError } from '../errors.js';

export function registerHealthRoutes(app: FastifyInstance, database: Database) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/health', {
    config: { access: 'public' },
    schema: { tags: ['platform'], summary: '进程存活', response: { 200: z.object({ status: z.literal('ok') }) } },
  }, async () => ({ status: 'ok' as const }));
  r.get('/api/ready', {
    config: { access: 'public' },
    schema: {
      tags: ['platform'],
      summary: '数据库可达且迁移已应用',
      response: { 200: z.object({ status: z.literal('ready'), database: z.enum(['pglite', 'postgres']) }) },
    },
  }, async () => {
    if (!(await database.isReady())) throw new AppError('not_ready', '数据库不可达或迁移未完成');
    return { status: 'ready' as const, database: database.kind };
  });
}
