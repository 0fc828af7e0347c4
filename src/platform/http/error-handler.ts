import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERROR_CODES, type ErrorCode, type FieldError } from '../errors.js';

const LOCATION_LABEL: Record<string, string> = { body: '', querystring: 'query.', params: 'params.', headers: 'headers.' };

/** PostgreSQL unique violation from either driver, with the constraint name when known. */
function uniqueViolation(err: unknown): string | null {
  const e = err as { code?: string; constraint?: string; cause?: unknown };
  if (e?.code === '23505') return e.constraint ?? '';
  if (e?.cause) return uniqueViolation(e.cause);
  return null;
}

/** The one place where errors become HTTP: RFC 9457 problem+json with a stable code. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const prefix = LOCATION_LABEL[(err as { validationContext?: string }).validationContext ?? 'body'] ?? '';
    const errors: FieldError[] = [];
    for (const v of err.validation) {
      const base = v.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
      const keys = (v.params as { keys?: string[] }).keys;
      if (v.keyword === 'unrecognized_keys' && keys) {
        for (const k of keys) errors.push({ path: prefix + (base ? `${base}.${k}` : k), message: `不允许的字段：${k}` });
      } else {
        errors.push({ path: prefix + base, message: v.message ?? '无效的值' });
      }
    }
    // A problem with the body as a whole (wrong type) has no path: then the message alone.
    const only = errors.length === 1 ? errors[0] : undefined;
    const detail = only ? (only.path ? `${only.path}：${only.message}` : only.message) : `有 ${errors.length} 处输入有误`;
    return new AppError('validation_failed', detail, { errors });
  }
  const fe = err as FastifyError;
  switch (fe?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', '请求内容超过大小限制');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', '不支持的内容类型，请使用 application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('bad_request', '请求体为空，但声明了 JSON 内容类型');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('bad_request', '请求体不是有效的 JSON');
  }
  if (fe instanceof SyntaxError || (fe?.statusCode === 400 && /JSON/i.test(fe.message))) {
    return new AppError('bad_request', '请求体不是有效的 JSON');
  }
  if (uniqueViolation(err) !== null) return new AppError('duplicate', '记录已存在');
  if (fe?.statusCode === 429) return new AppError('too_many_attempts', '请求过于频繁，请稍后再试');
  if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError('bad_request', '请求无效');
  }
  return new AppError('internal', '服务器内部错误，请稍后重试；如问题持续，请联系平台并提供请求编号');
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, appError: AppError) {
  const code: ErrorCode = appError.code;
  if (appError.headers) reply.headers(appError.headers);
  return reply
    .status(appError.status)
    .type('application/problem+json; charset=utf-8')
    .send({
      type: `https://kehui.example.cn/problems/${code}`,
      title: ERROR_CODES[code].title,
      status: appError.status,
      code,
      detail: appError.detail,
      instance: request.url.split('?')[0],
      requestId: request.id,
      ...(appError.errors ? { errors: appError.errors } : {}),
    });
}

/**
 * One error handler and one not-found handler. With `spaFallback`, a GET outside /api that
 * matches no file gets the web app's index.html (client-side routes such as /workspace/audit).
 */
export function registerErrorHandling(app: FastifyInstance, opts: { spaFallback?: boolean } = {}) {
  app.setErrorHandler((err, request, reply) => {
    const appError = toAppError(err);
    if (appError.code === 'internal') request.log.error({ err }, 'unhandled error');
    else request.log.info({ code: appError.code }, 'request refused');
    return sendProblem(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) => {
    if (opts.spaFallback && (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/api/')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendProblem(request, reply, new AppError('not_found', `接口 ${request.method} ${request.url.split('?')[0]} 不存在`));
  });
}
