import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishAchievement } from '../achievements/achievements.fixtures.js';
import { call, createPeerApp, createTestApp, type Session, signIn, type TestApp } from '../../test-support/test-app.js';
import { SearchResponseSchema } from './search.schemas.js';

interface Result {
  items: { id: string; highlights: { title?: string; abstract?: string }; record: { title: string } }[];
  total: number;
  facets: Record<string, { value: string; label: string; count: number }[]>;
  tokens: string[];
}

let t: TestApp;
let admin: Session;
let operator: Session;
let other: Session;

const publish = (overrides: Record<string, unknown>) => publishAchievement(t, admin, operator, overrides);

async function find(app: TestApp, q: string, extra = ''): Promise<Result> {
  const res = await call(app, 'GET', `/api/search?q=${encodeURIComponent(q)}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  // The route writes its answer without re-validating it: every answer here must match the
  // documented schema exactly (parsing strips unknown keys, so an extra field shows as a difference).
  const body = res.json<Result>();
  expect(SearchResponseSchema.parse(body)).toEqual(body);
  return body;
}

/** Polls until the condition holds or the deadline passes (the index follows writes within 1 s). */
async function within(ms: number, check: () => Promise<boolean>) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return Date.now();
    if (Date.now() > deadline) return null;
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'univ.admin@kehui.example.cn');
  operator = await signIn(t, 'operator@kehui.example.cn');
  other = await signIn(t, 'enterprise.admin@kehui.example.cn');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('GET /api/search', () => {
  it('finds a record within 1 s of publication and loses it within 1 s of archiving', async () => {
    const title = `钙钛矿叠层太阳能电池封装工艺${Date.now() % 100000}`;
    const id = await publish({ title, keywords: ['钙钛矿', '叠层电池'], keyField: 'new_materials' });
    const t0 = Date.now();
    const seen = await within(1000, async () => (await find(t, '钙钛矿 封装')).items.some((i) => i.id === id));
    expect(seen, 'published record not findable within 1 s').not.toBeNull();
    expect((seen ?? 0) - t0).toBeLessThanOrEqual(1000);
    expect((await call(t, 'POST', `/api/achievements/${id}/archive`, { as: admin })).statusCode).toBe(200);
    const gone = await within(1000, async () => !(await find(t, '钙钛矿 封装')).items.some((i) => i.id === id));
    expect(gone, 'archived record still found after 1 s').not.toBeNull();
  });

  it('follows writes made through another server process on the same database', async () => {
    const peer = await createPeerApp(t);
    try {
      const title = `相控阵雷达天线单元${Date.now() % 100000}`;
      const id = await publish({ title, keywords: ['相控阵', '天线'] });
      const seen = await within(1000, async () => (await find(peer, '相控阵 天线')).items.some((i) => i.id === id));
      expect(seen, 'the peer process did not see the write within 1 s').not.toBeNull();
    } finally {
      await peer.close();
    }
  });

  it('never finds gated text for those who may not see it', async () => {
    const secret = `绝密工艺参数${Date.now() % 100000}号`;
    const id = await publish({ disclosureTier: 'registered', innovationPoints: `采用${secret}实现低温烧结`, keywords: ['低温烧结'] });
    await within(1000, async () => (await find(t, '低温烧结')).items.some((i) => i.id === id));
    const r = await find(t, secret);
    expect(r.items.some((i) => i.id === id)).toBe(false);
    expect(JSON.stringify(await find(t, '低温烧结'))).not.toContain(secret);
  });

  it('counts facets over all matches, filters, highlights safely and pages', async () => {
    const stamp = Date.now() % 100000;
    await publish({ title: `北斗高精度定位终端${stamp}`, keywords: ['北斗', '定位终端'], keyField: 'beidou_navigation', industry: 'I' });
    await publish({ title: `北斗短报文通信模块${stamp}`, keywords: ['北斗', '短报文'], keyField: 'beidou_navigation', industry: 'I' });
    await publish({ title: `北斗导航农机自动驾驶${stamp}`, keywords: ['北斗', '农机'], keyField: 'intelligent_equipment' });
    await within(1000, async () => (await find(t, `北斗 ${stamp}`)).total >= 3);
    const all = await find(t, '北斗');
    const kf = all.facets.keyField ?? [];
    expect(kf.find((f) => f.value === 'beidou_navigation')?.count).toBeGreaterThanOrEqual(2);
    expect(kf.find((f) => f.value === 'beidou_navigation')?.label).toBe('北斗卫星导航系统');
    const filtered = await find(t, '北斗', '&keyField=intelligent_equipment');
    expect(filtered.items.every((i) => !i.record.title.includes('短报文'))).toBe(true);
    expect(filtered.total).toBeLessThan(all.total);
    expect(all.items[0]?.highlights.title).toContain('<em>北斗</em>');
    const page2 = await find(t, '北斗', '&pageSize=1&page=2');
    expect(page2.items).toHaveLength(1);
    expect(page2.items[0]?.id).not.toBe((await find(t, '北斗', '&pageSize=1&page=1')).items[0]?.id);
  });

  it('finds the records of a key field by its name, below those that name it in their text', async () => {
    const stamp = Date.now() % 100000;
    const named = await publish({ title: `北斗短报文应急通信终端${stamp}`, keywords: ['短报文', '应急通信'], keyField: 'beidou_navigation' });
    const inField = await publish({ title: `车道级高精度组合定位引擎${stamp}`, keywords: ['组合定位', '高精地图'], keyField: 'beidou_navigation' });
    const elsewhere = await publish({ title: `车道级线控底盘控制器${stamp}`, keywords: ['线控底盘'], keyField: 'new_energy_special_vehicles' });
    const ids = async (q: string) => (await find(t, q, '&pageSize=50')).items.map((i) => i.id);
    expect(await within(1000, async () => (await ids('北斗')).includes(inField)), 'a record of the 北斗 key field not found by 北斗').not.toBeNull();
    const found = await ids('北斗');
    expect(found.indexOf(named)).toBeGreaterThanOrEqual(0);
    expect(found.indexOf(named)).toBeLessThan(found.indexOf(inField));
    expect(found).not.toContain(elsewhere);
    // The text itself still decides among records of one field.
    expect((await ids(`车道级 ${stamp}`)).slice(0, 2).sort()).toEqual([inField, elsewhere].sort());
  });

  it('answers odd queries sensibly and never with a 500', async () => {
    for (const q of ['', '，。！？', "' or 1=1; drop table achievements; --", '.*+?^$' + '{}()|[]\\', '🔋🚗', 'SiC MOSFET 碳化硅 5G', '电'.repeat(1000), '<script>alert(1)</script>']) {
      const res = await call(t, 'GET', `/api/search?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q.slice(0, 20)).toBe(200);
      expect(res.body).not.toContain('<script>');
    }
    const tooLong = await call(t, 'GET', `/api/search?q=${encodeURIComponent('电'.repeat(1001))}`);
    expect(tooLong.statusCode).toBe(400);
    expect((await find(t, '')).total).toBeGreaterThan(0);
  });
});

