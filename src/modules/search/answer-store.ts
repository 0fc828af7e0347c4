/**
 * The kept answers of GET /api/search (see searchAnswer), outside the JavaScript heap: their bytes
 * in one Buffer used as a ring, and a Map from the search's key to where its bytes are.
 *
 * Why not a Map of strings: ~500 answers of ~20 KB are kept per second under load, and each one,
 * held for seconds, outlived the young generation: ~10 MB/s copied by the scavenges and promoted
 * to the old generation, which the full collections then had to free again. Bytes in a Buffer are
 * written once and never moved by the collector; what stays on the heap is a small entry per answer.
 *
 * Oldest first out: a new answer is written after the newest, and the answers whose bytes it
 * overwrites are forgotten. The Map's order is the ring's order (insertion order, and an entry is
 * only ever added at the front of the ring), so those are always the first entries of the Map. An
 * answer asked again when it is in the older half of the ring is written again at the front, so
 * answers in steady demand stay.
 */
interface StoredAnswer {
  /** Where the answer's bytes start in the ring. */
  at: number;
  length: number;
  /** The ring's write count when it was written (its age). */
  written: number;
  /** Its hot-search key (countQuery). */
  countKey: string;
}

const STORE_BYTES = 64 * 1024 * 1024;

export class AnswerStore {
  /** Allocated at the first answer kept (most runtimes in tests never keep one). */
  private bytes: Buffer | null = null;
  private readonly entries = new Map<string, StoredAnswer>();
  /** Bytes written so far, the skipped ends included (a JavaScript number: exact far past 2^32); a position in the ring is this modulo the capacity. */
  private written = 0;

  constructor(readonly capacity = STORE_BYTES) {}

  get size(): number {
    return this.entries.size;
  }

  /** Forgets every answer (the index or the list items changed). */
  clear(): void {
    this.entries.clear();
  }

  /** A copy of the answer kept for `key` (a Buffer of its own, safe to send), and its hot-search key. */
  get(key: string): { body: Buffer; countKey: string } | null {
    const e = this.entries.get(key);
    if (!e || !this.bytes) return null;
    const body = Buffer.allocUnsafe(e.length);
    this.bytes.copy(body, 0, e.at, e.at + e.length);
    if (this.written - e.written > this.capacity / 2) {
      // In the older half: written again at the front, before it is overwritten.
      this.entries.delete(key);
      this.put(key, body, e.countKey);
    }
    return { body, countKey: e.countKey };
  }

  /** Keeps a copy of an answer's bytes; one larger than a quarter of the store is not. */
  set(key: string, body: Buffer, countKey: string): void {
    this.entries.delete(key);
    this.put(key, body, countKey);
  }

  /** Writes an answer's bytes at the front (a new answer, or one asked again: see get). */
  private put(key: string, body: Buffer, countKey: string): void {
    const length = body.length;
    if (length > this.capacity / 4) return;
    this.bytes ??= Buffer.allocUnsafeSlow(this.capacity);
    let at = this.written % this.capacity;
    if (at + length > this.capacity) {
      this.written += this.capacity - at;
      at = 0;
    }
    const end = this.written + length;
    // The ring holds the last `capacity` bytes written, [end − capacity, end): the answers that
    // start before that are about to be overwritten, and they are the first in the Map.
    for (const [k, e] of this.entries) {
      if (e.written >= end - this.capacity) break;
      this.entries.delete(k);
    }
    body.copy(this.bytes, at);
    this.entries.set(key, { at, length, written: this.written, countKey });
    this.written = end;
  }
}
