/**
 * OAI-PMH 2.0 provider (互联互通): the six verbs over the repository kept by exchange.service.ts.
 * Answers are XML text; protocol errors are OAI `<error>` elements (HTTP 200), never exceptions.
 */
import { KEY_FIELDS, labelOf } from '../achievements/achievement-codes.js';
import { regionName } from '../regions/index.js';
import * as q from './exchange.queries.js';
import { type ExchangeRuntime, syncExchange } from './exchange.service.js';
import {
  type OaiError,
  oaiIdentifierOf,
  parseOaiIdentifier,
  parseRange,
  parseRequest,
  parseSetSpec,
  REPOSITORY_IDENTIFIER,
  setSpecsOf,
  utcSeconds,
  type Verb,
} from './oai-protocol.js';
import {
  envelope,
  errorsXml,
  type HeaderInfo,
  headerXml,
  identifyXml,
  METADATA_PREFIXES,
  type MetadataPrefix,
  metadataFormatsXml,
  type RenderContext,
  recordXml,
  resumptionTokenXml,
  setsXml,
} from './oai-xml.js';
import type { PublicRecord, RecordType } from './public-record.js';
import { decodeToken, encodeToken, type ListArguments, type TokenState } from './resumption-token.js';

export interface OaiRequest {
  /** Arguments as name/value pairs in order (query string or form body); repeats are kept. */
  pairs: [string, string][];
  /** http(s)://host/oai */
  baseUrl: string;
  /** http(s)://host, for links to record pages. */
  siteUrl: string;
  /** When the request arrived: the responseDate, and a safe `from` for the next incremental harvest. */
  now: Date;
}

const isPrefix = (p: string): p is MetadataPrefix => (METADATA_PREFIXES as readonly string[]).includes(p);
const SAMPLE_ID = '7f8c2d4e-5a6b-4c3d-9e2f-1a0b9c8d7e6f';

interface Answer {
  body: string;
  /** null for badVerb/badArgument: §3.2 says echo the base URL only. */
  requestArgs: Record<string, string> | null;
}

const fail = (errors: OaiError[], requestArgs: Record<string, string> | null): Answer => ({ body: errorsXml(errors), requestArgs });

/** Answers one OAI-PMH request with the complete XML document. */
export async function answerOai(rt: ExchangeRuntime, req: OaiRequest): Promise<string> {
  const responseDate = utcSeconds(req.now);
  const parsed = parseRequest(req.pairs);
  let answer: Answer;
  if (!parsed.ok) {
    // Only badVerb and badArgument arise here: the request element carries no attributes then.
    answer = fail(parsed.errors, null);
  } else {
    await syncExchange(rt);
    answer = await dispatch(rt, parsed.verb, parsed.args, req);
  }
  return envelope({ responseDate, baseUrl: req.baseUrl, requestArgs: answer.requestArgs }, answer.body);
}

async function dispatch(rt: ExchangeRuntime, verb: Verb, args: Record<string, string>, req: OaiRequest): Promise<Answer> {
  const echo = { verb, ...args };
  switch (verb) {
    case 'Identify':
      return { body: await identify(rt, req), requestArgs: echo };
    case 'ListMetadataFormats':
      return listMetadataFormats(rt, args.identifier, req, echo);
    case 'ListSets':
      if (args.resumptionToken !== undefined) {
        return fail([{ code: 'badResumptionToken', message: 'ListSets 一次返回全部集合，不发放续传令牌 (no resumption token was issued)' }], echo);
      }
      return { body: setsXml(await listSets(rt)), requestArgs: echo };
    case 'GetRecord':
      return getRecord(rt, args, req, echo);
    case 'ListIdentifiers':
    case 'ListRecords':
      return list(rt, verb, args, req, echo);
  }
}

async function identify(rt: ExchangeRuntime, req: OaiRequest): Promise<string> {
  const earliest = await q.earliestDatestamp(rt.db);
  return identifyXml({
    baseUrl: req.baseUrl,
    adminEmail: rt.deps.adminEmail,
    // With nothing in the repository yet, anything added later is stamped after now.
    earliestDatestamp: utcSeconds(earliest ?? req.now),
    repositoryIdentifier: REPOSITORY_IDENTIFIER,
    sampleIdentifier: oaiIdentifierOf('achievement', SAMPLE_ID),
  });
}

