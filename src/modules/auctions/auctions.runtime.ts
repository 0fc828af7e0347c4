/**
 * The per-process part of the auctions module: bid queues, the live hub, caches, the rate limiter,
 * timers that close lots at their end and settle them after, and (PostgreSQL) the LISTEN connection that brings other
 * processes' bids to this process's watchers.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Db } from '../../platform/db.js';
import { AuctionHub } from './auction-live.js';
import { type CachedLot, entryOf, eventOfRow } from './auction-present.js';
import type { BatchOutcome, PendingBid } from './auction-rules.js';
import * as q from './auctions.queries.js';
import { closeDueLot, settleLot } from './auctions.service.js';

/**
 * A lot closed while bids were arriving is settled once no bid has come for this long (or
 * {@link SETTLE_WITHIN_MS} after the close at the latest): the settlement holds the database for
 * tens of milliseconds (on PGlite its only connection), and the last-second bidders' answers come
 * first. Measured on bench:auction (PGlite): p99 of the bids at the close 400 → 55 ms.
 */
const QUIET_MS = 1_000;
const SETTLE_WITHIN_MS = 15_000;

export interface QueuedBid extends PendingBid {
  bidderId: string;
  userId: string;
  resolve(o: BatchOutcome): void;
  reject(err: unknown): void;
}

export interface LotQueue {
  pending: QueuedBid[];
  running: boolean;
}

/** A refused bid's idempotency key waiting to be looked up in the ledger with others of its lot. */
export interface KeyLookup {
  key: string;
  bidderId: string;
  resolve(row: q.BidRow | undefined): void;
  reject(err: unknown): void;
}

