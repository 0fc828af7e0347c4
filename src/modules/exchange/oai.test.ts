import { spawn } from 'node:child_process';
import { and, count, eq, inArray, isNotNull, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../platform/http/server.js';
import { buildSignupOrganization } from '../../test-support/fixtures.js';
import { call, createTestApp, type Session, sessionFrom, signIn, type TestApp } from '../../test-support/test-app.js';
import { achievements } from '../achievements/index.js';
import { demands } from '../demands/index.js';
import { PUBLIC_DEMAND_STATUSES } from '../demands/demand-codes.js';
import {
  errorCodes,
  expectUtcDates,
  expectValid,
  headersOf,
  idOf,
  publishAchievement,
  publishDemand,
  tokenOf,
} from './exchange.fixtures.js';
import { createExchange, type ExchangeRuntime, stopExchange, syncExchange } from './exchange.service.js';
import { registerExchangeRoutes } from './exchange.routes.js';
import { exchangeRecords } from './exchange.tables.js';
import { encodeToken, tokenKey } from './resumption-token.js';

/**
 * OAI-PMH at /oai against a real database, through the real workflows of achievements and demands.
 * Every response is validated with xmllint against the official OAI-PMH 2.0 schemas (and
 * docs/oai/kehui.xsd for the native format), and every date is checked to be UTC seconds with "Z".
 */
let t: TestApp;
let member: Session;
let admin: Session;
let operator: Session;
let enterprise: Session;
let yichang: Session;
/** Every OAI and feed answer of this file, checked at the end for anything gated. */
const seen: string[] = [];

const rand = Math.random().toString(36).slice(2, 8);
const SECRETS = {
  ndaInnovation: `保密创新点：仅签署保密协议后可见-${rand}`,
  ndaIndicators: `保密指标：转换效率 99.9%-${rand}`,
  ndaScenarios: `保密应用场景-${rand}`,
  ndaTeam: `保密团队成员甲${rand}`,
  ndaIp: '202110987654.8',
  registeredInnovation: `注册用户可见的创新点-${rand}`,
  achievementContact: `成果联系人乙${rand}`,
  achievementPhone: '027-55501234',
  achievementEmail: `contact-${rand}@example.edu.cn`,
  demandDescription: `需求详细描述，仅认领方可见-${rand}`,
  demandIndicators: `需求技术指标保密-${rand}`,
  demandConditions: `企业现有条件保密-${rand}`,
  demandContact: `需求联系人丙${rand}`,
  demandPhone: '027-66602345',
  demandEmail: `demand-${rand}@example.cn`,
  draftTitle: `从未发布的草稿成果-${rand}`,
  submittedDemandTitle: `尚未发布的需求-${rand}`,
};

const ids = { pub1: '', pub2: '', nda: '', registered: '', yichang: '', archived: '', draft: '', dPub: '', dWithdrawn: '', dSolved: '', dSubmitted: '' };

/** An exchange on the same database in its own server: small pages, a known secret. */
interface Instance {
  app: HttpServer;
  rt: ExchangeRuntime;
  close(): Promise<void>;
}
const SMALL_SECRET = 'small-instance-secret-0123456789abcdefghij';
let small: Instance;

async function instance(opts: { publicUrl?: string } = {}): Promise<Instance> {
  const app = await createHttpServer({ trustProxy: false, logLevel: 'silent' }, { logger: false });
  const rt = createExchange({
    db: t.database.db,
    secret: SMALL_SECRET,
    adminEmail: 'oai-admin@kehui.example.cn',
    publicUrl: opts.publicUrl,
    pageSizes: { records: 3, identifiers: 4 },
  });
  registerExchangeRoutes(app, rt);
  await app.ready();
  return {
    app,
    rt,
    async close() {
      await app.close();
      await stopExchange(rt);
    },
  };
}

type Via = 'GET' | 'POST';

/** One OAI request (query-string form), checked: 200, text/xml UTF-8, schema-valid, UTC dates. */
async function oai(query: string, opts: { via?: Via; on?: Instance } = {}): Promise<string> {
  const app = opts.on?.app ?? t.app;
  const res =
    opts.via === 'POST'
      ? await app.inject({ method: 'POST', url: '/oai', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: query })
      : await app.inject({ method: 'GET', url: query ? `/oai?${query}` : '/oai' });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
  seen.push(res.body);
  expectValid(res.body);
  expectUtcDates(res.body);
  return res.body;
}

const VIAS: Via[] = ['GET', 'POST'];
const enc = encodeURIComponent;
const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

/** The public records according to the source tables themselves (not the exchange's own table). */
async function databasePublicCount(): Promise<number> {
  const db = t.database.db;
  const [a] = await db.select({ n: count() }).from(achievements).where(eq(achievements.status, 'published'));
  const [d] = await db
    .select({ n: count() })
    .from(demands)
    .where(
      and(
        isNotNull(demands.publishedAt),
        or(inArray(demands.status, [...PUBLIC_DEMAND_STATUSES]), and(eq(demands.status, 'closed'), eq(demands.closeReason, 'solved'))),
      ),
    );
  return (a?.n ?? 0) + (d?.n ?? 0);
}

/** Follows resumption tokens to the end; returns every page's body. */
async function harvest(first: string, opts: { via?: Via; on?: Instance; between?: (page: number, body: string) => Promise<void> } = {}) {
  const pages = [await oai(first, opts)];
  for (;;) {
    const body = pages[pages.length - 1] ?? '';
    const token = tokenOf(body);
    if (!token?.value) return pages;
    await opts.between?.(pages.length, body);
    const verb = /<request verb="(\w+)"/.exec(body)?.[1] ?? '';
    pages.push(await oai(`verb=${verb}&resumptionToken=${enc(token.value)}`, opts));
    expect(pages.length).toBeLessThan(100);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  member = await signIn(t, 'univ.member@kehui.example.cn');
  admin = await signIn(t, 'univ.admin@kehui.example.cn');
  operator = await signIn(t, 'operator@kehui.example.cn');
  enterprise = await signIn(t, 'enterprise.admin@kehui.example.cn');
  const signup = await call(t, 'POST', '/api/auth/signup-organization', {
    body: buildSignupOrganization({ organization: { regionCode: '420502', type: 'university' } }),
  });
  expect(signup.statusCode, signup.body).toBe(201);
  yichang = sessionFrom(signup);
  const orgId = signup.json<{ organization: { id: string } }>().organization.id;
  expect((await call(t, 'POST', `/api/organizations/${orgId}/verify`, { as: operator })).statusCode).toBe(200);

  // Each record gets its own datestamp, in creation order: the paging tests below rely on the order.
  small = await instance();
  const settle = async () => {
    await syncExchange(small.rt);
  };
  const univ = { member, admin, operator };
  ids.pub1 = await publishAchievement(t, univ, {
    title: `激光器 A&B <型号> "引号" 控制\u0007字符-${rand}`,
    abstract: '含控制字符\u0001的成果简介，中文与 <尖括号> & 符号。',
    contactName: SECRETS.achievementContact,
    contactPhone: SECRETS.achievementPhone,
    contactEmail: SECRETS.achievementEmail,
  });
  await settle();
  ids.pub2 = await publishAchievement(t, univ, { keyField: 'new_materials' });
  await settle();
  ids.nda = await publishAchievement(t, univ, {
    disclosureTier: 'nda',
    innovationPoints: SECRETS.ndaInnovation,
    indicators: SECRETS.ndaIndicators,
    applicationScenarios: SECRETS.ndaScenarios,
    team: [{ name: SECRETS.ndaTeam, role: 'lead', contribution: 100 }],
    ipItems: [{ type: 'invention_patent', number: SECRETS.ndaIp, status: 'granted', title: '保密专利' }],
  });
  await settle();
  ids.registered = await publishAchievement(t, univ, { disclosureTier: 'registered', innovationPoints: SECRETS.registeredInnovation });
  await settle();
  ids.yichang = await publishAchievement(t, { member: yichang, admin: yichang, operator });
  await settle();
  ids.archived = await publishAchievement(t, univ);
  await settle();
  expect((await call(t, 'POST', `/api/achievements/${ids.archived}/archive`, { as: operator })).statusCode).toBe(200);
  await settle();
  const draft = await call(t, 'POST', '/api/achievements', { as: member, body: { title: SECRETS.draftTitle } });
  ids.draft = draft.json<{ id: string }>().id;

  const ent = { enterprise, operator };
  ids.dPub = await publishDemand(t, ent, {
    description: SECRETS.demandDescription,
    indicators: SECRETS.demandIndicators,
    existingConditions: SECRETS.demandConditions,
    contactName: SECRETS.demandContact,
    contactPhone: SECRETS.demandPhone,
    contactEmail: SECRETS.demandEmail,
  });
  await settle();
  ids.dWithdrawn = await publishDemand(t, ent);
  expect((await call(t, 'POST', `/api/demands/${ids.dWithdrawn}/close`, { as: enterprise, body: { reason: 'withdrawn' } })).statusCode).toBe(200);
  await settle();
  ids.dSolved = await publishDemand(t, ent, { keyField: 'new_materials' });
  expect((await call(t, 'POST', `/api/demands/${ids.dSolved}/close`, { as: enterprise, body: { reason: 'solved' } })).statusCode).toBe(200);
  await settle();
  const sub = await call(t, 'POST', '/api/demands', { as: enterprise, body: { title: SECRETS.submittedDemandTitle } });
  ids.dSubmitted = sub.json<{ id: string }>().id;
}, 120_000);

afterAll(async () => {
  await small?.close();
  await t?.close();
});

const LIVE = () => [idOf('achievement', ids.pub1), idOf('achievement', ids.pub2), idOf('achievement', ids.nda), idOf('achievement', ids.registered), idOf('achievement', ids.yichang), idOf('demand', ids.dPub), idOf('demand', ids.dSolved)];
const DELETED = () => [idOf('achievement', ids.archived), idOf('demand', ids.dWithdrawn)];

describe('OAI-PMH Identify', () => {
  it.each(VIAS)('describes the repository over %s', async (via) => {
    const xml = await oai('verb=Identify', { via });
    expect(xml).toContain('<request verb="Identify">http://localhost:80/oai</request>');
    expect(tag(xml, 'repositoryName')).toContain('科惠');
    expect(tag(xml, 'baseURL')).toBe('http://localhost:80/oai');
    expect(tag(xml, 'protocolVersion')).toBe('2.0');
    expect(tag(xml, 'adminEmail')).toBe('admin@kehui.example.cn');
    expect(tag(xml, 'deletedRecord')).toBe('persistent');
    expect(tag(xml, 'granularity')).toBe('YYYY-MM-DDThh:mm:ssZ');
    expect(tag(xml, 'repositoryIdentifier')).toBe('kehui.example.cn');
    expect(tag(xml, 'sampleIdentifier')).toMatch(/^oai:kehui\.example\.cn:achievement\/[0-9a-f-]{36}$/);
    expect((tag(xml, 'earliestDatestamp') ?? 'z') <= (tag(xml, 'responseDate') ?? '')).toBe(true);
  });

  it('takes the base URL from KEHUI_PUBLIC_URL and the administrator e-mail from the configuration', async () => {
    const configured = await instance({ publicUrl: 'https://kehui.example.cn/' });
    try {
      const xml = await oai('verb=Identify', { on: configured });
      expect(tag(xml, 'baseURL')).toBe('https://kehui.example.cn/oai');
      expect(tag(xml, 'adminEmail')).toBe('oai-admin@kehui.example.cn');
      const formats = await oai('verb=ListMetadataFormats', { on: configured });
      expect(formats).toContain('<schema>https://kehui.example.cn/oai/kehui.xsd</schema>');
    } finally {
      await configured.close();
    }
  });

  it('serves the native format schema it names', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/oai/kehui.xsd' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('targetNamespace="https://kehui.example.cn/oai/kehui/1.0"');
  });
});

