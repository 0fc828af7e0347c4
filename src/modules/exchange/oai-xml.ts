/**
 * OAI-PMH 2.0 responses as XML text: the envelope, headers, `oai_dc` and the native `kehui` format
 * (docs/oai/kehui.xsd). Pure string building; every text and attribute goes through `xmlText` /
 * `xmlAttr`, which strip characters XML 1.0 cannot carry and escape the rest.
 */
import { fenToYuanString } from '../../platform/money.js';
import {
  ACHIEVEMENT_TYPES,
  ATTRIBUTES,
  type CodeOption,
  COOPERATION_MODES,
  DISCLOSURE_TIERS,
  INDUSTRIES,
  KEY_FIELDS,
  labelOf,
  PRICING_MODES,
  STAGES,
} from '../achievements/achievement-codes.js';
import { BUDGET_MODES, CLOSE_REASONS, DEMAND_STATUSES, DEMAND_TYPES } from '../demands/demand-codes.js';
import { regionPath } from '../regions/index.js';
import type { OaiError } from './oai-protocol.js';
import type { AchievementRecord, DemandRecord, PublicRecord } from './public-record.js';

export const OAI_NAMESPACE = 'http://www.openarchives.org/OAI/2.0/';
export const OAI_DC_NAMESPACE = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
export const KEHUI_NAMESPACE = 'https://kehui.example.cn/oai/kehui/1.0';
export const REPOSITORY_NAME = '科惠技术转移公共服务平台 (Kehui technology-transfer platform)';

export const METADATA_PREFIXES = ['oai_dc', 'kehui'] as const;
export type MetadataPrefix = (typeof METADATA_PREFIXES)[number];