async function findItem(rt: ExchangeRuntime, identifier: string) {
  const ref = parseOaiIdentifier(identifier);
  return ref ? q.selectEntry(rt.db, ref.recordType, ref.id) : undefined;
}

const unknownId = (identifier: string): OaiError => ({ code: 'idDoesNotExist', message: `本库没有标识符为「${identifier}」的记录 (unknown identifier)` });
const unknownPrefix = (prefix: string): OaiError => ({
  code: 'cannotDisseminateFormat',
  message: `不支持的元数据格式「${prefix}」，可用：${METADATA_PREFIXES.join(', ')} (metadata format not supported)`,
});

/** Every item is disseminated in every format, deleted ones included, so noMetadataFormats never arises. */
async function listMetadataFormats(rt: ExchangeRuntime, identifier: string | undefined, req: OaiRequest, echo: Record<string, string>): Promise<Answer> {
  if (identifier !== undefined && !(await findItem(rt, identifier))) return fail([unknownId(identifier)], echo);
  return { body: metadataFormatsXml(req.baseUrl), requestArgs: echo };
}

const TYPE_NAMES: Record<RecordType, string> = { achievement: '科技成果', demand: '技术需求' };
const keyFieldName = (code: string) => labelOf(KEY_FIELDS, code) ?? code;
const cityName = (code: string) => regionName(code) ?? code;

/** The set hierarchy: the fixed upper levels, then every key field and city that occurs. */
export async function listSets(rt: ExchangeRuntime): Promise<{ spec: string; name: string }[]> {
  const values = await q.selectSetValues(rt.db);
  const sets = new Map<string, string>([
    ['achievement', TYPE_NAMES.achievement],
    ['demand', TYPE_NAMES.demand],
    ['keyField', '按重点领域'],
    ['city', '按城市'],
    ['achievement:keyField', '科技成果 · 按重点领域'],
    ['achievement:city', '科技成果 · 按城市'],
    ['demand:keyField', '技术需求 · 按重点领域'],
    ['demand:city', '技术需求 · 按城市'],
  ]);
  const sorted = [...values].sort((a, b) => `${a.recordType}${a.keyField}${a.cityCode}`.localeCompare(`${b.recordType}${b.keyField}${b.cityCode}`));
  for (const v of sorted) {
    const type = v.recordType as RecordType;
    if (v.keyField) {
      sets.set(`keyField:${v.keyField}`, `重点领域：${keyFieldName(v.keyField)}`);
      sets.set(`${type}:keyField:${v.keyField}`, `${TYPE_NAMES[type]} · 重点领域：${keyFieldName(v.keyField)}`);
    }
    sets.set(`city:${v.cityCode}`, `城市：${cityName(v.cityCode)}`);
    sets.set(`${type}:city:${v.cityCode}`, `${TYPE_NAMES[type]} · 城市：${cityName(v.cityCode)}`);
  }
  return [...sets].map(([spec, name]) => ({ spec, name }));
}

function headerOf(row: q.ExchangeRow): HeaderInfo {
  const recordType = row.recordType as RecordType;
  return {
    identifier: oaiIdentifierOf(recordType, row.recordId),
    datestamp: utcSeconds(row.datestamp),
    setSpecs: setSpecsOf({ recordType, keyField: row.keyField, cityCode: row.cityCode }),
    isDeleted: row.isDeleted,
  };
}

function renderRecord(row: q.ExchangeRow, prefix: MetadataPrefix, ctx: RenderContext): string {
  return recordXml(headerOf(row), { record: row.metadata as unknown as PublicRecord, cityCode: row.cityCode }, prefix, ctx);
}

async function getRecord(rt: ExchangeRuntime, args: Record<string, string>, req: OaiRequest, echo: Record<string, string>): Promise<Answer> {
  const identifier = args.identifier ?? '';
  const prefix = args.metadataPrefix ?? '';
  const row = await findItem(rt, identifier);
  const errors = [...(row ? [] : [unknownId(identifier)]), ...(isPrefix(prefix) ? [] : [unknownPrefix(prefix)])];
  if (!row || !isPrefix(prefix) || errors.length) return fail(errors, echo);
  return { body: `<GetRecord>${renderRecord(row, prefix, req)}</GetRecord>`, requestArgs: echo };
}

type ListVerb = 'ListIdentifiers' | 'ListRecords';

