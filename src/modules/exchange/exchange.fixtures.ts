/**
 * Test helpers of the exchange module: schema validation with xmllint (offline, through the OAI
 * catalog in ../shared/data/oai-pmh), regex readers for the few parts of OAI responses the tests
 * inspect, and record builders going through the real HTTP API.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import { sharedDataDir } from '../../test-support/shared-data.js';
import { call, type Session, type TestApp } from '../../test-support/test-app.js';
import { buildAchievementInput } from '../achievements/achievements.fixtures.js';
import { buildDemandInput } from '../demands/demands.fixtures.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const OAI_DIR = sharedDataDir('oai-pmh');
/** The official OAI-PMH 2.0 schema with oai_dc and oai-identifier (glue from the shared data). */
export const DC_SCHEMA = path.join(OAI_DIR, 'oai-pmh-with-oai_dc.xsd');
export const KEHUI_XSD = path.join(ROOT, 'docs/oai/kehui.xsd');

const work = mkdtempSync(path.join(tmpdir(), 'kehui-oai-'));
// Removed when the test file that imported these helpers is done.
afterAll(() => rmSync(work, { recursive: true, force: true }));
/** The same glue plus the native format's schema, for responses carrying kehui metadata. */
export const KEHUI_SCHEMA = path.join(work, 'oai-pmh-with-kehui.xsd');
writeFileSync(
  KEHUI_SCHEMA,
  `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x-kehui-glue" elementFormDefault="qualified">
  <xs:import namespace="urn:x-glue" schemaLocation="${DC_SCHEMA}"/>
  <xs:import namespace="https://kehui.example.cn/oai/kehui/1.0" schemaLocation="${KEHUI_XSD}"/>
</xs:schema>
`,
);

let fileNo = 0;

/** xmllint --nonet --noout --schema, with the catalog that maps the schemas' URLs to local files. */
export function xmllint(xml: string, schema: string): { ok: boolean; output: string } {
  const file = path.join(work, `response-${++fileNo}.xml`);
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--nonet', '--noout', '--schema', schema, file], {
    env: { ...process.env, XML_CATALOG_FILES: path.join(OAI_DIR, 'catalog.xml') },
    encoding: 'utf8',
  });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** Validates an OAI response: the official schema, plus kehui.xsd when it carries the native format. */
export function expectValid(xml: string): void {
  const schema = xml.includes('xmlns:kehui=') ? KEHUI_SCHEMA : DC_SCHEMA;
  const r = xmllint(xml, schema);
  expect(r.ok, `${r.output}\n${xml.slice(0, 3000)}`).toBe(true);
}

const SECONDS_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Every OAI date of a response is UTC at seconds granularity with "Z" (xmllint does not check it). */
export function expectUtcDates(xml: string): void {
  for (const m of xml.matchAll(/<(responseDate|datestamp|earliestDatestamp)>([^<]*)</g)) expect(m[2], m[1]).toMatch(SECONDS_Z);
  for (const m of xml.matchAll(/expirationDate="([^"]*)"/g)) expect(m[1]).toMatch(SECONDS_Z);
}

export function errorCodes(xml: string): string[] {
  return [...xml.matchAll(/<error code="(\w+)"/g)].map((m) => m[1] ?? '');
}

export interface Header {
  identifier: string;
  datestamp: string;
  deleted: boolean;
  sets: string[];
  hasMetadata: boolean;
}

const decodeEntities = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** Headers in document order; `hasMetadata` when a <metadata> follows the header in its record. */
export function headersOf(xml: string): Header[] {
  const out: Header[] = [];
  for (const m of xml.matchAll(/<header( status="deleted")?><identifier>([^<]*)<\/identifier><datestamp>([^<]*)<\/datestamp>((?:<setSpec>[^<]*<\/setSpec>)*)<\/header>(<metadata>)?/g)) {
    out.push({
      identifier: decodeEntities(m[2] ?? ''),
      datestamp: m[3] ?? '',
      deleted: Boolean(m[1]),
      sets: [...(m[4] ?? '').matchAll(/<setSpec>([^<]*)<\/setSpec>/g)].map((s) => s[1] ?? ''),
      hasMetadata: Boolean(m[5]),
    });
  }
  return out;
}

export interface Token {
  value: string;
  completeListSize: number | null;
  cursor: number | null;
  expirationDate: string | null;
}

export function tokenOf(xml: string): Token | null {
  const m = /<resumptionToken([^>]*?)(?:\/>|>([^<]*)<\/resumptionToken>)/.exec(xml);
  if (!m) return null;
  const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(m[1] ?? '')?.[1] ?? null;
  const n = (name: string) => {
    const v = attr(name);
    return v === null ? null : Number(v);
  };
  return { value: decodeEntities(m[2] ?? ''), completeListSize: n('completeListSize'), cursor: n('cursor'), expirationDate: attr('expirationDate') };
}

export const idOf = (type: 'achievement' | 'demand', id: string) => `oai:kehui.example.cn:${type}/${id}`;

/** Published through the real workflow: create → submit → (unit confirms) → the operator publishes. */
export async function publishAchievement(t: TestApp, as: { member: Session; admin: Session; operator: Session }, overrides: Record<string, unknown> = {}) {
  const c = await call(t, 'POST', '/api/achievements', { as: as.member, body: buildAchievementInput(overrides) });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json<{ id: string }>().id;
  const s = await call(t, 'POST', `/api/achievements/${id}/submit`, { as: as.member });
  expect(s.statusCode, s.body).toBe(200);
  if (s.json<{ status: string }>().status === 'submitted') {
    const r = await call(t, 'POST', `/api/achievements/${id}/confirm`, { as: as.admin });
    expect(r.statusCode, r.body).toBe(200);
  }
  const p = await call(t, 'POST', `/api/achievements/${id}/publish`, { as: as.operator });
  expect(p.statusCode, p.body).toBe(200);
  return id;
}

export async function publishDemand(t: TestApp, as: { enterprise: Session; operator: Session }, overrides: Record<string, unknown> = {}) {
  const c = await call(t, 'POST', '/api/demands', { as: as.enterprise, body: buildDemandInput(overrides) });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json<{ id: string }>().id;
  const s = await call(t, 'POST', `/api/demands/${id}/submit`, { as: as.enterprise });
  expect(s.statusCode, s.body).toBe(200);
  const p = await call(t, 'POST', `/api/demands/${id}/publish`, { as: as.operator });
  expect(p.statusCode, p.body).toBe(200);
  return id;
}
