import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  diffToOperation, transformSelection, readSelection, TextareaBinding,
} from '../js/editor/textarea-binding.mjs';
import { fromJSON } from '../js/ot/text-operation.mjs';
import { FakeTextarea } from './support/fake-textarea.mjs';
import { prng, seedFromEnv, randomText } from './support/random.mjs';

const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('diffToOperation', () => {
  test('typing, deleting, replacing', () => {
    assert.deepEqual(diffToOperation('helo', 'hello', 4).toJSON(), [3, 'l', 1]);
    assert.deepEqual(diffToOperation('hello', 'helo', 3).toJSON(), [3, -1, 1]);
    assert.deepEqual(diffToOperation('hello world', 'hello there', 11).toJSON(), [6, 'there', -5]);
    assert.deepEqual(diffToOperation('abc', 'abc', 1).toJSON(), [3]);
    assert.deepEqual(diffToOperation('', 'x', 1).toJSON(), ['x']);
  });

  test('the caret places an ambiguous insert or delete', () => {
    assert.deepEqual(diffToOperation('aa', 'aaa', 1).toJSON(), ['a', 2]);
    assert.deepEqual(diffToOperation('aa', 'aaa', 3).toJSON(), [2, 'a']);
    assert.deepEqual(diffToOperation('aaa', 'aa', 1).toJSON(), [1, -1, 1]);
    assert.deepEqual(diffToOperation('aaa', 'aa', 0).toJSON(), [-1, 2]);
  });

  test('never cuts a surrogate pair', () => {
    // 😀 is D83D DE00, 😃 is D83D DE03: they share the high half.
    const op = diffToOperation('a😀b', 'a😃b', 3);
    assert.deepEqual(op.toJSON(), [1, '😃', -2, 1]);
    // 👍 (D83D DC4D) vs 👎 (D83D DC4E) after a shared prefix, caret hint at the end.
    assert.deepEqual(diffToOperation('👍', '👎').toJSON(), ['👎', -2]);
    // Shared low half: U+1F600 (D83D DE00) vs U+1F400 (D83D DC00) differ in the low half only,
    // so build one that shares the low half instead: U+10600 (D801 DE00).
    assert.deepEqual(diffToOperation('x\u{1F600}', 'x\u{10600}').toJSON(), [1, '\u{10600}', -2]);
  });

  test('randomized: applies, and inserts no lone surrogate', () => {
    const seed = seedFromEnv();
    const rnd = prng(seed);
    for (let i = 0; i < 5000; i++) {
      const before = randomText(rnd, 10);
      const points = Array.from(before);
      const at = rnd.int(points.length + 1);
      const cut = Math.min(points.length, at + rnd.int(3));
      const inserted = randomText(rnd, 3);
      const after = points.slice(0, at).join('') + inserted + points.slice(cut).join('');
      const caret = (points.slice(0, at).join('') + inserted).length;
      const op = diffToOperation(before, after, rnd.chance(0.5) ? caret : rnd.int(after.length + 1));
      const where = `seed=${seed} case=${i} ${JSON.stringify(before)} -> ${JSON.stringify(after)}`;
      assert.equal(op.apply(before), after, where);
      for (const c of op.ops) if (typeof c === 'string') assert.ok(!lone.test(c), where);
    }
  });
});

describe('transformSelection', () => {
  const sel = (start, end = start, direction = 'none') => ({ start, end, direction });

  test('a caret stays left of a remote insert at it', () => {
    assert.deepEqual(transformSelection(sel(2), fromJSON([2, 'xy', 1])), sel(2));
    assert.deepEqual(transformSelection(sel(3), fromJSON([2, 'xy', 1])), sel(5));
  });

  test('a range does not swallow inserts at its edges', () => {
    assert.deepEqual(transformSelection(sel(1, 3), fromJSON([1, 'A', 2, 'B', 1])), sel(2, 4));
  });

  test('a range inside deleted text collapses', () => {
    assert.deepEqual(transformSelection(sel(2, 3, 'backward'), fromJSON([1, -3, 1])), sel(1, 1, 'backward'));
  });
});

test('readSelection maps direction to anchor/head', () => {
  assert.deepEqual(readSelection({ selectionStart: 1, selectionEnd: 4, selectionDirection: 'forward' }), { anchor: 1, head: 4 });
  assert.deepEqual(readSelection({ selectionStart: 1, selectionEnd: 4, selectionDirection: 'backward' }), { anchor: 4, head: 1 });
});

describe('TextareaBinding', () => {
  function setup(text = 'hello') {
    const ta = new FakeTextarea();
    const local = [];
    const binding = new TextareaBinding(ta, { text, onLocalOp: (op) => local.push(op.toJSON()) });
    return { ta, local, binding };
  }

  test('typing reports operations', () => {
    const { ta, local } = setup();
    ta.setSelectionRange(5, 5);
    ta.type('!');
    ta.backspace();
    assert.deepEqual(local, [[5, '!'], [5, -1]]);
  });

  test('a remote op keeps the caret and selection on their text', () => {
    const { ta, binding } = setup('hello world');
    ta.setSelectionRange(6, 11, 'backward');
    binding.applyRemote(fromJSON(['>> ', 11]));
    assert.equal(ta.value, '>> hello world');
    assert.deepEqual([ta.selectionStart, ta.selectionEnd, ta.selectionDirection], [9, 14, 'backward']);
    assert.equal(binding.text, ta.value);
  });

  test('IME: nothing is reported mid-composition, remote ops wait, then both are merged', () => {
    const { ta, local, binding } = setup('ab');
    ta.setSelectionRange(1, 1);
    ta.dispatch('compositionstart');
    ta.type('k', { isComposing: true });
    ta.type('', { isComposing: true }); // the IME rewrites its candidate
    binding.applyRemote(fromJSON([2, 'Z'])); // arrives mid-composition
    assert.equal(ta.value, 'akb', 'the composition is not disturbed');
    assert.deepEqual(local, []);
    ta.setSelectionRange(1, 2);
    ta.type('か', { isComposing: true });
    ta.dispatch('compositionend');
    assert.equal(ta.value, 'aかbZ');
    // The local op is based on the document that already has the remote op.
    assert.deepEqual(local, [[1, 'か', 2]]);
    assert.deepEqual([ta.selectionStart, ta.selectionEnd], [2, 2]);
  });

  test('replace keeps the caret near and reports nothing', () => {
    const { ta, local, binding } = setup('one two three');
    ta.setSelectionRange(8, 8);
    binding.replace('one 2 three');
    assert.equal(ta.value, 'one 2 three');
    assert.equal(ta.selectionStart, 6);
    assert.deepEqual(local, []);
  });

  test('dispose removes its listeners', () => {
    const { ta, binding } = setup();
    binding.dispose();
    assert.equal(ta.listenerCount(), 0);
  });
});
