import { readdirSync } from 'node:fs';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type Session, signIn, type TestApp } from '../../test-support/test-app.js';
import { buildDemandInput } from '../demands/demands.fixtures.js';
import { type Handler, memoryRepository, SICKLE_DIR, sendXml, sickle, sickleChain, type StubRecord, StubServer } from './harvest.fixtures.js';
import { harvestedRecords } from './harvest.tables.js';
import { fetchOaiPage, oaiUrl, parseOaiPage } from './oai-client.js';
import { type HarvestDeps, harvestPeer, sweepHarvests } from './harvest.service.js';

let t: TestApp;
let stub: StubServer;
let operator: Session;
let deps: HarvestDeps;

interface Run {
  id: string;
  status: string;
  pages: number;
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  warnings: { code: string; identifier?: string }[];
  errorCode: string | null;
  attempts: number;
}

async function addPeer(name: string, baseUrl: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await call(t, 'POST', '/api/harvest/peers', { as: operator, body: { name, baseUrl, protocol: 'oai-pmh', ...extra } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

async function harvest(peerId: string, body: Record<string, unknown> = {}): Promise<Run> {
  const res = await call(t, 'POST', `/api/harvest/peers/${peerId}/harvest`, { as: operator, body: { wait: true, ...body } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Run>();
}

async function recordsOf(peerId: string) {
  return t.database.db.select().from(harvestedRecords).where(eq(harvestedRecords.peerId, peerId));
}

beforeAll(async () => {
  t = await createTestApp();
  operator = await signIn(t, 'operator@kehui.example.cn');
  stub = await new StubServer().start();
  // Patient enough for a loaded machine (CI runs test files in parallel); the timeout case sets its own.
  deps = { db: t.database.db, timeoutMs: 30_000 };
}, 120_000);

afterAll(async () => {
  await t?.close();
  await stub?.close();
});

describe('OAI-PMH client on the sickle fixtures', () => {
  it('follows ListIdentifiers over 2 pages: 4 identifiers', async () => {
    const url = stub.on('ids', sickleChain('ListIdentifiers.xml'));
    const opts = { timeoutMs: 30_000, maxBytes: 1_000_000 };
    const ids: string[] = [];
    let page = await fetchOaiPage(oaiUrl(url, 'ListIdentifiers', { metadataPrefix: 'oai_dc' }), opts);
    ids.push(...page.records.map((r) => r.header.identifier));
    let pages = 1;
    while (page.resumptionToken) {
      page = await fetchOaiPage(oaiUrl(url, 'ListIdentifiers', { resumptionToken: page.resumptionToken }), opts);
      ids.push(...page.records.map((r) => r.header.identifier));
      pages++;
    }
    expect(pages).toBe(2);
    expect(ids).toHaveLength(4);
  });

  it('maps every error file to a typed error; noRecordsMatch is an empty list', () => {
    const expected: Record<string, string> = {
      'badArgument.xml': 'badArgument',
      'badResumptionToken.xml': 'badResumptionToken',
      'cannotDisseminateFormat.xml': 'cannotDisseminateFormat',
      'idDoesNotExist.xml': 'idDoesNotExist',
      'noSetHierarchy.xml': 'noSetHierarchy',
      'undefinedError.xml': 'oai_unknown_error',
    };
    const files = readdirSync(SICKLE_DIR).filter((f) => /^[a-z]\w+\.xml$/.test(f) && f !== 'noRecordsMatch.xml');
    expect(files.sort()).toEqual(Object.keys(expected).sort());
    for (const [file, code] of Object.entries(expected)) expect(parseOaiPage(sickle(file).toString('utf8')).error?.code, file).toBe(code);
    const empty = parseOaiPage(sickle('noRecordsMatch.xml').toString('utf8'));
    expect(empty.error).toBeNull();
    expect(empty.isEmpty).toBe(true);
    // badVerb and noMetadataFormats are not in the fixtures: the same mapping.
    for (const code of ['badVerb', 'noMetadataFormats']) {
      const xml = `<?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2020-01-01T00:00:00Z</responseDate><request>x</request><error code="${code}">x</error></OAI-PMH>`;
      expect(parseOaiPage(xml).error?.code).toBe(code);
    }
  });
});

describe('POST /api/harvest/peers/:id/harvest', () => {
  it('harvests ListRecords over 4 pages: stray text imported with a warning, nothing duplicated, deletion kept', async () => {
    const peerId = await addPeer('示例平台', stub.on('sickle', sickleChain('ListRecords.xml')));
    const run = await harvest(peerId);
    expect(run.status).toBe('succeeded');
    expect(run.pages).toBe(4);
    expect(run.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['stray_text', 'missing_identifier']));
    const rows = await recordsOf(peerId);
    expect(rows.map((r) => r.sourceIdentifier).sort()).toEqual(['oai:test.example.com:1585310', 'oai:test.example.com:1585322']);
    const kept = rows.find((r) => r.sourceIdentifier === 'oai:test.example.com:1585322');
    expect(kept?.title).toBe('Sample Title');
    expect(kept?.raw).toContain('<dc:title>Sample Title</dc:title>');
    expect(kept?.isDeleted).toBe(false);
    expect(rows.find((r) => r.sourceIdentifier === 'oai:test.example.com:1585310')?.isDeleted).toBe(true);

    // Harvested again: every record unchanged, nothing written.
    const again = await harvest(peerId, { full: true });
    expect(again.status).toBe('succeeded');
    expect(again.created + again.updated + again.deleted).toBe(0);
    expect(await recordsOf(peerId)).toHaveLength(2);

    const peer = (await call(t, 'GET', `/api/harvest/peers/${peerId}`, { as: operator })).json<{ status: string; lastDatestamp: string; counts: { records: number; deleted: number } }>();
    expect(peer).toMatchObject({ status: 'ok', lastDatestamp: '2013-02-27T09:10:56Z', counts: { records: 1, deleted: 1 } });
  });

  it('records the broken page as not_xml, and does not retry it endlessly', async () => {
    const peerId = await addPeer('坏页平台', stub.on('broken', sickleChain('ListRecordsBroken.xml')));
    const run = await harvest(peerId);
    expect(run).toMatchObject({ status: 'failed', errorCode: 'not_xml', pages: 0 });
    const second = await harvest(peerId);
    expect(second.id).not.toBe(run.id);
    expect(second.errorCode).toBe('not_xml');
    expect(stub.hits.get('broken')).toHaveLength(2);
    const peer = (await call(t, 'GET', `/api/harvest/peers/${peerId}`, { as: operator })).json<{ status: string; lastErrorCode: string }>();
    expect(peer).toMatchObject({ status: 'failed', lastErrorCode: 'not_xml' });
  });

  it('resumes a run that failed halfway from its last committed page, without duplicates', async () => {
    let failures = 1;
    const url = stub.on(
      'flaky',
      sickleChain('ListRecords.xml', {
        'ListRecords3.xml': (params, req, res) => {
          if (failures-- > 0) {
            res.statusCode = 500;
            res.end('oops');
            return;
          }
          return sickleChain('ListRecords.xml')(params, req, res);
        },
      }),
    );
    const peerId = await addPeer('不稳定平台', url);
    const failed = await harvest(peerId);
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'http_status', pages: 2 });
    const resumed = await harvest(peerId);
    expect(resumed).toMatchObject({ id: failed.id, status: 'succeeded', pages: 4, attempts: 2 });
    // Page 1 and 2 were not asked again: the resumption point was committed with page 2.
    const asked = stub.hits.get('flaky') ?? [];
    expect(asked.filter((s) => s.includes('ListRecords2.xml'))).toHaveLength(1);
    expect(asked.filter((s) => s.includes('ListRecords3.xml'))).toHaveLength(2);
    expect(await recordsOf(peerId)).toHaveLength(2);
  });

  it('restarts a list once on badResumptionToken mid-harvest, then fails typed with nothing half-imported', async () => {
    const peerId = await addPeer('令牌失效平台', stub.on('badtoken', sickleChain('ListRecords.xml', { 'ListRecords2.xml': (_p, _r, res) => sendXml(res, sickle('badResumptionToken.xml')) })));
    const run = await harvest(peerId);
    expect(run.status).toBe('failed');
    expect(run.errorCode).toBe('badResumptionToken');
    expect(run.warnings.map((w) => w.code)).toContain('restarted_list');
    const rows = await recordsOf(peerId);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.contentHash.length === 64 && r.raw.length > 0)).toBe(true);
  });
});

