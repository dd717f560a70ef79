import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { attach } from '../js/editor/collab-editor.mjs';
import { RemoteCursors, overlaySegments, hueFor } from '../js/editor/remote-cursors.mjs';
import { fromJSON } from '../js/ot/text-operation.mjs';
import { FakeTextarea } from './support/fake-textarea.mjs';
import { SimServer } from './support/sim-server.mjs';

// A .NET side stand-in: records calls, routes SubmitOperation to the server. Submits are
// answered asynchronously, like interop calls.
class FakeDotNet {
  calls = [];
  constructor(server, userId, { failSubmit = false, busySubmits = 0, failCatchUps = 0 } = {}) {
    this.server = server;
    this.userId = userId;
    this.failSubmit = failSubmit;
    this.busySubmits = busySubmits;
    this.lostSubmits = false; // the page's server is gone: submits never arrive, never answer
    this.failCatchUps = failCatchUps; // the next catch-ups fail (the log cannot be read just now)
  }

  invokeMethodAsync(method, ...args) {
    this.calls.push([method, ...args]);
    if (method === 'RequestCatchUp' && this.failCatchUps > 0) {
      this.failCatchUps--;
      return Promise.reject(new Error('unavailable: the log cannot be read now'));
    }
    if (method === 'RequestCatchUp' && this.onCatchUp) return Promise.resolve().then(() => this.onCatchUp(...args));
    if (method !== 'SubmitOperation') return Promise.resolve();
    if (this.lostSubmits) return new Promise(() => {});
    if (this.failSubmit) return Promise.reject(new Error('invalid: nope'));
    if (this.busySubmits > 0) {
      this.busySubmits--;
      return Promise.resolve('retry');
    }
    return Promise.resolve().then(() => this.server.submit(this.userId, ...args));
  }

  named(method) {
    return this.calls.filter((c) => c[0] === method).map((c) => c.slice(1));
  }
}

const fakeDocument = () => ({ activeElement: null, addEventListener() {}, removeEventListener() {} });
const manualTimers = () => {
  const timers = [];
  return {
    setTimeout: (fn) => { timers.push(fn); return timers.length; },
    clearTimeout: () => {},
    runAll: () => { while (timers.length) timers.shift()(); },
  };
};
const settle = () => new Promise((resolve) => setImmediate(resolve));

let pages = 0;
function open(server, userId, extra = {}) {
  const page = ++pages; // ids unique across pages, as crypto.randomUUID() makes them
  const ta = new FakeTextarea();
  const dotNet = new FakeDotNet(server, userId, extra);
  const timers = manualTimers();
  let n = 0;
  // A reloaded page is answered what was committed after a revision when it asks, as the component does (the answer
  // comes in a later microtask, after attach has returned; nothing is pushed through receive()).
  dotNet.onCatchUp = (revision) => ({ reset: null, operations: server.eventsAfter(revision) });
  const editor = attach(ta, dotNet, { revision: server.revision, text: server.text, userId, userName: userId, roomId: 'r' }, {
    document: fakeDocument(), overlay: null, newId: () => `${userId}-${page}-${++n}`, storage: extra.storage ?? null, ...timers,
  });
  const client = { ta, dotNet, editor, timers, deaf: false };
  server.subscribe((data) => { if (!client.deaf) editor.receive({ type: 'operation', data }); });
  return client;
}

