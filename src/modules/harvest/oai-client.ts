/**
 * OAI-PMH client: one request → one parsed page. Fetch with a timeout and a size limit; bytes decoded
 * strictly in the declared encoding; XML parsed as a stream (saxes). Protocol and transport failures
 * are typed (harvest-errors.ts); sloppiness that does not stop us (stray text inside metadata, an odd
 * datestamp) is returned as warnings.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { HarvestWarning } from './harvest.tables.js';
import { HarvestError, oaiError } from './harvest-errors.js';

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Sent as Authorization: "user:password" → Basic, anything else → Bearer. */
  credentials?: string | null | undefined;
}

export interface OaiHeader {
  identifier: string;
  datestamp: string;
  isDeleted: boolean;
  setSpecs: string[];
}

export interface OaiRecord {
  header: OaiHeader;
  /** Local name of the metadata root (dc, achievement, demand, …); null for a deleted record. */
  format: string | null;
  /** Text of every metadata element by local name (repeats kept), plus `name@code` for coded values. */
  fields: Record<string, string[]>;
  /** The <record> element as received (re-serialized from the parse). */
  raw: string;
}

export interface OaiPage {
  responseDate: string | null;
  records: OaiRecord[];
  resumptionToken: string | null;
  completeListSize: number | null;
  /** An OAI error other than noRecordsMatch; noRecordsMatch is an empty page. */
  error: HarvestError | null;
  isEmpty: boolean;
  warnings: HarvestWarning[];
}

function authorization(credentials: string | null | undefined): Record<string, string> {
  if (!credentials) return {};
  if (/^[^:\s]+:.+$/.test(credentials) && !credentials.startsWith('Bearer ')) return { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
  return { authorization: credentials.startsWith('Bearer ') ? credentials : `Bearer ${credentials}` };
}

/** Fetches a URL into bytes: timeout over the whole exchange, refused past `maxBytes`. */
export async function fetchBytes(url: string, opts: FetchOptions, accept: string): Promise<{ bytes: Buffer; contentType: string }> {
  const signal = AbortSignal.timeout(opts.timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, { signal, redirect: 'follow', headers: { accept, 'user-agent': 'Kehui-Harvester/1.0', ...authorization(opts.credentials) } });
  } catch (err) {
    throw transportError(err);
  }
  if (res.status < 200 || res.status >= 300) {
    await res.body?.cancel().catch(() => undefined);
    throw new HarvestError('http_status', `HTTP ${res.status}`);
  }
  const declared = Number(res.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > opts.maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new HarvestError('too_large', `${declared} 字节，上限 ${opts.maxBytes} 字节`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    if (res.body) {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > opts.maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw new HarvestError('too_large', `超过 ${opts.maxBytes} 字节`);
        }
        chunks.push(Buffer.from(value));
      }
    }
  } catch (err) {
    throw transportError(err);
  }
  return { bytes: Buffer.concat(chunks), contentType: res.headers.get('content-type') ?? '' };
}

function transportError(err: unknown): HarvestError {
  if (err instanceof HarvestError) return err;
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return new HarvestError('timeout');
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : '';
  return new HarvestError('network', (cause || (err instanceof Error ? err.message : String(err))).slice(0, 200));
}

const DECLARATION = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

/**
 * Decodes strictly: the XML declaration's encoding (else the HTTP charset, else UTF-8). Bytes that are
 * not valid in that encoding, or an encoding we do not know, are `wrong_encoding` (never mojibake).
 */
