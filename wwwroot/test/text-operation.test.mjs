import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  TextOperation, transform, compose, transformIndex, fromJSON,
} from '../js/ot/text-operation.mjs';
import { prng, seedFromEnv, randomText, randomOperation } from './support/random.mjs';

const op = (json) => fromJSON(json);

describe('fromJSON and normalisation', () => {
  test('protocol examples', () => {
    assert.equal(op([5, ' world']).apply('hello'), 'hello world');
    assert.equal(op([-1, 'H', 4]).apply('hello'), 'Hello');
  });

  test('normalises: merges runs and puts inserts before deletes', () => {
    assert.deepEqual(op([1, 2, 'a', 'b', -1, -2]).toJSON(), [3, 'ab', -3]);
    assert.deepEqual(op([-1, 'H', 4]).toJSON(), ['H', -1, 4]);
    assert.deepEqual(op(['x', -1, 'y', -1]).toJSON(), ['xy', -2]);
    assert.deepEqual(TextOperation.build().retain(0).insert('').delete(0).retain(2).build().toJSON(), [2]);
  });

  test('lengths', () => {
    const o = op([2, 'abc', -3, 1]);
    assert.equal(o.baseLength, 6);
    assert.equal(o.targetLength, 6);
  });

  test('refuses invalid components', () => {
    for (const bad of [[0], [''], [1.5], [null], [{}], ['\uD83D'], ['a\uDE00'], [Number.MAX_VALUE], 'abc', {}, null]) {
      assert.throws(() => fromJSON(bad), TypeError, JSON.stringify(bad));
    }
    assert.deepEqual(fromJSON([]).toJSON(), []);
  });

  test('isRetainOnly', () => {
    assert.equal(op([3]).isRetainOnly(), true);
    assert.equal(op([]).isRetainOnly(), true);
    assert.equal(op([1, 'x']).isRetainOnly(), false);
  });

  test('toJSON round-trips through JSON.stringify', () => {
    assert.equal(JSON.stringify(op([1, 'a', -1])), '[1,"a",-1]');
  });
});

describe('apply', () => {
  test('refuses the wrong base length', () => {
    assert.throws(() => op([3]).apply('ab'), /spans 3 units but the document has 2/);
  });

  test('refuses to cut a surrogate pair', () => {
    assert.throws(() => op([1, -1]).apply('😀'), /surrogate pair/);
    assert.throws(() => op([1, 'x', 1]).apply('😀'), /surrogate pair/);
    assert.equal(op([2, 'x']).apply('😀'), '😀x');
  });
});

describe('transform', () => {
  test('inserts at the same position: the first committed stays left', () => {
    const [aP, bP] = transform(op(['x']), op(['y']));
    assert.equal(bP.apply(op(['x']).apply('')), 'xy');
    assert.equal(aP.apply(op(['y']).apply('')), 'xy');
  });

  test('overlapping deletes delete once', () => {
    const doc = 'abcdef';
    const a = op([1, -3, 2]);
    const b = op([2, -3, 1]);
    const [aP, bP] = transform(a, b);
    assert.equal(bP.apply(a.apply(doc)), 'af');
    assert.equal(aP.apply(b.apply(doc)), 'af');
  });

  test('refuses operations on different documents', () => {
    assert.throws(() => transform(op([1]), op([2])), /different documents/);
  });
});

describe('compose and invert', () => {
  test('compose example', () => {
    const a = op([5, ' world']);
    const b = op(['H', -1, 10]);
    assert.deepEqual(compose(a, b).toJSON(), ['H', -1, 4, ' world']);
  });

  test('compose refuses mismatched lengths', () => {
    assert.throws(() => compose(op([1]), op([2])), /yields 1 units/);
  });

  test('compose refuses to split an inserted surrogate pair', () => {
    assert.throws(() => compose(op(['😀']), op([1, -1])), /surrogate pair/);
  });

  test('invert example', () => {
    const a = op([1, 'XY', -2, 1]);
    assert.deepEqual(a.invert('abcd').toJSON(), [1, 'bc', -2, 1]);
  });
});

describe('transformIndex', () => {
  const o = op([2, 'xyz', -2, 2]); // "abcdef" -> "abxyzef"
  test('before, inside a delete, after', () => {
    assert.equal(transformIndex(1, o), 1);
    assert.equal(transformIndex(3, o), 5);
    assert.equal(transformIndex(4, o), 5);
    assert.equal(transformIndex(6, o), 7);
  });
  test('an insert at the index pushes it right unless assoc is negative', () => {
    assert.equal(transformIndex(2, o), 5);
    assert.equal(transformIndex(2, o, -1), 2);
  });
  test('clamps out-of-range indexes', () => {
    assert.equal(transformIndex(99, o), 7);
    assert.equal(transformIndex(-5, o, -1), 0);
  });
});

