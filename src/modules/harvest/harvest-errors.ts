/**
 * Typed harvest errors. Every failure of a harvest is one of these codes, recorded on the run and
 * shown to the operator; `retryable` says whether the next harvest resumes from the run's last
 * committed page (transport trouble) or must not simply try the same request again.
 */
export const HARVEST_ERROR_CODES = {
  // OAI-PMH protocol errors (<error code="…">), OAI-PMH 2.0 §3.6.
  badArgument: { message: '对方平台认为请求参数有误（badArgument）', retryable: false },
  badResumptionToken: { message: '续传令牌已失效或无效（badResumptionToken），将从本批次起点重新采集', retryable: true },
  badVerb: { message: '对方平台不支持该请求（badVerb）', retryable: false },
  cannotDisseminateFormat: { message: '对方平台不提供该元数据格式（cannotDisseminateFormat）', retryable: false },
  idDoesNotExist: { message: '对方平台没有该记录（idDoesNotExist）', retryable: false },
  noMetadataFormats: { message: '对方平台没有可用的元数据格式（noMetadataFormats）', retryable: false },
  noSetHierarchy: { message: '对方平台不支持集合（noSetHierarchy）', retryable: false },
  /** noRecordsMatch is not a failure (an empty list); it is here only for completeness of the mapping. */
  noRecordsMatch: { message: '没有符合条件的记录（noRecordsMatch）', retryable: false },
  oai_unknown_error: { message: '对方平台返回了非标准的 OAI 错误代码', retryable: false },
  // Transport and content.
  timeout: { message: '对方平台响应超时', retryable: true },
  http_status: { message: '对方平台返回了错误的 HTTP 状态', retryable: true },
  network: { message: '无法连接对方平台', retryable: true },
  not_xml: { message: '对方平台返回的内容不是合法的 XML', retryable: false },
  not_oai: { message: '对方平台返回的 XML 不是 OAI-PMH 响应', retryable: false },
  wrong_encoding: { message: '对方平台返回内容的字符编码有误', retryable: false },
  too_large: { message: '对方平台返回的页面过大', retryable: false },
  bad_feed: { message: '对方平台的变更流格式不正确', retryable: false },
  internal: { message: '采集时发生内部错误', retryable: true },
} as const;

export type HarvestErrorCode = keyof typeof HARVEST_ERROR_CODES;

export const OAI_ERROR_CODES = [
  'badArgument',
  'badResumptionToken',
  'badVerb',
  'cannotDisseminateFormat',
  'idDoesNotExist',
  'noMetadataFormats',
  'noSetHierarchy',
  'noRecordsMatch',
] as const;
export type OaiErrorCode = (typeof OAI_ERROR_CODES)[number];

export class HarvestError extends Error {
  readonly code: HarvestErrorCode;
  readonly detail: string;
  constructor(code: HarvestErrorCode, detail?: string) {
    const base = HARVEST_ERROR_CODES[code].message;
    super(detail ? `${base}：${detail}` : base);
    this.name = 'HarvestError';
    this.code = code;
    this.detail = detail ?? '';
  }
  get retryable(): boolean {
    return HARVEST_ERROR_CODES[this.code].retryable;
  }
}

/** The typed error of an OAI <error code>: a known code, or oai_unknown_error for anything else. */
export function oaiError(code: string, text: string): HarvestError {
  const known = (OAI_ERROR_CODES as readonly string[]).includes(code);
  return new HarvestError(known ? (code as OaiErrorCode) : 'oai_unknown_error', known ? text.trim().slice(0, 300) : `${code}${text.trim() ? `：${text.trim().slice(0, 300)}` : ''}`);
}

export function asHarvestError(err: unknown): HarvestError {
  if (err instanceof HarvestError) return err;
  return new HarvestError('internal', err instanceof Error ? err.message.slice(0, 300) : String(err));
}
