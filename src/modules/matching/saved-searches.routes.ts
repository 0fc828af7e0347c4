import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf, requireActor } from '../../platform/http/auth-hooks.js';
import * as s from './saved-searches.schemas.js';
import * as svc from './saved-searches.service.js';

const tags = ['matching'];

/** Saved searches (保存的检索): any signed-in user, own rows only (scoped by user id in SQL). */
export function registerSavedSearchRoutes(app: FastifyInstance, deps: svc.SavedSearchesDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const signedIn = (request: Parameters<typeof contextOf>[0]) => ({ ...contextOf(request), actor: requireActor(request) });

  r.get('/api/saved-searches', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '我保存的检索（含提醒设置）', response: { 200: s.SavedSearchListSchema } },
  }, async (request) => svc.listSavedSearches(deps, requireActor(request)));

  r.post('/api/saved-searches', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '保存检索；开启提醒后，新发布的相符记录会通知我（站内与邮件）', body: s.CreateSavedSearchSchema, response: { 201: s.SavedSearchSchema } },
  }, async (request, reply) => reply.status(201).send(await svc.createSavedSearch(deps, signedIn(request), request.body)));

  r.patch('/api/saved-searches/:id', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '修改保存的检索（名称、检索条件、提醒开关）', params: s.SavedSearchIdSchema, body: s.UpdateSavedSearchSchema, response: { 200: s.SavedSearchSchema } },
  }, async (request) => svc.updateSavedSearch(deps, signedIn(request), request.params.id, request.body));

  r.delete('/api/saved-searches/:id', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '删除保存的检索', params: s.SavedSearchIdSchema, response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async (request) => {
    await svc.deleteSavedSearch(deps, signedIn(request), request.params.id);
    return { ok: true as const };
  });
}
