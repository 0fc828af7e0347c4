/**
 * Inverted lists for one term space (words, or character bigrams), built for an index that is
 * updated record by record and must stay small at 10^5–10^6 documents.
 *
 * Layout: every term owns a chain of blocks in a shared pool of fixed-size chunks (no per-term
 * objects: 10^5 terms would cost ~100 bytes of object header each). A block is
 * `[next, capacity, entry × capacity]`; blocks double from 2 to {@link MAX_BLOCK} as a term grows,
 * and {@link PostingTable.compact} rewrites every chain as one block of exactly its size
 * (after a bulk load, memory is the entries themselves). An entry is `slot | generation << 24`
 * (Uint32) and, in tables with payloads, 16 bits of per-field term frequencies (Uint16): 6 or 4
 * bytes.
 *
 * Deletion is O(1) per document and entry: the owner bumps the slot's generation, and entries of
 * an older generation are skipped on read. Compaction drops them, so slots can be reused at once.
 */

/** Entries per pool chunk (2^20: 4–6 MB per chunk). */
const CHUNK_BITS = 20;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;
/** Largest block while growing: bounds the unused tail of a growing chain. */
const MAX_BLOCK = 1024;
const FIRST_BLOCK = 2;
/**
 * Flag in a block's capacity cell: the block was written by a compaction at exactly its size.
 * Growth after it starts small again, so that a term gaining one record after a bulk load does
 * not get a large, mostly empty block.
 */
const EXACT = 0x80000000;
const CAPACITY_MASK = 0x7fffffff;
/** Block header cells: next block ({@link NO_BLOCK} at the tail) and capacity. */
const HEADER = 2;
/** "No next block" in a block header (-1 stored in an unsigned cell). */
const NO_BLOCK = 0xffffffff;

/** Slot numbers fit in 24 bits (16.7 M documents); the top 8 bits hold the generation. */
export const MAX_SLOTS = 1 << 24;
/** Mask of the slot bits of an entry. */
export const SLOT_MASK = 0xffffff;
/** Highest generation before a compaction must reset them all. */
export const MAX_GENERATION = 255;