describe('collab-editor', () => {
  test('a busy server gets the same op again after a pause, and no typing is thrown away', async () => {
    const server = new SimServer();
    const a = open(server, 'alice', { busySubmits: 2 });
    a.ta.type('hi');
    await settle();
    a.timers.runAll();
    await settle();
    a.timers.runAll();
    await settle();

    const submits = a.dotNet.named('SubmitOperation');
    assert.equal(submits.length, 3, 'two refusals, then the commit');
    assert.equal(new Set(submits.map((s) => s[2])).size, 1, 'every attempt carries the same clientOpId');
    assert.equal(a.dotNet.named('RequestResync').length, 0);
    assert.equal(server.text, 'hi');
    assert.equal(a.ta.value, 'hi');
  });

  test('two editors converge and report saved/syncing', async () => {
    const server = new SimServer();
    const a = open(server, 'alice');
    const b = open(server, 'bob');
    a.ta.type('hello');
    b.ta.type('world');
    a.ta.type('!');
    assert.equal(a.editor.state, 'AwaitingWithBuffer');
    for (let i = 0; i < 5; i++) await settle();
    assert.equal(a.ta.value, server.text);
    assert.equal(b.ta.value, server.text);
    assert.equal(server.text, 'helloworld!', 'bob committed before the "!", so his text stays left');
    assert.deepEqual(a.dotNet.named('SyncStateChanged').at(0), [true, 0]);
    assert.deepEqual(a.dotNet.named('SyncStateChanged').at(-1), [true, 3]);
    assert.ok(a.dotNet.named('SyncStateChanged').some(([synced]) => synced === false));
    assert.equal(a.dotNet.named('SubmitOperation').length, 2, 'the buffer went out as one op');
  });

  test('cursor updates are throttled and only sent when synced', async () => {
    const server = new SimServer();
    const a = open(server, 'alice');
    a.ta.type('abc'); // input counts as a selection change, but an op is in flight
    assert.equal(a.dotNet.named('UpdateCursor').length, 0);
    await settle();
    await settle();
    assert.deepEqual(a.dotNet.named('UpdateCursor'), [[1, 3, 3]]);
    a.ta.setSelectionRange(0, 1, 'backward');
    a.ta.dispatch('keyup');
    a.ta.setSelectionRange(0, 2, 'forward');
    a.ta.dispatch('keyup');
    assert.equal(a.dotNet.named('UpdateCursor').length, 1, 'throttled');
    a.timers.runAll();
    assert.deepEqual(a.dotNet.named('UpdateCursor').at(-1), [1, 0, 2]);
  });

  test('a rejected submit requests a resync once until reset', async () => {
    const server = new SimServer();
    const a = open(server, 'alice', { failSubmit: true });
    a.ta.type('x');
    await settle();
    assert.equal(a.dotNet.named('RequestResync').length, 1);
    a.editor.reset(4, 'fresh text');
    assert.equal(a.ta.value, 'fresh text');
    assert.equal(a.editor.revision, 4);
    assert.equal(a.editor.state, 'Synchronized');
    a.ta.type('!');
    await settle();
    assert.equal(a.dotNet.named('RequestResync').length, 2);
  });

  test('a gap asks to catch up from its revision, and unconfirmed typing survives it', async () => {
    const server = new SimServer();
    const a = open(server, 'alice');
    const b = open(server, 'bob');
    a.deaf = true; // alice misses events from here on
    b.ta.type('hello ');
    await settle();
    a.ta.type('x'); // submitted at revision 0; its ack is missed too
    await settle();
    a.ta.type('y'); // waits in the buffer behind the unconfirmed 'x'
    a.deaf = false;
    b.ta.type('!');
    await settle();
    await settle();
    await settle();

    assert.deepEqual(a.dotNet.named('RequestCatchUp'), [[0]]);
    assert.equal(a.dotNet.named('RequestResync').length, 0);
    assert.equal(a.ta.value, server.text);
    assert.equal(b.ta.value, server.text);
    assert.match(server.text, /x/);
    assert.match(server.text, /y/);
    assert.equal(a.editor.state, 'Synchronized');
  });

  test('a malformed event requests a resync', () => {
    const server = new SimServer();
    const a = open(server, 'alice');
    a.editor.receive({ type: 'operation', data: { revision: 1, op: [0], userId: 'bob', clientOpId: 'c' } });
    assert.equal(a.dotNet.named('RequestResync').length, 1);
  });

  test('a textarea already gone attaches nothing', () => {
    const dotNet = new FakeDotNet(new SimServer(), 'alice');
    assert.equal(attach(null, dotNet, { revision: 0, text: '', userId: 'alice' }), null);
    assert.equal(dotNet.calls.length, 0);
  });

  test('dispose stops all calls and listeners', () => {
    const server = new SimServer();
    const a = open(server, 'alice');
    a.editor.dispose();
    assert.equal(a.ta.listenerCount(), 0);
    const before = a.dotNet.calls.length;
    a.editor.receive({ type: 'operation', data: { revision: 1, op: ['y'], userId: 'bob', clientOpId: 'c' } });
    assert.equal(a.dotNet.calls.length, before);
  });
});

