import type { AddressInfo } from 'node:net';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth.js';
import { call, createPeerApp, createTestApp, createVerifiedOrganization, DEMO_LOGINS, type Session, signIn, signInDemo, TEST_DATABASE_URL, type TestApp } from '../../test-support/test-app.js';
import { buildAchievementInput } from '../achievements/achievements.fixtures.js';
import { auditLog } from '../audit/index.js';
import { notifications } from '../notifications/index.js';
import { publicLog } from '../public-log/index.js';
import { checkLedgerInvariants } from './auction-rules.js';
import { rulesOf } from './auction-present.js';
import * as q from './auctions.queries.js';
import { type AuctionsRuntime, createAuctions } from './auctions.runtime.js';
import { closeEntry, settleLot, sweepAuctions, verifyLot } from './auctions.service.js';
import { auctionBids, auctionResults } from './auctions.tables.js';
import { placeBid } from './place-bid.js';

interface Lot {
  id: string;
  status: string;
  phase: string;
  priceFen: number | null;
  leaderPaddle: number | null;
  minimumBidFen: number;
  endsAtMs: number;
  reserveFen: number | null;
  result: string | null;
  allowedActions: string[];
  myBidder: { id: string; depositStatus: string; paddle: number | null; refundDueOn: string | null; suspended: boolean } | null;
  history: { seq: number; paddle: number; amountFen: number }[];
  dealResult: { status: string; priceFen: number; paddle: number; buyer: { id: string } | null; confirmationNumber: string } | null;
}
interface Problem {
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
}
interface Bid {
  accepted: boolean;
  replayed: boolean;
  seq: number;
  paddle: number;
  amountFen: number;
  at: string;
  endsAt: string;
  extended: boolean;
}

let t: TestApp;
let rt: AuctionsRuntime;
let operator: Session;
let univ: Session;
let enterprise: Session;
let other: { session: Session; orgId: string };
let third: { session: Session; orgId: string };
let sessionId = '';

async function publishedAchievement(): Promise<string> {
  const a = await call(t, 'POST', '/api/achievements', { as: univ, body: buildAchievementInput() });
  expect(a.statusCode, a.body).toBe(201);
  const id = a.json<{ id: string }>().id;
  expect((await call(t, 'POST', `/api/achievements/${id}/submit`, { as: univ })).statusCode).toBe(200);
  expect((await call(t, 'POST', `/api/achievements/${id}/publish`, { as: operator })).statusCode).toBe(200);
  return id;
}

const MIN = 60_000;
const lotBody = (achievementId: string, o: Record<string, unknown> = {}) => ({
  achievementId,
  startPrice: '100,000',
  increment: '1000',
  reserve: '105000',
  deposit: '1万',
  startsAt: new Date(Date.now() - 1000).toISOString(),
  freeMinutes: 30,
  delayMinutes: 5,
  ...o,
});