describe('OAI-PMH ListMetadataFormats', () => {
  it.each(VIAS)('lists oai_dc and kehui over %s, for the repository and for one item', async (via) => {
    for (const q of ['verb=ListMetadataFormats', `verb=ListMetadataFormats&identifier=${enc(idOf('achievement', ids.pub1))}`]) {
      const xml = await oai(q, { via });
      expect([...xml.matchAll(/<metadataPrefix>(\w+)<\/metadataPrefix>/g)].map((m) => m[1])).toEqual(['oai_dc', 'kehui']);
      expect(xml).toContain('<metadataNamespace>https://kehui.example.cn/oai/kehui/1.0</metadataNamespace>');
    }
  });

  it('lists both formats for a deleted item too (so noMetadataFormats never arises)', async () => {
    const xml = await oai(`verb=ListMetadataFormats&identifier=${enc(idOf('achievement', ids.archived))}`);
    expect(errorCodes(xml)).toEqual([]);
    expect(xml).toContain('<metadataPrefix>kehui</metadataPrefix>');
  });
});

describe('OAI-PMH ListSets', () => {
  it.each(VIAS)('lists the hierarchical sets by record type, key field and city over %s', async (via) => {
    const xml = await oai('verb=ListSets', { via });
    const specs = [...xml.matchAll(/<setSpec>([^<]*)<\/setSpec>/g)].map((m) => m[1]);
    for (const s of ['achievement', 'demand', 'keyField', 'city', 'achievement:keyField', 'demand:city', 'keyField:new_materials', 'keyField:intelligent_equipment', 'achievement:keyField:new_materials', 'demand:keyField:new_materials', 'city:420100', 'city:420500', 'achievement:city:420500', 'demand:city:420100']) {
      expect(specs, s).toContain(s);
    }
    expect(specs).not.toContain('demand:city:420500');
    expect(xml).toContain('<setName>城市：宜昌市</setName>');
    expect(xml).toContain('<setName>科技成果 · 重点领域：新材料</setName>');
  });
});

