import { test } from 'node:test';
import assert from 'node:assert/strict';
import { watch } from '../js/presence/idle.mjs';

function fakeClock() {
  let now = 0;
  let nextId = 1;
  const timers = new Map();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => timers.delete(id),
    // Moves time forward, running due timers in order (including ones they schedule).
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((x, y) => x[1].at - y[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
    },
    pending: () => timers.size,
  };
}

function fakeDocument() {
  const listeners = new Map();
  return {
    visibilityState: 'visible',
    addEventListener(type, fn) { (listeners.get(type) ?? listeners.set(type, new Set()).get(type)).add(fn); },
    removeEventListener(type, fn) { listeners.get(type)?.delete(fn); },
    fire(type) { for (const fn of listeners.get(type) ?? []) fn({ type }); },
    count: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
}

function setup(opts = {}) {
  const clock = fakeClock();
  const document = fakeDocument();
  const reports = [];
  const dotNet = { invokeMethodAsync: (method, status) => { reports.push(`${method}:${status}`); return Promise.resolve(); } };
  const watcher = watch(dotNet, { idleMs: 1000, clock, document, ...opts });
  return { clock, document, reports, watcher };
}

test('goes away once after idleMs without input', () => {
  const { clock, reports } = setup();
  clock.advance(999);
  assert.deepEqual(reports, []);
  clock.advance(1);
  assert.deepEqual(reports, ['ReportStatus:away']);
  clock.advance(10000);
  assert.deepEqual(reports, ['ReportStatus:away']);
});

test('activity postpones away, and brings online back once', () => {
  const { clock, document, reports } = setup();
  clock.advance(600);
  document.fire('mousemove');
  clock.advance(600);
  assert.deepEqual(reports, [], 'only 600 ms since the last move');
  clock.advance(400);
  assert.deepEqual(reports, ['ReportStatus:away']);
  document.fire('keydown');
  document.fire('scroll');
  assert.deepEqual(reports, ['ReportStatus:away', 'ReportStatus:online']);
  clock.advance(1000);
  assert.deepEqual(reports, ['ReportStatus:away', 'ReportStatus:online', 'ReportStatus:away']);
});

test('hidden is away at once; visible again is online', () => {
  const { clock, document, reports } = setup();
  document.visibilityState = 'hidden';
  document.fire('visibilitychange');
  document.fire('mousemove'); // activity while hidden does not count
  assert.deepEqual(reports, ['ReportStatus:away']);
  clock.advance(5000);
  document.visibilityState = 'visible';
  document.fire('visibilitychange');
  assert.deepEqual(reports, ['ReportStatus:away', 'ReportStatus:online']);
  clock.advance(999);
  assert.equal(reports.length, 2);
  clock.advance(1);
  assert.deepEqual(reports.at(-1), 'ReportStatus:away');
});

test('starting hidden reports away', () => {
  const clock = fakeClock();
  const document = { ...fakeDocument(), visibilityState: 'hidden' };
  const reports = [];
  watch({ invokeMethodAsync: (m, s) => { reports.push(s); return Promise.resolve(); } }, { clock, document });
  assert.deepEqual(reports, ['away']);
});

test('a failing call is swallowed', async () => {
  const clock = fakeClock();
  const document = fakeDocument();
  watch({ invokeMethodAsync: () => Promise.reject(new Error('circuit gone')) }, { idleMs: 10, clock, document });
  clock.advance(10);
  await new Promise((resolve) => setImmediate(resolve)); // an unhandled rejection would fail the test
});

test('dispose removes listeners and the timer', () => {
  const { clock, document, reports, watcher } = setup();
  watcher.dispose();
  assert.equal(document.count(), 0);
  assert.equal(clock.pending(), 0);
  clock.advance(5000);
  assert.deepEqual(reports, []);
});

test('defaults to two minutes', () => {
  const clock = fakeClock();
  const document = fakeDocument();
  const reports = [];
  watch({ invokeMethodAsync: (m, s) => { reports.push(s); return Promise.resolve(); } }, { clock, document });
  clock.advance(119999);
  assert.deepEqual(reports, []);
  clock.advance(1);
  assert.deepEqual(reports, ['away']);
});
