/**
 * Use cases of the auctions module (网上拍卖会): sessions and lots, registration and deposits,
 * pause/resume, the close (sold → deal notice → contract; unsold), deposit refunds, the winner's
 * default, the public ledger and its verification. Bids are in `place-bid.ts`. Every change writes
 * its audit entry in its transaction; bids are recorded in the hash-chained ledger instead (it is
 * the audit record of bidding, with user id and server time per entry).
 */
import { randomInt } from 'node:crypto';
import { type Actor, mustActor, type RequestContext, systemContext } from '../../platform/auth.js';
import { type Db, isUniqueViolation } from '../../platform/db.js';
import { AppError, type FieldError, fieldError, forbidden, notFound, validationFailed } from '../../platform/errors.js';
import { fenToYuanString, formatFen, parseYuanToFen } from '../../platform/money.js';
import { INDUSTRY_VALUES } from '../achievements/index.js';
import { recordAudit } from '../audit/index.js';
import { shanghaiDate, workingDayPeriod } from '../listings/index.js';
import { type NewNotification, notifyOperators, notifyOrganization } from '../notifications/index.js';
import { appendPublicLog } from '../public-log/index.js';
import { renderConfirmation } from './auction-confirmation.js';
import { AUCTION_PERIODS, AUCTION_PHASES, auctionLabelOf, LOT_BOUNDS, SESSION_KINDS } from './auction-codes.js';
import { chain, GENESIS_HASH, verifyLedger } from './auction-ledger.js';
import { bidderOut, cachedLot, closeColumns, entryOf, eventOfRow, lotOut, myBidderOut, resultOut, rulesOf, stateColumns, stateOf } from './auction-present.js';
import { checkLotRules, closeLot, initialState, type LotRules, pauseLot, replay, resumeLot } from './auction-rules.js';
import { canRegister, isBidderCandidate, isResultParty } from './auctions.policy.js';
import * as q from './auctions.queries.js';
import type { LotRow } from './auctions.queries.js';
import { type AuctionsRuntime, forgetOrganizationBidders } from './auctions.runtime.js';
import type { CreateLot, CreateSession, LotDetail, VerifyOut } from './auctions.schemas.js';
import { forgetBidder, notifyPeers, notifySuspension } from './place-bid.js';
import { organizationNames } from '../accounts/index.js';

const conflict = (detail: string) => new AppError('invalid_state', detail);
const link = (lotId: string) => `/auctions/lots/${lotId}`;
const orgName = async (db: Db, id: string) => (await organizationNames(db, [id])).get(id) ?? '';

async function audit(tx: Db, ctx: RequestContext, entityType: string, id: string, regionCode: string | null, action: string, before?: unknown, after?: unknown) {
  await recordAudit(tx, ctx, { action, entityType, entityId: id, regionCode, before, after });
}

async function mustLot(db: Db, id: string, forUpdate = false): Promise<LotRow> {
  const lot = await q.selectLot(db, id, forUpdate);
  if (!lot) throw notFound('拍卖标的');
  return lot;
}

// ---------- sessions ----------

/** 专场: the operator opens a session by industry or by region; lots are added to it. */
export async function createSession(rt: AuctionsRuntime, ctx: RequestContext, input: CreateSession) {
  mustActor(ctx);
  const errors: FieldError[] = [];
  if (input.kind === 'industry' && !(input.industry && (INDUSTRY_VALUES as readonly string[]).includes(input.industry))) errors.push({ path: 'industry', message: '行业专场请选择行业' });
  if (input.kind === 'region' && !input.regionCode) errors.push({ path: 'regionCode', message: '地区专场请选择地区' });
  if (errors.length) throw validationFailed(errors);
  return rt.db.transaction(async (tx) => {
    const row = await q.insertSession(tx, {
      title: input.title,
      kind: input.kind,
      industry: input.kind === 'industry' ? (input.industry ?? null) : null,
      regionCode: input.kind === 'region' ? (input.regionCode ?? null) : null,
      description: input.description ?? '',
      createdBy: ctx.actor?.userId ?? null,
    });
    await audit(tx, ctx, 'auction_session', row.id, row.regionCode, 'auction_session.created', undefined, { title: row.title, kind: row.kind, industry: row.industry, regionCode: row.regionCode });
    return sessionOut(tx, row, [], ctx.actor);
  });
}

async function sessionOut(db: Db, s: q.SessionRow, lots: LotRow[], actor: Actor | null) {
  const now = Date.now();
  const names = await organizationNames(db, lots.map((l) => l.ownerOrganizationId));
  const outs = lots.map((l) => lotOut(l, names.get(l.ownerOrganizationId) ?? '', actor, undefined, now));
  const open = lots.filter((l) => l.status !== 'closed');
  const phase = !lots.length ? 'upcoming' : !open.length ? 'closed' : open.some((l) => l.startsAt.getTime() <= now) ? 'live' : 'upcoming';
  const firstStart = lots.length ? new Date(Math.min(...lots.map((l) => l.startsAt.getTime()))).toISOString() : null;
  const lastEnd = lots.length ? new Date(Math.max(...lots.map((l) => l.endsAt.getTime()))).toISOString() : null;
  return {
    id: s.id,
    title: s.title,
    kind: s.kind,
    kindLabel: auctionLabelOf(SESSION_KINDS, s.kind),
    industry: s.industry,
    regionCode: s.regionCode,
    description: s.description,
    phase,
    phaseLabel: auctionLabelOf(AUCTION_PHASES, phase),
    firstStart,
    lastEnd,
    lotCount: lots.length,
    lots: outs,
  };
}