describe('OAI-PMH ListRecords, ListIdentifiers and GetRecord', () => {
  it.each(VIAS)('ListRecords in oai_dc over %s gives every record once, deleted ones as headers without metadata', async (via) => {
    const xml = await oai('verb=ListRecords&metadataPrefix=oai_dc', { via });
    const hs = headersOf(xml);
    expect(hs.map((h) => h.identifier).sort()).toEqual([...LIVE(), ...DELETED()].sort());
    for (const h of hs) {
      expect(h.deleted, h.identifier).toBe(DELETED().includes(h.identifier));
      expect(h.hasMetadata, h.identifier).toBe(!h.deleted);
    }
    expect(xml).not.toContain(ids.draft);
    expect(xml).not.toContain(ids.dSubmitted);
    expect(tokenOf(xml)).toBeNull();
    expect(xml).toContain(`<dc:identifier>http://localhost:80/achievements/${ids.pub1}</dc:identifier>`);
  });

  it.each(VIAS)('ListRecords in kehui over %s carries the full public record, escaped, with no control characters', async (via) => {
    const xml = await oai('verb=ListRecords&metadataPrefix=kehui', { via });
    expect(headersOf(xml)).toHaveLength(LIVE().length + DELETED().length);
    const pub1 = new RegExp(`<kehui:achievement [^>]*><kehui:id>${ids.pub1}</kehui:id>.*?</kehui:achievement>`).exec(xml)?.[0] ?? '';
    expect(pub1).toContain(`<kehui:title>激光器 A&amp;B &lt;型号&gt; "引号" 控制字符-${rand}</kehui:title>`);
    expect(pub1).toContain('<kehui:abstract>含控制字符的成果简介，中文与 &lt;尖括号&gt; &amp; 符号。</kehui:abstract>');
    expect(pub1).toContain('<kehui:disclosureTier code="public">公开</kehui:disclosureTier>');
    // Gated parts of a public-tier record are public.
    expect(pub1).toContain('<kehui:innovationPoints>');
    expect(pub1).toContain('<kehui:amount currency="CNY">1200000.50</kehui:amount>');
    const controls = [...xml].filter((ch) => (ch.codePointAt(0) ?? 0) < 0x20 && !'\t\n\r'.includes(ch));
    expect(controls).toEqual([]);
    const nda = new RegExp(`<kehui:achievement [^>]*><kehui:id>${ids.nda}</kehui:id>.*?</kehui:achievement>`).exec(xml)?.[0] ?? '';
    expect(nda).toContain('<kehui:disclosureTier code="nda">');
    expect(nda).not.toContain('innovationPoints');
    expect(nda).not.toContain('<kehui:team>');
    const solved = new RegExp(`<kehui:demand [^>]*><kehui:id>${ids.dSolved}</kehui:id>.*?</kehui:demand>`).exec(xml)?.[0] ?? '';
    expect(solved).toContain('<kehui:closeReason code="solved">已解决</kehui:closeReason>');
  });

  it.each(VIAS)('ListIdentifiers over %s gives the headers only', async (via) => {
    const xml = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc', { via });
    const hs = headersOf(xml);
    expect(hs.map((h) => h.identifier).sort()).toEqual([...LIVE(), ...DELETED()].sort());
    expect(hs.filter((h) => h.deleted).map((h) => h.identifier).sort()).toEqual(DELETED().sort());
    expect(xml).not.toContain('<metadata>');
  });

  it.each(VIAS)('GetRecord over %s answers a record in both formats, and a deleted one as a deleted header', async (via) => {
    for (const prefix of ['oai_dc', 'kehui']) {
      const xml = await oai(`verb=GetRecord&identifier=${enc(idOf('demand', ids.dPub))}&metadataPrefix=${prefix}`, { via });
      expect(xml).toContain(`<request verb="GetRecord" identifier="${idOf('demand', ids.dPub)}" metadataPrefix="${prefix}">`);
      const [h] = headersOf(xml);
      expect(h?.identifier).toBe(idOf('demand', ids.dPub));
      expect(h?.sets).toEqual(['demand', 'keyField:intelligent_equipment', 'demand:keyField:intelligent_equipment', 'city:420100', 'demand:city:420100']);
      expect(h?.hasMetadata).toBe(true);
    }
    for (const id of DELETED()) {
      const xml = await oai(`verb=GetRecord&identifier=${enc(id)}&metadataPrefix=kehui`, { via });
      expect(xml).toContain('<header status="deleted">');
      expect(xml).not.toContain('<metadata>');
    }
  });

  it('selects by set: record type, key field, city and their combinations', async () => {
    const idsIn = async (set: string) => headersOf(await oai(`verb=ListIdentifiers&metadataPrefix=oai_dc&set=${enc(set)}`)).map((h) => h.identifier).sort();
    const all = [...LIVE(), ...DELETED()];
    expect(await idsIn('achievement')).toEqual(all.filter((i) => i.includes(':achievement/')).sort());
    expect(await idsIn('demand')).toEqual(all.filter((i) => i.includes(':demand/')).sort());
    expect(await idsIn('keyField:new_materials')).toEqual([idOf('achievement', ids.pub2), idOf('demand', ids.dSolved)].sort());
    expect(await idsIn('achievement:keyField:new_materials')).toEqual([idOf('achievement', ids.pub2)]);
    expect(await idsIn('city:420500')).toEqual([idOf('achievement', ids.yichang)]);
    expect(await idsIn('achievement:city:420100')).toEqual(all.filter((i) => i.includes(':achievement/') && i !== idOf('achievement', ids.yichang)).sort());
    expect(await idsIn('keyField')).toEqual(all.sort());
    expect(await idsIn('demand:city')).toEqual(all.filter((i) => i.includes(':demand/')).sort());
  });

  it('selects by datestamp at seconds and day granularity, both bounds inclusive', async () => {
    const hs = headersOf(await oai('verb=ListIdentifiers&metadataPrefix=oai_dc'));
    const first = hs[0];
    const last = hs[hs.length - 1];
    if (!first || !last) throw new Error('no headers');
    const ofRange = async (q: string) => {
      const xml = await oai(`verb=ListIdentifiers&metadataPrefix=oai_dc&${q}`);
      return errorCodes(xml).includes('noRecordsMatch') ? [] : headersOf(xml).map((h) => h.identifier);
    };
    expect(await ofRange(`from=${first.datestamp}&until=${last.datestamp}`)).toHaveLength(hs.length);
    expect(await ofRange(`until=${first.datestamp}`)).toEqual(hs.filter((h) => h.datestamp === first.datestamp).map((h) => h.identifier));
    expect(await ofRange(`from=${last.datestamp}`)).toEqual(hs.filter((h) => h.datestamp === last.datestamp).map((h) => h.identifier));
    expect(await ofRange(`from=${first.datestamp.slice(0, 10)}&until=${last.datestamp.slice(0, 10)}`)).toHaveLength(hs.length);
    const yesterday = new Date(Date.parse(first.datestamp.slice(0, 10)) - 86_400_000).toISOString().slice(0, 10);
    expect(await ofRange(`until=${yesterday}`)).toEqual([]);
  });
});

