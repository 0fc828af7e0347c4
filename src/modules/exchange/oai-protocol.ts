/**
 * The OAI-PMH 2.0 protocol rules (https://www.openarchives.org/OAI/openarchivesprotocol.html):
 * verbs and their arguments, UTC datestamps, set specs and identifiers. Pure: no I/O.
 */
import { RECORD_TYPES, type RecordType } from './public-record.js';

export const VERBS = ['Identify', 'ListMetadataFormats', 'ListSets', 'ListIdentifiers', 'ListRecords', 'GetRecord'] as const;
export type Verb = (typeof VERBS)[number];

/**
 * Error codes of OAI-PMH 2.0 §3.6. `noSetHierarchy` is never sent (the repository has sets) and
 * `noMetadataFormats` cannot arise (every item is disseminated in every format).
 */
export type OaiErrorCode =
  | 'badArgument'
  | 'badResumptionToken'
  | 'badVerb'
  | 'cannotDisseminateFormat'
  | 'idDoesNotExist'
  | 'noRecordsMatch'
  | 'noMetadataFormats'
  | 'noSetHierarchy';

export interface OaiError {
  code: OaiErrorCode;
  message: string;
}

interface ArgumentRule {
  required: readonly string[];
  optional: readonly string[];
  /** An argument that must stand alone (with the verb). */
  exclusive?: string;
}

const LIST_ARGS: ArgumentRule = { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' };
const RULES: Record<Verb, ArgumentRule> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  ListIdentifiers: LIST_ARGS,
  ListRecords: LIST_ARGS,
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
};

export type ParsedRequest = { ok: true; verb: Verb; args: Record<string, string> } | { ok: false; errors: OaiError[] };

const isVerb = (v: string): v is Verb => (VERBS as readonly string[]).includes(v);

/**
 * Checks the arguments of one request (query string or form body, as name/value pairs in order).
 * badVerb: missing, repeated or unknown verb. badArgument: an unknown, repeated, missing or empty
 * argument, or an exclusive one combined with others. Every problem is reported.
 */
export function parseRequest(pairs: [string, string][]): ParsedRequest {
  const verbs = pairs.filter(([k]) => k === 'verb').map(([, v]) => v);
  if (verbs.length === 0) return { ok: false, errors: [{ code: 'badVerb', message: '缺少 verb 参数 (verb argument missing)' }] };
  if (verbs.length > 1) return { ok: false, errors: [{ code: 'badVerb', message: 'verb 参数重复 (verb argument repeated)' }] };
  const verb = verbs[0] ?? '';
  if (!isVerb(verb)) return { ok: false, errors: [{ code: 'badVerb', message: `不支持的 verb「${verb}」(illegal OAI verb)` }] };
  const rule = RULES[verb];
  const allowed = new Set([...rule.required, ...rule.optional, ...(rule.exclusive ? [rule.exclusive] : [])]);
  const errors: OaiError[] = [];
  const args: Record<string, string> = {};
  for (const [k, v] of pairs) {
    if (k === 'verb') continue;
    if (!allowed.has(k)) errors.push({ code: 'badArgument', message: `${verb} 不接受参数「${k}」(illegal argument)` });
    else if (k in args) errors.push({ code: 'badArgument', message: `参数「${k}」重复 (repeated argument)` });
    else if (v === '') errors.push({ code: 'badArgument', message: `参数「${k}」为空 (empty argument)` });
    else args[k] = v;
  }
  if (errors.length) return { ok: false, errors };
  if (rule.exclusive && rule.exclusive in args) {
    const others = Object.keys(args).filter((k) => k !== rule.exclusive);
    if (others.length) return { ok: false, errors: [{ code: 'badArgument', message: `${rule.exclusive} 必须单独使用 (exclusive argument)，多余：${others.join(', ')}` }] };
    return { ok: true, verb, args };
  }
  for (const k of rule.required) if (!(k in args)) errors.push({ code: 'badArgument', message: `缺少必需参数「${k}」(missing required argument)` });
  return errors.length ? { ok: false, errors } : { ok: true, verb, args };
}

// ---------- dates ----------

export type Granularity = 'day' | 'seconds';
export interface UtcDate {
  date: Date;
  granularity: Granularity;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const SECONDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/** YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (UTC), a real calendar date; null otherwise. */
export function parseUtcDate(s: string): UtcDate | null {
  const m = SECONDS.exec(s) ?? DAY.exec(s);
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, se = 0] = m.slice(1).map(Number);
  if (y === undefined || mo === undefined || d === undefined) return null;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
  const same =
    date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && date.getUTCHours() === h && date.getUTCMinutes() === mi && date.getUTCSeconds() === se;
  return same ? { date, granularity: m.length > 4 && m[4] !== undefined ? 'seconds' : 'day' } : null;
}

