import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchSources } from '../../app.js';
import { publishAchievement } from '../achievements/achievements.fixtures.js';
import { call, createTestApp, type Session, signIn, type TestApp, within } from '../../test-support/test-app.js';
import { SearchResponseSchema } from './search.schemas.js';
import { createSearchRuntime, indexFilters, poll, rebuild, type SearchParams, searchAnswer, searchStatus, stopSearch } from './search.service.js';

// An app whose searches run on one replica (a worker thread); runtimes with and without one compared.
let t: TestApp;
let admin: Session;
let operator: Session;
const stamp = Date.now() % 100000;

const publish = (overrides: Record<string, unknown>) => publishAchievement(t, admin, operator, overrides);

type Status = { ready: boolean; records: number; threads: { threads: number; ready: number; answered: number } };
const status = async (app: TestApp) => (await call(app, 'GET', '/api/search/status')).json<Status>();

/** The answer without `tookMs` (each process times its own engine). */
async function answer(app: TestApp, query: string) {
  const res = await call(app, 'GET', `/api/search?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json<Record<string, unknown>>();
  expect(SearchResponseSchema.parse(body)).toEqual(body);
  const { tookMs: _took, ...rest } = body;
  return rest;
}

beforeAll(async () => {
  t = await createTestApp({ env: { KEHUI_SEARCH_THREADS: '1' } });
  admin = await signIn(t, 'univ.admin@kehui.example.cn');
  operator = await signIn(t, 'operator@kehui.example.cn');
  await publish({ title: `北斗高精度定位终端${stamp}`, keywords: ['北斗', '定位终端'], keyField: 'beidou_navigation', industry: 'I', trl: 6 });
  await publish({ title: `北斗短报文通信模块${stamp}`, keywords: ['北斗', '短报文'], keyField: 'beidou_navigation', industry: 'I', price: '80,000' });
  await publish({ title: `北斗导航农机自动驾驶${stamp}`, keywords: ['北斗', '农机'], keyField: 'intelligent_equipment', cooperationModes: ['joint_development'] });
  await publish({ title: `碳化硅功率器件封装${stamp}`, keywords: ['碳化硅', 'SiC', '封装'], keyField: 'new_materials', pricingMode: 'negotiable', price: null });
  expect(await within(20_000, async () => (await status(t)).threads.ready === 1), 'the replica was not ready within 20 s').toBe(true);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('search replicas', () => {
  it('answer exactly as the request thread does, after a build and after changes', async () => {
    // Two runtimes on the same database, built the same way: one answers on a replica, one on its own thread.
    const quiet = { error: () => undefined, info: () => undefined };
    const onReplica = createSearchRuntime({ db: t.database.db, sources: searchSources(), log: quiet, threads: 1 });
    const onThread = createSearchRuntime({ db: t.database.db, sources: searchSources(), log: quiet });
    try {
      await Promise.all([rebuild(onReplica), rebuild(onThread)]);
      expect(await within(20_000, async () => searchStatus(onReplica).threads.ready === 1)).toBe(true);
      const base = { type: 'achievement' as const, filters: {}, sort: 'relevance' as const, page: 1, pageSize: 10 };
      const searches: SearchParams[] = [
        { ...base, q: `北斗 ${stamp}` },
        { ...base, q: '北斗', filters: indexFilters({ keyField: 'beidou_navigation' }) },
        { ...base, q: '北斗', sort: 'newest', pageSize: 1, page: 2 },
        { ...base, q: '北斗', sort: 'price_asc' },
        { ...base, q: '碳化硅 sic', filters: indexFilters({ cooperationMode: 'transfer' }) },
        { ...base, q: '', pageSize: 5 },
        { ...base, q: '北斗', type: 'demand' },
        { ...base, q: '<script>北斗</script>' },
        { ...base, q: '定位', filters: indexFilters({ trlMin: 5, trlMax: 9, region: '420000' }) },
      ];
      const compare = async (round: string) => {
        const answered = searchStatus(onReplica).threads.answered;
        for (const p of searches) {
          const a = JSON.parse((await searchAnswer(onReplica, null, p)).toString('utf8'));
          const b = JSON.parse((await searchAnswer(onThread, null, p)).toString('utf8'));
          expect(SearchResponseSchema.parse(a)).toEqual(a);
          expect({ ...a, tookMs: 0 }, `${round}: ${JSON.stringify(p)}`).toEqual({ ...b, tookMs: 0 });
        }
        // Every one of them was answered by the replica (none was kept from an earlier round).
        expect(searchStatus(onReplica).threads.answered - answered).toBe(searches.length);
      };
      await compare('after the build');
      const beidou = JSON.parse((await searchAnswer(onReplica, null, { ...base, q: `北斗 ${stamp}`, pageSize: 9 })).toString('utf8'));
      const beidouTitles = (a: { items: { record: { title: string } }[] }) => a.items.filter((i) => i.record.title.startsWith('北斗')).length;
      expect(beidouTitles(beidou)).toBe(3);
      expect(beidou.facets.keyField.find((f: { value: string }) => f.value === 'beidou_navigation')?.label).toBe('北斗卫星导航系统');
      // Changes arrive by the audit log: a new record, one archived.
      await publish({ title: `北斗卫星授时模块${stamp}`, keywords: ['北斗', '授时'], keyField: 'beidou_navigation' });
      const archived = await publish({ title: `北斗地基增强站${stamp}`, keywords: ['北斗'] });
      expect((await call(t, 'POST', `/api/achievements/${archived}/archive`, { as: admin })).statusCode).toBe(200);
      await Promise.all([poll(onReplica), poll(onThread)]);
      expect(beidouTitles(JSON.parse((await searchAnswer(onThread, null, { ...base, q: `北斗 ${stamp}`, pageSize: 8 })).toString('utf8')))).toBe(4);
      await compare('after changes');
    } finally {
      await Promise.all([stopSearch(onReplica), stopSearch(onThread)]);
    }
  });

  it('answer GET /api/search in a server that has one', async () => {
    const before = await status(t);
    expect(before.threads).toMatchObject({ threads: 1, ready: 1 });
    const body = await answer(t, `q=${encodeURIComponent(`碳化硅 ${stamp}`)}`);
    expect((body.items as { record: { title: string } }[])[0]?.record.title).toBe(`碳化硅功率器件封装${stamp}`);
    expect((await status(t)).threads.answered).toBe(before.threads.answered + 1);
  });

  it('follow publication and archiving within 1 s', async () => {
    const title = `钙钛矿叠层电池封装${stamp}`;
    const id = await publish({ title, keywords: ['钙钛矿'] });
    const found = async () => ((await answer(t, `q=${encodeURIComponent(`钙钛矿 ${stamp}`)}`)).items as { id: string }[]).some((i) => i.id === id);
    const answered = (await status(t)).threads.answered;
    expect(await within(1000, found), 'published record not found within 1 s').toBe(true);
    expect((await status(t)).threads.answered).toBeGreaterThan(answered);
    expect((await call(t, 'POST', `/api/achievements/${id}/archive`, { as: admin })).statusCode).toBe(200);
    expect(await within(1000, async () => !(await found())), 'archived record still found after 1 s').toBe(true);
  });

  it('fall back to the request thread when a replica fails, and restart and rebuild it', async () => {
    // No late window: a poll reads only audit entries it has not read (else the last 5 s's records
    // would reach the restarted replica again whatever its rebuild did).
    const rt = createSearchRuntime({ db: t.database.db, sources: searchSources(), log: { error: () => undefined, info: () => undefined }, threads: 1, lateWindowMs: 0 });
    try {
      await rebuild(rt);
      expect(await within(20_000, async () => searchStatus(rt).threads.ready === 1)).toBe(true);
      const p = { q: `北斗 ${stamp}`, type: 'achievement' as const, filters: {}, sort: 'relevance' as const, page: 1, pageSize: 10 };
      const viaReplica = JSON.parse((await searchAnswer(rt, null, p)).toString('utf8'));
      expect(searchStatus(rt).threads.answered).toBe(1);
      await rt.replicas?.list[0]?.worker.terminate();
      expect(searchStatus(rt).threads.ready).toBe(0);
      const onThread = JSON.parse((await searchAnswer(rt, null, { ...p, pageSize: 5 })).toString('utf8'));
      expect(onThread.total).toBe(viaReplica.total);
      expect(onThread.items.map((i: { id: string }) => i.id)).toEqual(viaReplica.items.slice(0, 5).map((i: { id: string }) => i.id));

      // Restarted after 1 s; a poll starts reading its build from the database.
      const begun = async () => {
        await poll(rt);
        return rt.replicaBuild !== null;
      };
      expect(await within(5000, begun), 'no rebuild of the restarted replica began').toBe(true);
      const build = rt.replicaBuild;
      await build?.read;
      // A record published after the read, applied here by a poll while the replica still waits
      // (its build held back), must reach the replica with its build.
      if (rt.replicaBuild) rt.replicaBuild = { read: rt.replicaBuild.read, result: undefined };
      const title = `北斗重启副本补齐${stamp}`;
      const late = await publish({ title, keywords: ['北斗'] });
      await poll(rt);
      rt.replicaBuild = build;
      expect(searchStatus(rt).threads.ready).toBe(0);
      await poll(rt);
      expect(await within(20_000, async () => searchStatus(rt).threads.ready === 1), 'the restarted replica was not ready within 20 s').toBe(true);
      const answered = searchStatus(rt).threads.answered;
      const after = JSON.parse((await searchAnswer(rt, null, { ...p, pageSize: 20 })).toString('utf8'));
      expect(searchStatus(rt).threads.answered, 'not answered by the restarted replica').toBe(answered + 1);
      expect(after.items.map((i: { id: string }) => i.id)).toContain(late);
      expect(after.total).toBe(viaReplica.total + 1);
    } finally {
      await stopSearch(rt);
    }
  });
});

describe('kept answers', () => {
  it('keep an answer the second time it is made, and give it from then on until a change', async () => {
    const quiet = { error: () => undefined, info: () => undefined };
    const rt = createSearchRuntime({ db: t.database.db, sources: searchSources(), log: quiet });
    try {
      await rebuild(rt);
      const p: SearchParams = { q: `北斗 ${stamp}`, type: 'achievement', filters: {}, sort: 'relevance', page: 1, pageSize: 10 };
      const first = (await searchAnswer(rt, null, p)).toString('utf8');
      expect(rt.answers.size, 'a search made once is not kept').toBe(0);
      const second = (await searchAnswer(rt, null, p)).toString('utf8');
      expect(rt.answers.size, 'made twice: kept').toBe(1);
      const { tookMs: _a, ...a } = JSON.parse(first) as Record<string, unknown>;
      const { tookMs: _b, ...b } = JSON.parse(second) as Record<string, unknown>;
      expect(b).toEqual(a);
      // The kept bytes themselves from then on (a hit does not count as a new making).
      for (let i = 0; i < 3; i++) expect((await searchAnswer(rt, null, p)).toString('utf8')).toBe(second);
      expect(rt.answers.size).toBe(1);
      // Another search made once leaves the kept one alone.
      await searchAnswer(rt, null, { ...p, q: `碳化硅 ${stamp}` });
      expect(rt.answers.size).toBe(1);
    } finally {
      await stopSearch(rt);
    }
  });
});
