import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type Session, signIn, type TestApp } from '../../test-support/test-app.js';
import { notifyRegionGovAdmins } from './notifications.service.js';

let t: TestApp;
let wuhan: Session;
let yichang: Session;
let province: Session;

beforeAll(async () => {
  t = await createTestApp();
  wuhan = await signIn(t, 'gov.wuhan@kehui.example.cn');
  yichang = await signIn(t, 'gov.yichang@kehui.example.cn');
  province = await signIn(t, 'gov.hubei@kehui.example.cn');
});
afterAll(async () => t?.close());

type Page = { items: { id: string; title: string; readAt: string | null }[]; unread: number; total: number };

describe('notifications', () => {
  it('reach the gov_admins of the region and of every enclosing level, once per dedupe key', async () => {
    const n = { kind: 'test', title: '洪山区需求超时未响应', link: '/demands/x', dedupeKey: 'test:420111' };
    const first = await notifyRegionGovAdmins(t.database.db, '420111', n);
    const again = await notifyRegionGovAdmins(t.database.db, '420111', n);
    expect(first).toBeGreaterThanOrEqual(2); // 武汉市 and 湖北省 at least
    expect(again).toBe(0);
    const w = (await call(t, 'GET', '/api/notifications', { as: wuhan })).json<Page>();
    const p = (await call(t, 'GET', '/api/notifications', { as: province })).json<Page>();
    const y = (await call(t, 'GET', '/api/notifications', { as: yichang })).json<Page>();
    expect(w.items.map((i) => i.title)).toContain('洪山区需求超时未响应');
    expect(p.items.map((i) => i.title)).toContain('洪山区需求超时未响应');
    expect(y.items.map((i) => i.title)).not.toContain('洪山区需求超时未响应');
  });

  it('are marked read only by their recipient', async () => {
    const before = (await call(t, 'GET', '/api/notifications?unread=true', { as: wuhan })).json<Page>();
    const id = before.items[0]?.id;
    expect(id).toBeDefined();
    // Another user cannot mark it: nothing changes.
    const other = await call(t, 'POST', '/api/notifications/read', { as: yichang, body: { ids: [id] } });
    expect(other.json()).toEqual({ changed: 0 });
    const mine = await call(t, 'POST', '/api/notifications/read', { as: wuhan, body: { ids: [id] } });
    expect(mine.json()).toEqual({ changed: 1 });
    const after = (await call(t, 'GET', '/api/notifications', { as: wuhan })).json<Page>();
    expect(after.unread).toBe(before.unread - 1);
    expect(after.items.find((i) => i.id === id)?.readAt).not.toBeNull();
  });

  it('refuse malformed ids with a Chinese message and anonymous callers', async () => {
    const bad = await call(t, 'POST', '/api/notifications/read', { as: wuhan, body: { ids: ['nope'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('通知 ID 格式不正确');
    expect((await call(t, 'GET', '/api/notifications', { as: null })).statusCode).toBe(401);
  });
});