describe('RemoteCursors', () => {
  const cursor = (userId, revision, anchor, head = anchor) => ({ userId, userName: userId, revision, anchor, head });

  test('a cursor from an older revision moves through the ops since', () => {
    const rc = new RemoteCursors();
    rc.recordServerOp(1, fromJSON(['ab']), 'carol');
    assert.equal(rc.update(cursor('bob', 0, 0), 1, []), true);
    assert.equal(rc.list()[0].head, 0, 'someone else inserting at the caret does not push it');
    rc.update(cursor('carol', 0, 0), 1, []);
    assert.equal(rc.list().find((c) => c.userId === 'carol').head, 2, 'the author\'s own insert does');
  });

  test('pending local ops move it too; too old is dropped; ahead waits', () => {
    const rc = new RemoteCursors();
    rc.update(cursor('bob', 3, 1), 3, [fromJSON(['xy', 2])]);
    assert.equal(rc.list()[0].head, 3);
    assert.equal(rc.update(cursor('dan', 1, 0), 3, []), false);
    assert.equal(rc.update(cursor('eve', 5, 1), 3, []), false);
    rc.recordServerOp(4, fromJSON([2]), 'x');
    rc.recordServerOp(5, fromJSON(['Q', 2]), 'x');
    assert.equal(rc.catchUp(5, []), true);
    assert.equal(rc.list().find((c) => c.userId === 'eve').head, 1);
  });

  test('a cursor is labelled with the display name the page relays, else the user name', () => {
    const rc = new RemoteCursors();
    rc.update({ ...cursor('bob', 0, 0), displayName: 'Bob Smith' }, 0, []);
    rc.update(cursor('carol', 0, 0), 0, []);
    assert.deepEqual(rc.list().map((c) => c.displayName), ['Bob Smith', 'carol']);
  });

  test('transform and remove', () => {
    const rc = new RemoteCursors();
    rc.update(cursor('bob', 0, 1, 3), 0, []);
    rc.transform(fromJSON(['>', 4]), 'me');
    assert.deepEqual([rc.list()[0].anchor, rc.list()[0].head], [2, 4]);
    assert.equal(rc.remove('bob'), true);
    assert.equal(rc.list().length, 0);
  });

  test('overlaySegments cuts text into selection runs and carets', () => {
    const bob = { userId: 'bob', userName: 'Bob', anchor: 1, head: 3, hue: 10 };
    const segs = overlaySegments('abcd', [bob]);
    assert.deepEqual(segs, [
      { text: 'a', hues: [] },
      { text: 'bc', hues: [10] },
      { caret: bob },
      { text: 'd', hues: [] },
    ]);
  });

  test('hueFor is stable and in range', () => {
    assert.equal(hueFor('user-1'), hueFor('user-1'));
    assert.ok(hueFor('x') >= 0 && hueFor('x') < 360);
  });
});

