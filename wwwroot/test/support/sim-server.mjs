// A stand-in for the server's document sequencer, as docs/protocol.md describes it: ops are
// transformed against everything committed after their base revision (committed ops first),
// committed as the next revision, published to every subscriber, and deduplicated per
// (user, clientOpId).
//
// node --test runs every .mjs under test/, this one too: run directly, it checks itself.
import { fromJSON, transform } from '../../js/ot/text-operation.mjs';

export class SimServer {
  text = '';
  log = [];
  #committed = new Map();
  #subscribers = new Set();
  duplicateSubmits = 0;

  subscribe(onEvent) {
    this.#subscribers.add(onEvent);
    return () => this.#subscribers.delete(onEvent);
  }

  get revision() {
    return this.log.length;
  }

  // The `operation` events after `revision`, as a resumed JoinRoom replays them.
  eventsAfter(revision) {
    return this.log.slice(revision);
  }

  submit(userId, revision, opJson, clientOpId) {
    const key = `${userId}\n${clientOpId}`;
    if (this.#committed.has(key)) {
      this.duplicateSubmits++;
      return { revision: this.#committed.get(key) };
    }
    let op = fromJSON(opJson);
    for (const committed of this.log.slice(revision)) {
      [, op] = transform(fromJSON(committed.op), op);
    }
    this.text = op.apply(this.text);
    const event = { revision: this.log.length + 1, op: op.toJSON(), userId, clientOpId };
    this.log.push(event);
    this.#committed.set(key, event.revision);
    for (const s of this.#subscribers) s(event);
    return { revision: event.revision };
  }
}

const runDirectly = process.argv[1] && import.meta.url.endsWith(process.argv[1].replaceAll('\\', '/'));
if (runDirectly) {
  const { test } = await import('node:test');
  const assert = await import('node:assert/strict');
  test('SimServer transforms a late op and deduplicates by clientOpId', () => {
    const server = new SimServer();
    server.submit('u1', 0, ['a'], 'x');
    assert.deepEqual(server.submit('u2', 0, ['b'], 'y'), { revision: 2 });
    assert.equal(server.text, 'ab');
    assert.deepEqual(server.submit('u2', 0, ['b'], 'y'), { revision: 2 });
    assert.equal(server.text, 'ab');
    assert.equal(server.duplicateSubmits, 1);
  });
}