async function newLot(o: Record<string, unknown> = {}): Promise<Lot> {
  const res = await call(t, 'POST', `/api/auctions/sessions/${sessionId}/lots`, { as: operator, body: lotBody(await publishedAchievement(), o) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Lot>();
}

const lot = async (id: string, as: Session | null = null) => (await call(t, 'GET', `/api/auctions/lots/${id}`, { as })).json<Lot>();

/** Registers the organization of `as` and has the operator confirm its deposit; returns the paddle. */
async function confirmedBidder(lotId: string, as: Session): Promise<number> {
  const r = await call(t, 'POST', `/api/auctions/lots/${lotId}/register`, { as });
  expect(r.statusCode, r.body).toBe(201);
  const bidderId = r.json<Lot>().myBidder?.id ?? '';
  const c = await call(t, 'POST', `/api/auctions/bidders/${bidderId}/confirm-deposit`, { as: operator, body: { paymentReference: `HX${Date.now()}` } });
  expect(c.statusCode, c.body).toBe(200);
  return c.json<{ paddle: number }>().paddle;
}

let keySerial = 0;
const bid = (lotId: string, as: Session, amount: string, key = `key-${Date.now()}-${keySerial++}`, extra: Record<string, unknown> = {}) =>
  call(t, 'POST', `/api/auctions/lots/${lotId}/bids`, { as, body: { amount, idempotencyKey: key, ...extra } });

beforeAll(async () => {
  t = await createTestApp();
  ({ operator, univ, enterprise } = await signInDemo(t, ['operator', 'univ', 'enterprise']));
  other = await createVerifiedOrganization(t, operator);
  third = await createVerifiedOrganization(t, operator);
  rt = createAuctions({ database: t.database, pdfFont: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc' });
  const s = await call(t, 'POST', '/api/auctions/sessions', { as: operator, body: { title: '智能制造专场', kind: 'industry', industry: 'C' } });
  expect(s.statusCode, s.body).toBe(201);
  sessionId = s.json<{ id: string }>().id;
}, 120_000);

afterAll(async () => {
  await rt?.stop();
  await t?.close();
});

describe('POST /api/auctions/sessions and /lots', () => {
  it('refuses a session without its industry and a lot with bad money, every field with its path', async () => {
    const s = await call(t, 'POST', '/api/auctions/sessions', { as: operator, body: { title: '地区专场', kind: 'region' } });
    expect(s.statusCode).toBe(400);
    expect(s.json<Problem>().errors).toEqual([{ path: 'regionCode', message: '地区专场请选择地区' }]);
    const res = await call(t, 'POST', `/api/auctions/sessions/${sessionId}/lots`, {
      as: operator,
      body: lotBody(await publishedAchievement(), { startPrice: '0', increment: '12.345', deposit: 'abc', delayMinutes: 0 }),
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json<Problem>().errors?.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['startPrice', 'increment', 'deposit', 'delayMinutes']));
    expect(res.json<Problem>().errors?.find((e) => e.path === 'increment')?.message).toContain('精确到分');
  });

  it('creates a lot whose reserve only the operator sees; the owner is notified', async () => {
    const l = await newLot();
    expect(l).toMatchObject({ status: 'active', phase: 'live', priceFen: null, minimumBidFen: 100_000_00, reserveFen: 105_000_00 });
    expect((await lot(l.id)).reserveFen).toBeNull();
    expect((await lot(l.id, enterprise)).allowedActions).toEqual(['register']);
    const n = await t.database.db.select({ n: count() }).from(notifications).where(and(eq(notifications.kind, 'auction_lot_created'), eq(notifications.entityId, l.id)));
    expect(n[0]?.n).toBeGreaterThan(0);
  });
});

describe('registration and deposits', () => {
  it('lets a verified organization register once, refuses the owner, and gives a paddle on the deposit', async () => {
    const l = await newLot();
    expect((await call(t, 'POST', `/api/auctions/lots/${l.id}/register`, { as: univ })).statusCode).toBe(403);
    const r = await call(t, 'POST', `/api/auctions/lots/${l.id}/register`, { as: enterprise });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json<Lot>().myBidder).toMatchObject({ depositStatus: 'pending', paddle: null });
    expect((await call(t, 'POST', `/api/auctions/lots/${l.id}/register`, { as: enterprise })).statusCode).toBe(409);
    // An unconfirmed bidder cannot bid.
    const early = await bid(l.id, enterprise, '100000');
    expect(early.statusCode).toBe(403);
    expect(early.headers['x-kehui-bid-refusal']).toBe('not_confirmed');
    expect(early.json<Problem>().detail).toContain('保证金尚未确认');
    const bidders = await call(t, 'GET', `/api/auctions/lots/${l.id}/bidders`, { as: operator });
    const id = bidders.json<{ items: { id: string }[] }>().items[0]?.id ?? '';
    const c = await call(t, 'POST', `/api/auctions/bidders/${id}/confirm-deposit`, { as: operator, body: { paymentReference: 'HX2026001' } });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ depositStatus: 'confirmed', paymentReference: 'HX2026001' });
    expect(c.json<{ paddle: number }>().paddle).toBeGreaterThanOrEqual(100);
    expect((await call(t, 'POST', `/api/auctions/bidders/${id}/confirm-deposit`, { as: operator, body: { paymentReference: 'again' } })).statusCode).toBe(409);
    const me = await lot(l.id, enterprise);
    expect(me.allowedActions).toContain('bid');
    const mine = await call(t, 'GET', '/api/auctions/mine', { as: enterprise });
    expect(mine.json<{ items: { lot: { id: string } }[] }>().items.map((i) => i.lot.id)).toContain(l.id);
    const audits = await t.database.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.entityType, 'auction_bidder'), eq(auditLog.entityId, id)));
    expect(audits[0]?.n).toBe(2);
  });
});

