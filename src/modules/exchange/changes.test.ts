import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type Session, signIn, type TestApp } from '../../test-support/test-app.js';
import { publishAchievement, publishDemand } from './exchange.fixtures.js';

interface Item {
  type: 'achievement' | 'demand';
  id: string;
  change: 'created' | 'updated' | 'deleted';
  datestamp: string;
  link: string;
  oaiIdentifier: string;
}
interface Page {
  items: Item[];
  next: string | null;
  hasMore: boolean;
}

let t: TestApp;
let member: Session;
let admin: Session;
let operator: Session;
let enterprise: Session;
const ids = { a1: '', a2: '', a3: '', d1: '', d2: '', draft: '' };

async function feed(query = '', headers: Record<string, string> = {}): Promise<Page> {
  const res = await call(t, 'GET', `/api/exchange/changes${query}`, { headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
}

/** Every page from `since` on, following `next`. */
async function all(limit: number, since?: string, between?: (n: number, sofar: Item[]) => Promise<void>): Promise<{ items: Item[]; next: string | null }> {
  const items: Item[] = [];
  let cursor = since;
  for (let n = 1; ; n++) {
    const page = await feed(`?limit=${limit}${cursor ? `&since=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.items);
    cursor = page.next ?? undefined;
    if (!page.hasMore) return { items, next: page.next };
    await between?.(n, items);
    expect(n).toBeLessThan(100);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  member = await signIn(t, 'univ.member@kehui.example.cn');
  admin = await signIn(t, 'univ.admin@kehui.example.cn');
  operator = await signIn(t, 'operator@kehui.example.cn');
  enterprise = await signIn(t, 'enterprise.admin@kehui.example.cn');
  const univ = { member, admin, operator };
  ids.a1 = await publishAchievement(t, univ);
  ids.a2 = await publishAchievement(t, univ);
  ids.a3 = await publishAchievement(t, univ);
  ids.d1 = await publishDemand(t, { enterprise, operator });
  ids.d2 = await publishDemand(t, { enterprise, operator });
  ids.draft = (await call(t, 'POST', '/api/achievements', { as: member, body: { title: '草稿不进入变更流' } })).json<{ id: string }>().id;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('GET /api/exchange/changes', () => {
  it('lists every public record once, created, with links to the record and its OAI identifier', async () => {
    const { items } = await all(100);
    expect(items.map((i) => i.id).sort()).toEqual([ids.a1, ids.a2, ids.a3, ids.d1, ids.d2].sort());
    expect(items.every((i) => i.change === 'created')).toBe(true);
    const a1 = items.find((i) => i.id === ids.a1);
    expect(a1?.link).toBe(`http://localhost:80/api/achievements/${ids.a1}`);
    expect(a1?.oaiIdentifier).toBe(`oai:kehui.example.cn:achievement/${ids.a1}`);
    expect(items.find((i) => i.id === ids.d1)?.link).toBe(`http://localhost:80/api/demands/${ids.d1}`);
    const stamps = items.map((i) => `${i.datestamp}|${i.id}`);
    expect([...stamps].sort()).toEqual(stamps);
  });

  it('pages with the next cursor, and picks up where a reader left off: updated and deleted records', async () => {
    const first = await all(2);
    expect(first.items).toHaveLength(5);
    const follow = async () => all(2, first.next ?? undefined);
    expect((await follow()).items).toEqual([]);
    expect((await call(t, 'PATCH', `/api/demands/${ids.d1}`, { as: enterprise, body: { publicSummary: '公开摘要已更新。' } })).statusCode).toBe(200);
    expect((await call(t, 'POST', `/api/achievements/${ids.a2}/archive`, { as: operator })).statusCode).toBe(200);
    const later = await follow();
    expect(new Map(later.items.map((i) => [i.id, i.change]))).toEqual(
      new Map([
        [ids.d1, 'updated'],
        [ids.a2, 'deleted'],
      ]),
    );
  });

  it('stays stable while records change between pages: nothing skipped, a changed record comes again later', async () => {
    let changed = '';
    let added = '';
    const { items } = await all(2, undefined, async (n, sofar) => {
      if (n !== 1) return;
      changed = sofar.find((i) => i.type === 'achievement' && i.change !== 'deleted')?.id ?? '';
      expect(changed).not.toBe('');
      expect((await call(t, 'POST', `/api/achievements/${changed}/archive`, { as: operator })).statusCode).toBe(200);
      added = await publishAchievement(t, { member, admin, operator });
    });
    const latest = new Map(items.map((i) => [i.id, i.change]));
    expect([...latest.keys()].sort()).toEqual([ids.a1, ids.a2, ids.a3, ids.d1, ids.d2, added].sort());
    expect(latest.get(changed)).toBe('deleted');
    expect(latest.get(added)).toBe('created');
    for (const id of latest.keys()) expect(items.filter((i) => i.id === id).length, id).toBe(id === changed ? 2 : 1);
  });

  it('starts at a UTC time, and filters by record type', async () => {
    const everything = (await all(100)).items;
    const last = everything[everything.length - 1];
    if (!last) throw new Error('empty feed');
    const since = (await feed(`?since=${encodeURIComponent(last.datestamp)}`)).items;
    expect(since.map((i) => i.id)).toContain(last.id);
    expect(since.every((i) => i.datestamp >= last.datestamp)).toBe(true);
    expect((await feed('?since=2099-01-01T00:00:00Z')).items).toEqual([]);
    const demandsOnly = (await feed('?type=demand&limit=100')).items;
    expect(demandsOnly.map((i) => i.id).sort()).toEqual([ids.d1, ids.d2].sort());
  });

  it('answers partners with an API token as it answers the public', async () => {
    const created = await call(t, 'POST', '/api/auth/tokens', { as: operator, body: { name: '互联互通测试', scopes: ['read'] } });
    expect(created.statusCode, created.body).toBe(201);
    const token = created.json<{ token: string }>().token;
    expect(await feed('?limit=100', { authorization: `Bearer ${token}` })).toEqual(await feed('?limit=100'));
  });

  it('rejects a malformed cursor, an unknown type and a limit over 1000, naming the field', async () => {
    for (const [query, field] of [
      ['?since=yesterday', 'since'],
      ['?since=2026-01-01T00:00:00', 'since'],
      ['?limit=1001', 'limit'],
      ['?limit=0', 'limit'],
      ['?type=listing', 'type'],
      ['?page=2', ''],
    ] as const) {
      const res = await call(t, 'GET', `/api/exchange/changes${query}`);
      expect(res.statusCode, query).toBe(400);
      if (field) expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path), query).toContain(`query.${field}`);
    }
  });
});
