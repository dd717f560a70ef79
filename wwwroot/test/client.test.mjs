import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { OtClient } from '../js/ot/client.mjs';
import { fromJSON } from '../js/ot/text-operation.mjs';
import { SimServer } from './support/sim-server.mjs';
import { prng, seedFromEnv, randomOperation } from './support/random.mjs';

// One browser: its text, its OT client, and two FIFO links to the server (SignalR keeps order
// per connection; the delay is in when the scheduler gets round to delivering).
class Peer {
  inbox = [];
  outbox = [];
  connected = true;
  sent = [];
  gaps = 0;

  constructor(server, userId, ids) {
    this.server = server;
    this.userId = userId;
    this.text = server.text;
    this.client = new OtClient({
      revision: server.revision,
      userId,
      newId: ids,
      send: (revision, op, clientOpId) => {
        this.sent.push(clientOpId);
        if (this.connected) this.outbox.push({ revision, op, clientOpId });
      },
      applyRemote: (op) => { this.text = op.apply(this.text); },
      onGap: () => { this.gaps++; },
    });
    server.subscribe((evt) => { if (this.connected) this.inbox.push(evt); });
  }

  edit(op) {
    this.text = op.apply(this.text);
    this.client.applyLocal(op);
  }

  deliverIn() {
    this.client.receive(this.inbox.shift());
  }

  deliverOut() {
    const m = this.outbox.shift();
    this.server.submit(this.userId, m.revision, m.op, m.clientOpId);
  }

  // The connection drops: whatever was in flight either way is lost.
  disconnect() {
    this.connected = false;
    this.inbox = [];
    this.outbox = [];
  }

  // JoinRoom with the last event seen replays what was missed; then the op in flight is resent.
  reconnect() {
    this.connected = true;
    this.inbox = this.server.eventsAfter(this.client.revision);
    this.client.resend();
  }
}