/** The list arguments checked: a filter, or the errors (badArgument first, as §3.6 lists them). */
function checkListArguments(a: ListArguments): { ok: true; filter: q.RecordFilter; prefix: MetadataPrefix } | { ok: false; errors: OaiError[]; isBadArgument: boolean } {
  const range = parseRange(a.from, a.until);
  const set = a.set === undefined ? {} : parseSetSpec(a.set);
  const bad: OaiError[] = [];
  if (!range.ok) bad.push(range.error);
  if (set === 'malformed') bad.push({ code: 'badArgument', message: `set「${a.set}」不是合法的 setSpec (malformed setSpec)` });
  if (bad.length || !range.ok || set === 'malformed') return { ok: false, errors: bad, isBadArgument: true };
  if (!isPrefix(a.metadataPrefix)) return { ok: false, errors: [unknownPrefix(a.metadataPrefix)], isBadArgument: false };
  // A well-formed set this repository does not have matches nothing.
  if (set === null) return { ok: false, errors: [noMatch()], isBadArgument: false };
  return { ok: true, filter: { ...set, ...range.range }, prefix: a.metadataPrefix };
}

const noMatch = (): OaiError => ({ code: 'noRecordsMatch', message: '没有符合条件的记录 (no records match)' });

async function list(rt: ExchangeRuntime, verb: ListVerb, args: Record<string, string>, req: OaiRequest, echo: Record<string, string>): Promise<Answer> {
  let state: Pick<TokenState, 'args' | 'cursor'> & { after: q.Position | null; completeListSize: number | null };
  if (args.resumptionToken !== undefined) {
    const check = decodeToken(rt.tokenKey, args.resumptionToken, req.now.getTime());
    if (!check.ok || check.state.verb !== verb) {
      const why = !check.ok ? { malformed: '格式错误', signature: '签名不符（已被改动）', expired: '已过期' }[check.reason] : `属于 ${check.state.verb}`;
      return fail([{ code: 'badResumptionToken', message: `续传令牌无效：${why}，请从头重新收割 (invalid or expired resumptionToken)` }], echo);
    }
    const s = check.state;
    state = { args: s.args, cursor: s.cursor, after: { datestamp: new Date(s.after.datestamp), id: s.after.id }, completeListSize: s.completeListSize };
  } else {
    state = {
      args: { metadataPrefix: args.metadataPrefix ?? '', set: args.set, from: args.from, until: args.until },
      cursor: 0,
      after: null,
      completeListSize: null,
    };
  }
  const checked = checkListArguments(state.args);
  if (!checked.ok) return fail(checked.errors, checked.isBadArgument ? null : echo);

  const pageSize = verb === 'ListRecords' ? rt.pageSizes.records : rt.pageSizes.identifiers;
  const rows = await q.listEntries(rt.db, checked.filter, state.after, pageSize + 1);
  // Also with a token: the rest of the list may have moved past `until` since the last page.
  if (rows.length === 0) return fail([noMatch()], echo);
  const page = rows.slice(0, pageSize);
  const hasMore = rows.length > pageSize;
  // Counted when the list starts and on its last page (the list as it stands then); the pages in
  // between repeat the first count, so a long harvest does not count the repository on every page.
  const completeListSize = hasMore && state.completeListSize !== null ? state.completeListSize : await q.countEntries(rt.db, checked.filter);
  const items = page.map((r) => (verb === 'ListRecords' ? renderRecord(r, checked.prefix, req) : headerXml(headerOf(r))));
  let token = '';
  const last = page[page.length - 1];
  if (hasMore && last) {
    const expiresAt = req.now.getTime() + rt.tokenTtlMs;
    const next: TokenState = {
      verb,
      args: state.args,
      after: { datestamp: last.datestamp.getTime(), id: last.recordId },
      cursor: state.cursor + page.length,
      completeListSize,
      expiresAt,
    };
    token = resumptionTokenXml(encodeToken(rt.tokenKey, next), { completeListSize, cursor: state.cursor, expirationDate: utcSeconds(new Date(expiresAt)) });
  } else if (args.resumptionToken !== undefined) {
    // The last page of a list that was split: an empty token closes it (§3.5).
    token = resumptionTokenXml('', { completeListSize, cursor: state.cursor });
  }
  return { body: `<${verb}>\n${items.join('\n')}${token ? `\n${token}` : ''}\n</${verb}>`, requestArgs: echo };
}
