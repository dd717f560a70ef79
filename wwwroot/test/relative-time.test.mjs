import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { relativeTime, showRelative, keepTimesRelative } from '../js/shared/relative-time.mjs';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const MIN = 60_000;

// Just enough of a <time data-relative> and of a page holding some.
class FakeTime {
  constructor(datetime) {
    this.attributes = { datetime, 'data-relative': '' };
    this.textContent = 'server text';
    this.nodeType = 1;
  }
  getAttribute(name) { return name in this.attributes ? this.attributes[name] : null; }
  hasAttribute(name) { return name in this.attributes; }
  setAttribute(name, value) { this.attributes[name] = value; }
  matches() { return true; }
  querySelectorAll() { return []; }
}

class FakeRow {
  constructor(times) { this.times = times; this.nodeType = 1; }
  matches() { return false; }
  querySelectorAll() { return this.times; }
}

function page(times) {
  const observers = [];
  const timers = [];
  let now = NOW;
  const document = { documentElement: {}, querySelectorAll: () => times };
  keepTimesRelative(document, {
    now: () => now,
    setInterval: (f, every) => timers.push({ f, every }),
    MutationObserver: class { constructor(callback) { observers.push(callback); } observe(target, options) { this.target = target; this.options = options; } },
  });
  return { added: nodes => observers[0]([{ addedNodes: nodes }]), tick: () => timers[0].f(), later: ms => { now += ms; }, timers };
}

describe('relativeTime', () => {
  test('says what the server says, by age', () => {
    assert.equal(relativeTime(NOW - 59_999, NOW), 'just now');
    assert.equal(relativeTime(NOW - MIN, NOW), '1 min ago');
    assert.equal(relativeTime(NOW - (59 * MIN + 59_999), NOW), '59 min ago');
    assert.equal(relativeTime(NOW - 60 * MIN, NOW), '1 h ago');
    assert.equal(relativeTime(NOW - (24 * 60 * MIN - 1), NOW), '23 h ago');
    assert.match(relativeTime(Date.parse('2026-03-04T12:00:00Z'), NOW), /^[34] Mar 2026$/);
  });

  test('a time ahead of the reader\'s clock is just now', () => {
    assert.equal(relativeTime(NOW + 5 * MIN, NOW), 'just now');
  });
});

describe('showRelative', () => {
  test('writes the text and a local tooltip once', () => {
    const time = new FakeTime('2026-12-07T11:55:00.0000000+00:00');
    showRelative(time, NOW);
    assert.equal(time.textContent, '5 min ago');
    assert.ok(time.getAttribute('title').includes('2026'));
    time.setAttribute('title', 'kept');
    showRelative(time, NOW + MIN);
    assert.equal(time.textContent, '6 min ago');
    assert.equal(time.getAttribute('title'), 'kept');
  });

  test('leaves an unreadable or missing datetime alone', () => {
    for (const datetime of ['not a date', undefined]) {
      const time = new FakeTime(datetime);
      showRelative(time, NOW);
      assert.equal(time.textContent, 'server text');
    }
  });
});

describe('keepTimesRelative', () => {
  test('shows the times already on the page, those added later, and all of them again every half minute', () => {
    const first = new FakeTime('2026-12-07T11:58:00Z');
    const shown = [first];
    const { added, tick, later, timers } = page(shown);
    assert.equal(first.textContent, '2 min ago');
    assert.equal(timers[0].every, 30_000);

    const second = new FakeTime('2026-12-07T12:00:00Z');
    const inRow = new FakeTime('2026-12-07T11:00:00Z');
    shown.push(second, inRow);
    added([second, new FakeRow([inRow]), { nodeType: 3 }]);
    assert.equal(second.textContent, 'just now');
    assert.equal(inRow.textContent, '1 h ago');

    later(3 * MIN);
    tick();
    assert.deepEqual(shown.map(t => t.textContent), ['5 min ago', '3 min ago', '1 h ago']);
  });
});
