/**
 * Inverted lists for one term space (words, or character bigrams), built for an index that is
 * updated record by record and must stay small at 10^5–10^6 documents.
 *
 * Layout: every term owns a chain of blocks in a shared pool of fixed-size chunks (no per-term
 * objects: 10^6 terms would cost ~100 bytes of object header each). A block is
 * `[next, capacity, entry × capacity]`; capacities double from 2 up to {@link MAX_BLOCK}, so a
 * term seen once costs 4 cells and a term in half the corpus walks a few hundred blocks.
 * An entry is two parallel cells: `slot | generation << 24` (Uint32) and 16 bits of per-field term
 * frequencies (Uint16), 6 bytes in all.
 *
 * Deletion is O(1) per document: the owner bumps the slot's generation and entries carrying an
 * older generation are skipped on read. {@link compact} copies the live entries into a fresh pool
 * once dead ones pile up (and before a generation would wrap), so slots can be reused at once.
 */

/** Entries per pool chunk (2^20: 6 MB per chunk). */
const CHUNK_BITS = 20;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;
/** Largest block: beyond it chains grow by constant blocks, bounding waste per term. */
const MAX_BLOCK = 2048;
const FIRST_BLOCK = 2;
/** Block header cells: next block (-1 at the tail) and capacity. */
const HEADER = 2;
/** "No next block" in a block header (-1 stored in an unsigned cell). */
const NO_BLOCK = 0xffffffff;

/** Slot numbers fit in 24 bits (16.7 M documents); the top 8 bits hold the generation. */
export const MAX_SLOTS = 1 << 24;
export const SLOT_MASK = 0xffffff;
/** Highest generation before a compaction must reset them all. */
export const MAX_GENERATION = 255;

/**
 * Receives one block of a chain: entries and payloads in `[from, to)`. Entries are
 * `slot | generation << 24`; the caller skips those whose generation is not the slot's current one.
 */
export type BlockVisitor = (entries: Uint32Array, payloads: Uint16Array, from: number, to: number) => void;

export class PostingTable {
  private readonly ids = new Map<string, number>();
  // Per term id: first and last block, entries in the last block, live document frequency.
  private head = new Int32Array(1024);
  private tail = new Int32Array(1024);
  private fill = new Int32Array(1024);
  private docFreq = new Int32Array(1024);
  private termCount = 0;
  private entries: Uint32Array[] = [];
  private payloads: Uint16Array[] = [];
  private used = 0;
  private totalEntries = 0;
  private deadEntries = 0;

  /** Number of distinct terms ever added since the last compaction. */
  get terms(): number {
    return this.termCount;
  }

  /** Entries stored, dead ones included. */
  get entryCount(): number {
    return this.totalEntries;
  }

  /** Entries known to belong to removed documents. */
  get deadCount(): number {
    return this.deadEntries;
  }

  /** Term id, or -1 when the term was never indexed. */
  lookup(term: string): number {
    return this.ids.get(term) ?? -1;
  }

  /** Live documents containing the term (by id). */
  df(termId: number): number {
    return termId < 0 ? 0 : (this.docFreq[termId] ?? 0);
  }

