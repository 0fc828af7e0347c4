import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import { contextOf, requireActor } from '../../platform/http/auth-hooks.js';
import { MarkReadSchema, NotificationListQuerySchema, NotificationPageSchema } from './notifications.schemas.js';
import { listMine, markMineRead } from './notifications.service.js';

const tags = ['notifications'];

export function registerNotificationRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/notifications', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '我的站内通知（含未读数）', querystring: NotificationListQuerySchema, response: { 200: NotificationPageSchema } },
  }, async (request) => listMine(db, requireActor(request), request.query));

  r.post('/api/notifications/read', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '标记通知为已读（不传 ids 则全部已读）', body: MarkReadSchema, response: { 200: z.object({ changed: z.number() }) } },
  }, async (request) => {
    const ctx = contextOf(request);
    const actor = requireActor(request);
    return { changed: await markMineRead(db, { ...ctx, actor }, request.body.ids ?? null) };
  });
}