/** 拍卖会: sessions with their lots, by phase (upcoming, live, closed); sessions without lots are not listed. */
export async function listSessions(rt: AuctionsRuntime, actor: Actor | null, query: { page: number; pageSize: number; phase?: string | undefined }) {
  const { items, total } = await q.listSessions(rt.db, query.page, query.pageSize, query.phase, new Date(rt.clock()));
  const lots = await q.selectLotsOfSessions(rt.db, items.map((i) => i.session.id));
  const out = [];
  for (const i of items) out.push(await sessionOut(rt.db, i.session, lots.filter((l) => l.sessionId === i.session.id), actor));
  return { items: out, total, page: query.page, pageSize: query.pageSize };
}

export async function getSession(rt: AuctionsRuntime, actor: Actor | null, id: string) {
  const s = await q.selectSession(rt.db, id);
  if (!s) throw notFound('拍卖专场');
  return sessionOut(rt.db, s, await q.selectLotsOfSessions(rt.db, [id]), actor);
}

// ---------- lots ----------

function money(path: string, label: string, input: string | undefined, errors: FieldError[], allowZero = false): number {
  if (input === undefined || input.trim() === '') return 0;
  const r = parseYuanToFen(input);
  if (!r.ok) {
    errors.push({ path, message: `${label}：${r.message}` });
    return 0;
  }
  if (!allowZero && r.fen <= 0) errors.push({ path, message: `${label}必须大于 0` });
  return r.fen;
}

/**
 * 标的: the operator puts a published achievement into a session with its price ladder, hidden
 * reserve, deposit and schedule. One open lot per achievement.
 */
export async function createLot(rt: AuctionsRuntime, ctx: RequestContext, sessionId: string, input: CreateLot) {
  mustActor(ctx);
  const session = await q.selectSession(rt.db, sessionId);
  if (!session) throw notFound('拍卖专场');
  const achievement = await q.selectAchievementFacts(rt.db, input.achievementId);
  if (!achievement) throw fieldError('achievementId', '成果不存在');
  if (achievement.status !== 'published') throw fieldError('achievementId', '只有已发布的成果可以拍卖');
  const errors: FieldError[] = [];
  const startPriceFen = money('startPrice', '起拍价', input.startPrice, errors);
  const incrementFen = money('increment', '加价幅度', input.increment, errors);
  const reserveFen = money('reserve', '保留价', input.reserve, errors, true);
  const depositFen = money('deposit', '保证金', input.deposit, errors);
  if (!input.deposit.trim()) errors.push({ path: 'deposit', message: '请填写保证金' });
  const now = rt.clock();
  const startsAt = Date.parse(input.startsAt);
  // A lot may start "now" (the operator's clock may be a little behind), not in the past.
  if (startsAt < now - 10 * 60_000) errors.push({ path: 'startsAt', message: '开拍时间不能早于当前时间' });
  const b = LOT_BOUNDS;
  if (input.freeMinutes < b.freeMinutes.min || input.freeMinutes > b.freeMinutes.max) errors.push({ path: 'freeMinutes', message: `自由竞价期应为 ${b.freeMinutes.min}–${b.freeMinutes.max} 分钟` });
  if (input.delayMinutes < b.delayMinutes.min || input.delayMinutes > b.delayMinutes.max) errors.push({ path: 'delayMinutes', message: `限时竞价周期应为 ${b.delayMinutes.min}–${b.delayMinutes.max} 分钟` });
  const rules: LotRules = {
    startPriceFen,
    incrementFen,
    reserveFen,
    startsAt,
    freeEndsAt: startsAt + input.freeMinutes * 60_000,
    delayMs: input.delayMinutes * 60_000,
    latestEndAt: input.latestEndAt ? Date.parse(input.latestEndAt) : null,
  };
  if (!errors.length) errors.push(...checkLotRules(rules));
  if (reserveFen && startPriceFen && reserveFen < startPriceFen) errors.push({ path: 'reserve', message: '保留价不能低于起拍价' });
  if (errors.length) throw validationFailed(errors);
  const state = initialState(rules);
  return rt.db.transaction(async (tx) => {
    if ((await q.countOpenLotsOfAchievement(tx, achievement.id)) > 0) throw conflict('该成果已有未结束的拍卖标的');
    const lot = await q.insertLot(tx, {
      sessionId,
      achievementId: achievement.id,
      ownerOrganizationId: achievement.ownerOrganizationId,
      regionCode: achievement.regionCode,
      title: achievement.title,
      startPriceFen,
      incrementFen,
      reserveFen,
      depositFen,
      startsAt: new Date(rules.startsAt),
      freeEndsAt: new Date(rules.freeEndsAt),
      delayMinutes: input.delayMinutes,
      latestEndAt: rules.latestEndAt === null ? null : new Date(rules.latestEndAt),
      ...stateColumns(state, GENESIS_HASH),
      createdBy: ctx.actor?.userId ?? null,
    });
    await audit(tx, ctx, 'auction_lot', lot.id, lot.regionCode, 'auction_lot.created', undefined, {
      sessionId,
      achievementId: lot.achievementId,
      startPriceFen,
      incrementFen,
      reserveFen,
      depositFen,
      startsAt: lot.startsAt,
      freeEndsAt: lot.freeEndsAt,
      delayMinutes: lot.delayMinutes,
      latestEndAt: lot.latestEndAt,
    });
    await notifyOrganization(tx, lot.ownerOrganizationId, {
      kind: 'auction_lot_created',
      title: `成果「${lot.title}」已列入拍卖专场「${session.title}」`,
      body: `起拍价 ${formatFen(startPriceFen)} 元，开拍时间 ${lot.startsAt.toISOString()}。`,
      link: link(lot.id),
      entityType: 'auction_lot',
      entityId: lot.id,
    });
    rt.scheduleClose(lot.id, state.endsAt);
    return lotOut(lot, await orgName(tx, lot.ownerOrganizationId), ctx.actor, undefined, rt.clock());
  });
}