function counterIds(prefix) {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

describe('OtClient', () => {
  test('sends one op at a time, buffers the rest, and composes the buffer', () => {
    const sends = [];
    const client = new OtClient({
      revision: 0, userId: 'me', newId: counterIds('op'),
      send: (...args) => sends.push(args), applyRemote: () => assert.fail('no remote op expected'),
    });
    client.applyLocal(fromJSON(['a']));
    assert.equal(client.state, 'AwaitingConfirm');
    client.applyLocal(fromJSON([1, 'b']));
    client.applyLocal(fromJSON([2, 'c']));
    assert.equal(client.state, 'AwaitingWithBuffer');
    assert.deepEqual(sends, [[0, ['a'], 'op-1']]);

    assert.equal(client.receive({ revision: 1, op: ['a'], userId: 'me', clientOpId: 'op-1' }), 'ack');
    assert.deepEqual(sends[1], [1, [1, 'bc'], 'op-2']);
    assert.equal(client.receive({ revision: 2, op: [1, 'bc'], userId: 'me', clientOpId: 'op-2' }), 'ack');
    assert.equal(client.state, 'Synchronized');
    assert.equal(client.isSynced, true);
    assert.equal(client.revision, 2);
  });

  test('an event with my clientOpId but another user is a remote op', () => {
    let text = 'a';
    const client = new OtClient({
      revision: 1, userId: 'me', newId: () => 'same', send: () => {},
      applyRemote: (op) => { text = op.apply(text); },
    });
    text = 'ab';
    client.applyLocal(fromJSON([1, 'b']));
    assert.equal(client.receive({ revision: 2, op: ['x', 1], userId: 'other', clientOpId: 'same' }), 'remote');
    assert.equal(text, 'xab');
    assert.equal(client.state, 'AwaitingConfirm');
  });

  test('remote ops are transformed: the server committed them first', () => {
    let text = '';
    const client = new OtClient({
      revision: 0, userId: 'me', newId: counterIds('op'), send: () => {},
      applyRemote: (op) => { text = op.apply(text); },
    });
    text = 'm';
    client.applyLocal(fromJSON(['m']));
    client.receive({ revision: 1, op: ['r'], userId: 'other', clientOpId: 'x' });
    assert.equal(text, 'rm', 'the earlier commit stays left');
  });

  test('duplicates are ignored and a gap calls onGap without applying', () => {
    let gaps = 0;
    const client = new OtClient({
      revision: 3, userId: 'me', send: () => {}, onGap: () => gaps++,
      applyRemote: () => assert.fail('nothing may be applied'),
    });
    assert.equal(client.receive({ revision: 3, op: ['x'], userId: 'o', clientOpId: 'c' }), 'duplicate');
    assert.equal(client.receive({ revision: 2, op: ['x'], userId: 'o', clientOpId: 'c' }), 'duplicate');
    assert.equal(client.receive({ revision: 5, op: ['x'], userId: 'o', clientOpId: 'c' }), 'gap');
    assert.equal(gaps, 1);
    assert.equal(client.revision, 3);
  });

  test('a malformed remote op throws and changes nothing', () => {
    const client = new OtClient({ revision: 0, userId: 'me', send: () => {}, applyRemote: () => {} });
    assert.throws(() => client.receive({ revision: 1, op: [0], userId: 'o', clientOpId: 'c' }), TypeError);
    assert.equal(client.revision, 0);
  });

  test('reset drops pending ops', () => {
    const client = new OtClient({ revision: 0, userId: 'me', send: () => {}, applyRemote: () => {} });
    client.applyLocal(fromJSON(['a']));
    client.reset(7);
    assert.equal(client.state, 'Synchronized');
    assert.equal(client.revision, 7);
  });

  test('onStateChange reports state and revision', () => {
    const changes = [];
    const client = new OtClient({
      revision: 0, userId: 'me', newId: () => 'c1', send: () => {}, applyRemote: () => {},
      onStateChange: (s) => changes.push(s),
    });
    client.applyLocal(fromJSON(['a']));
    client.receive({ revision: 1, op: ['a'], userId: 'me', clientOpId: 'c1' });
    assert.deepEqual(changes, [
      { state: 'AwaitingConfirm', isSynced: false, revision: 0 },
      { state: 'Synchronized', isSynced: true, revision: 1 },
    ]);
  });
});

describe('resend after reconnect', () => {
  test('the ack was lost: resend reuses the clientOpId and commits nothing new', () => {
    const server = new SimServer();
    const peer = new Peer(server, 'u1', counterIds('u1'));
    peer.edit(fromJSON(['hello']));
    peer.deliverOut();
    peer.disconnect(); // before the event arrives
    peer.reconnect();
    assert.deepEqual(peer.sent, ['u1-1', 'u1-1']);
    while (peer.outbox.length) peer.deliverOut();
    while (peer.inbox.length) peer.deliverIn();
    assert.equal(server.log.length, 1);
    assert.equal(server.duplicateSubmits, 1);
    assert.equal(server.text, 'hello');
    assert.equal(peer.text, 'hello');
    assert.equal(peer.client.isSynced, true);
  });

  test('the submit was lost: resend commits it once', () => {
    const server = new SimServer();
    const peer = new Peer(server, 'u1', counterIds('u1'));
    peer.edit(fromJSON(['hi']));
    peer.disconnect();
    peer.reconnect();
    while (peer.outbox.length) peer.deliverOut();
    while (peer.inbox.length) peer.deliverIn();
    assert.equal(server.log.length, 1);
    assert.equal(peer.text, 'hi');
    assert.equal(peer.client.isSynced, true);
  });
});

describe('simulated network', () => {
  const seed = seedFromEnv();

  for (const peers of [2, 3]) {
    test(`${peers} clients with random delays and reconnects converge (seed ${seed})`, () => {
      for (let run = 0; run < 60; run++) {
        const rnd = prng(seed + run * 7919 + peers);
        const server = new SimServer();
        const all = Array.from({ length: peers }, (_, i) => new Peer(server, `u${i}`, counterIds(`u${i}`)));
        const where = () => `seed=${seed} peers=${peers} run=${run}`;

        for (let step = 0; step < 300; step++) {
          const p = rnd.pick(all);
          const roll = rnd.next();
          if (roll < 0.3) p.edit(randomOperation(rnd, p.text));
          else if (roll < 0.6 && p.inbox.length) p.deliverIn();
          else if (roll < 0.9 && p.outbox.length) p.deliverOut();
          else if (roll < 0.93 && p.connected) p.disconnect();
          else if (!p.connected) p.reconnect();
        }
        for (const p of all) if (!p.connected) p.reconnect();
        for (let busy = true; busy;) {
          busy = false;
          for (const p of all) {
            if (p.outbox.length) { p.deliverOut(); busy = true; }
            if (p.inbox.length) { p.deliverIn(); busy = true; }
          }
        }

        for (const p of all) {
          assert.equal(p.text, server.text, `${p.userId} diverged; ${where()}`);
          assert.equal(p.client.isSynced, true, `${p.userId} not synced; ${where()}`);
          assert.equal(p.client.revision, server.revision, where());
          assert.equal(p.gaps, 0, where());
        }
        const ids = server.log.map((e) => `${e.userId}/${e.clientOpId}`);
        assert.equal(new Set(ids).size, ids.length, `an op was committed twice; ${where()}`);
      }
    });
  }
});
