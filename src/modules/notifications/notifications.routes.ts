import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import { contextOf, requireActor } from '../../platform/http/auth-hooks.js';
import { MarkReadSchema, NotificationListQuerySchema, NotificationPageSchema, PreferencesSchema, PreferencesOutSchema } from './notifications.schemas.js';
import { listMine, markMineRead, myPreferences, setMyPreferences, unsubscribe } from './notifications.service.js';

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

  r.get('/api/notifications/preferences', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '我的邮件通知设置', response: { 200: PreferencesOutSchema } },
  }, async (request) => myPreferences(db, requireActor(request)));

  r.put('/api/notifications/preferences', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '设置邮件通知：即时、每日摘要或关闭', body: PreferencesSchema, response: { 200: PreferencesOutSchema } },
  }, async (request) => setMyPreferences(db, { ...contextOf(request), actor: requireActor(request) }, request.body.emailMode));

  // The link in every e-mail: works without signing in; answers with a small page in Chinese.
  r.get('/api/notifications/unsubscribe', {
    config: { access: 'public' },
    schema: { tags, summary: '一键退订邮件通知（邮件中的链接）', querystring: z.strictObject({ token: z.string().min(10, '退订链接无效').max(100, '退订链接无效') }) },
  }, async (request, reply) => {
    const ok = await unsubscribe(db, contextOf(request), request.query.token);
    const message = ok ? '您已退订科惠平台的邮件通知。登录后可在“账号设置”中重新开启。' : '退订链接无效或已过期。';
    return reply
      .status(ok ? 200 : 404)
      .type('text/html; charset=utf-8')
      .send(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>科惠 · 邮件退订</title><body style="font-family:sans-serif;padding:2rem"><p>${message}</p></body></html>`);
  });
}
