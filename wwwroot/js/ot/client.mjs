// The client side of OT: keeps at most one operation in flight to the server and turns the
// server's stream of `operation` events into edits of the local document.
//
// After ot.js (Operational-Transformation/ot.js, lib/client.js, MIT), adapted to docs/protocol.md:
// - the acknowledgement is not a separate message but the `operation` event that carries our
//   own clientOpId (and our userId);
// - every event names the revision it produced, so duplicates (revision <= ours, e.g. replayed
//   after a resync) are dropped and a hole in the sequence is reported through onGap;
// - the server commits concurrent ops in its own order and a remote op we receive while ours
//   is in flight was committed before ours, so it is the FIRST argument of transform.
import { TextOperation, transform } from './text-operation.mjs';

// Nothing in flight: the local document equals the server's at `revision`.
class Synchronized {
  name = 'Synchronized';

  applyLocal(client, op) {
    const clientOpId = client.newId();
    client.submit(op, clientOpId);
    return new AwaitingConfirm(op, clientOpId);
  }

  applyServer(client, op) {
    client.applyRemote(op);
    return this;
  }

  isAck() {
    return false;
  }

  resend() {}
}

// One op (`outstanding`) sent, its event not seen yet. Local document = server document at
// `revision`, then outstanding.
class AwaitingConfirm {
  name = 'AwaitingConfirm';

  constructor(outstanding, clientOpId) {
    this.outstanding = outstanding;
    this.clientOpId = clientOpId;
  }

  // Only one op in flight: new local edits wait in a buffer.
  applyLocal(client, op) {
    return new AwaitingWithBuffer(this.outstanding, this.clientOpId, op);
  }

  // The server committed `op` before ours:
  //
  //                  /\
  //    outstanding  /  \  op (remote, committed first)
  //                /    \
  //                \    /
  //  op' (applied   \  /  outstanding' (what the server will
  //   locally)       \/    commit for ours, and what we now await)
  applyServer(client, op) {
    const [opPrime, outstandingPrime] = transform(op, this.outstanding);
    client.applyRemote(opPrime);
    return new AwaitingConfirm(outstandingPrime, this.clientOpId);
  }

  isAck(client, data) {
    return data.clientOpId === this.clientOpId && data.userId === client.userId;
  }

  ack() {
    return new Synchronized();
  }

  resend(client) {
    client.submit(this.outstanding, this.clientOpId);
  }
}

// One op in flight and later local edits composed into `buffer`. Local document = server
// document at `revision`, then outstanding, then buffer.
class AwaitingWithBuffer {
  name = 'AwaitingWithBuffer';

  constructor(outstanding, clientOpId, buffer) {
    this.outstanding = outstanding;
    this.clientOpId = clientOpId;
    this.buffer = buffer;
  }

  applyLocal(client, op) {
    return new AwaitingWithBuffer(this.outstanding, this.clientOpId, this.buffer.compose(op));
  }

  // The remote op goes through both diamonds, outstanding first:
  //
  //                      /\
  //        outstanding  /  \ op (remote)
  //                    /    \
  //                   /\    /
  //         buffer   /  \  / outstanding'
  //                 /    \/
  //                 \    /
  //   op'' (applied  \  / buffer'
  //    locally)       \/
  applyServer(client, op) {
    const [opPrime, outstandingPrime] = transform(op, this.outstanding);
    const [opPrimePrime, bufferPrime] = transform(opPrime, this.buffer);
    client.applyRemote(opPrimePrime);
    return new AwaitingWithBuffer(outstandingPrime, this.clientOpId, bufferPrime);
  }

  isAck(client, data) {
    return data.clientOpId === this.clientOpId && data.userId === client.userId;
  }

  // Ours is committed; the buffer becomes the op in flight, based on the new revision.
  ack(client) {
    const clientOpId = client.newId();
    client.submit(this.buffer, clientOpId);
    return new AwaitingConfirm(this.buffer, clientOpId);
  }

  resend(client) {
    client.submit(this.outstanding, this.clientOpId);
  }
}

export class OtClient {
  #state = new Synchronized();
  #send;
  #applyRemote;
  #onGap;
  #onStateChange;

  // send(revision, opJson, clientOpId): submit to the server (its result is the host's business).
  // applyRemote(op): apply an already transformed remote op to the local document.
  // onGap(): an event skipped revisions; the host should resync and call reset.
  // onStateChange({ state, isSynced, revision }): after any change of state or revision.
  constructor({ revision, userId, send, applyRemote, onGap = () => {}, onStateChange = () => {},
    newId = () => crypto.randomUUID() }) {
    this.revision = revision;
    this.userId = userId;
    this.newId = newId;
    this.#send = send;
    this.#applyRemote = applyRemote;
    this.#onGap = onGap;
    this.#onStateChange = onStateChange;
  }

  get state() {
    return this.#state.name;
  }

  get isSynced() {
    return this.#state instanceof Synchronized;
  }

  // The local ops the server has not confirmed, in order (for transforming positions).
  get pending() {
    const s = this.#state;
    return [s.outstanding, s.buffer].filter(Boolean);
  }

  // A local edit, already applied to the local document.
  applyLocal(op) {
    if (op.isRetainOnly()) return;
    this.#setState(this.#state.applyLocal(this, op));
  }

  // An `operation` event's data: { revision, op, userId, clientOpId }. Returns what it was:
  // 'ack', 'remote', 'duplicate' or 'gap'.
  receive(data) {
    if (data.revision <= this.revision) return 'duplicate';
    if (data.revision > this.revision + 1) {
      this.#onGap();
      return 'gap';
    }
    if (this.#state.isAck(this, data)) {
      this.revision = data.revision;
      this.#setState(this.#state.ack(this));
      return 'ack';
    }
    const op = TextOperation.fromJSON(data.op); // parse before changing anything
    const next = this.#state.applyServer(this, op);
    this.revision = data.revision;
    this.#setState(next);
    return 'remote';
  }

  // After the host re-read the document at `revision`: whatever was pending is dropped, as the
  // fresh text is the truth (it may or may not contain our outstanding op).
  reset(revision) {
    this.revision = revision;
    this.#setState(new Synchronized());
  }

  // After a reconnect: submit the op in flight again with the same clientOpId. The server
  // commits it at most once, so this is safe whether or not the first submit arrived.
  resend() {
    this.#state.resend(this);
  }

  // What is not confirmed yet, to be kept across a reload: null when synchronized.
  get unconfirmed() {
    const s = this.#state;
    if (this.isSynced) return null;
    return { outstanding: s.outstanding.toJSON(), clientOpId: s.clientOpId, buffer: s.buffer?.toJSON() ?? null };
  }

  // A reloaded page picks up where the last one stopped: `revision` is set at construction, the local
  // document already holds the pending ops, and the op in flight goes out again (resend) once the host has
  // delivered what was committed meanwhile (its own op among it, recognised by clientOpId).
  restore({ outstanding, clientOpId, buffer }) {
    const op = TextOperation.fromJSON(outstanding);
    this.#setState(buffer
      ? new AwaitingWithBuffer(op, clientOpId, TextOperation.fromJSON(buffer))
      : new AwaitingConfirm(op, clientOpId));
  }

  submit(op, clientOpId) {
    this.#send(this.revision, op.toJSON(), clientOpId);
  }

  applyRemote(op) {
    this.#applyRemote(op);
  }

  #setState(state) {
    this.#state = state;
    this.#onStateChange({ state: state.name, isSynced: this.isSynced, revision: this.revision });
  }
}