/** The inverted lists of one term space; see the module comment for the layout. */
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

  /** @param withPayloads whether entries carry a 16-bit payload (term frequencies). */
  constructor(private readonly withPayloads: boolean) {}

  /** Number of distinct terms since the last compaction. */
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

  /** Adds one entry. Call once per (term, document); `payload` is ignored without payloads. */
  add(term: string, slot: number, generation: number, payload: number): void {
    let id = this.ids.get(term);
    if (id === undefined) id = this.newTerm(term);
    this.append(id, (slot | (generation << 24)) >>> 0, payload);
    this.docFreq[id] = (this.docFreq[id] ?? 0) + 1;
  }

  /**
   * Records that a document containing `term` was removed: its entry stays (skipped by
   * generation) but the document frequency drops. Unknown terms are ignored, so a dictionary
   * change between indexing and removal cannot push counts below zero.
   */
  release(term: string): void {
    const id = this.ids.get(term);
    if (id === undefined) return;
    const df = this.docFreq[id] ?? 0;
    if (df > 0) this.docFreq[id] = df - 1;
    this.deadEntries++;
  }

  /**
   * The blocks of a term's chain as `[chunk, from, to]` triples in `out` (overwritten), for loops
   * that read {@link chunkEntries} / {@link chunkPayloads} directly: the hottest loop of a query
   * runs faster inline than in a callback. Returns the number of triples.
   */
  ranges(termId: number, out: number[]): number {
    let n = 0;
    if (termId < 0) return 0;
    const tailBlock = this.tail[termId] ?? -1;
    let block = this.head[termId] ?? -1;
    while (block >= 0) {
      const chunkIndex = block >>> CHUNK_BITS;
      const entries = this.entries[chunkIndex];
      if (!entries) break;
      const at = block & CHUNK_MASK;
      const count = block === tailBlock ? (this.fill[termId] ?? 0) : (entries[at + 1] ?? 0) & CAPACITY_MASK;
      out[3 * n] = chunkIndex;
      out[3 * n + 1] = at + HEADER;
      out[3 * n + 2] = at + HEADER + count;
      n++;
      const next = entries[at] ?? NO_BLOCK;
      block = next === NO_BLOCK ? -1 : next;
    }
    return n;
  }

  /** Entry cells of one pool chunk (see {@link ranges}). */
  chunkEntries(chunk: number): Uint32Array | undefined {
    return this.entries[chunk];
  }

  /** Payload cells of one pool chunk; undefined in a table without payloads. */
  chunkPayloads(chunk: number): Uint16Array | undefined {
    return this.withPayloads ? this.payloads[chunk] : undefined;
  }

  /**
   * Rewrites every chain with only its live entries (generation equal to the slot's current one,
   * and `alive[slot]` non-zero), at generation 0, as one block of exactly its size, and forgets
   * terms left without entries. The caller resets its generations to 0 afterwards. Linear in the
   * number of entries; the old pool is released when it returns.
   */
  compact(generations: Uint8Array | Uint16Array, alive: Uint8Array): void {
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
    // Live entries of one term are gathered here, then copied into an exact block.
    let slots = new Uint32Array(1 << 16);
    let values = new Uint16Array(1 << 16);
    for (const [term, oldId] of terms) {
      let n = 0;
      const tailBlock = old.tail[oldId] ?? -1;
      let block = old.head[oldId] ?? -1;
      while (block >= 0) {
        const chunkIndex = block >>> CHUNK_BITS;
        const entries = old.entries[chunkIndex];
        if (!entries) break;
        const payloads = old.payloads[chunkIndex];
        const at = block & CHUNK_MASK;
        const count = block === tailBlock ? (old.fill[oldId] ?? 0) : (entries[at + 1] ?? 0) & CAPACITY_MASK;
        if (n + count > slots.length) {
          const size = 2 ** Math.ceil(Math.log2(n + count));
          const grownSlots = new Uint32Array(size);
          grownSlots.set(slots.subarray(0, n));
          slots = grownSlots;
          const grownValues = new Uint16Array(size);
          grownValues.set(values.subarray(0, n));
          values = grownValues;
        }
        for (let i = at + HEADER; i < at + HEADER + count; i++) {
          const e: number = entries[i] ?? 0;
          const slot = e & SLOT_MASK;
          if (e >>> 24 !== generations[slot] || alive[slot] === 0) continue;
          slots[n] = slot;
          if (payloads) values[n] = payloads[i] ?? 0;
          n++;
        }
        const next = entries[at] ?? NO_BLOCK;
        block = next === NO_BLOCK ? -1 : next;
      }
      if (n === 0) continue;
      const id = this.newTerm(term);
      // One exact block (chunk-sized pieces for the rare term in over a million documents).
      for (let from = 0; from < n; from += CHUNK_SIZE - HEADER) {
        const size = Math.min(n - from, CHUNK_SIZE - HEADER);
        const b = this.allocate(size);
        this.link(id, b);
        const chunk = b >>> CHUNK_BITS;
        const at = (b & CHUNK_MASK) + HEADER;
        const header = this.entries[chunk];
        if (header) header[at - 1] = (size | EXACT) >>> 0;
        this.entries[chunk]?.set(slots.subarray(from, from + size), at);
        if (this.withPayloads) this.payloads[chunk]?.set(values.subarray(from, from + size), at);
        this.fill[id] = size;
      }
      this.docFreq[id] = n;
      this.totalEntries += n;
    }
  }

  /** Bytes of the pool and per-term arrays (the term strings and the id map not included). */
  byteSize(): number {
    return this.entries.length * CHUNK_SIZE * (this.withPayloads ? 6 : 4) + this.head.length * 16;
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

  /** Makes `block` the new tail of the term's chain. */
  private link(id: number, block: number): void {
    const tail = this.tail[id] ?? -1;
    if (tail < 0) this.head[id] = block;
    else {
      const entries = this.entries[tail >>> CHUNK_BITS];
      if (entries) entries[tail & CHUNK_MASK] = block;
    }
    this.tail[id] = block;
    this.fill[id] = 0;
  }

  private append(id: number, entry: number, payload: number): void {
    let block = this.tail[id] ?? -1;
    let fill = this.fill[id] ?? 0;
    let chunk = block >>> CHUNK_BITS;
    let entries = block < 0 ? undefined : this.entries[chunk];
    const cell = entries ? (entries[(block & CHUNK_MASK) + 1] ?? 0) : 0;
    if (!entries || fill >= (cell & CAPACITY_MASK)) {
      // Blocks double while a term grows; after an exact block (compaction) they start over, so
      // the unused tails stay within about as many cells as entries were added since.
      const capacity = !entries || (cell & EXACT) !== 0 ? FIRST_BLOCK : Math.min(MAX_BLOCK, (cell & CAPACITY_MASK) * 2);
      block = this.allocate(capacity);
      this.link(id, block);
      chunk = block >>> CHUNK_BITS;
      entries = this.entries[chunk];
      fill = 0;
      if (!entries) return;
    }
    const at = (block & CHUNK_MASK) + HEADER + fill;
    entries[at] = entry;
    if (this.withPayloads) {
      const payloads = this.payloads[chunk];
      if (payloads) payloads[at] = payload;
    }
    this.fill[id] = fill + 1;
    this.totalEntries++;
  }

  /** Reserves a block of `capacity` entries, never straddling two chunks. */
  private allocate(capacity: number): number {
    const size = capacity + HEADER;
    let chunk = this.used >>> CHUNK_BITS;
    let at = this.used & CHUNK_MASK;
    if (chunk < this.entries.length && at + size > CHUNK_SIZE) {
      chunk++;
      at = 0;
    }
    if (chunk >= this.entries.length) {
      this.entries.push(new Uint32Array(CHUNK_SIZE));
      if (this.withPayloads) this.payloads.push(new Uint16Array(CHUNK_SIZE));
    }
    const block = chunk * CHUNK_SIZE + at;
    this.used = block + size;
    const entries = this.entries[chunk];
    if (entries) {
      entries[at] = NO_BLOCK;
      entries[at + 1] = capacity;
    }
    return block;
  }
}

function grow(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}