/** A datestamp at the repository's granularity: seconds, UTC, "Z". */
export function utcSeconds(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

export interface DateRange {
  from?: Date | undefined;
  /** Exclusive upper bound: `until` is inclusive at its own granularity (the whole day or second). */
  before?: Date | undefined;
}

/**
 * from/until of a list request. badArgument when malformed, of different granularities, or
 * from later than until (§3.3.1: both bounds inclusive, same granularity).
 */
export function parseRange(from: string | undefined, until: string | undefined): { ok: true; range: DateRange } | { ok: false; error: OaiError } {
  const f = from === undefined ? undefined : parseUtcDate(from);
  const u = until === undefined ? undefined : parseUtcDate(until);
  if (f === null) return { ok: false, error: { code: 'badArgument', message: `from「${from}」不是 YYYY-MM-DD 或 YYYY-MM-DDThh:mm:ssZ 格式的 UTC 时间` } };
  if (u === null) return { ok: false, error: { code: 'badArgument', message: `until「${until}」不是 YYYY-MM-DD 或 YYYY-MM-DDThh:mm:ssZ 格式的 UTC 时间` } };
  if (f && u && f.granularity !== u.granularity) return { ok: false, error: { code: 'badArgument', message: 'from 与 until 的时间粒度必须相同 (different granularities)' } };
  if (f && u && f.date > u.date) return { ok: false, error: { code: 'badArgument', message: 'from 不能晚于 until (from is later than until)' } };
  const step = u?.granularity === 'day' ? 86_400_000 : 1000;
  return { ok: true, range: { from: f?.date, before: u ? new Date(u.date.getTime() + step) : undefined } };
}

// ---------- sets ----------

/** setSpecType of OAI-PMH.xsd. */
const SET_SPEC = /^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$/;

export interface SetFilter {
  recordType?: RecordType | undefined;
  keyField?: string | undefined;
  hasKeyField?: boolean | undefined;
  cityCode?: string | undefined;
}

const isRecordType = (s: string | undefined): s is RecordType => (RECORD_TYPES as readonly string[]).includes(s ?? '');

/**
 * The sets (hierarchical, ':'-separated):
 *   achievement | demand                       by record type
 *   keyField, keyField:<code>                  by key field (重点领域)
 *   city, city:<region code>                   by city (地级, 6-digit GB/T 2260)
 *   <type>:keyField, <type>:keyField:<code>, <type>:city, <type>:city:<code>   combined
 * Returns 'malformed' for a value that is not a setSpec at all, null for a well-formed unknown set.
 */
export function parseSetSpec(spec: string): SetFilter | 'malformed' | null {
  if (!SET_SPEC.test(spec)) return 'malformed';
  const parts = spec.split(':');
  const recordType = isRecordType(parts[0]) ? parts[0] : undefined;
  const rest = recordType ? parts.slice(1) : parts;
  if (rest.length === 0) return { recordType };
  const [facet, value, ...extra] = rest;
  if (extra.length) return null;
  if (facet === 'keyField') return value === undefined ? { recordType, hasKeyField: true } : { recordType, keyField: value };
  if (facet === 'city') {
    if (value === undefined) return { recordType };
    return /^\d{6}$/.test(value) ? { recordType, cityCode: value } : null;
  }
  return null;
}

/** The sets an item belongs to, as listed in its header (the leaves; parents are implied). */
export function setSpecsOf(r: { recordType: RecordType; keyField: string | null; cityCode: string }): string[] {
  const specs: string[] = [r.recordType];
  if (r.keyField) specs.push(`keyField:${r.keyField}`, `${r.recordType}:keyField:${r.keyField}`);
  specs.push(`city:${r.cityCode}`, `${r.recordType}:city:${r.cityCode}`);
  return specs;
}

// ---------- identifiers ----------

/** The repository identifier of oai-identifier (a domain the platform controls); never changes. */
export const REPOSITORY_IDENTIFIER = 'kehui.example.cn';

export function oaiIdentifierOf(recordType: RecordType, id: string): string {
  return `oai:${REPOSITORY_IDENTIFIER}:${recordType}/${id}`;
}

const IDENTIFIER = /^oai:kehui\.example\.cn:(achievement|demand)\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The record an identifier names, or null when it is not one of this repository's. */
export function parseOaiIdentifier(s: string): { recordType: RecordType; id: string } | null {
  const m = IDENTIFIER.exec(s);
  if (!m?.[2] || !isRecordType(m[1])) return null;
  return { recordType: m[1], id: m[2] };
}