describe('randomized invariants', () => {
  const seed = seedFromEnv();
  const CASES = 5000;
  const where = (i, doc, ...ops) => `seed=${seed} case=${i} doc=${JSON.stringify(doc)} ops=${ops.map(String).join(' ')}`;

  test(`TP1, validity and normal form (${CASES} cases)`, () => {
    const rnd = prng(seed);
    for (let i = 0; i < CASES; i++) {
      const doc = randomText(rnd, 12);
      const a = randomOperation(rnd, doc);
      const b = randomOperation(rnd, doc);
      const [aP, bP] = transform(a, b);
      const viaA = bP.apply(a.apply(doc));
      const viaB = aP.apply(b.apply(doc));
      assert.equal(viaA, viaB, where(i, doc, a, b));
      for (const o of [aP, bP]) {
        assert.ok(o.equals(fromJSON(o.toJSON())), `not normalised: ${o} ${where(i, doc, a, b)}`);
      }
    }
  });

  test(`compose equals sequential apply (${CASES} cases)`, () => {
    const rnd = prng(seed + 1);
    for (let i = 0; i < CASES; i++) {
      const doc = randomText(rnd, 12);
      const a = randomOperation(rnd, doc);
      const mid = a.apply(doc);
      const b = randomOperation(rnd, mid);
      const ab = compose(a, b);
      assert.equal(ab.apply(doc), b.apply(mid), where(i, doc, a, b));
      assert.ok(ab.equals(fromJSON(ab.toJSON())), where(i, doc, a, b));
    }
  });

  test(`invert undoes (${CASES} cases)`, () => {
    const rnd = prng(seed + 2);
    for (let i = 0; i < CASES; i++) {
      const doc = randomText(rnd, 12);
      const a = randomOperation(rnd, doc);
      const inv = a.invert(doc);
      assert.equal(inv.apply(a.apply(doc)), doc, where(i, doc, a));
      assert.equal(compose(a, inv).apply(doc), doc, where(i, doc, a));
    }
  });

  test(`compose(a, bPrime) and compose(b, aPrime) agree (${CASES} cases)`, () => {
    const rnd = prng(seed + 3);
    for (let i = 0; i < CASES; i++) {
      const doc = randomText(rnd, 12);
      const a = randomOperation(rnd, doc);
      const b = randomOperation(rnd, doc);
      const [aP, bP] = transform(a, b);
      assert.equal(compose(a, bP).apply(doc), compose(b, aP).apply(doc), where(i, doc, a, b));
    }
  });

  test(`surrogate pairs are never split (${CASES} cases)`, () => {
    const rnd = prng(seed + 4);
    const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    for (let i = 0; i < CASES; i++) {
      const doc = randomText(rnd, 12);
      const a = randomOperation(rnd, doc);
      const b = randomOperation(rnd, doc);
      const [aP, bP] = transform(a, b);
      const results = [a.apply(doc), bP.apply(a.apply(doc)), aP.apply(b.apply(doc))];
      for (const text of results) assert.ok(!lone.test(text), where(i, doc, a, b));
      for (const o of [aP, bP, compose(a, bP)]) {
        for (const c of o.ops) if (typeof c === 'string') assert.ok(!lone.test(c), where(i, doc, a, b));
      }
    }
  });

  test(`transformIndex keeps an index on the same character (${CASES} cases)`, () => {
    const rnd = prng(seed + 5);
    for (let i = 0; i < CASES; i++) {
      const doc = randomText(rnd, 12);
      if (doc.length === 0) continue;
      const a = randomOperation(rnd, doc);
      const target = a.apply(doc);
      const index = rnd.int(doc.length);
      // Mark the character at index with a retain-only probe: if a keeps it, it must be where transformIndex says.
      const kept = TextOperation.build().retain(index).delete(1).retain(doc.length - index - 1).build();
      const [, keptP] = transform(kept, a);
      const survives = keptP.targetLength < a.targetLength;
      if (survives) {
        const moved = transformIndex(index, a);
        assert.equal(target[moved], doc[index], where(i, doc, a) + ` index=${index}`);
      }
    }
  });
});
