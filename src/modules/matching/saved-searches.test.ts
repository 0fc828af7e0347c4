import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type Session, signIn, type TestApp } from '../../test-support/test-app.js';
import { auditLog } from '../audit/index.js';
import { savedSearches } from './matching.tables.js';
import { MAX_SAVED_SEARCHES_PER_USER } from './saved-searches.service.js';

interface Saved {
  id: string;
  name: string;
  query: { q: string; type: string; filters: Record<string, string | number> };
  alert: 'on' | 'off';
  lastAlertAt: string | null;
}
interface Problem {
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

let t: TestApp;
let enterprise: Session;
let broker: Session;

const body = (overrides: Record<string, unknown> = {}) => ({
  name: `激光焊接成果${Math.random().toString(36).slice(2, 8)}`,
  query: { q: '激光焊接', type: 'achievement', filters: { keyField: 'intelligent_equipment', trlMin: 5, fiscal: true } },
  alert: 'on',
  ...overrides,
});

async function create(as: Session, overrides: Record<string, unknown> = {}) {
  const res = await call(t, 'POST', '/api/saved-searches', { as, body: body(overrides) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Saved>();
}

async function rowsOf(userId: string) {
  return t.database.db.select().from(savedSearches).where(eq(savedSearches.userId, userId));
}

beforeAll(async () => {
  t = await createTestApp();
  enterprise = await signIn(t, 'enterprise.admin@kehui.example.cn');
  broker = await signIn(t, 'broker@kehui.example.cn');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('POST /api/saved-searches', () => {
  it('saves a search for the caller, with filters in the form of GET /api/search, audited', async () => {
    const s = await create(enterprise);
    expect(s.query).toEqual({ q: '激光焊接', type: 'achievement', filters: { keyField: 'intelligent_equipment', trlMin: 5, fiscal: 'true' } });
    expect(s.alert).toBe('on');
    expect(s.lastAlertAt).toBeNull();
    const [row] = await t.database.db.select().from(savedSearches).where(eq(savedSearches.id, s.id));
    expect(row?.userId).toBe(enterprise.userId);
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'saved_search'), eq(auditLog.entityId, s.id)));
    expect(audit.map((a) => a.action)).toEqual(['saved_search.created']);
    expect(audit[0]?.actorUserId).toBe(enterprise.userId);
  });

  it('rejects invalid input with every field named in Chinese, and writes nothing', async () => {
    const before = (await rowsOf(broker.userId)).length;
    const res = await call(t, 'POST', '/api/saved-searches', {
      as: broker,
      body: { name: '  ', query: { q: 'x'.repeat(201), type: 'patent', filters: { trlMin: 12, colour: 'red' } }, alert: 'sometimes' },
    });
    expect(res.statusCode).toBe(400);
    const p = res.json<Problem>();
    expect(p.code).toBe('validation_failed');
    const byPath = new Map((p.errors ?? []).map((e) => [e.path, e.message]));
    expect(byPath.get('name')).toBe('请填写名称');
    expect(byPath.get('query.q')).toBe('检索词不能超过 200 个字符');
    expect(byPath.get('query.type')).toContain('检索类型应为');
    expect(byPath.get('query.filters.trlMin')).toBe('技术就绪度下限应为 1–9 的整数');
    expect(byPath.get('query.filters.colour')).toBe('不允许的字段：colour');
    expect(byPath.get('alert')).toContain('提醒应为');
    expect((await rowsOf(broker.userId)).length).toBe(before);
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'saved_search.created'), eq(auditLog.actorUserId, broker.userId)));
    expect(audit).toEqual([]);
  });

