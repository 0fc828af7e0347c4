/**
 * Pure: what we keep of a harvested record. The fields are read from oai_dc, from Kehui's native
 * format (kehui.xsd) or from a change-feed record, normalized the same way, and hashed: a record
 * whose hash did not change is not rewritten (a re-harvest adds nothing).
 */
import { createHash } from 'node:crypto';
import { normalizePatentNumber, normalizeTitle } from '../achievements/index.js';
import type { HarvestWarning } from './harvest.tables.js';
import type { OaiRecord } from './oai-client.js';

export interface NormalizedRecord {
  sourceIdentifier: string;
  sourceDatestamp: string;
  datestampAt: Date | null;
  isDeleted: boolean;
  recordType: 'achievement' | 'demand' | 'other';
  title: string;
  normalizedTitle: string;
  abstract: string;
  keywords: string[];
  creators: string[];
  patentNumbers: string[];
  fields: Record<string, unknown>;
  raw: string;
  contentHash: string;
}

/** Chinese application/patent numbers (ZL/CN prefix optional), e.g. ZL 2014 1 0026192.3, CN201410026192.3. */
const PATENT = /(?:ZL|CN)?\s?((?:19|20)\d{2}\s?[12389]\s?\d{7}\s?[.。·]?\s?[\dX])(?![\d])/gi;

export function patentNumbersIn(texts: string[]): string[] {
  const out = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(PATENT)) if (m[1]) out.add(normalizePatentNumber(m[1]));
  return [...out].sort();
}

/** OAI datestamps: YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (UTC); anything else is kept as text, with a warning. */
export function parseDatestamp(s: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?Z)?$/.test(s)) return null;
  const d = new Date(s.length === 10 ? `${s}T00:00:00Z` : s);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function hashOf(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

const uniq = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];

function finish(base: Omit<NormalizedRecord, 'contentHash' | 'normalizedTitle' | 'datestampAt'>, warnings: HarvestWarning[]): NormalizedRecord {
  const datestampAt = parseDatestamp(base.sourceDatestamp);
  if (!datestampAt && base.sourceDatestamp) {
    warnings.push({ code: 'bad_datestamp', message: `时间戳“${base.sourceDatestamp.slice(0, 40)}”格式不正确`, identifier: base.sourceIdentifier });
  }
  const r = { ...base, datestampAt, normalizedTitle: normalizeTitle(base.title) };
  const contentHash = hashOf([r.isDeleted, r.recordType, r.title, r.abstract, r.keywords, r.creators, r.patentNumbers, r.fields]);
  return { ...r, contentHash };
}

/**
 * An OAI record → what we keep; null (with a warning) when it cannot be kept at all (no identifier).
 * A deleted record keeps only its identity: its content is gone at the source.
 */
export function fromOaiRecord(r: OaiRecord, warnings: HarvestWarning[]): NormalizedRecord | null {
  const id = r.header.identifier;
  if (!id) {
    warnings.push({ code: 'missing_identifier', message: '记录缺少标识符，已跳过' });
    return null;
  }
  if (!r.header.datestamp) warnings.push({ code: 'missing_datestamp', message: '记录缺少时间戳', identifier: id });
  const f = r.fields;
  const get = (...names: string[]) => names.flatMap((n) => f[n] ?? []);
  const isKehui = r.format === 'achievement' || r.format === 'demand';
  const recordType: NormalizedRecord['recordType'] = isKehui
    ? (r.format as 'achievement' | 'demand')
    : get('type').some((t) => t.includes('技术需求'))
      ? 'demand'
      : 'achievement';
  if (r.header.isDeleted) {
    return finish(
      { sourceIdentifier: id, sourceDatestamp: r.header.datestamp, isDeleted: true, recordType, title: '', abstract: '', keywords: [], creators: [], patentNumbers: [], fields: {}, raw: r.raw },
      warnings,
    );
  }
  const title = get('title')[0] ?? '';
  if (!title) warnings.push({ code: 'missing_title', message: '记录缺少标题', identifier: id });
  const abstract = isKehui ? (get('abstract', 'summary')[0] ?? '') : get('description').join('\n');
  const keywords = uniq(isKehui ? get('keyword') : get('subject'));
  const creators = uniq(isKehui ? get('organization', 'enterprise') : get('creator'));
  const patentNumbers = isKehui
    ? patentNumbersIn(get('number'))
    : patentNumbersIn([...get('identifier'), ...get('relation'), ...get('description'), title]);
  const fields: Record<string, unknown> = isKehui
    ? { format: r.format, keyField: get('keyField@code')[0] ?? null, keyFieldLabel: get('keyField')[0] ?? null, city: get('city')[0] ?? null, url: get('url')[0] ?? null }
    : { format: 'oai_dc', date: get('date'), type: get('type'), identifier: get('identifier'), language: get('language'), publisher: get('publisher'), source: get('source') };
  return finish({ sourceIdentifier: id, sourceDatestamp: r.header.datestamp, isDeleted: false, recordType, title, abstract, keywords, creators, patentNumbers, fields, raw: r.raw }, warnings);
}

export interface FeedItem {
  type: string;
  id: string;
  change: string;
  datestamp: string;
  oaiIdentifier: string;
  record?: Record<string, unknown> | null | undefined;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** A change-feed item (with its public record) → what we keep. The OAI identifier is the source identifier. */
export function fromFeedItem(item: FeedItem, warnings: HarvestWarning[]): NormalizedRecord {
  const rec = item.record ?? {};
  const recordType = item.type === 'demand' ? 'demand' : 'achievement';
  const raw = JSON.stringify(item);
  if (item.change === 'deleted') {
    return finish({ sourceIdentifier: item.oaiIdentifier, sourceDatestamp: item.datestamp, isDeleted: true, recordType, title: '', abstract: '', keywords: [], creators: [], patentNumbers: [], fields: {}, raw }, warnings);
  }
  const details = (rec.details ?? null) as { ipItems?: { number?: unknown }[] } | null;
  const title = str(rec.title);
  if (!title) warnings.push({ code: 'missing_title', message: '记录缺少标题', identifier: item.oaiIdentifier });
  return finish(
    {
      sourceIdentifier: item.oaiIdentifier,
      sourceDatestamp: item.datestamp,
      isDeleted: false,
      recordType,
      title,
      abstract: str(rec.abstract) || str(rec.publicSummary),
      keywords: uniq(strs(rec.keywords)),
      creators: uniq([str(rec.ownerName), str(rec.enterpriseName)]),
      patentNumbers: patentNumbersIn((details?.ipItems ?? []).map((i) => str(i.number))),
      fields: { format: 'kehui-feed', keyField: rec.keyField ?? null, regionCode: rec.regionCode ?? null, status: rec.status ?? null, id: item.id },
      raw,
    },
    warnings,
  );
}
