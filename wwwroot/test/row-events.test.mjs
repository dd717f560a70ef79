import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { rowEventArgs, registerRowEvents, rowEventTypes, forwardButtonClick, buttonClickEvent } from '../js/shared/row-events.mjs';

// Just enough of an element for closest('[data-…]') and getAttribute.
class FakeElement {
  constructor(attributes = {}, parent = null, props = {}) {
    this.attributes = attributes;
    this.parent = parent;
    Object.assign(this, props);
  }
  getAttribute(name) { return name in this.attributes ? this.attributes[name] : null; }
  closest(selector) {
    const [, tag, name] = /^([a-z]*)\[([a-z-]+)\]$/.exec(selector);
    for (let e = this; e; e = e.parent) {
      if (name in e.attributes && (!tag || e.tagName === tag.toUpperCase())) return e;
    }
    return null;
  }
  dispatchEvent(event) { (this.dispatched ??= []).push(event.type); }
}

const list = new FakeElement({ class: 'collab-todo-list' });
const row = new FakeElement({ 'data-row': 'todo-1' }, list);

describe('row-events', () => {
  test('a click inside a control names the control and its row', () => {
    const button = new FakeElement({ 'data-action': 'delete' }, row);
    const icon = new FakeElement({}, new FakeElement({}, button));
    assert.deepEqual(rowEventArgs({ target: icon }), { action: 'delete', row: 'todo-1', checked: null });
  });

  test('a checkbox says whether it is now checked', () => {
    const box = new FakeElement({ 'data-action': 'done' }, row, { type: 'checkbox', checked: true });
    assert.deepEqual(rowEventArgs({ target: box }), { action: 'done', row: 'todo-1', checked: true });
  });

  test('a drag from the row itself names the row and no control', () => {
    assert.deepEqual(rowEventArgs({ target: row }), { action: null, row: 'todo-1', checked: null });
  });

  test('an event outside any row, or from no element, names nothing', () => {
    assert.deepEqual(rowEventArgs({ target: list }), { action: null, row: null, checked: null });
    assert.deepEqual(rowEventArgs({ target: null }), { action: null, row: null, checked: null });
    assert.deepEqual(rowEventArgs({ target: { nodeType: 3 } }), { action: null, row: null, checked: null });
  });

  test('a click on an enabled row button is re-sent from it; other clicks are not', () => {
    const button = new FakeElement({ 'data-action': 'up' }, row, { tagName: 'BUTTON', disabled: false });
    const disabled = new FakeElement({ 'data-action': 'up' }, row, { tagName: 'BUTTON', disabled: true });
    const checkbox = new FakeElement({ 'data-action': 'done' }, row, { tagName: 'INPUT' });
    const outside = new FakeElement({ 'data-action': 'up' }, list, { tagName: 'BUTTON', disabled: false });
    const title = new FakeElement({}, row, { tagName: 'SPAN' });

    forwardButtonClick({ target: new FakeElement({}, button, { tagName: 'SPAN' }) });
    for (const target of [disabled, checkbox, outside, title, null]) forwardButtonClick({ target });

    assert.deepEqual(button.dispatched, [buttonClickEvent]);
    for (const element of [disabled, checkbox, outside, title, row, list]) assert.equal(element.dispatched, undefined);
  });

  test('every event type is registered over its browser event with the same arguments', () => {
    const registered = {};
    const listeners = [];
    registerRowEvents(
      { registerCustomEventType: (name, options) => { registered[name] = options; } },
      { addEventListener: (type, listener) => listeners.push([type, listener]) });
    assert.deepEqual(listeners, [['click', forwardButtonClick]]);
    assert.deepEqual(Object.keys(registered), Object.keys(rowEventTypes));
    for (const [name, options] of Object.entries(registered)) {
      assert.equal(options.browserEventName, rowEventTypes[name]);
      assert.notEqual(options.browserEventName, name);
      assert.equal(options.createEventArgs, rowEventArgs);
    }
  });
});