  /** Adds one entry; `payload` must be non-zero. Call once per (term, document). */
  add(term: string, slot: number, generation: number, payload: number): void {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.newTerm(term);
    }
    this.append(id, (slot | (generation << 24)) >>> 0, payload);
    this.docFreq[id] = (this.docFreq[id] ?? 0) + 1;
  }

  /**
   * Records that a document containing `term` was removed: its entry stays (skipped by
   * generation) but the document frequency drops. Unknown terms are ignored, so a dictionary
   * change between indexing and removal cannot corrupt counts below zero.
   */
  release(term: string): void {
    const id = this.ids.get(term);
    if (id === undefined) return;
    const df = this.docFreq[id] ?? 0;
    if (df > 0) this.docFreq[id] = df - 1;
    this.deadEntries++;
  }

  /**
   * Calls `visit` for each block of a term's chain, in insertion order. A callback per block
   * rather than per entry keeps the scoring loop in the caller, over plain typed arrays.
   */
  forEachBlock(termId: number, visit: BlockVisitor): void {
    if (termId < 0) return;
    const tailBlock = this.tail[termId] ?? -1;
    let block = this.head[termId] ?? -1;
    while (block >= 0) {
      const chunkIndex = block >>> CHUNK_BITS;
      const entries = this.entries[chunkIndex];
      const payloads = this.payloads[chunkIndex];
      if (!entries || !payloads) return;
      const at = block & CHUNK_MASK;
      const n = block === tailBlock ? (this.fill[termId] ?? 0) : (entries[at + 1] ?? 0);
      visit(entries, payloads, at + HEADER, at + HEADER + n);
      const next = entries[at] ?? NO_BLOCK;
      block = next === NO_BLOCK ? -1 : next;
    }
  }

  /**
   * Rewrites all chains with only live entries (generation equal to the slot's current one, and
   * `alive[slot]` non-zero) at generation 0, and forgets terms left without entries. The caller
   * resets its generations to 0 afterwards. Linear in the number of entries.
   */
  compact(generations: Uint8Array, alive: Uint8Array): void {
    const old = { head: this.head, tail: this.tail, fill: this.fill, entries: this.entries, payloads: this.payloads };
    const terms = [...this.ids];
    this.ids.clear();
    const size = Math.max(1024, terms.length);
    this.head = new Int32Array(size);
    this.tail = new Int32Array(size);
    this.fill = new Int32Array(size);
    this.docFreq = new Int32Array(size);
    this.termCount = 0;
    this.entries = [];
    this.payloads = [];
    this.used = 0;
    this.totalEntries = 0;
    this.deadEntries = 0;
    for (const [term, oldId] of terms) {
      let newId = -1;
      let count = 0;
      const tailBlock = old.tail[oldId] ?? -1;
      let block = old.head[oldId] ?? -1;
      while (block >= 0) {
        const chunkIndex = block >>> CHUNK_BITS;
        const entries = old.entries[chunkIndex];
        const payloads = old.payloads[chunkIndex];
        if (!entries || !payloads) break;
        const at = block & CHUNK_MASK;
        const n = block === tailBlock ? (old.fill[oldId] ?? 0) : (entries[at + 1] ?? 0);
        for (let i = at + HEADER; i < at + HEADER + n; i++) {
          const e: number = entries[i] ?? 0;
          const slot = e & SLOT_MASK;
          if (e >>> 24 !== generations[slot] || alive[slot] === 0) continue;
          if (newId < 0) newId = this.newTerm(term);
          this.append(newId, slot, payloads[i] ?? 0);
          count++;
        }
        const next = entries[at] ?? NO_BLOCK;
        block = next === NO_BLOCK ? -1 : next;
      }
      if (newId >= 0) this.docFreq[newId] = count;
    }
  }

  /** Approximate heap bytes held (pool chunks and per-term arrays; not the term strings). */
  byteSize(): number {
    return this.entries.length * CHUNK_SIZE * 6 + this.head.length * 16;
  }

  private newTerm(term: string): number {
    const id = this.termCount++;
    if (id >= this.head.length) {
      const size = this.head.length * 2;
      this.head = grow(this.head, size);
      this.tail = grow(this.tail, size);
      this.fill = grow(this.fill, size);
      this.docFreq = grow(this.docFreq, size);
    }
    this.ids.set(term, id);
    this.head[id] = -1;
    this.tail[id] = -1;
    this.fill[id] = 0;
    this.docFreq[id] = 0;
    return id;
  }

  private append(id: number, entry: number, payload: number): void {
    let block = this.tail[id] ?? -1;
    let fill = this.fill[id] ?? 0;
    if (block < 0) {
      block = this.allocate(FIRST_BLOCK);
      this.head[id] = block;
      this.tail[id] = block;
      fill = 0;
    } else {
      const capacity = this.cell(block, 1);
      if (fill >= capacity) {
        const next = this.allocate(Math.min(capacity * 2, MAX_BLOCK));
        this.setCell(block, 0, next);
        this.tail[id] = next;
        block = next;
        fill = 0;
      }
    }
    const chunk = block >>> CHUNK_BITS;
    const at = (block & CHUNK_MASK) + HEADER + fill;
    const entries = this.entries[chunk];
    const payloads = this.payloads[chunk];
    if (entries && payloads) {
      entries[at] = entry;
      payloads[at] = payload;
    }
    this.fill[id] = fill + 1;
    this.totalEntries++;
  }

  /** Reserves a block of `capacity` entries, never straddling two chunks. */
  private allocate(capacity: number): number {
    const size = capacity + HEADER;
    let chunk = this.used >>> CHUNK_BITS;
    let at = this.used & CHUNK_MASK;
    if (chunk >= this.entries.length || at + size > CHUNK_SIZE) {
      if (chunk < this.entries.length) {
        chunk++;
        at = 0;
      }
      if (chunk >= this.entries.length) {
        this.entries.push(new Uint32Array(CHUNK_SIZE));
        this.payloads.push(new Uint16Array(CHUNK_SIZE));
      }
    }
    const block = (chunk << CHUNK_BITS) | at;
    this.used = block + size;
    this.setCell(block, 0, -1);
    this.setCell(block, 1, capacity);
    return block;
  }

  private cell(block: number, offset: number): number {
    return this.entries[block >>> CHUNK_BITS]?.[(block & CHUNK_MASK) + offset] ?? 0;
  }

  private setCell(block: number, offset: number, value: number): void {
    const entries = this.entries[block >>> CHUNK_BITS];
    if (entries) entries[(block & CHUNK_MASK) + offset] = value >>> 0;
  }
}

function grow(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}
