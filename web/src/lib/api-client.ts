/**
 * The one way the web app talks to the backend: JSON over fetch with the session cookie.
 * Problem+json responses (RFC 9457) become an `ApiError` carrying the stable `code`, the Chinese
 * `detail` for the user and the per-field `errors` that forms put on the right input.
 */

export interface FieldError {
  /** Dotted path of the bad field, as in the request body: `organization.creditCode`, `roles.0.regionCode`. */
  path: string;
  message: string;
}

interface ProblemBody {
  code?: unknown;
  detail?: unknown;
  title?: unknown;
  requestId?: unknown;
  errors?: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly requestId: string | undefined;

  constructor(init: { status: number; code: string; detail: string; errors?: FieldError[]; requestId?: string }) {
    super(init.detail);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** Chinese message for anything thrown by a fetcher, for places that only show one line. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.detail;
  return '操作失败，请稍后再试。';
}

const CSRF_COOKIE = 'kehui_csrf';
const CSRF_HEADER = 'x-csrf-token';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [rawKey, ...rest] = part.trim().split('=');
    if (rawKey === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export type QueryValue = string | number | boolean | null | undefined;

/** Builds `?a=1&b=2`, leaving out empty values so filters that are not set are not sent. */
export function toQueryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
}

function toFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  const result: FieldError[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) continue;
    const path = 'path' in item ? item.path : undefined;
    const message = 'message' in item ? item.message : undefined;
    if (typeof path === 'string' && typeof message === 'string') result.push({ path, message });
  }
  return result;
}

async function toApiError(response: Response): Promise<ApiError> {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('json')) {
    try {
      const body = (await response.json()) as ProblemBody;
      return new ApiError({
        status: response.status,
        code: typeof body.code === 'string' ? body.code : `http_${response.status}`,
        detail:
          typeof body.detail === 'string'
            ? body.detail
            : typeof body.title === 'string'
              ? body.title
              : fallbackDetail(response.status),
        errors: toFieldErrors(body.errors),
        requestId: typeof body.requestId === 'string' ? body.requestId : requestId,
      });
    } catch {
      // Not valid JSON after all: fall through to the generic message.
    }
  }
  return new ApiError({
    status: response.status,
    code: `http_${response.status}`,
    detail: fallbackDetail(response.status),
    requestId,
  });
}

function fallbackDetail(status: number): string {
  if (status === 401) return '请先登录。';
  if (status === 403) return '您没有权限执行此操作。';
  if (status === 404) return '请求的内容不存在。';
  if (status === 413) return '文件太大，无法上传。';
  if (status === 429) return '操作过于频繁，请稍后再试。';
  if (status >= 500) return '服务器暂时无法处理请求，请稍后再试。';
  return '请求失败，请检查后重试。';
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/**
 * Called whenever the server answers 401, e.g. when a session expired while a page was open;
 * the session provider uses it to re-read the session, which sends the user to sign in.
 * Returns the function that unsubscribes.
 */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => {
    unauthorizedListeners.delete(listener);
  };
}

/** Sends one request to `/api…`; resolves with the parsed JSON body (undefined for 204). */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE_METHODS.has(method)) {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }

  let response: Response;
  try {
    response = await fetch(`${path}${options.query ? toQueryString(options.query) : ''}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, code: 'network_error', detail: '无法连接服务器，请检查网络后重试。' });
  }

  if (!response.ok) {
    if (response.status === 401) for (const listener of unauthorizedListeners) listener();
    throw await toApiError(response);
  }
  if (response.status === 204) return undefined as T;
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.includes('json')) return undefined as T;
  return (await response.json()) as T;
}

export interface UploadOptions {
  query?: Record<string, QueryValue>;
  /** The request's content type; the server recognizes uploads by their bytes, so this may be generic. */
  contentType?: string;
  signal?: AbortSignal;
}

/**
 * POSTs a file as the raw request body (not multipart), with the CSRF header; resolves with the
 * parsed JSON answer. Errors become an `ApiError` exactly as in `apiRequest`.
 */
export async function apiUpload<T>(path: string, file: Blob, options: UploadOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': options.contentType || file.type || 'application/octet-stream',
  };
  const csrf = readCookie(CSRF_COOKIE);
  if (csrf) headers[CSRF_HEADER] = csrf;

  let response: Response;
  try {
    response = await fetch(`${path}${options.query ? toQueryString(options.query) : ''}`, {
      method: 'POST',
      headers,
      body: file,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, code: 'network_error', detail: '无法连接服务器，请检查网络后重试。' });
  }
  if (!response.ok) {
    if (response.status === 401) for (const listener of unauthorizedListeners) listener();
    throw await toApiError(response);
  }
  const contentType = response.headers.get('content-type') ?? '';
  if (response.status === 204 || !contentType.includes('json')) return undefined as T;
  return (await response.json()) as T;
}

/** Paged list envelope shared by every list endpoint. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