describe('POST /api/auctions/lots/:id/bids', () => {
  it('refuses off the ladder and below the price with the amount path; accepts on the ladder', async () => {
    const l = await newLot();
    const paddle = await confirmedBidder(l.id, enterprise);
    const off = await bid(l.id, enterprise, '100500');
    expect(off.statusCode).toBe(400);
    expect(off.headers['x-kehui-bid-refusal']).toBe('off_ladder');
    expect(off.json<Problem>().errors).toEqual([{ path: 'amount', message: '出价须为起拍价 100,000.00 元加整数倍加价幅度 1,000.00 元' }]);
    const low = await bid(l.id, enterprise, '99000');
    expect(low.statusCode).toBe(400);
    const ok = await bid(l.id, enterprise, '100000');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<Bid>()).toMatchObject({ accepted: true, replayed: false, seq: 1, paddle, amountFen: 100_000_00 });
    const same = await bid(l.id, enterprise, '100000');
    expect(same.statusCode).toBe(400);
    expect(same.json<Problem>().detail).toBe('当前价 100,000.00 元，出价至少 101,000.00 元');
    expect(same.headers['x-kehui-bid-refusal']).toBe('below_price');
  });

  it('returns the first result for a repeated idempotency key and ignores client timestamps', async () => {
    const l = await newLot();
    await confirmedBidder(l.id, enterprise);
    const before = Date.now();
    const first = await bid(l.id, enterprise, '100000', 'retry-key-0001', { clientTime: '2001-01-01T00:00:00Z' });
    expect(first.statusCode, first.body).toBe(201);
    expect(Date.parse(first.json<Bid>().at)).toBeGreaterThanOrEqual(before - 5);
    const again = await bid(l.id, enterprise, '150000', 'retry-key-0001');
    expect(again.statusCode).toBe(200);
    expect(again.json<Bid>()).toEqual({ ...first.json<Bid>(), replayed: true });
    const rows = await t.database.db.select({ n: count() }).from(auctionBids).where(eq(auctionBids.lotId, l.id));
    expect(rows[0]?.n).toBe(1);
    expect((await lot(l.id)).priceFen).toBe(100_000_00);
  });

  it('answers a retried key with the first result on another server process, even after the price moved', async () => {
    const l = await newLot();
    await confirmedBidder(l.id, enterprise);
    await confirmedBidder(l.id, other.session);
    const first = await bid(l.id, enterprise, '100000', 'cross-process-key-1');
    expect(first.statusCode).toBe(201);
    expect((await bid(l.id, other.session, '105000')).statusCode).toBe(201);
    const peer = await createPeerApp(t);
    try {
      // Each process has its own session secret: sign in there.
      const there = await signIn(peer, DEMO_LOGINS.enterprise);
      const again = await peer.app.inject({
        method: 'POST',
        url: `/api/auctions/lots/${l.id}/bids`,
        headers: { cookie: there.cookie, 'x-csrf-token': there.csrfToken },
        payload: { amount: '100000', idempotencyKey: 'cross-process-key-1' },
      });
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json<Bid>()).toEqual({ ...first.json<Bid>(), replayed: true });
      // The same key with a valid amount: still the first result, nothing applied.
      const valid = await peer.app.inject({
        method: 'POST',
        url: `/api/auctions/lots/${l.id}/bids`,
        headers: { cookie: there.cookie, 'x-csrf-token': there.csrfToken },
        payload: { amount: '200000', idempotencyKey: 'cross-process-key-1' },
      });
      expect(valid.statusCode, valid.body).toBe(200);
      expect(valid.json<Bid>().seq).toBe(1);
      expect((await lot(l.id)).priceFen).toBe(105_000_00);
    } finally {
      await peer.close();
    }
  });

  it("decides under the row lock when another process moved the lot since this process's last batch", async () => {
    const l = await newLot();
    await confirmedBidder(l.id, enterprise);
    await confirmedBidder(l.id, other.session);
    // This process's copy of the lot: price 100,000.
    expect((await bid(l.id, enterprise, '100000')).statusCode).toBe(201);
    const peer = await createPeerApp(t);
    try {
      const there = await signIn(peer, DEMO_LOGINS.enterprise);
      const viaPeer = (amount: string) =>
        peer.app.inject({ method: 'POST', url: `/api/auctions/lots/${l.id}/bids`, headers: { cookie: there.cookie, 'x-csrf-token': there.csrfToken }, payload: { amount, idempotencyKey: `peer-${amount}` } });
      const moved = await viaPeer('110000');
      expect(moved.statusCode, moved.body).toBe(201);
      // Valid against this process's stale copy (100,000), below the real price (110,000).
      const stale = await bid(l.id, other.session, '105000');
      expect(stale.statusCode, stale.body).toBe(400);
      expect(stale.json<Problem>().detail).toBe('当前价 110,000.00 元，出价至少 111,000.00 元');
      expect(stale.headers['x-kehui-bid-refusal']).toBe('below_price');
      const next = await bid(l.id, other.session, '111000');
      expect(next.statusCode, next.body).toBe(201);
      expect(next.json<Bid>().seq).toBe(3);
      // And the other way round: the peer's copy is now the stale one.
      const back = await viaPeer('112000');
      expect(back.statusCode, back.body).toBe(201);
      expect(back.json<Bid>().seq).toBe(4);
    } finally {
      await peer.close();
    }
    const after = await lot(l.id);
    expect(after.priceFen).toBe(112_000_00);
    const v = await call(t, 'GET', `/api/auctions/lots/${l.id}/verify`);
    expect(v.json()).toMatchObject({ ok: true, entries: 4, replay: { ok: true, matchesStored: true } });
  });

  it('rate-limits a flood from one bidder with a clear message', async () => {
    const l = await newLot();
    await confirmedBidder(l.id, enterprise);
    const res = await Promise.all(Array.from({ length: 40 }, (_, i) => bid(l.id, enterprise, String(100_000 + i * 1000))));
    const limited = res.filter((r) => r.statusCode === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]?.json<Problem>().detail).toBe('出价过于频繁：每个竞买人每秒最多出价 20 次，请稍后再试');
    expect(limited[0]?.headers['retry-after']).toBe('1');
  });

  it('orders concurrent bids strictly: accepted bids = ledger entries, increasing, no duplicates', async () => {
    const l = await newLot();
    await confirmedBidder(l.id, enterprise);
    await confirmedBidder(l.id, other.session);
    const attempts = Array.from({ length: 36 }, (_, i) => ({ as: i % 2 ? enterprise : other.session, amount: String(100_000 + (i % 12) * 1000), key: `concurrent-${i % 30}` }));
    const res = await Promise.all(attempts.map((a) => bid(l.id, a.as, a.amount, a.key)));
    const accepted = res.filter((r) => r.statusCode === 201).map((r) => r.json<Bid>());
    expect(accepted.length).toBeGreaterThan(0);
    const ledger = (await call(t, 'GET', `/api/auctions/lots/${l.id}/ledger`)).json<{ items: { seq: number; kind: string; amountFen: number }[] }>().items;
    expect(ledger.filter((e) => e.kind === 'bid').map((e) => e.seq).sort((a, b) => a - b)).toEqual(accepted.map((b) => b.seq).sort((a, b) => a - b));
    const rows = await q.selectLedger(t.database.db, l.id);
    const row = await q.selectLot(t.database.db, l.id);
    if (!row) throw new Error('lot');
    expect(checkLedgerInvariants(rulesOf(row), rows.map((r) => ({ seq: r.seq, kind: r.kind as 'bid', at: r.atMs, paddle: r.paddle, amountFen: r.amountFen, endsAt: r.endsAtMs, extended: r.extended, note: r.note })))).toEqual([]);
    const v = await call(t, 'GET', `/api/auctions/lots/${l.id}/verify`);
    expect(v.json()).toMatchObject({ ok: true, replay: { ok: true, matchesStored: true } });
    // A ledger longer than one read (a busy lot has hundreds of thousands of entries) is verified whole.
    expect(rows.length).toBeGreaterThan(2);
    const paged = await verifyLot(t.database.db, l.id, 2);
    expect(paged).toMatchObject({ ok: true, entries: rows.length, replay: { ok: true, matchesStored: true } });
    expect((await q.selectWholeLedger(t.database.db, l.id, 2)).map((r) => r.seq)).toEqual(rows.map((r) => r.seq));
  });

  it('extends the end by a bid in the delay window', async () => {
    const l = await newLot({ startsAt: new Date(Date.now() - 9 * MIN).toISOString(), freeMinutes: 8, delayMinutes: 2 });
    await confirmedBidder(l.id, enterprise);
    const res = await bid(l.id, enterprise, '100000');
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json<Bid>();
    expect(b.extended).toBe(true);
    expect(Date.parse(b.endsAt) - Date.parse(b.at)).toBe(2 * MIN);
  });

  it('pauses with a reason (bids refused) and resumes with the time given back', async () => {
    const l = await newLot();
    await confirmedBidder(l.id, enterprise);
    const p = await call(t, 'POST', `/api/auctions/lots/${l.id}/pause`, { as: operator, body: { reason: '网络故障' } });
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json()).toMatchObject({ status: 'paused', phase: 'paused', pauseReason: '网络故障', allowedActions: expect.arrayContaining(['resume']) });
    const refused = await bid(l.id, enterprise, '100000');
    expect(refused.statusCode).toBe(409);
    expect(refused.json<Problem>().detail).toBe('拍卖已暂停，暂不接受出价');
    const r = await call(t, 'POST', `/api/auctions/lots/${l.id}/resume`, { as: operator });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json<Lot>().endsAtMs).toBeGreaterThanOrEqual(l.endsAtMs);
    expect((await bid(l.id, enterprise, '100000')).statusCode).toBe(201);
  });
});

