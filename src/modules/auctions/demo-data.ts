import type { Actor, RequestContext } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import { systemActorByEmail } from '../accounts/index.js';
import * as q from './auctions.queries.js';
import { createAuctions } from './auctions.runtime.js';
import { confirmDeposit, createLot, createSession, registerBidder } from './auctions.service.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * A demo 专场 written through the module's own use cases: one lot of 江城理工大学 open for bidding for a
 * week from the seed, one starting in three days; the demo enterprise is registered for the open lot
 * with its deposit confirmed (paddle given), so it can bid at once. The running server's sweep closes
 * the lots; seeding sets no timers.
 */
export async function seedAuctionsDemo(db: Db, now = new Date()): Promise<number> {
  const operator = await systemActorByEmail(db, 'operator@kehui.example.cn');
  const owner = await systemActorByEmail(db, 'univ.admin@kehui.example.cn');
  const bidder = await systemActorByEmail(db, 'enterprise.admin@kehui.example.cn');
  if (!operator || !owner?.organizationId || !bidder) return 0;
  // The newest published achievements: the demo listings took the oldest ones.
  const picked = await q.selectNewestPublishedAchievements(db, owner.organizationId, 2);
  const [first, second] = picked;
  if (!first || !second) return 0;

  const rt = createAuctions({ database: { db, kind: 'pglite' }, pdfFont: '', clock: () => now.getTime() });
  rt.scheduleClose = () => undefined;
  const ctx = (actor: Actor): RequestContext => ({ actor, requestId: 'demo-data', ip: null });
  const year = now.getUTCFullYear();
  const session = await createSession(rt, ctx(operator), {
    title: `${year} 年武汉光电子信息产业科技成果专场拍卖会`,
    kind: 'region',
    regionCode: '420100',
    description: '江城理工大学光电子信息领域专利成果网上拍卖：起拍价、加价幅度公开，保留价不公开；竞买人须报名并交纳保证金，经确认后取得竞买号牌。',
  });
  const live = await createLot(rt, ctx(operator), session.id, {
    achievementId: first.id,
    startPrice: '500,000',
    increment: '10,000',
    reserve: '600,000',
    deposit: '5万',
    startsAt: now.toISOString(),
    freeMinutes: 7 * 24 * 60,
    delayMinutes: 5,
  });
  await createLot(rt, ctx(operator), session.id, {
    achievementId: second.id,
    startPrice: '800,000',
    increment: '20,000',
    reserve: '1,000,000',
    deposit: '8万',
    startsAt: new Date(now.getTime() + 3 * DAY).toISOString(),
    freeMinutes: 2 * 24 * 60,
    delayMinutes: 5,
  });
  const registered = await registerBidder(rt, ctx(bidder), live.id);
  const bidderId = registered.myBidder?.id;
  if (bidderId) await confirmDeposit(rt, ctx(operator), bidderId, { paymentReference: `HX${year}-DEMO-0001` });
  return 2;
}
