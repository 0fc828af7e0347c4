import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../storage.js';
import { call, createTestApp, type TestApp } from '../../test-support/test-app.js';

/** The demo programmes as `seedDemo` writes them into a fresh database, through the module's own use cases. */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ demo: false });
  expect(await seedDemo(t.database)).not.toBeNull();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('seedSubsidiesDemo', () => {
  it('writes the plan’s seven programmes as active version-1 rows with budgets', async () => {
    const r = await call(t, 'GET', '/api/subsidies/programmes');
    const items = r.json<{ items: { name: string; kind: string; version: number; status: string; remainingFen: number }[] }>().items;
    expect(items.map((i) => i.kind).sort()).toEqual([
      'angel_matching',
      'guidance_injection',
      'incubator_injection',
      'intermediary_conversion',
      'rd_enterprise_subsidy',
      'rd_university_reward',
      'sales_post_subsidy',
    ]);
    expect(items.every((i) => i.version === 1 && i.status === 'active' && i.remainingFen > 0)).toBe(true);
    expect(items.map((i) => i.name)).toContain('湖北省技术开发合同双向补助（企业）2026');
  });

  it('answers the simulator for an R&D contract with both sides of the two-way subsidy', async () => {
    const r = await call(t, 'POST', '/api/subsidies/simulate', {
      body: { contract: { contractType: 'development_commissioned', seller: { legalNature: 'university', regionCode: '420111' }, buyer: { legalNature: 'enterprise_private', regionCode: '420502' }, paid: '2,000,000' } },
    });
    const results = r.json<{ results: { programme: { kind: string }; eligible: boolean; amountFen: number }[] }>().results;
    expect(results.find((x) => x.programme.kind === 'rd_enterprise_subsidy')).toMatchObject({ eligible: true, amountFen: 20_000_000 });
    expect(results.find((x) => x.programme.kind === 'rd_university_reward')).toMatchObject({ eligible: true, amountFen: 16_000_000 });
  });
});
