// Just enough of HTMLTextAreaElement for the binding: value, selection, scroll, events.
// Like a browser, assigning `value` puts the caret at the end, so tests notice a binding that
// forgets to restore it.
//
// node --test runs every .mjs under test/, this one too: run directly, it checks itself.
export class FakeTextarea {
  #value = '';
  #listeners = new Map();
  selectionStart = 0;
  selectionEnd = 0;
  selectionDirection = 'none';
  scrollTop = 0;
  style = {};
  parentElement = null;

  get value() {
    return this.#value;
  }

  set value(v) {
    this.#value = String(v);
    this.selectionStart = this.selectionEnd = this.#value.length;
  }

  setSelectionRange(start, end, direction = 'none') {
    this.selectionStart = start;
    this.selectionEnd = end;
    this.selectionDirection = direction;
  }

  addEventListener(type, fn) {
    if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
    this.#listeners.get(type).add(fn);
  }

  removeEventListener(type, fn) {
    this.#listeners.get(type)?.delete(fn);
  }

  listenerCount() {
    return [...this.#listeners.values()].reduce((n, s) => n + s.size, 0);
  }

  dispatch(type, props = {}) {
    for (const fn of this.#listeners.get(type) ?? []) fn({ type, target: this, ...props });
  }

  // The user types: replace the selection with text, caret after it, then `input`.
  type(text, { isComposing = false } = {}) {
    const v = this.#value;
    const at = this.selectionStart + text.length;
    this.#value = v.slice(0, this.selectionStart) + text + v.slice(this.selectionEnd);
    this.selectionStart = this.selectionEnd = at;
    this.dispatch('input', { isComposing });
  }

  backspace() {
    if (this.selectionStart === this.selectionEnd && this.selectionStart > 0) this.selectionStart--;
    this.type('');
  }
}

const runDirectly = process.argv[1] && import.meta.url.endsWith(process.argv[1].replaceAll('\\', '/'));
if (runDirectly) {
  const { test } = await import('node:test');
  const assert = await import('node:assert/strict');
  test('FakeTextarea types over its selection', () => {
    const ta = new FakeTextarea();
    ta.value = 'hello';
    ta.setSelectionRange(1, 3);
    ta.type('EY');
    assert.equal(ta.value, 'hEYlo');
    assert.equal(ta.selectionEnd, 3);
  });
}