describe('bad input from peers: each a recorded, typed error', () => {
  const cases: [string, (p: URLSearchParams, r: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void, string][] = [
    ['timeout', () => undefined, 'timeout'],
    ['status500', (_p, _r, res) => {
      res.statusCode = 500;
      res.end('internal');
    }, 'http_status'],
    ['gbk', (_p, _r, res) => {
      // Declared UTF-8, sent in GBK (高强: B8DF C7BF).
      const [head = '', tail = ''] = sickle('GetRecord_utf8test.xml').toString('utf8').split('Sample Title');
      sendXml(res, Buffer.concat([Buffer.from(head), Buffer.from([0xb8, 0xdf, 0xc7, 0xbf]), Buffer.from(tail)]));
    }, 'wrong_encoding'],
    ['format', (_p, _r, res) => sendXml(res, sickle('cannotDisseminateFormat.xml')), 'cannotDisseminateFormat'],
    ['huge', (_p, _r, res) => {
      res.statusCode = 200;
      res.setHeader('content-type', 'text/xml');
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      let sent = 0;
      const more = () => {
        while (sent < 50 && res.write(chunk)) sent++;
        if (sent >= 50) res.end();
        else res.once('drain', () => { sent++; more(); });
      };
      res.write('<?xml version="1.0"?><OAI-PMH>');
      more();
    }, 'too_large'],
    ['html', (_p, _r, res) => sendXml(res, '<html><body>Service unavailable</body></html>', 'text/html'), 'not_oai'],
  ];
  for (const [name, handler, code] of cases) {
    it(`${name} → ${code}`, async () => {
      const peerId = await addPeer(`异常平台 ${name}`, stub.on(name, handler), name === 'format' ? { metadataPrefix: 'marc21' } : {});
      const { run } = await harvestPeer(name === 'timeout' ? { ...deps, timeoutMs: 1000 } : deps, peerId);
      expect(run.status).toBe('failed');
      expect(run.errorCode).toBe(code);
      expect(run.errorMessage).toBeTruthy();
      expect(await recordsOf(peerId)).toHaveLength(0);
    }, 20_000);
  }
});

describe('incremental harvests and deletions at the source', () => {
  it('asks from the last responseDate, follows edits and deletions, and searches harvested records', async () => {
    const records: StubRecord[] = [
      { id: 'oai:peer-a:1', datestamp: '2026-01-01T00:00:00Z', title: '石墨烯导热膜连续化制备技术', description: '一种石墨烯导热膜的连续化制备方法。' },
      { id: 'oai:peer-a:2', datestamp: '2026-01-02T00:00:00Z', title: '秸秆生物炭基肥料', description: '秸秆热解制备生物炭基肥料。' },
      { id: 'oai:peer-a:3', datestamp: '2026-01-03T00:00:00Z', title: '磁悬浮离心鼓风机', description: '磁悬浮轴承高速电机。' },
    ];
    const peerId = await addPeer('甲省平台', stub.on('peer-a', memoryRepository(() => records)));
    const first = await harvest(peerId);
    expect(first).toMatchObject({ status: 'succeeded', created: 3, pages: 2 });

    // The search index follows the audit entries of the harvest.
    let hits: { id: string; record: { source?: { peerName: string } } }[] = [];
    for (let i = 0; i < 200 && !hits.length; i++) {
      hits = (await call(t, 'GET', `/api/search?type=achievement&q=${encodeURIComponent('石墨烯导热膜')}`)).json<{ items: typeof hits }>().items;
      if (!hits.length) await new Promise((r) => setTimeout(r, 50));
    }
    expect(hits[0]?.record.source?.peerName).toBe('甲省平台');

    // Harvested achievements are matchable: a demand for graphene heat-spreading film is recommended
    // the harvested record, shown with its source.
    const enterprise = await signIn(t, 'enterprise.admin@kehui.example.cn');
    const demand = (
      await call(t, 'POST', '/api/demands', {
        as: enterprise,
        body: buildDemandInput({ title: '手机散热用石墨烯导热膜量产工艺需求', publicSummary: '寻求石墨烯导热膜连续化制备工艺。', description: '需要石墨烯导热膜的连续化制备方法，用于手机均热。', keywords: ['石墨烯导热膜'], keyField: 'new_materials' }),
      })
    ).json<{ id: string }>();
    expect((await call(t, 'POST', `/api/demands/${demand.id}/submit`, { as: enterprise })).statusCode).toBe(200);
    expect((await call(t, 'POST', `/api/demands/${demand.id}/publish`, { as: operator })).statusCode).toBe(200);
    const recommended = (await call(t, 'GET', `/api/matching/demands/${demand.id}/recommendations?limit=10`, { as: operator })).json<{
      items: { achievementId: string; components: { key: string }[]; achievement: { source?: { peerName: string } } }[];
    }>().items;
    const harvestedHit = recommended.find((r) => r.achievementId === hits[0]?.id);
    expect(harvestedHit?.achievement.source?.peerName).toBe('甲省平台');
    expect(harvestedHit?.components.length).toBeGreaterThan(0);

    const peer = (await call(t, 'GET', `/api/harvest/peers/${peerId}`, { as: operator })).json<{ lastDatestamp: string }>();
    const now = new Date().toISOString().slice(0, 19);
    records[0] = { ...records[0], id: 'oai:peer-a:1', datestamp: `${now}Z`, title: '石墨烯导热膜连续化制备技术（第二版）' };
    records[1] = { id: 'oai:peer-a:2', datestamp: `${now}Z`, deleted: true };
    const second = await harvest(peerId);
    expect(second).toMatchObject({ status: 'succeeded', created: 0, updated: 1, deleted: 1, unchanged: 0 });
    expect(stub.hits.get('peer-a')?.some((s) => s.includes(`from=${encodeURIComponent(peer.lastDatestamp)}`))).toBe(true);
    const rows = await recordsOf(peerId);
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.sourceIdentifier === 'oai:peer-a:2')?.isDeleted).toBe(true);
    const deletedId = rows.find((r) => r.sourceIdentifier === 'oai:peer-a:2')?.id ?? '';

    // The public page of a record shows its source; the raw record is the operator's.
    const anon = (await call(t, 'GET', `/api/harvest/records/${deletedId}`)).json<{ isDeleted: boolean; raw: string | null; source: { peerName: string }; allowedActions: string[] }>();
    expect(anon).toMatchObject({ isDeleted: true, raw: null, source: { peerName: '甲省平台' }, allowedActions: [] });
    expect((await call(t, 'GET', `/api/harvest/records/${deletedId}`, { as: operator })).json<{ raw: string }>().raw).toContain('status="deleted"');
    // A deleted record leaves the search.
    let gone = false;
    for (let i = 0; i < 200 && !gone; i++) {
      const items = (await call(t, 'GET', `/api/search?type=achievement&q=${encodeURIComponent('秸秆生物炭基肥料')}`)).json<{ items: { id: string }[] }>().items;
      gone = !items.some((x) => x.id === deletedId);
      if (!gone) await new Promise((r) => setTimeout(r, 50));
    }
    expect(gone).toBe(true);
  });

  it('harvests ten peers at once', async () => {
    const ids: string[] = [];
    const repositories: Handler[] = [];
    for (let p = 0; p < 10; p++) {
      const recs: StubRecord[] = Array.from({ length: 7 }, (_, i) => ({ id: `oai:ten-${p}:${i}`, datestamp: `2026-02-0${(i % 9) + 1}T00:00:00Z`, title: `并发平台${p}成果${i}号 ${'电池'.repeat(p + 1)}`, description: `描述 ${p}-${i}` }));
      repositories.push(memoryRepository(() => recs, 3));
      ids.push(await addPeer(`并发平台 ${p}`, stub.on(`ten-${p}`, repositories[p] as Handler)));
    }
    const runs = await Promise.all(ids.map((id) => harvestPeer(deps, id)));
    expect(runs.map((r) => `${r.run.status}${r.run.errorCode ? ` ${r.run.errorCode}: ${r.run.errorMessage}` : ''}`)).toEqual(Array(10).fill('succeeded'));
    expect(runs.map((r) => r.run.created)).toEqual(Array(10).fill(7));
    const total = await t.database.db.select({ n: count() }).from(harvestedRecords);
    expect(total[0]?.n).toBeGreaterThanOrEqual(70);
    // A peer already being harvested is refused, not harvested twice. Its source holds the first
    // harvest's request until the second has been refused (without the hold, the first could end
    // before the second began: both then ran, one after the other, on PostgreSQL).
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let asked = false;
    stub.on('ten-0', (params, req, res) => {
      asked = true;
      return held.then(() => (repositories[0] as Handler)(params, req, res));
    });
    const first = harvestPeer(deps, ids[0] ?? '');
    for (let i = 0; i < 200 && !asked; i++) await new Promise((r) => setTimeout(r, 25));
    expect(asked).toBe(true);
    await expect(harvestPeer(deps, ids[0] ?? '')).rejects.toThrow('该平台正在采集中');
    release();
    expect((await first).run.status).toBe('succeeded');
  });
});