describe('close', () => {
  it('sells to the highest bid ≥ reserve: result, notice, released deposits, PDF, public log, verification', async () => {
    const l = await newLot();
    const pw = await confirmedBidder(l.id, enterprise);
    await confirmedBidder(l.id, other.session);
    const reg = await call(t, 'POST', `/api/auctions/lots/${l.id}/register`, { as: third.session });
    expect(reg.statusCode).toBe(201);
    expect((await bid(l.id, other.session, '100000')).statusCode).toBe(201);
    expect((await bid(l.id, enterprise, '106000')).statusCode).toBe(201);
    expect((await bid(l.id, other.session, '105000')).statusCode).toBe(400);
    const swept = await sweepAuctions(rt, new Date(l.endsAtMs + 60 * MIN));
    expect(swept.closed).toBeGreaterThanOrEqual(1);
    const after = await lot(l.id, enterprise);
    expect(after).toMatchObject({ status: 'closed', phase: 'closed', result: 'sold', priceFen: 106_000_00, leaderPaddle: pw });
    expect(after.dealResult).toMatchObject({ status: 'notice', priceFen: 106_000_00, paddle: pw });
    expect(after.dealResult?.buyer).not.toBeNull();
    expect((await lot(l.id)).dealResult?.buyer).toBeNull();
    expect(after.myBidder?.depositStatus).toBe('applied');
    // No bid after the close.
    const late = await bid(l.id, other.session, '200000');
    expect(late.statusCode).toBe(409);
    expect(late.json<Problem>().detail).toBe('本标的竞价已结束，不再接受出价');
    // The loser's and the unconfirmed registrant's deposits are released, refund due in 5 working days.
    const loser = await lot(l.id, other.session);
    expect(loser.myBidder?.depositStatus).toBe('released');
    expect(loser.myBidder?.refundDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const deposits = (await call(t, 'GET', '/api/auctions/deposits?status=released&pageSize=100', { as: operator })).json<{ items: { id: string; lotId: string }[] }>().items.filter((d) => d.lotId === l.id);
    expect(deposits).toHaveLength(2);
    const refund = await call(t, 'POST', `/api/auctions/bidders/${deposits[0]?.id}/refund`, { as: operator, body: { refundReference: 'TK001' } });
    expect(refund.json()).toMatchObject({ depositStatus: 'refunded', refundReference: 'TK001' });
    // 成交确认书 for the parties only.
    const pdf = await call(t, 'GET', `/api/auctions/lots/${l.id}/confirmation.pdf`, { as: enterprise });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await call(t, 'GET', `/api/auctions/lots/${l.id}/confirmation.pdf`, { as: other.session })).statusCode).toBe(403);
    const logged = await t.database.db.select({ n: count() }).from(publicLog).where(eq(publicLog.type, 'auction_deal_concluded'));
    expect(logged[0]?.n).toBeGreaterThan(0);
    const v = (await call(t, 'GET', `/api/auctions/lots/${l.id}/verify`)).json();
    expect(v).toMatchObject({ ok: true, replay: { ok: true, result: 'sold', priceFen: 106_000_00, matchesStored: true } });
  });

  it('settles a lot closed by a process that stopped before settling it, once', async () => {
    const l = await newLot();
    await confirmedBidder(l.id, enterprise);
    await confirmedBidder(l.id, other.session);
    expect((await bid(l.id, enterprise, '106000')).statusCode).toBe(201);
    expect(await closeEntry(rt, l.id, l.endsAtMs + MIN)).toBe('sold');
    const closed = await lot(l.id, other.session);
    expect(closed).toMatchObject({ status: 'closed', result: 'sold', dealResult: null, myBidder: { depositStatus: 'confirmed' } });
    // The bid after the close is refused while the settlement is outstanding.
    expect((await bid(l.id, other.session, '200000')).json<Problem>().detail).toBe('本标的竞价已结束，不再接受出价');
    const notices = () => t.database.db.select({ n: count() }).from(notifications).where(and(eq(notifications.entityId, l.id), eq(notifications.kind, 'auction_closed')));
    expect((await notices())[0]?.n).toBe(0);
    await sweepAuctions(rt, new Date(l.endsAtMs + 2 * MIN));
    const settled = await lot(l.id, enterprise);
    expect(settled.dealResult).toMatchObject({ status: 'notice', priceFen: 106_000_00 });
    expect(settled.myBidder?.depositStatus).toBe('applied');
    expect((await lot(l.id, other.session)).myBidder?.depositStatus).toBe('released');
    const written = (await notices())[0]?.n ?? 0;
    expect(written).toBeGreaterThanOrEqual(3); // the loser's members, the winner's and the owner's
    // Settled once: a second sweep and a direct call change nothing.
    await sweepAuctions(rt, new Date(l.endsAtMs + 3 * MIN));
    expect(await settleLot(rt, l.id)).toBe(false);
    expect((await notices())[0]?.n).toBe(written);
    const results = await t.database.db.select({ n: count() }).from(auctionResults).where(eq(auctionResults.lotId, l.id));
    expect(results[0]?.n).toBe(1);
    const audits = await t.database.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.entityId, l.id), eq(auditLog.action, 'auction_lot.closed')));
    expect(audits[0]?.n).toBe(1);
  });

  it('closes the lot in the batch of the first bids after the end, then settles it', async () => {
    const l = await newLot();
    await confirmedBidder(l.id, enterprise);
    await confirmedBidder(l.id, other.session);
    expect((await bid(l.id, enterprise, '106000')).statusCode).toBe(201);
    // A process whose clock is past the end, with no close of its own yet: its bid's batch closes the lot.
    const late = createAuctions({ database: t.database, clock: () => l.endsAtMs + 1000, pdfFont: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc' });
    const actor: Actor = { userId: other.session.userId, name: '竞买人', organizationId: other.orgId, organizationRegionCode: null, organizationStatus: 'verified', roles: [{ role: 'org_admin', regionCode: null }], via: 'session', sessionId: null, csrfToken: null, scopes: [] };
    try {
      await expect(placeBid(late, { actor, requestId: 'test', ip: null }, l.id, { amount: '107000', idempotencyKey: 'after-the-end' })).rejects.toMatchObject({ code: 'invalid_state', detail: '本标的竞价已结束，不再接受出价' });
      const ledger = await q.selectWholeLedger(t.database.db, l.id);
      expect(ledger.map((e) => e.kind)).toEqual(['bid', 'close']);
      expect(ledger[1]).toMatchObject({ note: 'sold', amountFen: 106_000_00 });
      // That process settles it once no bid has come for a second.
      expect((await lot(l.id, enterprise)).dealResult).toBeNull();
      for (let i = 0; i < 200 && !(await lot(l.id, enterprise)).dealResult; i++) await new Promise((r) => setTimeout(r, 20));
      const after = await lot(l.id, enterprise);
      expect(after).toMatchObject({ status: 'closed', result: 'sold', priceFen: 106_000_00, dealResult: { status: 'notice' }, myBidder: { depositStatus: 'applied' } });
      // This process's stale copy still said live: its bid is refused from the row.
      const refused = await bid(l.id, other.session, '108000');
      expect(refused.json<Problem>().detail).toBe('本标的竞价已结束，不再接受出价');
      expect((await call(t, 'GET', `/api/auctions/lots/${l.id}/verify`)).json()).toMatchObject({ ok: true, replay: { matchesStored: true, result: 'sold' } });
    } finally {
      await late.stop();
    }
  });

  it('is unsold below the reserve', async () => {
    const l = await newLot();
    await confirmedBidder(l.id, enterprise);
    expect((await bid(l.id, enterprise, '104000')).statusCode).toBe(201);
    await sweepAuctions(rt, new Date(l.endsAtMs + MIN));
    const after = await lot(l.id, enterprise);
    expect(after).toMatchObject({ result: 'unsold', dealResult: null, myBidder: { depositStatus: 'released' } });
  });

  it("records the winner's default: deposit forfeited, bidder suspended, no new registration and no bid elsewhere", async () => {
    const l = await newLot();
    await confirmedBidder(l.id, third.session);
    // Registered and confirmed on another lot too: the default bars it there as well.
    const elsewhere = await newLot({ freeMinutes: 240 });
    await confirmedBidder(elsewhere.id, third.session);
    expect((await bid(l.id, third.session, '110000')).statusCode).toBe(201);
    await sweepAuctions(rt, new Date(l.endsAtMs + MIN));
    const d = await call(t, 'POST', `/api/auctions/lots/${l.id}/default`, { as: operator, body: { reason: '逾期未签订合同' } });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({ result: 'defaulted', dealResult: { status: 'defaulted' } });
    const me = await lot(l.id, third.session);
    expect(me.myBidder).toMatchObject({ depositStatus: 'forfeited', suspended: true });
    const next = await newLot();
    const r = await call(t, 'POST', `/api/auctions/lots/${next.id}/register`, { as: third.session });
    expect(r.statusCode).toBe(403);
    expect(r.json<Problem>().detail).toContain('暂停竞买资格');
    const barred = await bid(elsewhere.id, third.session, '105000');
    expect(barred.statusCode).toBe(403);
    expect(barred.json<Problem>().detail).toContain('竞买资格已暂停');
    expect((await lot(elsewhere.id, third.session)).myBidder).toMatchObject({ suspended: true });
    // The ledger still replays to the sale it recorded.
    expect((await call(t, 'GET', `/api/auctions/lots/${l.id}/verify`)).json()).toMatchObject({ ok: true, replay: { matchesStored: true } });
  });
});