/** 标的详情: live price, end, the latest bids (paddles only), the caller's registration and actions. */
export async function getLot(rt: AuctionsRuntime, actor: Actor | null, id: string): Promise<LotDetail> {
  let lot = await mustLot(rt.db, id);
  // Close on read when the end has passed and the sweep has not run yet.
  if (lot.status === 'active' && lot.endsAt.getTime() <= rt.clock()) {
    await closeDueLot(rt, id);
    lot = await mustLot(rt.db, id);
  }
  return lotDetail(rt, rt.db, lot, actor);
}

async function lotDetail(rt: AuctionsRuntime, db: Db, lot: LotRow, actor: Actor | null): Promise<LotDetail> {
  // One after another: inside a transaction these share one connection.
  const session = await q.selectSession(db, lot.sessionId);
  const recent = await q.selectRecentBids(db, lot.id, 50);
  const result = await q.selectResultOfLot(db, lot.id);
  const mine = actor?.organizationId ? await q.selectBidderOf(db, lot.id, actor.organizationId) : undefined;
  const names = await organizationNames(db, [lot.ownerOrganizationId, ...(result ? [result.buyerOrganizationId] : [])]);
  return {
    ...lotOut(lot, names.get(lot.ownerOrganizationId) ?? '', actor, mine, rt.clock()),
    session: { id: session?.id ?? lot.sessionId, title: session?.title ?? '', kind: session?.kind ?? '' },
    history: recent.map((b) => ({ seq: b.seq, paddle: b.paddle ?? 0, amountFen: b.amountFen ?? 0, at: new Date(b.atMs).toISOString(), extended: b.extended })),
    myBidder: mine ? myBidderOut(mine) : null,
    dealResult: result ? resultOut(result, isResultParty(actor, result) ? (names.get(result.buyerOrganizationId) ?? '') : null) : null,
  };
}

// ---------- registration and deposits ----------

