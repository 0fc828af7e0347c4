import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf, CSRF_COOKIE, requireActor, SESSION_COOKIE } from '../../platform/http/auth-hooks.js';
import * as s from './accounts.schemas.js';
import * as svc from './accounts.service.js';
import type { AccountsDeps, NewSession } from './accounts.service.js';

const REVIEWERS = { roles: ['operator', 'gov_admin'] } as const;
const USER_READERS = { roles: ['operator', 'gov_admin', 'org_admin'] } as const;
const OPERATOR = { roles: ['operator'] } as const;
const Ok = z.object({ ok: z.literal(true) });

function setSessionCookies(request: FastifyRequest, reply: FastifyReply, session: NewSession) {
  const secure = request.protocol === 'https';
  reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: session.expiresAt });
  // Readable by the page's script, which echoes it in x-csrf-token (double-submit).
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { path: '/', httpOnly: false, sameSite: 'lax', secure, expires: session.expiresAt });
}

function clearSessionCookies(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

export function registerAccountRoutes(app: FastifyInstance, deps: AccountsDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accounts'];

  r.get('/api/public/stats', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: '平台公开统计',
      response: {
        200: z.object({
          organizations: z.object({ total: z.number(), verified: z.number(), byType: z.record(z.string(), z.number()) }),
          users: z.number(),
          cities: z.number(),
        }),
      },
    },
  }, async () => svc.publicStats(deps));

  // ---- auth ----
  r.post('/api/auth/signup', {
    config: { access: 'public' },
    schema: { tags, summary: '个人注册', body: s.SignupSchema, response: { 201: z.object({ user: s.UserOutSchema, csrfToken: z.string() }) } },
  }, async (request, reply) => {
    const { user, session } = await svc.signup(deps, contextOf(request), request.body);
    setSessionCookies(request, reply, session);
    return reply.status(201).send({ user, csrfToken: session.csrfToken });
  });

  r.post('/api/auth/signup-organization', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: '机构注册（机构 + 首个管理员账号）',
      body: s.SignupOrganizationSchema,
      response: { 201: z.object({ organization: s.OrganizationOutSchema, user: s.UserOutSchema, csrfToken: z.string() }) },
    },
  }, async (request, reply) => {
    const { organization, user, session } = await svc.signupOrganization(deps, contextOf(request), request.body);
    setSessionCookies(request, reply, session);
    return reply.status(201).send({ organization, user, csrfToken: session.csrfToken });
  });

  r.post('/api/auth/signin', {
    config: { access: 'public' },
    schema: { tags, summary: '登录（手机号或邮箱）', body: s.SigninSchema, response: { 200: z.object({ user: s.UserOutSchema, csrfToken: z.string() }) } },
  }, async (request, reply) => {
    const { user, session } = await svc.signin(deps, contextOf(request), request.body);
    setSessionCookies(request, reply, session);
    return { user, csrfToken: session.csrfToken };
  });

  r.post('/api/auth/signout', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '退出登录', response: { 200: Ok } },
  }, async (request, reply) => {
    await svc.signout(deps, contextOf(request));
    clearSessionCookies(reply);
    return { ok: true as const };
  });

  r.get('/api/auth/session', {
    config: { access: 'public' },
    schema: { tags, summary: '当前会话、角色与可用功能', response: { 200: s.SessionOutSchema } },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return svc.currentSession(deps, request.actor);
  });

  r.post('/api/auth/password', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '修改密码', body: s.ChangePasswordSchema, response: { 200: Ok } },
  }, async (request) => {
    await svc.changePassword(deps, contextOf(request), request.body);
    return { ok: true as const };
  });

  r.get('/api/auth/tokens', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '我的 API 令牌', response: { 200: z.object({ items: z.array(s.TokenOutSchema) }) } },
  }, async (request) => svc.listApiTokensFor(deps, requireActor(request)));

  r.post('/api/auth/tokens', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '创建 API 令牌（令牌只显示一次）', body: s.CreateTokenSchema, response: { 201: s.TokenOutSchema.extend({ token: z.string() }) } },
  }, async (request, reply) => reply.status(201).send(await svc.createApiToken(deps, contextOf(request), request.body)));

  r.delete('/api/auth/tokens/:id', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '撤销 API 令牌', params: s.IdParamSchema, response: { 200: s.TokenOutSchema } },
  }, async (request) => svc.revokeApiTokenFor(deps, contextOf(request), request.params.id));

  // ---- organizations ----
  r.get('/api/organizations', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '机构列表（按权限范围）', querystring: s.OrganizationListQuerySchema, response: { 200: s.OrganizationPageSchema } },
  }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return svc.listOrganizationsFor(deps, requireActor(request), filter, page, pageSize);
  });

  r.get('/api/organizations/:id', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '机构详情', params: s.IdParamSchema, response: { 200: s.OrganizationOutSchema } },
  }, async (request) => svc.getOrganization(deps, requireActor(request), request.params.id));

  r.patch('/api/organizations/:id', {
    config: { access: 'signed_in' },
    schema: { tags, summary: '修改机构信息（被驳回的机构修改后重新提交审核）', params: s.IdParamSchema, body: s.UpdateOrganizationSchema, response: { 200: s.OrganizationOutSchema } },
  }, async (request) => svc.updateOrganizationDetails(deps, contextOf(request), request.params.id, request.body));

  r.post('/api/organizations/:id/verify', {
    config: { access: REVIEWERS },
    schema: { tags, summary: '审核通过机构', params: s.IdParamSchema, response: { 200: s.OrganizationOutSchema } },
  }, async (request) => svc.decideOrganizationVerification(deps, contextOf(request), request.params.id, { verdict: 'verified' }));

  r.post('/api/organizations/:id/reject', {
    config: { access: REVIEWERS },
    schema: { tags, summary: '驳回机构认证', params: s.IdParamSchema, body: s.RejectSchema, response: { 200: s.OrganizationOutSchema } },
  }, async (request) =>
    svc.decideOrganizationVerification(deps, contextOf(request), request.params.id, { verdict: 'rejected', reason: request.body.reason }),
  );

  r.post('/api/organizations/:id/members', {
    config: { access: { roles: ['operator', 'org_admin'] } },
    schema: { tags, summary: '添加机构成员', params: s.IdParamSchema, body: s.AddMemberSchema, response: { 201: s.UserOutSchema } },
  }, async (request, reply) => reply.status(201).send(await svc.addMember(deps, contextOf(request), request.params.id, request.body)));

  // ---- users ----
  r.get('/api/users', {
    config: { access: USER_READERS },
    schema: { tags, summary: '用户列表（按权限范围）', querystring: s.UserListQuerySchema, response: { 200: s.UserPageSchema } },
  }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return svc.listUsersFor(deps, requireActor(request), filter, page, pageSize);
  });

  r.put('/api/users/:id/roles', {
    config: { access: OPERATOR },
    schema: { tags, summary: '设置用户角色', params: s.IdParamSchema, body: s.SetRolesSchema, response: { 200: s.UserOutSchema } },
  }, async (request) => svc.setUserRoles(deps, contextOf(request), request.params.id, request.body.roles));

  r.post('/api/users/:id/status', {
    config: { access: OPERATOR },
    schema: { tags, summary: '启用或停用账号', params: s.IdParamSchema, body: s.SetUserStatusSchema, response: { 200: s.UserOutSchema } },
  }, async (request) => svc.setUserStatus(deps, contextOf(request), request.params.id, request.body.status));
}