export function metadataFormats(baseUrl: string) {
  return [
    { prefix: 'oai_dc' as const, schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd', namespace: OAI_DC_NAMESPACE },
    { prefix: 'kehui' as const, schema: `${baseUrl}/kehui.xsd`, namespace: KEHUI_NAMESPACE },
  ];
}

// XML 1.0 Char production, minus the C0/C1 controls other than tab, newline and carriage return.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content: control and non-XML characters removed, & < > escaped. */
export function xmlText(s: string): string {
  return s.replace(NOT_XML_CHAR, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute value (double-quoted): also " and the whitespace that attribute normalization would eat. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

type Attrs = Record<string, string | number | boolean | null | undefined>;

function attrs(a: Attrs | undefined): string {
  if (!a) return '';
  let out = '';
  for (const [k, v] of Object.entries(a)) if (v !== null && v !== undefined) out += ` ${k}="${xmlAttr(String(v))}"`;
  return out;
}

/** An element with escaped text content. */
function leaf(name: string, value: string | number | boolean, a?: Attrs): string {
  return `<${name}${attrs(a)}>${xmlText(String(value))}</${name}>`;
}

/** An element whose content is already XML. */
function node(name: string, inner: string, a?: Attrs): string {
  return inner === '' ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${inner}</${name}>`;
}

// ---------- envelope ----------

export interface EnvelopeContext {
  responseDate: string;
  baseUrl: string;
  /** The request's arguments; null after badVerb / badArgument (§3.2: the base URL only). */
  requestArgs: Record<string, string> | null;
}

export function envelope(ctx: EnvelopeContext, body: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<OAI-PMH xmlns="${OAI_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
    `xsi:schemaLocation="${OAI_NAMESPACE} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">\n` +
    `${leaf('responseDate', ctx.responseDate)}\n${leaf('request', ctx.baseUrl, ctx.requestArgs ?? undefined)}\n${body}\n</OAI-PMH>\n`
  );
}

export function errorsXml(errors: OaiError[]): string {
  return errors.map((e) => leaf('error', e.message, { code: e.code })).join('\n');
}

// ---------- Identify, formats, sets ----------

export interface IdentifyInfo {
  baseUrl: string;
  adminEmail: string;
  earliestDatestamp: string;
  repositoryIdentifier: string;
  sampleIdentifier: string;
}

export function identifyXml(i: IdentifyInfo): string {
  const oaiIdentifier = node(
    'oai-identifier',
    leaf('scheme', 'oai') + leaf('repositoryIdentifier', i.repositoryIdentifier) + leaf('delimiter', ':') + leaf('sampleIdentifier', i.sampleIdentifier),
    {
      xmlns: 'http://www.openarchives.org/OAI/2.0/oai-identifier',
      'xsi:schemaLocation': 'http://www.openarchives.org/OAI/2.0/oai-identifier http://www.openarchives.org/OAI/2.0/oai-identifier.xsd',
    },
  );
  return node(
    'Identify',
    [
      leaf('repositoryName', REPOSITORY_NAME),
      leaf('baseURL', i.baseUrl),
      leaf('protocolVersion', '2.0'),
      leaf('adminEmail', i.adminEmail),
      leaf('earliestDatestamp', i.earliestDatestamp),
      leaf('deletedRecord', 'persistent'),
      leaf('granularity', 'YYYY-MM-DDThh:mm:ssZ'),
      node('description', oaiIdentifier),
    ].join('\n'),
  );
}

export function metadataFormatsXml(baseUrl: string): string {
  return node(
    'ListMetadataFormats',
    metadataFormats(baseUrl)
      .map((f) => node('metadataFormat', leaf('metadataPrefix', f.prefix) + leaf('schema', f.schema) + leaf('metadataNamespace', f.namespace)))
      .join('\n'),
  );
}

export function setsXml(sets: { spec: string; name: string }[]): string {
  return node('ListSets', sets.map((s) => node('set', leaf('setSpec', s.spec) + leaf('setName', s.name))).join('\n'));
}

// ---------- records ----------

export interface HeaderInfo {
  identifier: string;
  datestamp: string;
  setSpecs: string[];
  isDeleted: boolean;
}

export function headerXml(h: HeaderInfo): string {
  return node(
    'header',
    leaf('identifier', h.identifier) + leaf('datestamp', h.datestamp) + h.setSpecs.map((s) => leaf('setSpec', s)).join(''),
    h.isDeleted ? { status: 'deleted' } : undefined,
  );
}

export interface RenderContext {
  /** The site's origin, for links to the records' public pages. */
  siteUrl: string;
  baseUrl: string;
}

/** A record: header, and metadata unless deleted (§2.5.1: a deleted record has no metadata). */
export function recordXml(h: HeaderInfo, item: { record: PublicRecord; cityCode: string }, prefix: MetadataPrefix, ctx: RenderContext): string {
  if (h.isDeleted) return node('record', headerXml(h));
  const metadata = prefix === 'oai_dc' ? oaiDcXml(item.record, ctx) : kehuiXml(item.record, item.cityCode, ctx);
  return node('record', headerXml(h) + node('metadata', metadata));
}

export function pageUrlOf(record: PublicRecord, siteUrl: string): string {
  return `${siteUrl}/${record.recordType === 'achievement' ? 'achievements' : 'demands'}/${record.id}`;
}

const label = (list: readonly CodeOption[], code: string) => labelOf(list, code) ?? code;
const regionFullName = (code: string) => regionPath(code).map((r) => r.name).join('') || code;

/** Simple Dublin Core: enough for any aggregator to list and link the record. */
export function oaiDcXml(r: PublicRecord, ctx: RenderContext): string {
  const dc: string[] = [leaf('dc:title', r.title)];
  const isAchievement = r.recordType === 'achievement';
  dc.push(leaf('dc:creator', isAchievement ? r.ownerName : r.enterpriseName));
  if (r.keyField) dc.push(leaf('dc:subject', label(KEY_FIELDS, r.keyField)));
  if (r.industry) dc.push(leaf('dc:subject', label(INDUSTRIES, r.industry)));
  for (const k of r.keywords) dc.push(leaf('dc:subject', k));
  dc.push(leaf('dc:description', isAchievement ? r.abstract : r.publicSummary));
  dc.push(leaf('dc:publisher', REPOSITORY_NAME));
  dc.push(leaf('dc:date', r.publishedAt.slice(0, 10)));
  dc.push(leaf('dc:type', isAchievement ? '科技成果' : '技术需求'));
  if (isAchievement && r.achievementType) dc.push(leaf('dc:type', label(ACHIEVEMENT_TYPES, r.achievementType)));
  if (!isAchievement && r.demandType) dc.push(leaf('dc:type', label(DEMAND_TYPES, r.demandType)));
  dc.push(leaf('dc:identifier', pageUrlOf(r, ctx.siteUrl)));
  dc.push(leaf('dc:language', 'zh'));
  dc.push(leaf('dc:coverage', regionFullName(r.regionCode)));
  if (isAchievement) for (const o of r.owners) if (o.name !== r.ownerName) dc.push(leaf('dc:contributor', o.name));
  return node('oai_dc:dc', dc.join(''), {
    'xmlns:oai_dc': OAI_DC_NAMESPACE,
    'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
    'xsi:schemaLocation': `${OAI_DC_NAMESPACE} http://www.openarchives.org/OAI/2.0/oai_dc.xsd`,
  });
}

const k = (name: string) => `kehui:${name}`;
const coded = (name: string, list: readonly CodeOption[], code: string) => leaf(k(name), label(list, code), { code });
const yuan = (fen: number) => fenToYuanString(fen);

function keywordsXml(words: string[]): string {
  return node(k('keywords'), words.map((w) => leaf(k('keyword'), w)).join(''));
}

function modesXml(modes: string[]): string {
  return node(k('cooperationModes'), modes.map((m) => coded('mode', COOPERATION_MODES, m)).join(''));
}

function regionXml(regionCode: string, cityCode: string): string {
  return leaf(k('region'), regionFullName(regionCode), { code: regionCode }) + leaf(k('city'), regionFullName(cityCode), { code: cityCode });
}

/** The native format: the full public record (docs/oai/kehui.xsd, element order as declared). */
export function kehuiXml(r: PublicRecord, city: string, ctx: RenderContext): string {
  const rootAttrs = { 'xmlns:kehui': KEHUI_NAMESPACE, 'xsi:schemaLocation': `${KEHUI_NAMESPACE} ${ctx.baseUrl}/kehui.xsd` };
  return r.recordType === 'achievement' ? node(k('achievement'), achievementXml(r, ctx, city), rootAttrs) : node(k('demand'), demandXml(r, ctx, city), rootAttrs);
}

function achievementXml(r: AchievementRecord, ctx: RenderContext, cityCode: string): string {
  const x: string[] = [leaf(k('id'), r.id), leaf(k('url'), pageUrlOf(r, ctx.siteUrl)), leaf(k('title'), r.title)];
  if (r.achievementType) x.push(coded('type', ACHIEVEMENT_TYPES, r.achievementType));
  if (r.attribute) x.push(coded('attribute', ATTRIBUTES, r.attribute));
  if (r.keyField) x.push(coded('keyField', KEY_FIELDS, r.keyField));
  if (r.industry) x.push(coded('industry', INDUSTRIES, r.industry));
  x.push(keywordsXml(r.keywords), leaf(k('abstract'), r.abstract));
  if (r.trl !== null) x.push(leaf(k('trl'), r.trl));
  if (r.stage) x.push(coded('stage', STAGES, r.stage));
  x.push(modesXml(r.cooperationModes));
  x.push(node(k('price'), coded('mode', PRICING_MODES, r.pricingMode) + (r.priceFen !== null ? leaf(k('amount'), yuan(r.priceFen), { currency: 'CNY' }) : '')));
  x.push(regionXml(r.regionCode, cityCode), leaf(k('organization'), r.ownerName));
  x.push(node(k('owners'), r.owners.map((o) => leaf(k('owner'), o.name, { share: o.share })).join('')));
  x.push(
    node(
      k('funding'),
      (r.fundingProgramme ? leaf(k('programme'), r.fundingProgramme) : '') + (r.fundingProjectNumber ? leaf(k('projectNumber'), r.fundingProjectNumber) : ''),
      { fiscallyFunded: r.isFiscallyFunded },
    ),
  );
  x.push(leaf(k('dualUse'), r.isDualUse), coded('disclosureTier', DISCLOSURE_TIERS, r.disclosureTier));
  if (r.selectionYear !== null) x.push(leaf(k('selectionYear'), r.selectionYear));
  x.push(leaf(k('status'), r.status === 'published' ? '已发布' : '已归档', { code: r.status }));
  x.push(leaf(k('published'), `${r.publishedAt.slice(0, 19)}Z`), leaf(k('version'), r.version));
  if (r.details) {
    const d = r.details;
    x.push(leaf(k('innovationPoints'), d.innovationPoints), leaf(k('indicators'), d.indicators), leaf(k('applicationScenarios'), d.applicationScenarios));
    x.push(node(k('intellectualProperty'), d.ipItems.map((i) => leaf(k('item'), i.title ?? '', { type: i.type, status: i.status, number: i.number })).join('')));
    x.push(node(k('team'), d.team.map((m) => leaf(k('member'), m.name, { role: m.role, contribution: m.contribution, title: m.title })).join('')));
  }
  return x.join('');
}

function demandXml(r: DemandRecord, ctx: RenderContext, cityCode: string): string {
  const x: string[] = [leaf(k('id'), r.id), leaf(k('url'), pageUrlOf(r, ctx.siteUrl)), leaf(k('title'), r.title), leaf(k('summary'), r.publicSummary)];
  if (r.keyField) x.push(coded('keyField', KEY_FIELDS, r.keyField));
  if (r.industry) x.push(coded('industry', INDUSTRIES, r.industry));
  x.push(keywordsXml(r.keywords));
  if (r.demandType) x.push(coded('type', DEMAND_TYPES, r.demandType));
  x.push(modesXml(r.cooperationModes));
  x.push(
    node(
      k('budget'),
      coded('mode', BUDGET_MODES, r.budgetMode) +
        (r.budgetMinFen !== null ? leaf(k('min'), yuan(r.budgetMinFen)) : '') +
        (r.budgetMaxFen !== null ? leaf(k('max'), yuan(r.budgetMaxFen)) : ''),
      { firm: r.budgetFirm, currency: 'CNY' },
    ),
  );
  if (r.deadline) x.push(leaf(k('deadline'), r.deadline));
  x.push(regionXml(r.regionCode, cityCode), leaf(k('enterprise'), r.enterpriseName));
  if (r.claimantName) x.push(leaf(k('claimant'), r.claimantName));
  x.push(coded('status', DEMAND_STATUSES, r.status));
  if (r.closeReason) x.push(coded('closeReason', CLOSE_REASONS, r.closeReason));
  x.push(leaf(k('published'), `${r.publishedAt.slice(0, 19)}Z`));
  return x.join('');
}

// ---------- lists ----------

export function resumptionTokenXml(token: string, a: { completeListSize: number; cursor: number; expirationDate?: string | undefined }): string {
  return token === ''
    ? `<resumptionToken${attrs({ completeListSize: a.completeListSize, cursor: a.cursor })}/>`
    : leaf('resumptionToken', token, { expirationDate: a.expirationDate, completeListSize: a.completeListSize, cursor: a.cursor });
}