describe('dictionary, synonyms, suggestions, hot searches', () => {
  it('lets the operator add synonyms, after which every process expands queries with them', async () => {
    const id = await publish({ title: `高安全锂离子电池隔膜${Date.now() % 100000}`, keywords: ['锂离子电池', '隔膜'], abstract: '本成果涉及锂离子电池隔膜的涂覆工艺与热稳定性提升，适用于动力电池和储能电池。' });
    await within(1000, async () => (await find(t, '锂离子电池 隔膜')).items.some((i) => i.id === id));
    expect((await call(t, 'PUT', '/api/search/dictionary', { as: other, body: { terms: [], synonyms: [] } })).statusCode).toBe(403);
    const put = await call(t, 'PUT', '/api/search/dictionary', { as: operator, body: { terms: [{ word: '涂覆隔膜', freq: 5000 }], synonyms: [['锂电', '锂离子电池']] } });
    expect(put.statusCode, put.body).toBe(200);
    const seen = await within(3000, async () => (await find(t, '锂电 隔膜')).items.some((i) => i.id === id));
    expect(seen).not.toBeNull();
    const bad = await call(t, 'PUT', '/api/search/dictionary', { as: operator, body: { terms: [{ word: '有 空格' }], synonyms: [['单独']] } });
    expect(bad.statusCode).toBe(400);
  });

  it('counts every search for the hot list, also those answered from the kept answers', async () => {
    const peer = await createPeerApp(t);
    const q = `钙钛矿 hot${Date.now() % 1_000_000}`;
    const answers = new Set<string>();
    try {
      for (let i = 0; i < 30; i++) {
        const res = await call(peer, 'GET', `/api/search?q=${encodeURIComponent(q)}`);
        expect(res.statusCode).toBe(200);
        // An answer is kept the second time it is made (search.service keepAnswer).
        if (i > 0) answers.add(res.body);
      }
    } finally {
      await peer.close(); // writes the process's counts
    }
    expect(answers.size, 'from the second search on, the kept answer is given').toBe(1);
    const hot = (await call(t, 'GET', '/api/search/hot')).json<{ items: { query: string; count: number }[] }>().items;
    expect(hot.find((h) => h.query === q)?.count).toBe(30);
  });

  it('suggests titles and keywords by prefix and lists hot searches', async () => {
    const res = await call(t, 'GET', `/api/search/suggest?q=${encodeURIComponent('北斗')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ items: string[] }>().items.some((s) => s.startsWith('北斗'))).toBe(true);
    const hot = await call(t, 'GET', '/api/search/hot');
    expect(hot.statusCode).toBe(200);
  });
});

describe('organizations in search', () => {
  it('finds verified organizations by name, never pending ones, and never their contacts', async () => {
    const found = await find(t, '江城理工', '&type=organization');
    expect(found.items.map((i) => (i.record as unknown as { name: string }).name)).toContain('江城理工大学');
    expect(JSON.stringify(found)).not.toContain('027-87000000');
    const pending = await find(t, '微纳传感', '&type=organization');
    expect(pending.items).toHaveLength(0);
    const ops = await signIn(t, 'operator@kehui.example.cn');
    const list = await call(t, 'GET', '/api/organizations?status=pending&q=%E5%BE%AE%E7%BA%B3', { as: ops });
    const id = list.json<{ items: { id: string }[] }>().items[0]?.id ?? '';
    expect((await call(t, 'POST', `/api/organizations/${id}/verify`, { as: ops })).statusCode).toBe(200);
    const seen = await within(1000, async () => (await find(t, '微纳传感', '&type=organization')).items.length === 1);
    expect(seen).not.toBeNull();
  });
});
