/**
 * Test helpers of the harvest module: a local stub OAI-PMH server that serves the sickle fixtures
 * (../shared/data/oai-pmh/sickle-fixtures) and misbehaves on demand, and a small in-memory
 * repository that answers ListRecords from records the test changes.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { sharedDataDir } from '../../test-support/shared-data.js';

export const SICKLE_DIR = path.join(sharedDataDir('oai-pmh'), 'sickle-fixtures');
export const sickle = (name: string) => readFileSync(path.join(SICKLE_DIR, name));

export type Handler = (params: URLSearchParams, req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A stub HTTP server: `/<peer>/oai?…` goes to the handler registered for <peer>. */
export class StubServer {
  private readonly handlers = new Map<string, Handler>();
  readonly hits = new Map<string, string[]>();
  private readonly server: Server;
  private open = new Set<ServerResponse>();
  origin = '';

  constructor() {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://stub');
      const peer = url.pathname.split('/')[1] ?? '';
      const handler = this.handlers.get(peer);
      this.hits.set(peer, [...(this.hits.get(peer) ?? []), url.search]);
      this.open.add(res);
      res.on('close', () => this.open.delete(res));
      if (!handler) {
        res.statusCode = 404;
        res.end();
        return;
      }
      void Promise.resolve(handler(url.searchParams, req, res)).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  on(peer: string, handler: Handler): string {
    this.handlers.set(peer, handler);
    return `${this.origin}/${peer}/oai`;
  }

  async close() {
    for (const res of this.open) res.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function sendXml(res: ServerResponse, body: Buffer | string, contentType = 'text/xml; charset=utf-8') {
  res.statusCode = 200;
  res.setHeader('content-type', contentType);
  res.end(body);
}

/**
 * The sickle ListRecords chain: the first request answers ListRecords.xml, and the resumption token
 * names the next file (ListRecords2.xml … ListRecords4.xml, 8 records over 4 pages).
 */
export const sickleChain =
  (first: string, overrides: Record<string, Handler> = {}): Handler =>
  (params, req, res) => {
    const token = params.get('resumptionToken');
    const file = token ?? first;
    const override = overrides[file];
    if (override) return override(params, req, res);
    sendXml(res, sickle(file));
  };

export interface StubRecord {
  id: string;
  datestamp: string;
  title?: string;
  description?: string;
  identifiers?: string[];
  deleted?: boolean;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** An in-memory OAI repository (oai_dc), paged by `pageSize` with tokens "p<n>", `from` honoured. */
export function memoryRepository(records: () => StubRecord[], pageSize = 2): Handler {
  return (params, _req, res) => {
    const token = params.get('resumptionToken');
    const from = token ? (token.split('|')[1] ?? '') : (params.get('from') ?? '');
    const offset = token ? Number(token.slice(1).split('|')[0]) : 0;
    const list = records()
      .filter((r) => !from || r.datestamp >= from)
      .sort((a, b) => a.datestamp.localeCompare(b.datestamp) || a.id.localeCompare(b.id));
    const head = `<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>${new Date().toISOString().slice(0, 19)}Z</responseDate><request verb="ListRecords">x</request>`;
    if (!list.length) return sendXml(res, `${head}<error code="noRecordsMatch">nothing</error></OAI-PMH>`);
    const page = list.slice(offset, offset + pageSize);
    const next = offset + pageSize < list.length ? `p${offset + pageSize}|${from}` : '';
    const body = page
      .map((r) =>
        r.deleted
          ? `<record><header status="deleted"><identifier>${r.id}</identifier><datestamp>${r.datestamp}</datestamp></header></record>`
          : `<record><header><identifier>${r.id}</identifier><datestamp>${r.datestamp}</datestamp></header><metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${esc(r.title ?? '')}</dc:title><dc:description>${esc(r.description ?? '')}</dc:description>${(r.identifiers ?? []).map((i) => `<dc:identifier>${esc(i)}</dc:identifier>`).join('')}</oai_dc:dc></metadata></record>`,
      )
      .join('');
    sendXml(res, `${head}<ListRecords>${body}<resumptionToken completeListSize="${list.length}" cursor="${offset}">${next}</resumptionToken></ListRecords></OAI-PMH>`);
  };
}
