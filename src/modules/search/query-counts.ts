/**
 * Searches counted for the hot list (热门搜索) between two writes to the database, in at most
 * `capacity` keys.
 *
 * Under load most searches are a long tail made once: at 6,000 searches a second about half are new,
 * ~180,000 keys a minute. Counted in an unbounded Map, each key outlived the young generation, and
 * the minute's write upserted every one of them in 500-row statements that held the request thread
 * for ~2 s (PGlite runs on it) and grew the table by the long tail. When the keys reach `capacity`,
 * those counted least are dropped (below the median count; among those at it, the oldest first)
 * until half remain, so a search made often enough to reach the hot list stays counted; a dropped
 * search starts again from 0. Below `capacity` distinct searches between two writes (every
 * deployment but the busiest minutes) every count is exact.
 */
export class QueryCounts {
  private counts = new Map<string, number>();
  /** Searches whose counts were dropped since the last {@link take}. */
  dropped = 0;

  constructor(readonly capacity = 4096) {}

  get size(): number {
    return this.counts.size;
  }

  add(key: string): void {
    if (!key) return;
    const count = this.counts.get(key);
    if (count !== undefined) {
      this.counts.set(key, count + 1);
      return;
    }
    if (this.counts.size >= this.capacity) this.prune();
    this.counts.set(key, 1);
  }

  /** The counts so far; counting starts again from nothing. */
  take(): Map<string, number> {
    const counts = this.counts;
    this.counts = new Map();
    this.dropped = 0;
    return counts;
  }

  private prune() {
    const keep = Math.floor(this.capacity / 2);
    const sorted = Float64Array.from(this.counts.values()).sort();
    const median = sorted[sorted.length - keep - 1] ?? 0;
    // Keys above the median stay; of those at it, the newest (the Map's order is insertion order).
    let atMedianToDrop = this.counts.size - keep;
    for (const c of sorted) if (c < median) atMedianToDrop--;
    for (const [key, c] of this.counts) {
      if (c < median || (c === median && atMedianToDrop-- > 0)) {
        this.counts.delete(key);
        this.dropped++;
      }
    }
  }
}
