import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { RowFocus, keepRowFocus } from '../js/shared/row-focus.mjs';

// Just enough of an element: attributes, a parent, children, whether it is on the page, focus.
class FakeElement {
  constructor(attributes = {}, parent = null) {
    this.attributes = attributes;
    this.parent = parent;
    this.children = [];
    this.isConnected = true;
    parent?.children.push(this);
  }
  getAttribute(name) { return name in this.attributes ? this.attributes[name] : null; }
  closest(selector) {
    const name = /^\[([a-z-]+)\]$/.exec(selector)[1];
    for (let e = this; e; e = e.parent) if (name in e.attributes) return e;
    return null;
  }
  querySelectorAll(selector) {
    const name = /^\[([a-z-]+)\]$/.exec(selector)[1];
    const found = [];
    const walk = e => { for (const c of e.children) { if (name in c.attributes) found.push(c); walk(c); } };
    walk(this);
    return found;
  }
  focus() { this.document.activeElement = this; }
}

function page() {
  const body = new FakeElement();
  const document = { body, activeElement: body, querySelectorAll: s => body.querySelectorAll(s) };
  const row = id => {
    const li = new FakeElement({ 'data-row': id }, body);
    const box = new FakeElement({ 'data-action': 'done' }, li);
    box.document = document;
    return { li, box };
  };
  return { document, body, row };
}

// As a browser does: a removed element loses the focus to the page.
function replace(body, old, made) {
  const document = old.box.document;
  if (document.activeElement === old.box) document.activeElement = body;
  old.li.isConnected = false;
  old.box.isConnected = false;
  body.children.splice(body.children.indexOf(old.li), 1);
  return made;
}

describe('row-focus', () => {
  test('a replaced row gets the focus back on the same control', () => {
    const { document, body, row } = page();
    const first = row('t1');
    const focus = new RowFocus();
    focus.noted(first.box);

    const again = replace(body, first, row('t1'));
    focus.restore(document);

    assert.equal(document.activeElement, again.box);
    const third = replace(body, again, row('t1'));
    focus.restore(document);
    assert.equal(document.activeElement, third.box);
  });

  test('nothing moves when the control is still there, something else has the focus, or the row is gone', () => {
    const { document, body, row } = page();
    const focus = new RowFocus();
    const kept = row('t1');
    focus.noted(kept.box);
    focus.restore(document);
    assert.equal(document.activeElement, body);

    const other = new FakeElement({}, body);
    document.activeElement = other;
    replace(body, kept, row('t1'));
    focus.restore(document);
    assert.equal(document.activeElement, other);

    document.activeElement = body;
    const gone = row('t2');
    focus.noted(gone.box);
    replace(body, gone, null);
    focus.restore(document);
    assert.equal(document.activeElement, body);
  });

  test('focus outside any row is not remembered', () => {
    const { document, body, row } = page();
    const focus = new RowFocus();
    focus.noted(new FakeElement({ 'data-action': 'done' }, body));
    replace(body, row('t1'), row('t1'));
    focus.restore(document);
    assert.equal(document.activeElement, body);
  });

  test('it listens for focus and watches the whole page', () => {
    const listened = [];
    let watched;
    class Observer { constructor(callback) { this.callback = callback; } observe(target, options) { watched = { target, options }; } }
    const { document, body } = page();
    document.addEventListener = (type) => listened.push(type);
    keepRowFocus(document, Observer);
    assert.deepEqual(listened, ['focusin']);
    assert.equal(watched.target, body);
    assert.deepEqual(watched.options, { childList: true, subtree: true });
  });
});