describe('OAI-PMH datestamps', () => {
  async function datestampOf(type: 'achievement' | 'demand', id: string) {
    const xml = await oai(`verb=GetRecord&identifier=${enc(idOf(type, id))}&metadataPrefix=oai_dc`);
    const [row] = await t.database.db.select({ d: exchangeRecords.datestamp }).from(exchangeRecords).where(eq(exchangeRecords.recordId, id));
    const shown = headersOf(xml)[0]?.datestamp ?? '';
    expect(shown).toBe(`${row?.d.toISOString().slice(0, 19)}Z`);
    return row?.d.getTime() ?? 0;
  }

  it("moves only when the public record changes: a demand's public summary, not its details", async () => {
    const before = await datestampOf('demand', ids.dPub);
    expect((await call(t, 'PATCH', `/api/demands/${ids.dPub}`, { as: enterprise, body: { description: `${SECRETS.demandDescription}（补充）` } })).statusCode).toBe(200);
    expect(await datestampOf('demand', ids.dPub)).toBe(before);
    expect((await call(t, 'PATCH', `/api/demands/${ids.dPub}`, { as: enterprise, body: { publicSummary: '更新后的公开摘要。' } })).statusCode).toBe(200);
    expect(await datestampOf('demand', ids.dPub)).toBeGreaterThan(before);
  });

  it('moves when a revision is approved, not while it is pending', async () => {
    const before = await datestampOf('achievement', ids.pub2);
    expect((await call(t, 'PATCH', `/api/achievements/${ids.pub2}`, { as: member, body: { abstract: '修订后的成果简介：新材料制备工艺，实现低成本规模化生产与稳定批次质量。' } })).statusCode).toBe(200);
    expect((await call(t, 'POST', `/api/achievements/${ids.pub2}/submit`, { as: member })).statusCode).toBe(200);
    expect(await datestampOf('achievement', ids.pub2)).toBe(before);
    expect((await call(t, 'POST', `/api/achievements/${ids.pub2}/revision/approve`, { as: operator })).statusCode).toBe(200);
    expect(await datestampOf('achievement', ids.pub2)).toBeGreaterThan(before);
    const xml = await oai(`verb=GetRecord&identifier=${enc(idOf('achievement', ids.pub2))}&metadataPrefix=kehui`);
    expect(xml).toContain('<kehui:abstract>修订后的成果简介：新材料制备工艺，实现低成本规模化生产与稳定批次质量。</kehui:abstract>');
    expect(xml).toContain('<kehui:version>2</kehui:version>');
  });
});