/** 报名: a verified organization (not the owner, not suspended) registers; the deposit is then confirmed by the operator. */
export async function registerBidder(rt: AuctionsRuntime, ctx: RequestContext, lotId: string) {
  const actor = mustActor(ctx);
  if (!isBidderCandidate(actor)) throw forbidden('只有已认证机构的成员可以报名竞买');
  try {
    return await rt.db.transaction(async (tx) => {
      const lot = await mustLot(tx, lotId);
      if (actor.organizationId === lot.ownerOrganizationId) throw forbidden('不能竞买本单位的成果');
      if (!canRegister(actor, lot)) throw conflict('该标的竞价已结束，不能报名');
      if (await q.isOrganizationSuspended(tx, actor.organizationId)) throw forbidden('贵单位因拍卖违约已被暂停竞买资格，请联系平台运营方');
      if (await q.selectBidderOf(tx, lotId, actor.organizationId)) throw new AppError('duplicate', '贵单位已报名该标的');
      const b = await q.insertBidder(tx, { lotId, organizationId: actor.organizationId, registeredBy: actor.userId, depositFen: lot.depositFen });
      await audit(tx, ctx, 'auction_bidder', b.id, lot.regionCode, 'auction_bidder.registered', undefined, { lotId, organizationId: b.organizationId, depositFen: b.depositFen });
      await notifyOperators(tx, {
        kind: 'auction_registration',
        title: `「${lot.title}」有新的竞买报名，待确认保证金`,
        body: `${await orgName(tx, actor.organizationId)}，保证金 ${formatFen(lot.depositFen)} 元。`,
        link: '/workspace/auctions',
        entityType: 'auction_lot',
        entityId: lot.id,
      });
      return lotDetail(rt, tx, lot, actor);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('duplicate', '贵单位已报名该标的');
    throw err;
  }
}

/** Paddle numbers (竞买号): random unused three-digit numbers, so they say nothing about who or when. */
async function freePaddle(tx: Db, lotId: string): Promise<number> {
  const used = await q.selectPaddles(tx, lotId);
  const [lo, hi] = used.size < 700 ? [100, 1000] : [1000, 10_000];
  for (;;) {
    const p = randomInt(lo, hi);
    if (!used.has(p)) return p;
  }
}

/** The operator records the deposit's payment reference; the bidder gets its paddle and may bid. */
export async function confirmDeposit(rt: AuctionsRuntime, ctx: RequestContext, bidderId: string, input: { paymentReference: string }) {
  mustActor(ctx);
  const now = new Date(rt.clock());
  const out = await rt.db.transaction(async (tx) => {
    const b = await q.selectBidder(tx, bidderId, true);
    if (!b) throw notFound('竞买报名');
    // The lot lock serializes paddle choices of concurrent confirmations (the unique index backs it).
    const lot = await mustLot(tx, b.lotId, true);
    if (b.depositStatus !== 'pending') throw conflict('该保证金已确认或已处理');
    if (lot.status === 'closed') throw conflict('该标的竞价已结束，不能再确认保证金');
    const paddle = await freePaddle(tx, lot.id);
    const after = await q.updateBidder(tx, b.id, { depositStatus: 'confirmed', paymentReference: input.paymentReference, depositConfirmedAt: now, depositConfirmedBy: ctx.actor?.userId ?? null, paddle }, 'pending');
    if (!after) throw conflict('该保证金已确认或已处理');
    await audit(tx, ctx, 'auction_bidder', b.id, lot.regionCode, 'auction_bidder.deposit_confirmed', { depositStatus: 'pending' }, { depositStatus: 'confirmed', paymentReference: input.paymentReference, paddle });
    await notifyOrganization(tx, b.organizationId, {
      kind: 'auction_deposit_confirmed',
      title: `「${lot.title}」保证金已确认，竞买号 ${paddle}`,
      body: `开拍时间 ${lot.startsAt.toISOString()}，请凭竞买号参与竞价。`,
      link: link(lot.id),
      entityType: 'auction_lot',
      entityId: lot.id,
    });
    return bidderOut(after, lot.title, await orgName(tx, after.organizationId), shanghaiDate(now));
  });
  forgetBidder(rt, out.lotId, out.organization.id);
  return out;
}

/** The operator records the refund of a released deposit (its payment reference). */
export async function markRefunded(rt: AuctionsRuntime, ctx: RequestContext, bidderId: string, input: { refundReference: string }) {
  mustActor(ctx);
  const now = new Date(rt.clock());
  return rt.db.transaction(async (tx) => {
    const b = await q.selectBidder(tx, bidderId, true);
    if (!b) throw notFound('竞买报名');
    if (b.depositStatus !== 'released') throw conflict('只有待退还的保证金可以登记退款');
    const lot = await mustLot(tx, b.lotId);
    const after = await q.updateBidder(tx, b.id, { depositStatus: 'refunded', refundedAt: now, refundReference: input.refundReference }, 'released');
    if (!after) throw conflict('该保证金已处理');
    await audit(tx, ctx, 'auction_bidder', b.id, lot.regionCode, 'auction_bidder.refunded', { depositStatus: 'released' }, { depositStatus: 'refunded', refundReference: input.refundReference, refundDueOn: b.refundDueOn });
    await notifyOrganization(tx, b.organizationId, { kind: 'auction_deposit_refunded', title: `「${lot.title}」保证金 ${formatFen(b.depositFen)} 元已退还`, body: `退款凭证号 ${input.refundReference}`, link: link(lot.id), entityType: 'auction_lot', entityId: lot.id });
    return bidderOut(after, lot.title, await orgName(tx, after.organizationId), shanghaiDate(now));
  });
}

/** Operator console: the registrations of a lot with organizations (the public never sees them). */
export async function listBidders(rt: AuctionsRuntime, lotId: string) {
  const lot = await mustLot(rt.db, lotId);
  const rows = await q.selectBiddersOfLot(rt.db, lotId);
  const names = await organizationNames(rt.db, rows.map((r) => r.organizationId));
  const today = shanghaiDate(new Date(rt.clock()));
  const items = rows.map((r) => bidderOut(r, lot.title, names.get(r.organizationId) ?? '', today));
  return { items, total: items.length, page: 1, pageSize: Math.max(1, items.length) };
}

/** Operator console: deposits to confirm, or to refund (due date first, overdue flagged). */
export async function listDeposits(rt: AuctionsRuntime, query: { page: number; pageSize: number; status: 'pending' | 'released' }) {
  const { items, total } = await q.listDeposits(rt.db, query.status, query.page, query.pageSize);
  const names = await organizationNames(rt.db, items.map((i) => i.bidder.organizationId));
  const today = shanghaiDate(new Date(rt.clock()));
  return { items: items.map((i) => bidderOut(i.bidder, i.lot.title, names.get(i.bidder.organizationId) ?? '', today)), total, page: query.page, pageSize: query.pageSize };
}

/** 竞买人控制台: the caller's organization's registrations with their lots. */
export async function myRegistrations(rt: AuctionsRuntime, actor: Actor, p: { page: number; pageSize: number }) {
  if (!actor.organizationId) throw forbidden('请先加入机构');
  const { items, total } = await q.listRegistrationsOf(rt.db, actor.organizationId, p.page, p.pageSize);
  const names = await organizationNames(rt.db, items.map((i) => i.lot.ownerOrganizationId));
  const results = new Map((await q.listResultsOf(rt.db, actor.organizationId)).map((r) => [r.lotId, r]));
  const now = rt.clock();
  return {
    items: items.map((i) => ({
      bidder: { ...myBidderOut(i.bidder), depositFen: i.bidder.depositFen, createdAt: i.bidder.createdAt.toISOString() },
      lot: lotOut(i.lot, names.get(i.lot.ownerOrganizationId) ?? '', actor, i.bidder, now),
      isWinner: results.get(i.lot.id)?.bidderId === i.bidder.id,
    })),
    total,
    page: p.page,
    pageSize: p.pageSize,
  };
}

// ---------- pause, resume, close ----------

async function appendControl(rt: AuctionsRuntime, tx: Db, lot: LotRow, o: ReturnType<typeof pauseLot>, extra: Partial<LotRow> = {}) {
  if (!o.ok) throw conflict(o.message);
  const [hashed] = chain(lot.id, lot.lastHash, [o.event]);
  if (!hashed) throw new Error('no ledger entry');
  await q.insertLedger(tx, [{ lotId: lot.id, seq: hashed.seq, kind: hashed.kind, paddle: null, amountFen: null, atMs: hashed.at, endsAtMs: hashed.endsAt, extended: false, note: hashed.note, prevHash: hashed.prevHash, hash: hashed.hash }]);
  const after = await q.updateLot(tx, lot.id, { ...stateColumns(o.state, hashed.hash), ...extra });
  await notifyPeers(rt, tx, lot.id, o.state.seq);
  return { after, hashed };
}

/** The operator pauses bidding with a reason (kept in the ledger and shown on the lot page). */
export async function pauseAuction(rt: AuctionsRuntime, ctx: RequestContext, lotId: string, input: { reason: string }) {
  mustActor(ctx);
  const done = await rt.db.transaction(async (tx) => {
    const lot = await mustLot(tx, lotId, true);
    const { after, hashed } = await appendControl(rt, tx, lot, pauseLot(rulesOf(lot), stateOf(lot), rt.clock(), input.reason), { pauseReason: input.reason });
    await audit(tx, ctx, 'auction_lot', lot.id, lot.regionCode, 'auction_lot.paused', { status: lot.status }, { status: 'paused', reason: input.reason });
    return { after, hashed, detail: await lotDetail(rt, tx, after, ctx.actor) };
  });
  afterControl(rt, done.after, done.hashed);
  return done.detail;
}

/** The operator resumes; the end moves later by the paused time. */
export async function resumeAuction(rt: AuctionsRuntime, ctx: RequestContext, lotId: string) {
  mustActor(ctx);
  const done = await rt.db.transaction(async (tx) => {
    const lot = await mustLot(tx, lotId, true);
    const { after, hashed } = await appendControl(rt, tx, lot, resumeLot(rulesOf(lot), stateOf(lot), rt.clock()), { pauseReason: null });
    await audit(tx, ctx, 'auction_lot', lot.id, lot.regionCode, 'auction_lot.resumed', { status: 'paused', endsAt: lot.endsAt }, { status: 'active', endsAt: after.endsAt });
    return { after, hashed, detail: await lotDetail(rt, tx, after, ctx.actor) };
  });
  afterControl(rt, done.after, done.hashed);
  return done.detail;
}

function afterControl(rt: AuctionsRuntime, lot: LotRow, hashed: ReturnType<typeof chain>[number]) {
  rt.lots.set(lot.id, cachedLot(lot));
  void rt.hub.advance(lot.id, hashed.seq, [entryOf(hashed)]);
  if (lot.status === 'active') rt.scheduleClose(lot.id, lot.endsAt.getTime());
}

function confirmationNumber(lot: LotRow, at: Date): string {
  return `KHPM-${shanghaiDate(at).slice(0, 4)}-${lot.id.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

/**
 * Closes a lot whose end has passed (timer, sweep, or a read): highest bid ≥ reserve → sold,
 * otherwise unsold, then {@link settleLot} (the close timer: once the bidders are quiet,
 * `settleWhenQuiet`). A lot with bids queued at its end is usually closed by their batch instead,
 * in the same statement (place-bid.ts). The lot lock and the status check make two processes close
 * a lot once.
 */
export async function closeDueLot(rt: AuctionsRuntime, lotId: string, now = rt.clock(), settle: 'now' | 'when_quiet' = 'now'): Promise<'sold' | 'unsold' | null> {
  const result = await closeEntry(rt, lotId, now);
  if (result && settle === 'now') await settleLot(rt, lotId);
  else if (result) rt.settleWhenQuiet(lotId);
  return result;
}

/**
 * The close alone: the ledger's close entry and the lot row, under the lot lock that bids take too,
 * so it is kept short (bench:auction: with the settlement inside it, 200 bidders still bidding at
 * the end waited ~80 ms for it). Audited with the settlement.
 */
export async function closeEntry(rt: AuctionsRuntime, lotId: string, now: number): Promise<'sold' | 'unsold' | null> {
  const done = await rt.db.transaction(async (tx) => {
    const lot = await mustLot(tx, lotId, true);
    const c = closeLot(rulesOf(lot), stateOf(lot), now);
    if (!c.ok) return null;
    const [hashed] = chain(lot.id, lot.lastHash, [c.event]);
    if (!hashed) return null;
    await q.insertLedger(tx, [{ lotId: lot.id, seq: hashed.seq, kind: 'close', paddle: hashed.paddle, amountFen: hashed.amountFen, atMs: hashed.at, endsAtMs: hashed.endsAt, extended: false, note: hashed.note, prevHash: hashed.prevHash, hash: hashed.hash }]);
    const after = await q.updateLot(tx, lot.id, { ...stateColumns(c.state, hashed.hash), ...closeColumns(c) });
    await notifyPeers(rt, tx, lot.id, c.state.seq);
    return { after, hashed, result: c.decision.result };
  });
  if (!done) return null;
  rt.lots.set(lotId, cachedLot(done.after));
  await rt.hub.advance(lotId, done.hashed.seq, [entryOf(done.hashed)]);
  return done.result;
}

/**
 * Settles a closed lot, once, in its own transaction after the close (the sweep settles any lot a
 * stopped process left closed but unsettled): the close's audit record; sold → the result (deal
 * notice for N working days, then the contract), the winner's deposit applied to the price, the
 * public log's deal entry, notices to winner and owner; unsold → the public log's entry and the
 * owner's notice. Every other deposit is released with its refund due in 5 working days. Dates
 * count from the close.
 */
export async function settleLot(rt: AuctionsRuntime, lotId: string): Promise<boolean> {
  const ctx = systemContext('auction-close');
  return rt.db.transaction(async (tx) => {
    const lot = await q.claimSettlement(tx, lotId, new Date(rt.clock()));
    if (!lot) return false;
    const closedAt = lot.closedAt ?? lot.endsAt;
    const sold = lot.result === 'sold' && lot.leaderPaddle !== null && lot.priceFen !== null;
    const today = shanghaiDate(closedAt);
    const refundDueOn = workingDayPeriod(today, AUCTION_PERIODS.refundWorkingDays).end;
    const bidders = await q.selectBiddersOfLot(tx, lot.id);
    const winner = sold ? bidders.find((b) => b.paddle === lot.leaderPaddle) : undefined;
    if (sold && !winner) throw new Error(`lot ${lot.id}: the leader bidder is missing`);
    const released = await q.releaseDeposits(tx, lot.id, winner?.id ?? null, refundDueOn);
    const ownerName = await orgName(tx, lot.ownerOrganizationId);
    await audit(tx, ctx, 'auction_lot', lot.id, lot.regionCode, 'auction_lot.closed', { status: 'active' }, {
      status: 'closed',
      result: lot.result,
      priceFen: sold ? lot.priceFen : null,
      paddle: sold ? lot.leaderPaddle : null,
      bids: lot.bidCount,
      lastHash: lot.lastHash,
      depositsReleased: released.length,
      refundDueOn,
    });
    const n = (title: string, body: string): NewNotification => ({ kind: 'auction_closed', title, body, link: link(lot.id), entityType: 'auction_lot', entityId: lot.id });
    // The same notice for every bidder with the same deposit, written together: one at a time, two
    // hundred bidders took hundreds of milliseconds (bench:auction, the close).
    const byDeposit = new Map<number, string[]>();
    for (const b of released) byDeposit.set(b.depositFen, [...(byDeposit.get(b.depositFen) ?? []), b.organizationId]);
    for (const [depositFen, organizationIds] of byDeposit) {
      await notifyOrganization(tx, organizationIds, n(`「${lot.title}」竞价结束，贵单位未竞得`, `保证金 ${formatFen(depositFen)} 元将于 ${refundDueOn} 前退还。`));
    }
    if (winner && sold) {
      await q.updateBidder(tx, winner.id, { depositStatus: 'applied' }, 'confirmed');
      const notice = workingDayPeriod(today, AUCTION_PERIODS.dealNoticeWorkingDays);
      const result = await q.insertResult(tx, {
        lotId: lot.id,
        achievementId: lot.achievementId,
        ownerOrganizationId: lot.ownerOrganizationId,
        buyerOrganizationId: winner.organizationId,
        bidderId: winner.id,
        regionCode: lot.regionCode,
        paddle: winner.paddle ?? 0,
        priceFen: lot.priceFen ?? 0,
        confirmationNumber: confirmationNumber(lot, closedAt),
        noticeStart: notice.start,
        noticeEnd: notice.end,
      });
      await audit(tx, ctx, 'auction_result', result.id, lot.regionCode, 'auction_result.created', undefined, { lotId: lot.id, buyerOrganizationId: winner.organizationId, priceFen: result.priceFen, noticeStart: notice.start, noticeEnd: notice.end });
      const buyerName = await orgName(tx, winner.organizationId);
      await appendPublicLog(tx, {
        type: 'auction_deal_concluded',
        entityType: 'auction_result',
        entityId: result.id,
        payload: {
          resultId: result.id,
          lotId: lot.id,
          achievementId: lot.achievementId,
          title: lot.title,
          owner: ownerName,
          buyer: buyerName,
          paddle: result.paddle,
          price: fenToYuanString(result.priceFen),
          bids: lot.bidCount,
          ledgerLastHash: lot.lastHash,
          noticeStart: notice.start,
          noticeEnd: notice.end,
        },
        at: closedAt,
      });
      await notifyOrganization(tx, winner.organizationId, n(`恭喜！贵单位以 ${formatFen(result.priceFen)} 元竞得「${lot.title}」`, `成交确认书编号 ${result.confirmationNumber}；成交公示 ${notice.start} 至 ${notice.end}，期满后请签订技术合同。保证金已转作价款。`));
      await notifyOrganization(tx, lot.ownerOrganizationId, n(`「${lot.title}」拍卖成交，成交价 ${formatFen(result.priceFen)} 元`, `买受人 ${buyerName}（竞买号 ${result.paddle}）；成交公示 ${notice.start} 至 ${notice.end}。`));
    } else {
      await appendPublicLog(tx, {
        type: 'auction_unsold',
        entityType: 'auction_lot',
        entityId: lot.id,
        payload: { lotId: lot.id, achievementId: lot.achievementId, title: lot.title, owner: ownerName, bids: lot.bidCount, ledgerLastHash: lot.lastHash },
        at: closedAt,
      });
      await notifyOrganization(tx, lot.ownerOrganizationId, n(`「${lot.title}」流拍`, lot.bidCount ? '最高出价未达保留价。' : '无人出价。'));
    }
    return true;
  });
}

/**
 * The sweep (every second from app.ts, or with any `now` in tests): closes due lots; moves deal
 * notices that ended before `now`'s Shanghai day to awaiting_contract.
 */
export async function sweepAuctions(rt: AuctionsRuntime, now = new Date(rt.clock())): Promise<{ closed: number; noticesEnded: number }> {
  const out = { closed: 0, noticesEnded: 0 };
  for (const l of await q.selectDueLots(rt.db, now)) if (await closeDueLot(rt, l.id, now.getTime())) out.closed++;
  // A lot closed but not settled a minute later: its process stopped before settling it.
  for (const l of await q.selectUnsettledLots(rt.db, new Date(now.getTime() - 60_000))) await settleLot(rt, l.id);
  const ctx = systemContext('auction-sweep');
  for (const r of await q.selectNoticeDue(rt.db, shanghaiDate(now))) {
    await rt.db.transaction(async (tx) => {
      const after = await q.updateResultIf(tx, r.id, ['notice'], { status: 'awaiting_contract', noticeEndedAt: now });
      if (!after) return;
      await audit(tx, ctx, 'auction_result', after.id, after.regionCode, 'auction_result.notice_ended', { status: 'notice' }, { status: 'awaiting_contract' });
      await appendPublicLog(tx, { type: 'auction_notice_ended', entityType: 'auction_result', entityId: after.id, payload: { resultId: after.id, lotId: after.lotId, noticeStart: after.noticeStart, noticeEnd: after.noticeEnd, status: 'awaiting_contract' }, at: now });
      await notifyOrganization(tx, after.buyerOrganizationId, { kind: 'auction_notice_ended', title: '拍卖成交公示期满，请与成果所属单位签订技术合同', link: link(after.lotId), entityType: 'auction_result', entityId: after.id });
      out.noticesEnded++;
    });
  }
  return out;
}

/**
 * 买受人违约: the operator records that the winner did not sign; its deposit is forfeited and the
 * bidder suspended from auctions: no new registrations, and no bids on the lots it is registered
 * for (other processes on PostgreSQL hear of it by a notice when it commits). The result and the public log say so.
 */
export async function declareDefault(rt: AuctionsRuntime, ctx: RequestContext, lotId: string, input: { reason: string }) {
  mustActor(ctx);
  const now = new Date(rt.clock());
  const out = await rt.db.transaction(async (tx) => {
    const lot = await mustLot(tx, lotId, true);
    const result = await q.selectResultOfLot(tx, lotId);
    if (lot.result !== 'sold' || !result) throw conflict('只有已成交的标的可以登记买受人违约');
    const after = await q.updateResultIf(tx, result.id, ['notice', 'awaiting_contract'], { status: 'defaulted', defaultReason: input.reason });
    if (!after || after.contractId) throw conflict('该成交已签订合同或已登记违约');
    const bidder = await q.updateBidder(tx, result.bidderId, { depositStatus: 'forfeited', suspended: true, suspendedReason: input.reason, suspendedAt: now });
    const lotAfter = await q.updateLot(tx, lot.id, { result: 'defaulted' });
    await audit(tx, ctx, 'auction_result', result.id, lot.regionCode, 'auction_result.defaulted', { status: result.status }, { status: 'defaulted', reason: input.reason });
    await audit(tx, ctx, 'auction_bidder', result.bidderId, lot.regionCode, 'auction_bidder.suspended', { suspended: false, depositStatus: 'applied' }, { suspended: true, depositStatus: 'forfeited', reason: input.reason });
    // The default bars the organization from every auction: its other registrations are suspended too.
    const others = bidder ? await q.suspendOrganizationBidders(tx, bidder.organizationId, input.reason, now) : [];
    if (bidder) await notifySuspension(rt, tx, bidder.organizationId);
    for (const o of others) {
      await audit(tx, ctx, 'auction_bidder', o.id, lot.regionCode, 'auction_bidder.suspended', { suspended: false }, { suspended: true, reason: input.reason, becauseOfLot: lot.id });
    }
    await appendPublicLog(tx, { type: 'auction_deal_defaulted', entityType: 'auction_result', entityId: result.id, payload: { resultId: result.id, lotId: lot.id, title: lot.title, paddle: result.paddle, reason: input.reason }, at: now });
    await notifyOrganization(tx, result.buyerOrganizationId, { kind: 'auction_default', title: `「${lot.title}」买受人违约：保证金不予退还，竞买资格已暂停`, body: input.reason, link: link(lot.id), entityType: 'auction_lot', entityId: lot.id });
    await notifyOrganization(tx, lot.ownerOrganizationId, { kind: 'auction_default', title: `「${lot.title}」买受人违约`, body: input.reason, link: link(lot.id), entityType: 'auction_lot', entityId: lot.id });
    return { detail: await lotDetail(rt, tx, lotAfter, ctx.actor), orgId: bidder?.organizationId };
  });
  // As the other processes do on the notice: every cached registration of the organization.
  if (out.orgId) forgetOrganizationBidders(rt, out.orgId);
  return out.detail;
}

// ---------- the ledger ----------

/** The public ledger of a lot (paddles only), in seq order. */
export async function getLedger(rt: AuctionsRuntime, lotId: string, afterSeq = 0) {
  await mustLot(rt.db, lotId);
  const rows = await q.selectLedger(rt.db, lotId, afterSeq, 10_000);
  return { items: rows.map((r) => entryOf(eventOfRow(r))), total: rows.length, page: 1, pageSize: Math.max(1, rows.length) };
}

/**
 * Verifies a lot: recomputes the hash chain and replays the ledger with the rule core; the replayed
 * price, leader, end and result must equal the stored lot. Public, and `kehui auction-replay`.
 */
export async function verifyLot(db: Db, lotId: string, pageSize?: number): Promise<VerifyOut> {
  const lot = await mustLot(db, lotId);
  const events = (await q.selectWholeLedger(db, lotId, pageSize)).map(eventOfRow);
  const check = verifyLedger(lotId, events);
  const r = replay(rulesOf(lot), events);
  const stored = stateOf(lot);
  const storedResult = lot.result === 'defaulted' ? 'sold' : lot.result;
  const matchesStored =
    r.ok &&
    r.state.priceFen === stored.priceFen &&
    r.state.leaderPaddle === stored.leaderPaddle &&
    r.state.endsAt === stored.endsAt &&
    r.state.seq === stored.seq &&
    r.state.status === stored.status &&
    (r.decision?.result ?? null) === storedResult &&
    (events[events.length - 1]?.hash ?? GENESIS_HASH) === lot.lastHash;
  return {
    ok: check.ok,
    entries: check.entries,
    lastHash: check.ok ? check.lastHash : null,
    brokenSeq: check.ok ? null : check.brokenSeq,
    reason: check.ok ? null : check.reason,
    replay: {
      ok: r.ok,
      priceFen: r.state.priceFen,
      leaderPaddle: r.state.leaderPaddle,
      endsAtMs: r.state.endsAt,
      result: r.decision?.result ?? null,
      matchesStored,
      mismatch: r.mismatch ? `第 ${r.mismatch.seq} 条：${r.mismatch.reason}` : null,
    },
    checkedAt: new Date().toISOString(),
  };
}

/** 成交确认书 (PDF): for the buyer, the owner and the operator. */
export async function confirmationPdf(rt: AuctionsRuntime, actor: Actor | null, lotId: string, publicUrl: string): Promise<{ pdf: Buffer; fileName: string }> {
  const lot = await mustLot(rt.db, lotId);
  const result = await q.selectResultOfLot(rt.db, lotId);
  if (!result) throw notFound('成交确认书');
  if (!isResultParty(actor, result)) throw forbidden('只有买受人、成果所属单位和平台运营方可以下载成交确认书');
  const [session, names] = await Promise.all([q.selectSession(rt.db, lot.sessionId), organizationNames(rt.db, [lot.ownerOrganizationId, result.buyerOrganizationId])]);
  const pdf = await renderConfirmation(
    {
      confirmationNumber: result.confirmationNumber,
      sessionTitle: session?.title ?? '',
      lotTitle: lot.title,
      owner: names.get(lot.ownerOrganizationId) ?? '',
      buyer: names.get(result.buyerOrganizationId) ?? '',
      paddle: result.paddle,
      price: formatFen(result.priceFen),
      startPrice: formatFen(lot.startPriceFen),
      bids: lot.bidCount,
      closedAt: lot.closedAt ?? lot.endsAt,
      noticeStart: result.noticeStart,
      noticeEnd: result.noticeEnd,
      ledgerLastHash: lot.lastHash,
      verifyUrl: `${publicUrl.replace(/\/$/, '')}/auctions/lots/${lot.id}`,
      status: result.status,
    },
    rt.pdfFont,
  );
  return { pdf, fileName: `成交确认书-${result.confirmationNumber}.pdf` };
}

/**
 * The contracts module links the technology contract of an auction deal (`auction_results.contract_id`)
 * in its own transaction; with `contractId` null it unlinks `previous` if still linked.
 */
export async function linkAuctionResultContract(tx: Db, ctx: RequestContext, resultId: string, contractId: string | null, previous?: string): Promise<boolean> {
  const after = await q.setResultContract(tx, resultId, contractId, contractId === null ? previous : undefined);
  if (!after) return false;
  await audit(tx, ctx, 'auction_result', after.id, after.regionCode, contractId ? 'auction_result.contract_linked' : 'auction_result.contract_unlinked', undefined, { contractId: contractId ?? previous ?? null });
  return true;
}

/** The snapshot sent first on a live stream. */
export async function lotSnapshot(rt: AuctionsRuntime, lotId: string) {
  const lot = await mustLot(rt.db, lotId);
  return { lot, out: lotOut(lot, await orgName(rt.db, lot.ownerOrganizationId), null, undefined, rt.clock()) };
}

