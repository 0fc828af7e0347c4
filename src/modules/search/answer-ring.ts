/**
 * A replica's answers to the request thread through shared memory (search.replicas.ts): the
 * replica writes an answer's bytes into a ring in one SharedArrayBuffer and posts only where they
 * are; the request thread copies them out into a Buffer of their own (the one it sends) and marks
 * them read.
 *
 * Why not post the answer itself: a 20 KB string posted in a message arrives in the request
 * thread's old generation, not its young one (measured: ~30 MB/s of answers that only a full
 * collection frees), and a transferred ArrayBuffer is external memory until a full collection
 * (one every 1.3 s under load). Where the copy is made matters too: a string (or a Buffer) made in
 * the worker's message listener outlived the young generation just the same (a heap sample of a
 * loaded server: ~40 MB/s promoted, nearly every replica answer), while one made in the search's
 * own continuation, right after the message, dies young (see searchAnswer).
 *
 * One writer (the replica) and one reader (the request thread), in order: the reader takes the
 * answers in the order they were written (messages arrive in the order sent, and each waiting
 * search takes its answer in the first microtask after its message), and `take` throws rather
 * than read out of order. Only the count of bytes read is shared (Atomics); each side keeps its
 * own count of bytes written or read. All count modulo 2^32, and the capacity is a power of two,
 * so positions stay right across the wrap.
 */
export const RING_BYTES = 4 * 1024 * 1024;

export class AnswerRing {
  readonly shared: SharedArrayBuffer;
  /** The ring's bytes (written by the replica, read by the request thread). */
  readonly bytes: Buffer;
  private readonly readCount: Int32Array;
  private readonly capacity: number;
  /** Writer only: bytes taken so far, modulo 2^32. */
  private written = 0;
  /** Reader only: bytes read so far, modulo 2^32. */
  private read = 0;

  /** A new ring of `capacity` bytes (a power of two), or the other side of an existing one. */
  constructor(shared?: SharedArrayBuffer, capacity = RING_BYTES) {
    this.shared = shared ?? new SharedArrayBuffer(8 + capacity);
    this.capacity = this.shared.byteLength - 8;
    if (this.capacity <= 0 || (this.capacity & (this.capacity - 1)) !== 0) throw new Error('answer ring capacity must be a power of two');
    this.readCount = new Int32Array(this.shared, 0, 1);
    this.bytes = Buffer.from(this.shared, 8, this.capacity);
  }

  /**
   * Writer: where to write an answer of `size` bytes, and how far it moves the ring (the unused end
   * skipped when it does not fit there), or null when the answers not yet read leave no room
   * (the answer is then posted as a string) or it is larger than a quarter of the ring.
   */
  reserve(size: number): { at: number; advance: number } | null {
    if (size > this.capacity / 4) return null;
    const unread = (this.written - Atomics.load(this.readCount, 0)) >>> 0;
    const pos = this.written & (this.capacity - 1);
    const skip = pos + size > this.capacity ? this.capacity - pos : 0;
    if (unread + skip + size > this.capacity) return null;
    const advance = skip + size;
    this.written = (this.written + advance) >>> 0;
    return { at: skip ? 0 : pos, advance };
  }

  /** Reader: a copy of the next answer's bytes; their space (`advance`) is free again. */
  take(at: number, length: number, advance: number): Buffer {
    const pos = this.read & (this.capacity - 1);
    const skipped = advance - length;
    if (skipped > 0 ? at !== 0 || pos + skipped !== this.capacity : at !== pos) throw new Error(`answer ring read out of order (at ${at}, expected ${skipped > 0 ? 0 : pos})`);
    const out = Buffer.allocUnsafe(length);
    this.bytes.copy(out, 0, at, at + length);
    this.read = (this.read + advance) >>> 0;
    Atomics.add(this.readCount, 0, advance);
    return out;
  }
}
