import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { keep } from '../js/chat/chat-draft.mjs';

class MemoryStorage {
  items = new Map();
  getItem(key) { return this.items.has(key) ? this.items.get(key) : null; }
  setItem(key, value) { this.items.set(key, String(value)); }
  removeItem(key) { this.items.delete(key); }
}

function typeInto(compose, value) {
  const input = { value };
  const event = new Event('input');
  Object.defineProperty(event, 'target', { value: input });
  compose.dispatchEvent(event);
}

describe('chat-draft', () => {
  test('what is typed is kept per room and comes back to a new page', () => {
    const storage = new MemoryStorage();
    const compose = new EventTarget();
    keep(compose, 'lobby', storage);
    typeInto(compose, 'half a tho');
    typeInto(compose, 'half a thought');

    assert.equal(keep(new EventTarget(), 'lobby', storage).saved(), 'half a thought');
    assert.equal(keep(new EventTarget(), 'other', storage).saved(), '');
  });

  test('clear forgets it, and so does emptying the field', () => {
    const storage = new MemoryStorage();
    const compose = new EventTarget();
    const kept = keep(compose, 'lobby', storage);
    typeInto(compose, 'sent soon');
    kept.clear();
    assert.equal(kept.saved(), '');
    typeInto(compose, 'again');
    typeInto(compose, '');
    assert.equal(storage.items.size, 0);
  });

  test('a compose area already gone attaches nothing', () => {
    assert.equal(keep(null, 'lobby', new MemoryStorage()), null);
  });

  test('after dispose nothing is saved', () => {
    const storage = new MemoryStorage();
    const compose = new EventTarget();
    keep(compose, 'lobby', storage).dispose();
    typeInto(compose, 'ignored');
    assert.equal(storage.items.size, 0);
  });

  test('a storage that refuses (private mode, full) only means the draft is not kept', () => {
    const refusing = {
      getItem() { throw new Error('SecurityError'); },
      setItem() { throw new Error('QuotaExceededError'); },
      removeItem() { throw new Error('SecurityError'); },
    };
    const compose = new EventTarget();
    const kept = keep(compose, 'lobby', refusing);
    typeInto(compose, 'still typing');
    assert.equal(kept.saved(), '');
    kept.clear();
  });

  test('what was typed before the page kept drafts is kept too', () => {
    const storage = new MemoryStorage();
    const compose = new EventTarget();
    compose.querySelector = () => ({ value: 'typed early' });

    keep(compose, 'lobby', storage);

    assert.equal(keep(new EventTarget(), 'lobby', storage).saved(), 'typed early');
  });
});
