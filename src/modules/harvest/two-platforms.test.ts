/**
 * Two running platforms harvest each other: A (PostgreSQL when DATABASE_URL is set, else PGlite in
 * memory) harvests B over OAI-PMH in the native `kehui` format; B (PGlite in its own temp dir)
 * harvests A over the JSON change feed. Creations, edits and deletions arrive; nothing is duplicated,
 * and harvested records are never shared onwards (no echo between the two).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { seedAccountsDemo } from '../accounts/demo-data.js';
import { syncRegions } from '../regions/index.js';
import { loadConfig } from '../../platform/config.js';
import { openDatabase } from '../../platform/db.js';
import { call, createTestApp, type Session, signIn, type TestApp } from '../../test-support/test-app.js';
import { publishAchievement, publishDemand } from '../exchange/exchange.fixtures.js';
import { harvestedRecords } from './harvest.tables.js';

/** A platform on PGlite in its own directory (the way a single-server installation runs). */
async function pgliteApp(): Promise<TestApp> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kehui-peer-'));
  const config = loadConfig({ DATA_DIR: dir, SESSION_SECRET: randomBytes(32).toString('hex'), KEHUI_DEMO: '0', LOG_LEVEL: 'silent' });
  const database = await openDatabase({ pgliteDir: path.join(dir, 'pgdata') });
  await database.migrate();
  await syncRegions(database.db);
  await database.db.transaction((tx) => seedAccountsDemo(tx));
  const app = await buildApp(config, database, { logger: false, serveWeb: false });
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Side {
  t: TestApp;
  url: string;
  s: { member: Session; admin: Session; operator: Session; enterprise: Session };
  peerId: string;
}
const a = {} as Side;
const b = {} as Side;

async function sessions(t: TestApp) {
  return {
    member: await signIn(t, 'univ.member@kehui.example.cn'),
    admin: await signIn(t, 'univ.admin@kehui.example.cn'),
    operator: await signIn(t, 'operator@kehui.example.cn'),
    enterprise: await signIn(t, 'enterprise.admin@kehui.example.cn'),
  };
}

async function listen(t: TestApp) {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}

async function harvest(side: Side) {
  const res = await call(side.t, 'POST', `/api/harvest/peers/${side.peerId}/harvest`, { as: side.s.operator, body: { wait: true } });
  expect(res.statusCode, res.body).toBe(200);
  const run = res.json<{ status: string; created: number; updated: number; deleted: number; errorCode: string | null; errorMessage: string | null }>();
  expect(run.status, `${run.errorCode} ${run.errorMessage}`).toBe('succeeded');
  return run;
}

async function harvested(side: Side) {
  return side.t.database.db.select().from(harvestedRecords).where(eq(harvestedRecords.peerId, side.peerId));
}

const ids = { a1: '', a2: '', ad: '', b1: '', b2: '' };

beforeAll(async () => {
  a.t = await createTestApp();
  b.t = await pgliteApp();
  a.url = await listen(a.t);
  b.url = await listen(b.t);
  a.s = await sessions(a.t);
  b.s = await sessions(b.t);
  ids.a1 = await publishAchievement(a.t, a.s, { title: '甲平台：高压输电线路巡检无人机' });
  ids.a2 = await publishAchievement(a.t, a.s, { title: '甲平台：锂电池正极材料回收工艺' });
  ids.ad = await publishDemand(a.t, a.s, { title: '甲平台需求：冷链物流温控终端' });
  ids.b1 = await publishAchievement(b.t, b.s, { title: '乙平台：农田土壤墒情传感网络' });
  ids.b2 = await publishAchievement(b.t, b.s, { title: '乙平台：锂电池正极材料回收工艺' });
  const peer = async (side: Side, body: Record<string, unknown>) => {
    const res = await call(side.t, 'POST', '/api/harvest/peers', { as: side.s.operator, body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  a.peerId = await peer(a, { name: '乙平台', baseUrl: `${b.url}/oai`, protocol: 'oai-pmh', metadataPrefix: 'kehui' });
  b.peerId = await peer(b, { name: '甲平台', baseUrl: a.url, protocol: 'kehui-feed' });
}, 240_000);

afterAll(async () => {
  await a.t?.close();
  await b.t?.close();
});

describe('two platforms harvesting each other', () => {
  it('imports every public record of the other once, and nothing of its own comes back', async () => {
    const ra = await harvest(a);
    const rb = await harvest(b);
    expect(ra.created).toBe(2);
    expect(rb.created).toBe(3);
    expect((await harvested(a)).map((r) => r.title).sort()).toEqual(['乙平台：农田土壤墒情传感网络', '乙平台：锂电池正极材料回收工艺']);
    const onB = await harvested(b);
    expect(onB.map((r) => r.sourceIdentifier).sort()).toEqual(
      [`oai:kehui.example.cn:achievement/${ids.a1}`, `oai:kehui.example.cn:achievement/${ids.a2}`, `oai:kehui.example.cn:demand/${ids.ad}`].sort(),
    );
    expect(onB.find((r) => r.recordType === 'demand')?.title).toBe('甲平台需求：冷链物流温控终端');
    // Again: nothing new on either side (harvested records are not shared onwards).
    expect(await harvest(a)).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    expect(await harvest(b)).toMatchObject({ created: 0, updated: 0, deleted: 0 });
  });

  it('carries edits and deletions across, without duplicates', async () => {
    expect((await call(a.t, 'PATCH', `/api/demands/${ids.ad}`, { as: a.s.enterprise, body: { publicSummary: '需求摘要已更新：温控精度 ±0.5℃。' } })).statusCode).toBe(200);
    expect((await call(a.t, 'POST', `/api/achievements/${ids.a1}/archive`, { as: a.s.operator })).statusCode).toBe(200);
    expect((await call(b.t, 'POST', `/api/achievements/${ids.b1}/archive`, { as: b.s.operator })).statusCode).toBe(200);
    const rb = await harvest(b);
    expect(rb).toMatchObject({ created: 0, updated: 1, deleted: 1 });
    const ra = await harvest(a);
    expect(ra).toMatchObject({ created: 0, updated: 0, deleted: 1 });
    const onB = await harvested(b);
    expect(onB).toHaveLength(3);
    expect(onB.find((r) => r.recordType === 'demand')?.abstract).toBe('需求摘要已更新：温控精度 ±0.5℃。');
    expect(onB.find((r) => r.sourceIdentifier.endsWith(ids.a1))?.isDeleted).toBe(true);
    const onA = await harvested(a);
    expect(onA).toHaveLength(2);
    expect(onA.find((r) => r.title === '乙平台：农田土壤墒情传感网络')?.isDeleted).toBe(true);
  });
});
