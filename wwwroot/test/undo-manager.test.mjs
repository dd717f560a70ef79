import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { UndoManager, GROUP_MS } from '../js/ot/undo-manager.mjs';
import { TextOperation, transform } from '../js/ot/text-operation.mjs';

const insert = (at, text, length) => TextOperation.build().retain(at).insert(text).retain(length - at).build();
const remove = (at, n, length) => TextOperation.build().retain(at).delete(n).retain(length - at - n).build();

// One user's document with an undo manager: local edits are recorded, remote ones transform the stacks.
class Doc {
  text;
  undo = new UndoManager();
  clock = 0;
  constructor(text) { this.text = text; }
  local(op, later = GROUP_MS * 2) {
    this.clock += later;
    this.undo.recordLocal(op, this.text, this.clock);
    this.text = op.apply(this.text);
  }
  remote(op) {
    this.undo.transform(op);
    this.text = op.apply(this.text);
  }
  applyOwn = (op) => { this.text = op.apply(this.text); };
  doUndo() { return this.undo.undo(this.applyOwn, this.text); }
  doRedo() { return this.undo.redo(this.applyOwn, this.text); }
}

describe('UndoManager', () => {
  test('undo reverts the last local edit and redo brings it back', () => {
    const doc = new Doc('hello');
    doc.local(insert(5, ' world', 5));
    assert.ok(doc.doUndo());
    assert.equal(doc.text, 'hello');
    assert.ok(doc.doRedo());
    assert.equal(doc.text, 'hello world');
    assert.equal(doc.undo.canRedo, false);
  });

  test('consecutive typing within the grouping time is one step; a pause starts a new one', () => {
    const doc = new Doc('');
    doc.local(insert(0, 'a', 0), 10);
    doc.local(insert(1, 'b', 1), 10);
    doc.local(insert(2, 'c', 2), 10);
    doc.local(insert(3, '!', 3), GROUP_MS + 1);
    doc.doUndo();
    assert.equal(doc.text, 'abc');
    doc.doUndo();
    assert.equal(doc.text, '');
    assert.equal(doc.undo.canUndo, false);
  });

  test('typing then deleting are separate steps', () => {
    const doc = new Doc('');
    doc.local(insert(0, 'abc', 0), 10);
    doc.local(remove(2, 1, 3), 10);
    doc.doUndo();
    assert.equal(doc.text, 'abc');
  });

  test("undo reverts only this user's edit, moved past a concurrent remote edit before it", () => {
    const doc = new Doc('world');
    doc.local(insert(5, '!', 5));
    doc.remote(insert(0, 'hello ', 6));
    assert.equal(doc.text, 'hello world!');
    doc.doUndo();
    assert.equal(doc.text, 'hello world');
    doc.doRedo();
    assert.equal(doc.text, 'hello world!');
  });

  test('a remote edit that removed the text of a step leaves nothing to undo of it', () => {
    const doc = new Doc('ab');
    doc.local(insert(2, 'cd', 2));
    doc.remote(remove(1, 3, 4));
    assert.equal(doc.text, 'a');
    assert.equal(doc.undo.canUndo, false);
  });

  test('a new local edit clears the redo stack; a remote one does not', () => {
    const doc = new Doc('x');
    doc.local(insert(1, 'y', 1));
    doc.doUndo();
    doc.remote(insert(0, '>', 1));
    assert.ok(doc.undo.canRedo);
    doc.local(insert(2, 'z', 2));
    assert.equal(doc.undo.canRedo, false);
  });

  test('two users converge when one undoes while the other types (transformed like any edit)', () => {
    const a = new Doc('base');
    const b = new Doc('base');
    const mine = insert(4, ' A', 4);
    a.local(mine);
    b.remote(mine);
    let undoOp;
    a.undo.undo((op) => { undoOp = op; a.text = op.apply(a.text); }, a.text);
    const theirs = insert(0, 'B ', 6);
    b.local(theirs);
    // The server orders b's edit first: a receives it transformed over its undo, b receives the undo transformed.
    const [undoForB, theirsForA] = transform(undoOp, theirs);
    a.remote(theirsForA);
    b.remote(undoForB);
    assert.equal(a.text, 'B base');
    assert.equal(b.text, a.text);
  });
});
