import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { keepChanges } from '../js/todos/todo-outbox.mjs';

class MemoryStorage {
  items = new Map();
  getItem(key) { return this.items.get(key) ?? null; }
  setItem(key, value) { this.items.set(key, String(value)); }
  removeItem(key) { this.items.delete(key); }
}

describe('todo-outbox', () => {
  test('keeps changes in order until each is removed, and a new page takes what is left', () => {
    const storage = new MemoryStorage();
    const page = keepChanges('r1', 'alice', storage);
    page.put({ key: 'a', kind: 0 });
    page.put({ key: 'b', kind: 1 });
    page.put({ key: 'c', kind: 3 });
    page.remove('b');

    const next = keepChanges('r1', 'alice', storage);
    assert.deepEqual(next.take().map((c) => c.key), ['a', 'c']);
    assert.equal(storage.items.size, 0, 'taken: the new page keeps again what it sends');
    assert.deepEqual(next.take(), []);
  });

  test('dispose, as the room page releases it, keeps what was kept for the next page', () => {
    const storage = new MemoryStorage();
    const page = keepChanges('r1', 'alice', storage);
    page.put({ key: 'a', kind: 0 });

    page.dispose();

    assert.deepEqual(keepChanges('r1', 'alice', storage).take().map((c) => c.key), ['a']);
  });

  test('putting a change again replaces it; rooms are kept apart', () => {
    const storage = new MemoryStorage();
    const r1 = keepChanges('r1', 'alice', storage);
    const r2 = keepChanges('r2', 'alice', storage);
    r1.put({ key: 'a', title: 'first' });
    r1.put({ key: 'a', title: 'second' });
    r2.put({ key: 'z' });

    assert.deepEqual(r1.take(), [{ key: 'a', title: 'second' }]);
    assert.deepEqual(r2.take(), [{ key: 'z' }]);
  });

  test("another user's changes, unreadable data or no storage give nothing", () => {
    const storage = new MemoryStorage();
    keepChanges('r1', 'alice', storage).put({ key: 'a' });
    assert.deepEqual(keepChanges('r1', 'bob', storage).take(), []);

    storage.setItem('collab.todos.pending.r1', '{not json');
    assert.deepEqual(keepChanges('r1', 'alice', storage).take(), []);

    const none = keepChanges('r1', 'alice', null);
    none.put({ key: 'a' });
    assert.deepEqual(none.take(), []);

    const full = new MemoryStorage();
    full.setItem = () => { throw new Error('QuotaExceededError'); };
    assert.doesNotThrow(() => keepChanges('r1', 'alice', full).put({ key: 'a' }));
  });
});