  it('rejects filters the record type does not have, and a TRL range upside down', async () => {
    const wrongType = await call(t, 'POST', '/api/saved-searches', { as: broker, body: body({ query: { q: '', type: 'organization', filters: { trlMin: 3 } } }) });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json<Problem>().errors).toEqual([{ path: 'query.filters.trlMin', message: '检索机构时不能按此条件筛选' }]);
    const range = await call(t, 'POST', '/api/saved-searches', { as: broker, body: body({ query: { q: '电池', type: 'achievement', filters: { trlMin: 7, trlMax: 3 } } }) });
    expect(range.statusCode).toBe(400);
    expect(range.json<Problem>().errors).toEqual([{ path: 'query.filters.trlMax', message: '技术就绪度上限不能低于下限' }]);
    expect(await rowsOf(broker.userId)).toEqual([]);
  });

  it('refuses a second search with the same name (400 at name)', async () => {
    const first = await create(broker, { name: '储能电池需求' });
    const again = await call(t, 'POST', '/api/saved-searches', { as: broker, body: body({ name: ' 储能电池需求 ' }) });
    expect(again.statusCode).toBe(400);
    expect(again.json<Problem>().errors).toEqual([{ path: 'name', message: '已有同名的保存检索' }]);
    expect((await call(t, 'DELETE', `/api/saved-searches/${first.id}`, { as: broker })).statusCode).toBe(200);
  });

  it(`keeps at most ${MAX_SAVED_SEARCHES_PER_USER} per user (409 beyond)`, async () => {
    const gov = await signIn(t, 'gov.wuhan@kehui.example.cn');
    for (let i = 0; i < MAX_SAVED_SEARCHES_PER_USER; i++) await create(gov, { name: `检索 ${i}` });
    const over = await call(t, 'POST', '/api/saved-searches', { as: gov, body: body({ name: '第 51 条' }) });
    expect(over.statusCode).toBe(409);
    expect(over.json<Problem>().detail).toContain(`最多保存 ${MAX_SAVED_SEARCHES_PER_USER} 条检索`);
    expect((await rowsOf(gov.userId)).length).toBe(MAX_SAVED_SEARCHES_PER_USER);
  });

  it('needs a signed-in user', async () => {
    expect((await call(t, 'POST', '/api/saved-searches', { body: body() })).statusCode).toBe(401);
    expect((await call(t, 'GET', '/api/saved-searches')).statusCode).toBe(401);
  });
});

describe('GET /api/saved-searches', () => {
  it('lists only the caller’s own searches, newest first', async () => {
    const a = await create(broker, { name: '甲' });
    const b = await create(broker, { name: '乙', query: { q: '钙钛矿', type: 'demand', filters: { demandType: 'development', city: '420100' } } });
    const mine = await call(t, 'GET', '/api/saved-searches', { as: broker });
    expect(mine.statusCode).toBe(200);
    const list = mine.json<{ items: Saved[]; limit: number }>();
    expect(list.limit).toBe(MAX_SAVED_SEARCHES_PER_USER);
    expect(list.items.map((s) => s.id)).toEqual([b.id, a.id]);
    const theirs = await call(t, 'GET', '/api/saved-searches', { as: enterprise });
    expect(theirs.json<{ items: Saved[] }>().items.some((s) => s.id === a.id || s.id === b.id)).toBe(false);
  });
});

describe('PATCH /api/saved-searches/:id', () => {
  it('renames, changes the query and switches the alert off, audited with before and after', async () => {
    const s = await create(enterprise);
    const res = await call(t, 'PATCH', `/api/saved-searches/${s.id}`, {
      as: enterprise,
      body: { name: '新名称', query: { q: '储能', type: 'demand', filters: { region: '420100' } }, alert: 'off' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Saved>()).toMatchObject({ id: s.id, name: '新名称', alert: 'off', query: { q: '储能', type: 'demand', filters: { region: '420100' } } });
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'saved_search.updated'), eq(auditLog.entityId, s.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.before).toMatchObject({ name: s.name, alert: 'on' });
    expect(audit[0]?.after).toMatchObject({ name: '新名称', alert: 'off' });
  });

  it('answers 404 for another user’s search and changes nothing', async () => {
    const s = await create(enterprise, { name: '只属于企业' });
    const res = await call(t, 'PATCH', `/api/saved-searches/${s.id}`, { as: broker, body: { alert: 'off' } });
    expect(res.statusCode).toBe(404);
    expect(res.json<Problem>().detail).toBe('保存的检索不存在或无权查看');
    const [row] = await t.database.db.select().from(savedSearches).where(eq(savedSearches.id, s.id));
    expect(row?.alert).toBe('on');
  });

  it('rejects an empty change in Chinese', async () => {
    const s = await create(enterprise);
    const res = await call(t, 'PATCH', `/api/saved-searches/${s.id}`, { as: enterprise, body: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().detail).toContain('请至少修改名称、检索条件或提醒中的一项');
  });
});

describe('DELETE /api/saved-searches/:id', () => {
  it('deletes one’s own search; another user gets 404 and the row stays', async () => {
    const s = await create(enterprise);
    expect((await call(t, 'DELETE', `/api/saved-searches/${s.id}`, { as: broker })).statusCode).toBe(404);
    expect(await t.database.db.select().from(savedSearches).where(eq(savedSearches.id, s.id))).toHaveLength(1);
    const res = await call(t, 'DELETE', `/api/saved-searches/${s.id}`, { as: enterprise });
    expect(res.statusCode).toBe(200);
    expect(await t.database.db.select().from(savedSearches).where(eq(savedSearches.id, s.id))).toEqual([]);
    expect((await call(t, 'DELETE', `/api/saved-searches/${s.id}`, { as: enterprise })).statusCode).toBe(404);
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'saved_search.deleted'), eq(auditLog.entityId, s.id)));
    expect(audit).toHaveLength(1);
  });
});
