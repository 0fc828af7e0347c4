import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../storage.js';
import { call, createTestApp, signInDemo, type TestApp } from '../../test-support/test-app.js';

/** The demo auction as `seedDemo` writes it: a 专场 with a live lot the demo enterprise can bid on at once. */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ demo: false });
  expect(await seedDemo(t.database)).not.toBeNull();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

interface SessionDetail {
  id: string;
  title: string;
  lots: { id: string; phase: string }[];
}

describe('seedAuctionsDemo', () => {
  it('writes one session with a live lot and an upcoming one', async () => {
    const list = (await call(t, 'GET', '/api/auctions/sessions')).json<{ items: { id: string }[] }>();
    expect(list.items).toHaveLength(1);
    const session = (await call(t, 'GET', `/api/auctions/sessions/${list.items[0]?.id}`)).json<SessionDetail>();
    expect(session.title).toContain('专场拍卖会');
    expect(session.lots.map((l) => l.phase).sort()).toEqual(['live', 'upcoming']);
  });

  it('lets the demo enterprise bid at once with its confirmed paddle, and the ledger verifies', async () => {
    const { enterprise } = await signInDemo(t, ['enterprise']);
    const list = (await call(t, 'GET', '/api/auctions/sessions')).json<{ items: { id: string }[] }>();
    const session = (await call(t, 'GET', `/api/auctions/sessions/${list.items[0]?.id}`)).json<SessionDetail>();
    const live = session.lots.find((l) => l.phase === 'live');
    const bid = await call(t, 'POST', `/api/auctions/lots/${live?.id}/bids`, { as: enterprise, body: { amount: '500,000', idempotencyKey: 'demo-first-bid-1' } });
    expect(bid.statusCode, bid.body).toBe(201);
    expect((await call(t, 'GET', `/api/auctions/lots/${live?.id}/verify`)).json()).toMatchObject({ ok: true });
  });
});
