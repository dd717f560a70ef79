// Seeded randomness for the randomized tests. Every run picks a seed (or takes OT_SEED from
// the environment) and the tests put it into every failure message, so a failure can be
// replayed with `OT_SEED=<seed> node --test wwwroot/test/`.
//
// node --test runs every .mjs under test/, this one too: run directly, it checks itself.
import { TextOperation } from '../../js/ot/text-operation.mjs';

export function seedFromEnv() {
  const fromEnv = Number.parseInt(process.env.OT_SEED ?? '', 10);
  return Number.isNaN(fromEnv) ? (Date.now() ^ (Math.random() * 0x7fffffff)) >>> 0 : fromEnv >>> 0;
}

// mulberry32: tiny, fast, good enough for test data.
export function prng(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (xs) => xs[int(xs.length)], chance: (p) => next() < p };
}

// Code points chosen to include astral ones (two UTF-16 units each).
const ALPHABET = ['a', 'b', 'c', ' ', '\n', 'é', '😀', '👍', '𝄞'];

export function randomText(rnd, maxCodePoints = 8) {
  let s = '';
  const n = rnd.int(maxCodePoints + 1);
  for (let i = 0; i < n; i++) s += rnd.pick(ALPHABET);
  return s;
}

// A random valid operation on doc: it cuts only between code points.
export function randomOperation(rnd, doc) {
  const points = Array.from(doc);
  const b = TextOperation.build();
  let i = 0;
  while (i < points.length) {
    const k = 1 + rnd.int(Math.min(4, points.length - i));
    const units = points.slice(i, i + k).join('').length;
    const roll = rnd.next();
    if (roll < 0.2) b.insert(randomText(rnd, 3));
    if (roll < 0.55) b.retain(units); else b.delete(units);
    i += k;
  }
  if (rnd.chance(0.4)) b.insert(randomText(rnd, 3));
  return b.build();
}

const runDirectly = process.argv[1] && import.meta.url.endsWith(process.argv[1].replaceAll('\\', '/'));
if (runDirectly) {
  const { test } = await import('node:test');
  const assert = await import('node:assert/strict');
  test('prng is deterministic per seed', () => {
    const a = prng(42);
    const b = prng(42);
    for (let i = 0; i < 100; i++) assert.equal(a.next(), b.next());
  });
  test('randomOperation yields operations that apply to their document', () => {
    const rnd = prng(7);
    for (let i = 0; i < 500; i++) {
      const doc = randomText(rnd, 10);
      const op = randomOperation(rnd, doc);
      assert.equal(op.baseLength, doc.length);
      assert.equal(op.apply(doc).length, op.targetLength);
    }
  });
}
