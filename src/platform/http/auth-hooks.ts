import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Access, type Actor, type RequestContext, hasRole } from '../auth.js';
import { AppError } from '../errors.js';

export const SESSION_COOKIE = 'kehui_session';
export const CSRF_COOKIE = 'kehui_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type SessionLookup = { actor: Actor } | { expired: true } | null;

/** Supplied by the accounts module: turns credentials into an Actor. */
export interface AuthResolver {
  fromSession(token: string): Promise<SessionLookup>;
  fromApiToken(token: string): Promise<Actor | null>;
}

function bearer(request: FastifyRequest): string | null {
  const h = request.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m?.[1] ?? null;
}

/** Checks a route's declared access against the actor. Exported for the authorization tests. */
export function checkAccess(access: Access, actor: Actor | null, sessionExpired: boolean): AppError | null {
  if (access === 'public') return null;
  if (!actor) {
    return sessionExpired
      ? new AppError('session_expired', '登录已过期，请重新登录')
      : new AppError('unauthenticated', '请先登录');
  }
  if (access === 'signed_in') return null;
  if (access.roles.some((r) => hasRole(actor, r))) return null;
  return new AppError('forbidden', '您的角色无权访问此功能');
}

export function registerAuth(app: FastifyInstance, resolver: AuthResolver) {
  app.addHook('onRequest', async (request) => {
    const token = bearer(request);
    if (token) {
      const actor = await resolver.fromApiToken(token);
      if (!actor) throw new AppError('unauthenticated', 'API 令牌无效、已过期或已撤销');
      request.actor = actor;
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) {
      const found = await resolver.fromSession(cookie);
      if (found && 'actor' in found) request.actor = found.actor;
      else if (found && 'expired' in found) request.sessionExpired = true;
    }
  });

  // After routing and before body validation, so an anonymous caller gets 401 rather than 400.
  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) return; // non-API routes (static files, docs)
    const denied = checkAccess(access, request.actor, request.sessionExpired);
    if (denied) throw denied;
    const actor = request.actor;
    if (!actor || SAFE_METHODS.has(request.method)) return;
    if (actor.via === 'session') {
      // Double-submit: the header must match the session's token (also readable as a cookie).
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || header !== actor.csrfToken) {
        throw new AppError('csrf_failed', '缺少或错误的 CSRF 令牌 (x-csrf-token)，请刷新页面后重试');
      }
    } else if (!actor.scopes.includes('write')) {
      throw new AppError('forbidden', '此 API 令牌只有读取权限');
    }
  });
}

export function contextOf(request: FastifyRequest): RequestContext {
  return { actor: request.actor, requestId: request.id, ip: request.ip ?? null };
}

/** The actor of a route whose access rule guarantees one. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', '请先登录');
  return request.actor;
}