describe('scheduled harvests', () => {
  it('harvests peers whose schedule is due, and not again before the next time', async () => {
    const recs: StubRecord[] = [{ id: 'oai:sched:1', datestamp: '2026-04-01T00:00:00Z', title: '定时采集的成果', description: '定时。' }];
    const peerId = await addPeer('定时平台', stub.on('sched', memoryRepository(() => recs)), { scheduleMinutes: 60 });
    expect(await sweepHarvests(deps)).toBe(1);
    const peer = (await call(t, 'GET', `/api/harvest/peers/${peerId}`, { as: operator })).json<{ status: string; nextHarvestAt: string; counts: { records: number } }>();
    expect(peer.status).toBe('ok');
    expect(peer.counts.records).toBe(1);
    expect(new Date(peer.nextHarvestAt).getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect(await sweepHarvests(deps)).toBe(0);
    expect(await sweepHarvests(deps, new Date(Date.now() + 61 * 60_000))).toBe(1);
  });
});

describe('de-duplication clusters', () => {
  it('clusters the same achievement on several platforms (title, patent number); the reviewer splits and merges', async () => {
    const text = '本成果提出一种高熵合金涂层的激光熔覆工艺，涂层硬度提高一倍，适用于矿山机械耐磨件。';
    const p1 = await addPeer('乙省平台', stub.on('dup-1', memoryRepository(() => [{ id: 'oai:dup-1:a', datestamp: '2026-03-01T00:00:00Z', title: '高熵合金涂层激光熔覆工艺', description: text }, { id: 'oai:dup-1:b', datestamp: '2026-03-01T00:00:00Z', title: '一种光伏组件清洗机器人', description: '专利 ZL 2019 1 0123456.7' }])));
    const p2 = await addPeer('丙省平台', stub.on('dup-2', memoryRepository(() => [{ id: 'oai:dup-2:a', datestamp: '2026-03-02T00:00:00Z', title: '《高熵合金涂层激光熔覆工艺》', description: text }, { id: 'oai:dup-2:b', datestamp: '2026-03-02T00:00:00Z', title: '光伏板自动清扫装置', description: '授权专利 CN201910123456.7' }])));
    const p3 = await addPeer('丁省平台', stub.on('dup-3', memoryRepository(() => [{ id: 'oai:dup-3:a', datestamp: '2026-03-03T00:00:00Z', title: '高熵合金涂层的激光熔覆工艺', description: text }])));
    for (const p of [p1, p2, p3]) expect((await harvest(p)).status).toBe('succeeded');
    const list = (await call(t, 'GET', '/api/harvest/clusters?pageSize=100', { as: operator })).json<{ items: { id: string; members: { memberId: string; memberType: string; sourceName: string; sourceIdentifier: string; method: string }[] }[] }>().items;
    const alloy = list.find((c) => c.members.some((m) => m.sourceIdentifier === 'oai:dup-1:a'));
    expect(alloy?.members.map((m) => m.sourceName).sort()).toEqual(['丁省平台', '丙省平台', '乙省平台']);
    const robot = list.find((c) => c.members.some((m) => m.sourceIdentifier === 'oai:dup-1:b'));
    expect(robot?.members.map((m) => m.sourceIdentifier).sort()).toEqual(['oai:dup-1:b', 'oai:dup-2:b']);
    expect(robot?.members.some((m) => m.method === 'patent')).toBe(true);
    if (!alloy || !robot) throw new Error('clusters missing');

    const out = alloy.members.find((m) => m.sourceIdentifier === 'oai:dup-3:a');
    const split = await call(t, 'POST', `/api/harvest/clusters/${alloy.id}/split`, { as: operator, body: { members: [{ memberType: 'harvested', memberId: out?.memberId }] } });
    expect(split.statusCode, split.body).toBe(200);
    const { newClusterId } = split.json<{ newClusterId: string }>();
    expect((await call(t, 'GET', `/api/harvest/clusters/${alloy.id}`, { as: operator })).json<{ members: unknown[]; isReviewed: boolean }>()).toMatchObject({ isReviewed: true, members: [{}, {}] });
    // Re-harvesting does not undo the reviewer's split.
    expect((await harvest(p3, { full: true })).status).toBe('succeeded');
    expect((await call(t, 'GET', `/api/harvest/clusters/${newClusterId}`, { as: operator })).json<{ members: unknown[] }>().members).toHaveLength(1);

    const merged = await call(t, 'POST', `/api/harvest/clusters/${alloy.id}/merge`, { as: operator, body: { otherClusterId: newClusterId } });
    expect(merged.json()).toEqual({ clusterId: alloy.id, moved: 1 });
    expect((await call(t, 'GET', `/api/harvest/clusters/${alloy.id}`, { as: operator })).json<{ members: unknown[] }>().members).toHaveLength(3);
    expect((await call(t, 'GET', `/api/harvest/clusters/${newClusterId}`, { as: operator })).statusCode).toBe(404);
  });
});
