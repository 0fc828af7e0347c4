import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../storage.js';
import { createTestApp, call, signInDemo, type TestApp } from '../../test-support/test-app.js';
import { verifyPublicLog } from '../public-log/public-log.service.js';
import { deals, listings } from './listings.tables.js';

/** The demo listings as `seedDemo` writes them into a fresh database, through the module's own use cases. */
let t: TestApp;
let rows: (typeof listings.$inferSelect)[];
let dealRows: (typeof deals.$inferSelect)[];

beforeAll(async () => {
  t = await createTestApp({ demo: false });
  expect(await seedDemo(t.database)).not.toBeNull();
  rows = await t.database.db.select().from(listings);
  dealRows = await t.database.db.select().from(deals);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('seedListingsDemo', () => {
  it('writes one delisted, two open, one in publicity and one awaiting review', () => {
    const counts: Record<string, number> = {};
    for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
    expect(counts).toEqual({ delisted: 1, open: 2, publicity: 1, pending_review: 1 });
  });

  it('leaves one deal whose notice has ended, awaiting its contract, bought by the demo enterprise', async () => {
    expect(dealRows).toHaveLength(1);
    const deal = dealRows[0] as (typeof dealRows)[number];
    expect(deal.status).toBe('awaiting_contract');
    expect(deal.contractId).toBeNull();
    const { enterprise } = await signInDemo(t, ['enterprise']);
    const mine = await call(t, 'GET', '/api/listings/deals', { as: enterprise });
    expect(mine.statusCode).toBe(200);
    expect((mine.json() as { items: { id: string }[] }).items.map((d) => d.id)).toContain(deal.id);
  });

  it('shows the open listings to an anonymous visitor, and the public log verifies', async () => {
    const list = await call(t, 'GET', '/api/listings?status=open');
    expect(list.statusCode).toBe(200);
    expect((list.json() as { total: number }).total).toBe(2);
    const check = await verifyPublicLog(t.database.db);
    expect(check.ok).toBe(true);
    expect(check.entries).toBeGreaterThanOrEqual(8);
  });
});