describe('collab-editor undo and redo', () => {
  const key = (ta, k, mods = {}) => {
    let prevented = false;
    ta.dispatch('keydown', { key: k, ctrlKey: true, shiftKey: false, altKey: false, metaKey: false, ...mods, preventDefault: () => { prevented = true; } });
    return prevented;
  };
  const settleAll = async () => { for (let i = 0; i < 6; i++) await settle(); };

  test("Ctrl+Z undoes only this user's edit, after another user's concurrent one; Ctrl+Y redoes it; all converge", async () => {
    const server = new SimServer();
    const a = open(server, 'alice');
    const b = open(server, 'bob');
    a.ta.type('hello');
    await settleAll();
    b.ta.setSelectionRange(0, 0);
    b.ta.type('X ');
    await settleAll();
    assert.equal(a.ta.value, 'X hello');

    assert.ok(key(a.ta, 'z'), 'the browser does not undo by itself');
    await settleAll();
    assert.equal(server.text, 'X ');
    assert.equal(a.ta.value, 'X ');
    assert.equal(b.ta.value, 'X ');

    key(a.ta, 'y');
    await settleAll();
    assert.equal(server.text, 'X hello');
    assert.equal(b.ta.value, 'X hello');
    assert.deepEqual(a.dotNet.named('UndoStateChanged').at(-1), [true, false]);
  });

  test('undo and redo from the buttons, and Ctrl+Shift+Z; a remote edit keeps the history', async () => {
    const server = new SimServer();
    const a = open(server, 'alice');
    const b = open(server, 'bob');
    a.ta.type('one');
    await settleAll();
    b.ta.setSelectionRange(3, 3);
    b.ta.type(' two');
    await settleAll();
    assert.deepEqual(a.dotNet.named('UndoStateChanged').at(-1), [true, false], 'the remote edit left the undo step');

    assert.equal(a.editor.undo(), true);
    await settleAll();
    assert.equal(server.text, ' two');
    assert.equal(a.editor.undo(), false, 'nothing more of alice to undo');
    key(a.ta, 'z', { shiftKey: true });
    await settleAll();
    assert.equal(server.text, 'one two');
    assert.equal(b.ta.value, 'one two');
  });

  test('a resync clears the history', async () => {
    const server = new SimServer();
    const a = open(server, 'alice');
    a.ta.type('x');
    await settleAll();
    a.editor.reset(server.revision, server.text);
    assert.deepEqual(a.dotNet.named('UndoStateChanged').at(-1), [false, false]);
    assert.equal(a.editor.undo(), false);
  });

  describe('unconfirmed typing kept in the tab', () => {
    class MemoryStorage {
      items = new Map();
      getItem(key) { return this.items.get(key) ?? null; }
      setItem(key, value) { this.items.set(key, String(value)); }
      removeItem(key) { this.items.delete(key); }
    }
    const settleAll = async () => { for (let i = 0; i < 6; i++) await settle(); };

    test('a reload resubmits what its server never got, over what others committed meanwhile', async () => {
      const server = new SimServer();
      const storage = new MemoryStorage();
      const a = open(server, 'alice', { storage });
      const b = open(server, 'bob');
      a.ta.type('hello');
      await settleAll();
      assert.equal(storage.items.size, 0, 'nothing kept once confirmed');

      a.dotNet.lostSubmits = true; // the instance dies under the page
      a.deaf = true;
      a.ta.type(' world');
      a.ta.type('!'); // buffered behind the op in flight
      await settleAll();
      assert.equal(storage.items.size, 1, 'the unconfirmed typing is kept');
      b.ta.setSelectionRange(0, 0);
      b.ta.type('> ');
      await settleAll();
      a.editor.dispose();

      const reloaded = open(server, 'alice', { storage });
      await settleAll();

      assert.equal(server.text, '> hello world!');
      assert.equal(reloaded.ta.value, server.text);
      assert.equal(b.ta.value, server.text);
      assert.equal(reloaded.editor.state, 'Synchronized');
      assert.equal(storage.items.size, 0);
    });

    test('an op committed just before the page died is recognised after the reload, not committed twice', async () => {
      const server = new SimServer();
      const storage = new MemoryStorage();
      const a = open(server, 'alice', { storage });
      a.deaf = true; // the commit happens, its event never reaches the page
      a.ta.type('once');
      await settleAll();
      assert.equal(server.text, 'once');
      assert.equal(storage.items.size, 1);
      a.editor.dispose();

      const reloaded = open(server, 'alice', { storage });
      await settleAll();

      assert.equal(server.text, 'once');
      assert.equal(reloaded.ta.value, 'once');
      assert.equal(server.duplicateSubmits, 0, 'recognised by its clientOpId in the catch-up, not sent again');
      assert.equal(reloaded.editor.state, 'Synchronized');
      assert.equal(storage.items.size, 0);
    });

    test('a restored page whose op in flight was committed unseen sends its buffered typing after the catch-up answer', async () => {
      const server = new SimServer();
      const storage = new MemoryStorage();
      const a = open(server, 'alice', { storage });
      a.deaf = true; // the first op is committed, its event never reaches the page
      a.ta.type('u');
      a.ta.type('nconfirmed'); // buffered behind it
      await settleAll();
      assert.equal(server.text, 'u');
      a.editor.dispose();

      const reloaded = open(server, 'alice', { storage });
      await settleAll();

      assert.equal(server.text, 'unconfirmed');
      assert.equal(reloaded.ta.value, 'unconfirmed');
      assert.equal(reloaded.editor.state, 'Synchronized');
      assert.equal(storage.items.size, 0);
    });

    test('a gap seen while a catch-up runs is caught up after it', async () => {
      const server = new SimServer();
      const a = open(server, 'alice');
      a.deaf = true;
      server.submit('bob', 0, ['a'], 'b1');
      server.submit('bob', 1, [1, 'b'], 'b2');
      let answerFirst;
      a.dotNet.onCatchUp = (revision) => {
        const read = server.eventsAfter(revision); // what the log held when asked
        a.dotNet.onCatchUp = (later) => ({ reset: null, operations: server.eventsAfter(later) });
        return new Promise((resolve) => { answerFirst = () => resolve({ reset: null, operations: read }); });
      };
      a.editor.receive({ type: 'operation', data: server.eventsAfter(1)[0] }); // revision 2 while at 0: a gap
      await settleAll();
      server.submit('bob', 2, [2, 'c'], 'b3');
      a.editor.receive({ type: 'operation', data: server.eventsAfter(2)[0] }); // another, past what the first read
      answerFirst();
      await settleAll();

      assert.equal(a.ta.value, 'abc');
      assert.equal(a.dotNet.named('RequestCatchUp').length, 2);
    });

    test('a restored page whose catch-up fails for a while asks again instead of throwing its typing away', async () => {
      const server = new SimServer();
      const storage = new MemoryStorage();
      const a = open(server, 'alice', { storage });
      a.dotNet.lostSubmits = true;
      a.ta.type('kept');
      await settleAll();
      a.editor.dispose();
      server.submit('bob', 0, ['bob: '], 'b1');

      const reloaded = open(server, 'alice', { storage, failCatchUps: 2 });
      for (let i = 0; i < 3; i++) {
        await settleAll();
        reloaded.timers.runAll();
      }
      await settleAll();

      assert.equal(reloaded.dotNet.named('RequestCatchUp').length, 3);
      assert.equal(reloaded.dotNet.named('RequestResync').length, 0);
      assert.equal(server.text, 'bob: kept');
      assert.equal(reloaded.ta.value, server.text);
    });

    test('a catch-up that keeps failing ends in a resync', async () => {
      const server = new SimServer();
      const a = open(server, 'alice');
      a.dotNet.failCatchUps = 100;
      a.editor.receive({ type: 'operation', data: { revision: 5, op: ['x'], userId: 'bob', clientOpId: 'c' } });
      for (let i = 0; i < 6; i++) {
        await settleAll();
        a.timers.runAll();
      }

      assert.equal(a.dotNet.named('RequestCatchUp').length, 5);
      assert.equal(a.dotNet.named('RequestResync').length, 1);
    });

    test("another user's kept typing is not used, and is dropped", async () => {
      const server = new SimServer();
      const storage = new MemoryStorage();
      const a = open(server, 'alice', { storage });
      a.dotNet.lostSubmits = true;
      a.ta.type('secret');
      await settleAll();
      a.editor.dispose();

      const bob = open(server, 'bob', { storage });
      await settleAll();

      assert.equal(bob.ta.value, '');
      assert.equal(bob.dotNet.named('RequestCatchUp').length, 0);
      assert.equal(storage.items.size, 0);
    });

    test('unreadable kept state starts from the snapshot', async () => {
      const server = new SimServer();
      server.submit('bob', 0, ['snapshot'], 'b1');
      const storage = new MemoryStorage();
      storage.setItem('collab.editor.pending.r', '{"v":1,"userId":"alice","revision":"x"}');

      const a = open(server, 'alice', { storage });
      await settleAll();

      assert.equal(a.ta.value, 'snapshot');
      assert.equal(storage.items.size, 0);
    });

    for (const [what, kept] of [
      ['an op that is not one', { outstanding: [0], buffer: null, text: 'x' }],
      ['an op for another text', { outstanding: [5, 'x'], buffer: null, text: 'ab' }],
      ['a buffer that does not follow the op', { outstanding: ['a'], buffer: [3, 'b'], text: 'ab' }],
    ]) {
      test(`kept state with ${what} starts from the snapshot, and is not kept for the next reload`, async () => {
        const server = new SimServer();
        server.submit('bob', 0, ['snapshot'], 'b1');
        const storage = new MemoryStorage();
        storage.setItem('collab.editor.pending.r', JSON.stringify({ v: 1, userId: 'alice', revision: 0, clientOpId: 'c1', ...kept }));

        const a = open(server, 'alice', { storage });
        await settleAll();

        assert.equal(a.ta.value, 'snapshot');
        assert.equal(storage.items.size, 0);
      });
    }
  });
});
