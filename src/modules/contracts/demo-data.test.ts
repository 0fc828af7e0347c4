import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../storage.js';
import { call, createTestApp, signInDemo, type TestApp } from '../../test-support/test-app.js';
import { verifyPublicLog } from '../public-log/index.js';
import { contracts } from './contracts.tables.js';

/** The demo contracts as `seedDemo` writes them into a fresh database, through the module's own use cases. */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ demo: false });
  expect(await seedDemo(t.database)).not.toBeNull();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('seedContractsDemo', () => {
  it('writes one registered, one accepted and one submitted contract of 江城理工大学 and 星辰激光', async () => {
    const rows = await t.database.db.select().from(contracts);
    expect(rows.map((r) => r.status).sort()).toEqual(['accepted', 'registered', 'submitted']);
    const reg = rows.find((r) => r.status === 'registered');
    expect(reg?.registrationNumber).toMatch(/^420111\d{4}100001$/);
    expect(reg?.transactionAmountFen).toBe(110_000_000);
    const { univMember, govWuhan } = await signInDemo(t, ['univMember', 'govWuhan']);
    const cert = await call(t, 'GET', `/api/contracts/${reg?.id ?? ''}/certificate.pdf`, { as: univMember });
    expect(cert.statusCode).toBe(200);
    expect(cert.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const [row] = await t.database.db.select({ code: contracts.verifyCode }).from(contracts).where(eq(contracts.id, reg?.id ?? ''));
    expect((await call(t, 'GET', `/api/contracts/verify/${reg?.registrationNumber ?? ''}?code=${row?.code ?? ''}`)).statusCode).toBe(200);
    const queue = await call(t, 'GET', '/api/contracts/queue', { as: govWuhan });
    expect(queue.json<{ total: number }>().total).toBe(2);
    expect((await verifyPublicLog(t.database.db)).ok).toBe(true);
  });
});
