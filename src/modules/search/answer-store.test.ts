import { describe, expect, it } from 'vitest';
import { AnswerStore } from './answer-store.js';

/** Bytes of a byte string (one character per byte), as the tests below write them. */
const bytesOf = (text: string) => Buffer.from(text, 'latin1');

describe('AnswerStore', () => {
  it('gives back the bytes kept, as a Buffer of their own, with the hot-search key', () => {
    const store = new AnswerStore(4096);
    const body = Buffer.from('{"items":[{"title":"锂离子电池"}]}');
    store.set('k', body, '锂离子电池');
    const got = store.get('k');
    expect(got?.body.toString('utf8')).toBe('{"items":[{"title":"锂离子电池"}]}');
    expect(got?.countKey).toBe('锂离子电池');
    // A copy: changing it changes nothing kept.
    got?.body.fill(0);
    expect(store.get('k')?.body.equals(body)).toBe(true);
    expect(store.get('other')).toBeNull();
    store.set('k', bytesOf('new'), 'x');
    expect(store.get('k')?.body.toString('latin1')).toBe('new');
    expect(store.size).toBe(1);
    store.clear();
    expect(store.get('k')).toBeNull();
    // Larger than a quarter: not kept.
    store.set('big', bytesOf('x'.repeat(1025)), '');
    expect(store.get('big')).toBeNull();
  });

  it('never gives back bytes another answer overwrote, keeps what was written last, and keeps answers asked often', () => {
    const capacity = 8192;
    const store = new AnswerStore(capacity);
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const last = new Map<string, string>();
    const order: { key: string; size: number }[] = [];
    let hits = 0;
    for (let i = 0; i < 30_000; i++) {
      const key = `q${Math.floor(rand() * 40)}`;
      if (rand() < 0.5) {
        const size = 1 + Math.floor(rand() * 1500);
        const text = String.fromCharCode(...Array.from({ length: size }, (_, k) => (i * 31 + k) % 256));
        store.set(key, bytesOf(text), key);
        last.set(key, text);
        order.push({ key, size });
      } else {
        const got = store.get(key);
        if (got) {
          hits++;
          expect(got.body.toString('latin1'), `answer ${key} at step ${i}`).toBe(last.get(key));
          expect(got.countKey).toBe(key);
        }
      }
      // Whatever was written in the last half of the capacity is still there.
      let recent = 0;
      for (let j = order.length - 1; j >= 0 && j >= order.length - 3; j--) {
        const o = order[j];
        if (!o) break;
        recent += o.size;
        if (recent > capacity / 2) break;
        if (last.get(o.key) !== undefined && order.findLastIndex((x) => x.key === o.key) === j) expect(store.get(o.key), `recent ${o.key}`).not.toBeNull();
      }
    }
    expect(hits).toBeGreaterThan(1000);
    // One answer asked between every two others written stays, however many are written.
    const hot = new AnswerStore(capacity);
    hot.set('hot', bytesOf('h'.repeat(500)), 'hot');
    for (let i = 0; i < 500; i++) {
      hot.set(`cold${i}`, bytesOf('c'.repeat(700)), '');
      expect(hot.get('hot')?.body.toString('latin1'), `after ${i}`).toBe('h'.repeat(500));
    }
    expect(hot.size).toBeLessThanOrEqual(capacity / 500);
  });
});
