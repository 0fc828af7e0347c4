/**
 * Live updates of lots (Server-Sent Events): an in-process hub of watchers per lot. Ledger entries
 * reach watchers strictly in seq order and without gaps: each lot has one delivery chain; events a
 * batch of this process just committed are handed over directly, anything else (another process's
 * bids, announced by NOTIFY on PostgreSQL) is read from the ledger after the last delivered seq.
 */
import type { LedgerEntry } from './auction-present.js';

export interface Watcher {
  /** Highest seq this watcher already has (its snapshot or its Last-Event-ID backlog). */
  seq: number;
  write(chunk: string | Buffer): void;
  end(): void;
}

interface LotChannel {
  watchers: Set<Watcher>;
  /** Highest seq delivered to the lot's watchers; undefined until the first watcher arrives. */
  delivered: number | undefined;
  chain: Promise<void>;
  /** Entries waiting for the next coalesced delivery, and the seq it must reach. */
  pending: Map<number, LedgerEntry>;
  upto: number;
  /** A delivery is scheduled or running: what advances meanwhile goes with the next one. */
  busy: boolean;
  flushTimer: NodeJS.Timeout | null;
  /** Callers of advance() waiting for the delivery that carries their entries. */
  waiters: (() => void)[];
  lastFlush: number;
}

/** One SSE message. `id` is the ledger seq, so `Last-Event-ID` resumes from the ledger. */
export function sseMessage(event: string, data: unknown, id?: number): string {
  return `${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The SSE message of a ledger entry (bid, pause, resume, close): the facts a watcher shows, without
 * the hashes (they are in the ledger API), because each message goes to every watcher.
 */
export function entryMessage(e: LedgerEntry): string {
  return sseMessage(e.kind, { seq: e.seq, kind: e.kind, paddle: e.paddle, amountFen: e.amountFen, atMs: e.atMs, endsAtMs: e.endsAtMs, extended: e.extended, note: e.note }, e.seq);
}

export class AuctionHub {
  private readonly lots = new Map<string, LotChannel>();

  /**
   * @param readAfter reads a lot's ledger after a seq (entries committed by other processes)
   * @param flushMs the coalescing window of live deliveries per lot
   */
  constructor(
    private readonly readAfter: (lotId: string, afterSeq: number) => Promise<LedgerEntry[]>,
    private readonly flushMs = 40,
  ) {}

  private channel(lotId: string): LotChannel {
    let c = this.lots.get(lotId);
    if (!c) {
      c = { watchers: new Set(), delivered: undefined, chain: Promise.resolve(), pending: new Map(), upto: 0, busy: false, flushTimer: null, waiters: [], lastFlush: 0 };
      this.lots.set(lotId, c);
    }
    return c;
  }

  /** Runs `step` after every earlier delivery of the lot (steps never overlap). */
  private enqueue(lotId: string, step: (c: LotChannel) => Promise<void>): Promise<void> {
    const c = this.channel(lotId);
    c.chain = c.chain.then(() => step(c)).catch(() => undefined);
    return c.chain;
  }

  watcherCount(lotId?: string): number {
    if (lotId) return this.lots.get(lotId)?.watchers.size ?? 0;
    let n = 0;
    for (const c of this.lots.values()) n += c.watchers.size;
    return n;
  }

  /**
   * Adds a watcher once `start` has sent it its snapshot (and backlog) inside the lot's chain, so
   * nothing between the snapshot and the first live event is lost or sent twice.
   */
  subscribe(lotId: string, w: Watcher, start: () => Promise<number>): Promise<() => void> {
    return this.enqueue(lotId, async (c) => {
      const at = await start();
      w.seq = at;
      c.delivered = Math.max(c.delivered ?? at, at);
      c.watchers.add(w);
    }).then(() => () => {
      const c = this.lots.get(lotId);
      if (!c) return;
      c.watchers.delete(w);
      if (!c.watchers.size) this.lots.delete(lotId);
    });
  }

  /**
   * The lot's ledger reached `upto`. `known` are entries this process just committed (contiguous
   * from some seq); whatever is missing before them is read from the ledger.
   */
  advance(lotId: string, upto: number, known: LedgerEntry[] = []): Promise<void> {
    const c = this.lots.get(lotId);
    if (!c?.watchers.size) return Promise.resolve();
    // Coalesce: at most one delivery per lot every `flushMs`, and never two at once, so a burst of
    // batches costs one write per watcher instead of one per batch (the write per socket, times a
    // thousand watchers, is the cost) and a delivery slower than `flushMs` cannot build a backlog.
    for (const e of known) c.pending.set(e.seq, e);
    c.upto = Math.max(c.upto, upto);
    const delivered = new Promise<void>((resolve) => c.waiters.push(resolve));
    if (!c.busy) this.schedule(lotId, c);
    return delivered;
  }

  private schedule(lotId: string, c: LotChannel): void {
    c.busy = true;
    c.flushTimer = setTimeout(() => {
      c.flushTimer = null;
      c.lastFlush = Date.now();
      const entries = [...c.pending.values()].sort((a, b) => a.seq - b.seq);
      c.pending.clear();
      const waiters = c.waiters;
      c.waiters = [];
      void this.deliver(lotId, c.upto, entries).then(() => {
        for (const resolve of waiters) resolve();
        if (c.waiters.length && this.lots.get(lotId) === c) this.schedule(lotId, c);
        else {
          c.busy = false;
          for (const resolve of c.waiters.splice(0)) resolve();
        }
      });
    }, Math.max(0, c.lastFlush + this.flushMs - Date.now()));
  }

  private deliver(lotId: string, upto: number, known: LedgerEntry[]): Promise<void> {
    if (!this.lots.has(lotId)) return Promise.resolve();
    return this.enqueue(lotId, async (c) => {
      if (!c.watchers.size || c.delivered === undefined || upto <= c.delivered) return;
      const from = c.delivered;
      let entries = known.filter((e) => e.seq > from);
      // Only a gapless run from the last delivered seq up to `upto` goes out as is; otherwise the ledger decides.
      const gapless = entries.length === upto - from && entries.every((e, i) => e.seq === from + 1 + i);
      if (!gapless) entries = await this.readAfter(lotId, from);
      if (!entries.length) return;
      // Encoded once for every watcher.
      const chunk = Buffer.from(entries.map(entryMessage).join(''));
      const last = entries[entries.length - 1] as LedgerEntry;
      const closed = entries.some((e) => e.kind === 'close');
      for (const w of c.watchers) {
        if (w.seq >= last.seq) continue;
        w.write(w.seq < from + 1 ? chunk : entries.filter((e) => e.seq > w.seq).map(entryMessage).join(''));
        w.seq = last.seq;
        if (closed) w.end();
      }
      c.delivered = last.seq;
      if (closed) {
        c.watchers.clear();
        this.lots.delete(lotId);
      }
    });
  }

  /** Ends every stream (server shutdown). */
  endAll(): void {
    for (const c of this.lots.values()) {
      if (c.flushTimer) clearTimeout(c.flushTimer);
      for (const resolve of c.waiters.splice(0)) resolve();
      for (const w of c.watchers) w.end();
    }
    this.lots.clear();
  }

  /** Heartbeat comment to every watcher, so proxies keep idle streams open. */
  heartbeat(): void {
    for (const c of this.lots.values()) for (const w of c.watchers) w.write(': ping\n\n');
  }
}