export interface AuctionsRuntime {
  db: Db;
  kind: Database['kind'];
  pdfFont: string;
  clock: () => number;
  hub: AuctionHub;
  /** NOTIFY channel shared by the processes of one database. */
  channel: string;
  processId: string;
  bidRate: { perSecond: number; burst: number };
  queues: Map<string, LotQueue>;
  lookups: Map<string, { pending: KeyLookup[]; running: boolean }>;
  lots: Map<string, CachedLot>;
  bidders: Map<string, { id: string; paddle: number; eligible: boolean; staleAt: number }>;
  /**
   * True while this process hears the other processes' notices on {@link channel} (PostgreSQL's
   * LISTEN connection is up): bidders' suspensions arrive as notices, so cached bidders may be kept longer.
   */
  hearsPeers: boolean;
  recentOutcomes: Map<string, BatchOutcome>;
  buckets: Map<string, { tokens: number; at: number }>;
  /** Closes the lot at its end (a timer in this process; the sweep is the fallback). */
  scheduleClose(lotId: string, endsAt: number): void;
  /** When a bid for the lot last arrived (performance.now()), for {@link settleWhenQuiet}. */
  lastBidAt: Map<string, number>;
  /** Settles a lot this process closed once its bidders are quiet (the sweep is the fallback). */
  settleWhenQuiet(lotId: string): void;
  log: { error(obj: unknown, msg?: string): void };
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface AuctionsOptions {
  database: Pick<Database, 'db' | 'kind' | 'listen'>;
  pdfFont: string;
  log?: AuctionsRuntime['log'];
  clock?: () => number;
  /** Bids per second per bidder and lot (default 20, burst 20). */
  bidRate?: { perSecond: number; burst: number };
}

export const AUCTION_CHANNEL = 'kehui_auctions';

/** What the processes of one PostgreSQL tell each other on {@link AUCTION_CHANNEL} (sent in the writing transaction). */
export type PeerNotice = { lotId: string; seq: number; origin: string } | { suspendedOrganization: string; origin: string };

/** Forgets every cached bidder row of an organization (its registrations were suspended). */
export function forgetOrganizationBidders(rt: Pick<AuctionsRuntime, 'bidders'>, organizationId: string) {
  const suffix = `:${organizationId}`;
  for (const key of rt.bidders.keys()) if (key.endsWith(suffix)) rt.bidders.delete(key);
}

export function createAuctions(opts: AuctionsOptions): AuctionsRuntime {
  const db = opts.database.db;
  const timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  const settling = new Map<string, NodeJS.Timeout>();
  const rt: AuctionsRuntime = {
    db,
    kind: opts.database.kind,
    pdfFont: opts.pdfFont,
    clock: opts.clock ?? Date.now,
    hub: new AuctionHub(async (lotId, afterSeq) => (await q.selectLedger(db, lotId, afterSeq)).map((r) => entryOf(eventOfRow(r)))),
    channel: AUCTION_CHANNEL,
    processId: randomUUID(),
    bidRate: opts.bidRate ?? { perSecond: 20, burst: 20 },
    queues: new Map(),
    lookups: new Map(),
    lots: new Map(),
    bidders: new Map(),
    hearsPeers: false,
    recentOutcomes: new Map(),
    buckets: new Map(),
    log: opts.log ?? { error: () => undefined },
    start: async () => undefined,
    stop: async () => undefined,
    scheduleClose(lotId, endsAt) {
      const existing = timers.get(lotId);
      if (existing && existing.at === endsAt) return;
      if (existing) clearTimeout(existing.timer);
      // setTimeout holds at most ~24.8 days; the sweep closes anything later.
      const delay = Math.min(2 ** 31 - 1, Math.max(0, endsAt - rt.clock()) + 5);
      const timer = setTimeout(() => {
        timers.delete(lotId);
        closeDueLot(rt, lotId, rt.clock(), 'when_quiet').catch((err: unknown) => rt.log.error({ err, lotId }, 'auction close failed'));
      }, delay);
      timer.unref();
      timers.set(lotId, { at: endsAt, timer });
    },
    lastBidAt: new Map(),
    settleWhenQuiet(lotId) {
      if (settling.has(lotId)) return;
      const closedAt = performance.now();
      const check = () => {
        const now = performance.now();
        const quietFor = now - (rt.lastBidAt.get(lotId) ?? 0);
        if (quietFor < QUIET_MS && now - closedAt < SETTLE_WITHIN_MS) {
          settling.set(lotId, setTimeout(check, QUIET_MS - quietFor + 5).unref());
          return;
        }
        settling.delete(lotId);
        rt.lastBidAt.delete(lotId);
        settleLot(rt, lotId).catch((err: unknown) => rt.log.error({ err, lotId }, 'auction settlement failed'));
      };
      settling.set(lotId, setTimeout(check, 0).unref());
    },
  };
  let unlisten: (() => Promise<void>) | null = null;
  let heartbeat: NodeJS.Timeout | null = null;
  rt.stop = async () => {
    for (const t of timers.values()) clearTimeout(t.timer);
    timers.clear();
    for (const t of settling.values()) clearTimeout(t);
    settling.clear();
    if (heartbeat) clearInterval(heartbeat);
    rt.hub.endAll();
    rt.hearsPeers = false;
    if (unlisten) await unlisten();
    unlisten = null;
  };
  rt.start = async () => {
    heartbeat = setInterval(() => rt.hub.heartbeat(), 15_000);
    heartbeat.unref();
    if (opts.database.listen) {
      unlisten = await opts.database.listen(
        AUCTION_CHANNEL,
        (payload) => {
          try {
            const m = JSON.parse(payload) as PeerNotice;
            if (m.origin === rt.processId) return;
            if ('suspendedOrganization' in m) {
              // Another process suspended an organization's registrations: bids of it are refused here too.
              forgetOrganizationBidders(rt, m.suspendedOrganization);
              return;
            }
            // Another process moved the lot: forget the cached state, deliver its entries to our watchers.
            rt.lots.delete(m.lotId);
            void rt.hub.advance(m.lotId, m.seq);
          } catch (err) {
            rt.log.error({ err }, 'bad auction notification');
          }
        },
        () => {
          // Notices may be missed from now on: nothing cached is trusted, bidders are read again often.
          rt.hearsPeers = false;
          rt.lots.clear();
          rt.bidders.clear();
          rt.log.error({}, 'auction notifications lost: cached lots and bidders dropped');
        },
      );
      rt.hearsPeers = true;
    }
  };
  return rt;
}

/** Starts the heartbeat and, on PostgreSQL, the LISTEN connection. */
export async function startAuctions(rt: AuctionsRuntime): Promise<void> {
  await rt.start();
}

export async function stopAuctions(rt: AuctionsRuntime): Promise<void> {
  await rt.stop();
}