describe('OAI-PMH resumption tokens', () => {
  it.each(VIAS)('pages ListIdentifiers over %s: every record exactly once, cursor and completeListSize right', async (via) => {
    const pages = await harvest('verb=ListIdentifiers&metadataPrefix=oai_dc', { via, on: small });
    expect(pages.length).toBeGreaterThan(1);
    const total = (await t.database.db.select({ n: count() }).from(exchangeRecords))[0]?.n ?? 0;
    const idsSeen = pages.flatMap((p) => headersOf(p).map((h) => h.identifier));
    expect(idsSeen).toHaveLength(total);
    expect(new Set(idsSeen).size).toBe(total);
    let sent = 0;
    for (const [i, p] of pages.entries()) {
      const token = tokenOf(p);
      expect(token?.completeListSize).toBe(total);
      expect(token?.cursor).toBe(sent);
      if (i < pages.length - 1) {
        expect(headersOf(p)).toHaveLength(4);
        const expires = Date.parse(token?.expirationDate ?? '');
        expect(expires - Date.now()).toBeGreaterThan(55 * 60_000);
        expect(expires - Date.now()).toBeLessThanOrEqual(3600_000);
      } else {
        expect(token?.value).toBe('');
      }
      sent += headersOf(p).length;
    }
  });

  it('pages ListRecords while records change: nothing skipped or duplicated, a changed record moves behind the cursor', async () => {
    const totalBefore = (await t.database.db.select({ n: count() }).from(exchangeRecords))[0]?.n ?? 0;
    let moved = '';
    let archivedAhead = '';
    let published = '';
    const pages = await harvest('verb=ListRecords&metadataPrefix=oai_dc', {
      on: small,
      between: async (page, body) => {
        if (page !== 1) return;
        // Between pages 1 and 2: archive a record already sent and one not yet sent, publish a new one.
        const sent = headersOf(body).filter((h) => !h.deleted && h.identifier.includes(':achievement/') && !h.identifier.endsWith(ids.nda));
        moved = sent[0]?.identifier ?? '';
        expect(moved).not.toBe('');
        const sentIds = new Set(headersOf(body).map((h) => h.identifier));
        const ahead = [ids.pub1, ids.registered, ids.yichang].map((id) => idOf('achievement', id)).find((id) => !sentIds.has(id) && id !== moved);
        archivedAhead = ahead ?? '';
        expect(archivedAhead).not.toBe('');
        for (const oaiId of [moved, archivedAhead]) {
          const id = oaiId.split('/')[1];
          expect((await call(t, 'POST', `/api/achievements/${id}/archive`, { as: operator })).statusCode).toBe(200);
        }
        published = idOf('achievement', await publishAchievement(t, { member, admin, operator }, { title: `分页期间发布的成果-${rand}` }));
      },
    });
    expect(pages.length).toBeGreaterThan(2);
    const all = pages.flatMap((p) => headersOf(p));
    // The harvester's view after applying every page in order.
    const state = new Map<string, boolean>();
    for (const h of all) state.set(h.identifier, h.deleted);
    const live = [...state].filter(([, deleted]) => !deleted).map(([id]) => id);
    expect(live).toHaveLength(await databasePublicCount());
    expect(state.get(moved)).toBe(true);
    expect(state.get(archivedAhead)).toBe(true);
    expect(state.get(published)).toBe(false);
    // Each record once, except the one that changed after it was sent: it came again, as deleted.
    const times = (id: string) => all.filter((h) => h.identifier === id).length;
    for (const id of state.keys()) expect(times(id), id).toBe(id === moved ? 2 : 1);
    expect(all.filter((h) => h.identifier === moved).map((h) => h.deleted)).toEqual([false, true]);
    // completeListSize: the list as it stands now (the new record included); the last cursor counts what came before.
    const last = tokenOf(pages[pages.length - 1] ?? '');
    expect(last?.value).toBe('');
    expect(last?.completeListSize).toBe(totalBefore + 1);
    expect(state.size).toBe(totalBefore + 1);
    expect((last?.cursor ?? 0) + headersOf(pages[pages.length - 1] ?? '').length).toBe(all.length);
  });

  it('refuses an expired, tampered, foreign or misused resumption token (badResumptionToken)', async () => {
    const first = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc', { on: small });
    const token = tokenOf(first)?.value ?? '';
    expect(token).not.toBe('');
    const key = tokenKey(SMALL_SECRET);
    const expired = encodeToken(key, {
      verb: 'ListIdentifiers',
      args: { metadataPrefix: 'oai_dc' },
      after: { datestamp: Date.now() - 3600_000, id: ids.pub1 },
      cursor: 4,
      completeListSize: 9,
      expiresAt: Date.now() - 1000,
    });
    const [payload = '', signature = ''] = token.split('.');
    const flipped = `${payload.slice(0, -2)}${payload.endsWith('A') ? 'B' : 'A'}${payload.slice(-1)}.${signature}`;
    const foreign = tokenOf(await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=achievement', { on: small }))?.value ?? '';
    const mainToken = encodeToken(tokenKey('some-other-secret-of-another-server-0123456789'), {
      verb: 'ListIdentifiers',
      args: { metadataPrefix: 'oai_dc' },
      after: { datestamp: Date.now(), id: ids.pub1 },
      cursor: 4,
      completeListSize: 9,
      expiresAt: Date.now() + 60_000,
    });
    const cases = [
      `verb=ListIdentifiers&resumptionToken=${enc(expired)}`,
      `verb=ListIdentifiers&resumptionToken=${enc(flipped)}`,
      `verb=ListIdentifiers&resumptionToken=${enc(mainToken)}`,
      `verb=ListRecords&resumptionToken=${enc(foreign)}`,
      'verb=ListIdentifiers&resumptionToken=not-a-token',
    ];
    for (const q of cases) {
      const xml = await oai(q, { on: small });
      expect(errorCodes(xml), q).toEqual(['badResumptionToken']);
      expect(xml).toMatch(/<request verb="List\w+" resumptionToken="[^"]*">/);
    }
    // A valid token still works: the refusals above were about the tokens, not the list.
    expect(errorCodes(await oai(`verb=ListIdentifiers&resumptionToken=${enc(token)}`, { on: small }))).toEqual([]);
  });
});

describe('OAI-PMH errors', () => {
  const pub1 = () => enc(idOf('achievement', ids.pub1));
  const CASES: [string, () => string][] = [
    ['badVerb', () => ''],
    ['badVerb', () => 'verb=Foo'],
    ['badVerb', () => 'verb=Identify&verb=Identify'],
    ['badArgument', () => 'verb=Identify&foo=1'],
    ['badArgument', () => 'verb=ListRecords'],
    ['badArgument', () => 'verb=ListRecords&metadataPrefix='],
    ['badArgument', () => 'verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc'],
    ['badArgument', () => 'verb=ListRecords&metadataPrefix=oai_dc&from=2024-13-01'],
    ['badArgument', () => 'verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01T00:00:00'],
    ['badArgument', () => 'verb=ListIdentifiers&metadataPrefix=oai_dc&from=2024-01-01T00:00:00.000Z'],
    ['badArgument', () => 'verb=ListIdentifiers&metadataPrefix=oai_dc&from=2024-02-01&until=2024-01-01'],
    ['badArgument', () => 'verb=ListIdentifiers&metadataPrefix=oai_dc&from=2024-01-01&until=2024-01-02T00:00:00Z'],
    ['badArgument', () => 'verb=ListIdentifiers&metadataPrefix=oai_dc&set=no%20spaces'],
    ['badArgument', () => 'verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=abc'],
    ['badArgument', () => 'verb=ListSets&set=achievement'],
    ['badArgument', () => 'verb=GetRecord&metadataPrefix=oai_dc'],
    ['badArgument', () => `verb=GetRecord&identifier=${pub1()}`],
    ['badResumptionToken', () => 'verb=ListSets&resumptionToken=abc'],
    ['badResumptionToken', () => 'verb=ListRecords&resumptionToken=abc'],
    ['cannotDisseminateFormat', () => 'verb=ListRecords&metadataPrefix=marc21'],
    ['cannotDisseminateFormat', () => 'verb=ListIdentifiers&metadataPrefix=oai_DC'],
    ['cannotDisseminateFormat', () => `verb=GetRecord&identifier=${pub1()}&metadataPrefix=marc21`],
    ['idDoesNotExist', () => `verb=GetRecord&identifier=${enc(idOf('achievement', '00000000-0000-4000-8000-000000000000'))}&metadataPrefix=oai_dc`],
    ['idDoesNotExist', () => `verb=GetRecord&identifier=${enc(idOf('achievement', ids.draft))}&metadataPrefix=oai_dc`],
    ['idDoesNotExist', () => `verb=GetRecord&identifier=${enc(idOf('demand', ids.pub1))}&metadataPrefix=oai_dc`],
    ['idDoesNotExist', () => 'verb=GetRecord&identifier=oai%3Aother.example.org%3A1&metadataPrefix=oai_dc'],
    ['idDoesNotExist', () => `verb=ListMetadataFormats&identifier=${enc(idOf('demand', ids.dSubmitted))}`],
    ['noRecordsMatch', () => 'verb=ListRecords&metadataPrefix=oai_dc&until=2000-01-01'],
    ['noRecordsMatch', () => 'verb=ListIdentifiers&metadataPrefix=kehui&from=2099-01-01T00:00:00Z'],
    ['noRecordsMatch', () => 'verb=ListIdentifiers&metadataPrefix=oai_dc&set=keyField:aerospace_equipment'],
    ['noRecordsMatch', () => 'verb=ListRecords&metadataPrefix=oai_dc&set=no-such-set'],
  ];

  it.each(VIAS)('answers each error code where the protocol demands it, over %s', async (via) => {
    for (const [code, query] of CASES) {
      const xml = await oai(query(), { via });
      expect(errorCodes(xml), `${via} ${query()}`).toContain(code);
      // §3.2: after badVerb or badArgument the request element carries no attributes.
      if (code === 'badVerb' || code === 'badArgument') expect(xml, query()).toContain('<request>http://localhost:80/oai</request>');
      else expect(xml, query()).toMatch(/<request verb="\w+"/);
    }
  });

  it('reports several bad arguments at once', async () => {
    const xml = await oai('verb=ListRecords&metadataPrefix=oai_dc&foo=1&bar=2');
    expect(errorCodes(xml)).toEqual(['badArgument', 'badArgument']);
  });

  it('does not depend on who asks: a session cookie is set aside, a form POST needs no CSRF token', async () => {
    const nda = await publishAchievement(t, { member, admin, operator }, { disclosureTier: 'nda', innovationPoints: SECRETS.ndaInnovation });
    const res = await t.app.inject({
      method: 'POST',
      url: '/oai',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: operator.cookie },
      payload: `verb=GetRecord&metadataPrefix=kehui&identifier=${enc(idOf('achievement', nda))}`,
    });
    expect(res.statusCode).toBe(200);
    seen.push(res.body);
    expectValid(res.body);
    expect(res.body).toContain('<kehui:disclosureTier code="nda">');
    expect(res.body).not.toContain('innovationPoints');
  });

  it('reads a form body with a charset parameter, and answers HEAD', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/oai', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' }, payload: 'verb=Identify' });
    expect(res.statusCode).toBe(200);
    expect(errorCodes(res.body)).toEqual([]);
    expect(tag(res.body, 'repositoryName')).toContain('科惠');
    expect((await t.app.inject({ method: 'HEAD', url: '/oai?verb=Identify' })).statusCode).toBe(200);
  });
});