/** Reads SSE messages from a real HTTP stream until `until` holds. */
async function readEvents(url: string, until: (events: { event: string; data: Record<string, unknown>; id?: string }[]) => boolean, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body?.getReader();
  if (!reader) throw new Error('no body');
  const events: { event: string; data: Record<string, unknown>; id?: string }[] = [];
  const decoder = new TextDecoder();
  let buf = '';
  const done = (async () => {
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) return;
      buf += decoder.decode(value, { stream: true });
      let i = buf.indexOf('\n\n');
      while (i >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const lines = block.split('\n');
        const event = lines.find((x) => x.startsWith('event: '))?.slice(7);
        const data = lines.find((x) => x.startsWith('data: '))?.slice(6);
        const id = lines.find((x) => x.startsWith('id: '))?.slice(4);
        if (event && data) events.push({ event, data: JSON.parse(data) as Record<string, unknown>, ...(id ? { id } : {}) });
        if (until(events)) {
          controller.abort();
          return;
        }
        i = buf.indexOf('\n\n');
      }
    }
  })().catch((err: unknown) => {
    if ((err as { name?: string }).name !== 'AbortError') throw err;
  });
  return { events, done };
}

describe('GET /api/auctions/lots/:id/events (SSE)', () => {
  it('streams a snapshot, then every accepted bid to every watcher; Last-Event-ID resumes from the ledger', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const l = await newLot();
    await confirmedBidder(l.id, enterprise);
    await confirmedBidder(l.id, other.session);
    const a = await readEvents(`${base}/api/auctions/lots/${l.id}/events`, (e) => e.filter((x) => x.event === 'bid').length >= 2);
    const b = await readEvents(`${base}/api/auctions/lots/${l.id}/events`, (e) => e.filter((x) => x.event === 'bid').length >= 2);
    await new Promise((r) => setTimeout(r, 200));
    expect((await bid(l.id, enterprise, '100000')).statusCode).toBe(201);
    expect((await bid(l.id, other.session, '101000')).statusCode).toBe(201);
    await Promise.all([a.done, b.done]);
    for (const w of [a, b]) {
      expect(w.events[0]?.event).toBe('snapshot');
      expect(w.events.filter((e) => e.event === 'bid').map((e) => [e.id, e.data.amountFen])).toEqual([
        ['1', 100_000_00],
        ['2', 101_000_00],
      ]);
      // Paddles only: no organization in the stream.
      expect(JSON.stringify(w.events)).not.toContain(other.orgId);
    }
    const resumed = await readEvents(`${base}/api/auctions/lots/${l.id}/events`, (e) => e.some((x) => x.event === 'snapshot'), { 'last-event-id': '1' });
    await resumed.done;
    expect(resumed.events.map((e) => e.event)).toEqual(['bid', 'snapshot']);
    expect(resumed.events[0]?.id).toBe('2');
  });

  it.skipIf(!TEST_DATABASE_URL)('delivers bids placed on another server process (PostgreSQL LISTEN/NOTIFY)', async () => {
    const peer = await createPeerApp(t);
    try {
      await peer.app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(peer.app.server.address() as AddressInfo).port}`;
      const l = await newLot();
      await confirmedBidder(l.id, enterprise);
      const w = await readEvents(`${base}/api/auctions/lots/${l.id}/events`, (e) => e.some((x) => x.event === 'bid'));
      await new Promise((r) => setTimeout(r, 200));
      // The bid goes to the first app; the watcher is on the peer.
      expect((await bid(l.id, enterprise, '100000')).statusCode).toBe(201);
      await w.done;
      expect(w.events.find((e) => e.event === 'bid')?.data).toMatchObject({ seq: 1, amountFen: 100_000_00 });
      // Both processes bid on one lot: one strictly ordered ledger.
      const there = await signIn(peer, DEMO_LOGINS.enterprise);
      const viaPeer = await peer.app.inject({ method: 'POST', url: `/api/auctions/lots/${l.id}/bids`, headers: { cookie: there.cookie, 'x-csrf-token': there.csrfToken }, payload: { amount: '101000', idempotencyKey: 'peer-key-0001' } });
      expect(viaPeer.statusCode, viaPeer.body).toBe(201);
      expect(viaPeer.json<Bid>().seq).toBe(2);
    } finally {
      await peer.close();
    }
  });

  it.skipIf(!TEST_DATABASE_URL)('refuses the bids of a bidder suspended by another process as soon as its default commits (notice)', async () => {
    const buyer = (await createVerifiedOrganization(t, operator)).session;
    const l = await newLot();
    await confirmedBidder(l.id, buyer);
    const elsewhere = await newLot({ freeMinutes: 240 });
    await confirmedBidder(elsewhere.id, buyer);
    // This process now holds the bidder as eligible on the other lot (kept up to a minute while it hears notices).
    expect((await bid(elsewhere.id, buyer, '100000')).statusCode).toBe(201);
    expect((await bid(elsewhere.id, buyer, '100001')).headers['x-kehui-bid-refusal']).toBe('off_ladder');
    expect((await bid(l.id, buyer, '110000')).statusCode).toBe(201);
    await sweepAuctions(rt, new Date(l.endsAtMs + MIN));
    const peer = await createPeerApp(t);
    try {
      const operatorThere = await signIn(peer, DEMO_LOGINS.operator);
      const d = await peer.app.inject({ method: 'POST', url: `/api/auctions/lots/${l.id}/default`, headers: { cookie: operatorThere.cookie, 'x-csrf-token': operatorThere.csrfToken }, payload: { reason: '逾期未签订合同' } });
      expect(d.statusCode, d.body).toBe(200);
      // An amount off the ladder: refused as off the ladder while the bidder counts as eligible here,
      // and for the suspension once the notice arrived (the eligibility check comes first).
      await expect.poll(async () => (await bid(elsewhere.id, buyer, '100001')).statusCode, { timeout: 3000, interval: 100 }).toBe(403);
    } finally {
      await peer.close();
    }
  });
});