export function decodeXml(bytes: Buffer, contentType: string): string {
  const head = bytes.subarray(0, 200).toString('latin1');
  const declared = DECLARATION.exec(head)?.[1] ?? /charset=([A-Za-z0-9._-]+)/i.exec(contentType)?.[1] ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared.toLowerCase(), { fatal: true });
  } catch {
    throw new HarvestError('wrong_encoding', `未知编码 ${declared}`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new HarvestError('wrong_encoding', `内容不是合法的 ${declared}`);
  }
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s: string) => esc(s).replace(/"/g, '&quot;');

/** Parses one OAI-PMH response (any list verb or GetRecord). */
export function parseOaiPage(xml: string): OaiPage {
  const page: OaiPage = { responseDate: null, records: [], resumptionToken: null, completeListSize: null, error: null, isEmpty: false, warnings: [] };
  const parser = new SaxesParser({ xmlns: true, position: false });
  const stack: string[] = [];
  let text = '';
  let rootSeen = false;
  let record: OaiRecord | null = null;
  let raw: string[] = [];
  let inMetadata = 0; // depth of <metadata> in the stack, 0 = outside
  let errorCode: string | null = null;
  let tokenAttrs: Record<string, string> = {};
  let strayReported = false;
  let lastCode: string | null = null;

  parser.on('opentag', (tag: SaxesTagNS) => {
    const name = tag.local;
    if (!rootSeen) {
      rootSeen = true;
      if (name !== 'OAI-PMH') throw new HarvestError('not_oai', `根元素为 ${tag.name}`);
    }
    stack.push(name);
    text = '';
    // ListRecords/GetRecord: <record>; ListIdentifiers: a bare <header> is the item.
    if ((name === 'record' || name === 'header') && stack.length === 3) {
      record = { header: { identifier: '', datestamp: '', isDeleted: false, setSpecs: [] }, format: null, fields: {}, raw: '' };
      raw = [];
    }
    if (record) {
      const attrs = Object.values(tag.attributes)
        .map((a) => ` ${a.name}="${escAttr(a.value)}"`)
        .join('');
      raw.push(`<${tag.name}${attrs}>`);
      if (name === 'header' && tag.attributes.status?.value === 'deleted') record.header.isDeleted = true;
      if (name === 'metadata' && !inMetadata) inMetadata = stack.length;
      else if (inMetadata && stack.length === inMetadata + 1) record.format = name;
      lastCode = inMetadata ? (tag.attributes.code?.value ?? null) : null;
    }
    if (name === 'error' && stack.length === 2) errorCode = tag.attributes.code?.value ?? '';
    if (name === 'resumptionToken') tokenAttrs = Object.fromEntries(Object.values(tag.attributes).map((a) => [a.local, a.value]));
  });

  parser.on('text', (t: string) => {
    text += t;
    if (record) raw.push(esc(t));
    // Text directly inside the metadata root (e.g. "(?s)" between dc elements) is stray: kept out, reported.
    if (record && inMetadata && stack.length === inMetadata + 1 && t.trim() && !strayReported) {
      strayReported = true;
      page.warnings.push({ code: 'stray_text', message: `元数据中有多余文本“${t.trim().slice(0, 40)}”，已忽略`, identifier: record.header.identifier || undefined });
    }
  });

  parser.on('closetag', (tag: SaxesTagNS) => {
    const name = tag.local;
    const value = text.trim();
    const depth = stack.length;
    if (record) {
      raw.push(`</${tag.name}>`);
      if (stack[depth - 2] === 'header') {
        if (name === 'identifier') record.header.identifier = value;
        else if (name === 'datestamp') record.header.datestamp = value;
        else if (name === 'setSpec') record.header.setSpecs.push(value);
      } else if (inMetadata && depth > inMetadata + 1 && value) {
        const fields = record.fields;
        const add = (key: string, v: string) => {
          fields[key] = [...(fields[key] ?? []), v];
        };
        add(name, value.replace(/\s+/g, ' '));
        if (lastCode) add(`${name}@code`, lastCode);
      }
      if (name === 'metadata' && depth === inMetadata) inMetadata = 0;
      if ((name === 'record' || name === 'header') && depth === 3) {
        record.raw = raw.join('');
        page.records.push(record);
        record = null;
        strayReported = false;
      }
    } else if (depth === 2 && name === 'responseDate') page.responseDate = value;
    else if (depth === 2 && name === 'error' && errorCode !== null) {
      if (errorCode === 'noRecordsMatch') page.isEmpty = true;
      else page.error ??= oaiError(errorCode, value);
      errorCode = null;
    } else if (name === 'resumptionToken') {
      page.resumptionToken = value || null;
      const n = Number(tokenAttrs.completeListSize);
      page.completeListSize = Number.isFinite(n) && tokenAttrs.completeListSize ? n : null;
    }
    stack.pop();
    text = '';
    lastCode = null;
  });

  try {
    parser.write(xml).close();
  } catch (err) {
    if (err instanceof HarvestError) throw err;
    throw new HarvestError('not_xml', err instanceof Error ? err.message.slice(0, 200) : String(err));
  }
  if (!rootSeen) throw new HarvestError('not_xml', '空响应');
  return page;
}

/** The URL of a list request: the first page with its arguments, the next ones with the token only. */
export function oaiUrl(baseUrl: string, verb: string, args: Record<string, string | undefined>): string {
  const u = new URL(baseUrl);
  u.search = '';
  u.searchParams.set('verb', verb);
  for (const [k, v] of Object.entries(args)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}

/** Fetches and parses one page. */
export async function fetchOaiPage(url: string, opts: FetchOptions): Promise<OaiPage> {
  const { bytes, contentType } = await fetchBytes(url, opts, 'text/xml, application/xml');
  return parseOaiPage(decodeXml(bytes, contentType));
}
