import { describe, expect, it } from 'vitest';
import { AnswerRing } from './answer-ring.js';

describe('AnswerRing', () => {
  it('gives back every answer written, in order, across many wraps, and refuses what does not fit', () => {
    const writer = new AnswerRing(undefined, 4096);
    const reader = new AnswerRing(writer.shared);
    let seed = 1;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const queue: { at: number; length: number; advance: number; text: string }[] = [];
    let refused = 0;
    let checked = 0;
    for (let i = 0; i < 20_000; i++) {
      // Up to 1,200 bytes: some do not fit before the end of the ring, and a quarter (1,024) is the largest taken.
      const size = 1 + Math.floor(rand() * 1200);
      const text = String.fromCharCode(...Array.from({ length: size }, (_, k) => (i * 7 + k) % 256));
      const slot = writer.reserve(size);
      if (slot) {
        expect(slot.at + size).toBeLessThanOrEqual(4096);
        writer.bytes.write(text, slot.at, 'latin1');
        queue.push({ at: slot.at, length: size, advance: slot.advance, text });
      } else refused++;
      // The reader falls behind by up to five answers, then catches up.
      while (queue.length > (i % 6) || (!slot && queue.length > 0)) {
        const a = queue.shift();
        if (!a) break;
        expect(reader.take(a.at, a.length, a.advance).toString('latin1')).toBe(a.text);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10_000);
    expect(refused).toBeGreaterThan(0);
  });

  it('refuses an answer larger than a quarter of the ring, and one that would overwrite unread bytes', () => {
    const ring = new AnswerRing(undefined, 1024);
    expect(ring.reserve(257)).toBeNull();
    const a = ring.reserve(256);
    const b = ring.reserve(256);
    const c = ring.reserve(256);
    const d = ring.reserve(256);
    expect([a?.at, b?.at, c?.at, d?.at]).toEqual([0, 256, 512, 768]);
    expect(ring.reserve(1)).toBeNull(); // full: nothing read yet
    ring.take(0, 256, a?.advance ?? 0);
    expect(ring.reserve(200)).toEqual({ at: 0, advance: 200 });
    // 56 bytes left before the end, 56 free at the start: a 100-byte answer must wait.
    expect(ring.reserve(100)).toBeNull();
    expect(() => new AnswerRing(new SharedArrayBuffer(8 + 1000))).toThrow();
  });

  it('throws rather than read an answer out of order', () => {
    const writer = new AnswerRing(undefined, 4096);
    const reader = new AnswerRing(writer.shared);
    const a = writer.reserve(100);
    const b = writer.reserve(100);
    if (!a || !b) throw new Error('no room');
    expect(() => reader.take(b.at, 100, b.advance)).toThrow(/out of order/);
    reader.take(a.at, 100, a.advance);
    reader.take(b.at, 100, b.advance);
    for (let i = 0; i < 3; i++) {
      const c = writer.reserve(1000);
      if (!c) throw new Error('no room');
      reader.take(c.at, 1000, c.advance);
    }
    // 896 bytes left before the end: the next answer skips them, and the reader checks that the skip reaches the end.
    const d = writer.reserve(1000);
    expect(d).toEqual({ at: 0, advance: 896 + 1000 });
    if (!d) throw new Error('no room');
    expect(() => reader.take(d.at, 1000, d.advance + 8)).toThrow(/out of order/);
    expect(() => reader.take(200, 1000, 1000)).toThrow(/out of order/);
    reader.take(d.at, 1000, d.advance);
  });
});