describe('OAI-PMH with an independent harvester', () => {
  it("Debian's oai_pmh (libhttp-oai-perl) harvests every public record through the resumption tokens", async () => {
    await small.app.listen({ port: 0, host: '127.0.0.1' });
    const address = small.app.server.address();
    const port = address && typeof address === 'object' ? address.port : 0;
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn('oai_pmh', ['--metadataPrefix', 'oai_dc', '-X', 'ListRecords', `http://127.0.0.1:${port}/oai`], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
      child.on('close', (c) => resolve({ code: c, stdout: out, stderr: err }));
    });
    expect(code, stderr).toBe(0);
    const records = stdout
      .split('\f')
      .map((block) => ({ identifier: /^identifier: (.*)$/m.exec(block)?.[1], status: /^status: (.*)$/m.exec(block)?.[1] ?? '' }))
      .filter((r): r is { identifier: string; status: string } => Boolean(r.identifier));
    const live = records.filter((r) => r.status !== 'deleted').map((r) => r.identifier);
    expect(new Set(live).size).toBe(live.length);
    expect(live.length).toBe(await databasePublicCount());
    expect(records.filter((r) => r.status === 'deleted').length).toBeGreaterThan(0);
    // More than one page: the harvester followed resumption tokens (3 records a page here).
    expect(records.length).toBeGreaterThan(3);
  }, 60_000);
});

describe('what is shared', () => {
  it('never shows a gated field, a demand detail, a contact or an unpublished record', async () => {
    // Make sure every verb over both formats is in `seen`, then look for every secret.
    for (const prefix of ['oai_dc', 'kehui']) await harvest(`verb=ListRecords&metadataPrefix=${prefix}`, { on: small });
    const feed = await call(t, 'GET', '/api/exchange/changes?limit=1000');
    seen.push(feed.body);
    expect(seen.length).toBeGreaterThan(50);
    for (const body of seen) for (const [name, secret] of Object.entries(SECRETS)) expect(body.includes(secret), name).toBe(false);
  });
});
