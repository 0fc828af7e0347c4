/**
 * The one error type of Kehui. Services throw AppError with a stable code and a Chinese message;
 * `http/error-handler.ts` maps it to RFC 9457 problem+json. Services never know HTTP statuses:
 * the status lives in the table below.
 */
export const ERROR_CODES = {
  /** Request body, query or params failed their schema; `errors` lists every bad field. */
  validation_failed: { status: 400, title: '输入有误' },
  /** The request is malformed in a way no field names (bad JSON, wrong content type). */
  bad_request: { status: 400, title: '请求格式错误' },
  /** No valid session or token. */
  unauthenticated: { status: 401, title: '请先登录' },
  /** The session existed but has expired. */
  session_expired: { status: 401, title: '登录已过期' },
  /** Wrong login or password. */
  invalid_credentials: { status: 401, title: '账号或密码错误' },
  /** Cookie-authenticated change without a matching x-csrf-token header. */
  csrf_failed: { status: 403, title: '请求校验失败' },
  /** Authenticated but not allowed. */
  forbidden: { status: 403, title: '没有权限' },
  /** Missing, or not visible to the caller (no leak of existence). */
  not_found: { status: 404, title: '未找到' },
  /** The record's state does not allow the action (e.g. verifying an already verified org). */
  invalid_state: { status: 409, title: '状态不允许此操作' },
  /** A unique value is taken (credit code, mobile, email). */
  duplicate: { status: 409, title: '记录已存在' },
  /** Body larger than the limit. */
  payload_too_large: { status: 413, title: '请求内容过大' },
  /** Unsupported Content-Type. */
  unsupported_media_type: { status: 415, title: '不支持的内容类型' },
  /** Too many failed sign-ins or requests. */
  too_many_attempts: { status: 429, title: '尝试次数过多' },
  /** The database is not reachable or migrations are missing. */
  not_ready: { status: 503, title: '服务尚未就绪' },
  /** Anything unexpected; details are logged, never sent. */
  internal: { status: 500, title: '服务器内部错误' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  /** Dotted path of the field, e.g. `organization.creditCode`. */
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    code: ErrorCode,
    detail: string,
    options: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(`${code}: ${detail}`);
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.errors = options.errors;
    this.headers = options.headers;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

/** A validation error for one field, the common case in services. */
export function fieldError(path: string, message: string): AppError {
  return new AppError('validation_failed', message, { errors: [{ path, message }] });
}

/** A validation failure with every bad field; the detail joins their messages. */
export function validationFailed(errors: FieldError[]): AppError {
  return new AppError('validation_failed', errors.map((e) => e.message).join('；'), { errors });
}

export const notFound = (what = '记录'): AppError => new AppError('not_found', `${what}不存在或无权查看`);
export const forbidden = (detail = '您没有执行此操作的权限'): AppError => new AppError('forbidden', detail);
