import { describe, expect, it } from 'vitest';
import { AuctionHub, type Watcher } from './auction-live.js';
import type { LedgerEntry } from './auction-present.js';

const entry = (seq: number): LedgerEntry => ({ seq, kind: 'bid', paddle: 1, amountFen: 100 * seq, at: '', atMs: seq, endsAtMs: 0, extended: false, note: null, prevHash: '', hash: '' });

/** A watcher that records the seqs it received (the `id:` lines of its messages). */
function recorder(): Watcher & { seqs: number[]; writes: number } {
  const w = {
    seq: 0,
    seqs: [] as number[],
    writes: 0,
    write(chunk: string | Buffer) {
      w.writes++;
      for (const m of String(chunk).matchAll(/^id: (\d+)$/gm)) w.seqs.push(Number(m[1]));
    },
    end() {},
  };
  return w;
}

describe('AuctionHub', () => {
  it('delivers every entry once, in order, to every watcher, coalescing advances that arrive during a delivery', async () => {
    const ledger = Array.from({ length: 400 }, (_, i) => entry(i + 1));
    const hub = new AuctionHub(async (_lot, after) => ledger.filter((e) => e.seq > after), 5);
    const watchers = Array.from({ length: 250 }, recorder);
    for (const w of watchers) await hub.subscribe('lot', w, async () => 0);
    const waits: Promise<void>[] = [];
    // 400 batches of one entry, some handed over, some (another process's) only announced.
    for (let seq = 1; seq <= 400; seq++) {
      waits.push(hub.advance('lot', seq, seq % 7 === 0 ? [] : [entry(seq)]));
      if (seq % 50 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all(waits);
    for (const w of watchers) expect(w.seqs).toEqual(ledger.map((e) => e.seq));
    // Far fewer writes than batches: deliveries were coalesced.
    const writes = watchers[0]?.writes ?? 0;
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThan(40);
  });

  it('resolves advance() only once its entries were written', async () => {
    const hub = new AuctionHub(async () => [], 20);
    const w = recorder();
    await hub.subscribe('lot', w, async () => 0);
    const done = hub.advance('lot', 1, [entry(1)]);
    expect(w.seqs).toEqual([]);
    await done;
    expect(w.seqs).toEqual([1]);
  });
});
