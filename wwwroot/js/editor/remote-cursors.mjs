// Other users' carets and selections, kept in the coordinates of the local document (the
// server's text at our revision, then our unconfirmed ops), so they can be drawn over the
// textarea as it is.
//
// A `cursor` event names the revision its positions refer to. Ours may be ahead of it (we
// already applied later ops: transform through them, from a short history) or behind it (the
// cursor outran the operation events: keep it until we catch up). After placing, every op
// applied to the local document moves the stored positions along.
import { transformIndex } from '../ot/text-operation.mjs';

const HISTORY = 500;

// A stable, well spread hue per user (FNV-1a over the id).
export function hueFor(userId) {
  let h = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    h ^= userId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % 360;
}

export class RemoteCursors {
  #cursors = new Map();
  #ahead = new Map();
  #history = [];

  list() {
    return [...this.#cursors.values()];
  }

  // A committed op as the server sent it (revision it produced, its author).
  recordServerOp(revision, op, userId) {
    this.#history.push({ revision, op, userId });
    if (this.#history.length > HISTORY) this.#history.shift();
  }

  clearHistory() {
    this.#history = [];
  }

  // data: a `cursor` event's { userId, userName, revision, anchor, head }, plus `displayName` as the page
  // relays it (what people are called; the user name when absent). `revision` and
  // `pending` describe the local document (OtClient.revision and OtClient.pending).
  // Returns whether anything visible changed.
  update(data, revision, pending) {
    if (data.revision > revision) {
      this.#ahead.set(data.userId, data);
      return false;
    }
    this.#ahead.delete(data.userId);
    const missed = this.#history.filter((h) => h.revision > data.revision && h.revision <= revision);
    if (missed.length !== revision - data.revision) return false; // too old to place: wait for the next one
    let { anchor, head } = data;
    // The cursor's owner typed these ops at their caret, so their inserts push it along.
    for (const h of missed) [anchor, head] = move(anchor, head, h.op, h.userId === data.userId ? 1 : -1);
    for (const op of pending) [anchor, head] = move(anchor, head, op, -1);
    this.#cursors.set(data.userId, {
      userId: data.userId, userName: data.userName, displayName: data.displayName ?? data.userName, anchor, head, hue: hueFor(data.userId),
    });
    return true;
  }

  // Places the cursors that were ahead of us once we reach their revision.
  catchUp(revision, pending) {
    let changed = false;
    for (const data of [...this.#ahead.values()]) {
      if (data.revision <= revision) changed = this.update(data, revision, pending) || changed;
    }
    return changed;
  }

  // An op applied to the local document; `authorId` is whose edit it was.
  transform(op, authorId) {
    for (const c of this.#cursors.values()) {
      [c.anchor, c.head] = move(c.anchor, c.head, op, c.userId === authorId ? 1 : -1);
    }
  }

  remove(userId) {
    this.#ahead.delete(userId);
    return this.#cursors.delete(userId);
  }
}

function move(anchor, head, op, assoc) {
  return [transformIndex(anchor, op, assoc), transformIndex(head, op, assoc)];
}

// Cuts text into runs for the overlay: [{ text, hues }] where `hues` are the users whose
// selection covers the run, with { caret: cursor } entries where a caret is drawn.
export function overlaySegments(text, cursors) {
  const clamp = (i) => Math.min(Math.max(i, 0), text.length);
  const cuts = new Set([0, text.length]);
  for (const c of cursors) {
    cuts.add(clamp(c.anchor));
    cuts.add(clamp(c.head));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i < points.length; i++) {
    const at = points[i];
    for (const c of cursors) if (clamp(c.head) === at) out.push({ caret: c });
    if (i + 1 === points.length) break;
    const next = points[i + 1];
    const hues = cursors
      .filter((c) => Math.min(clamp(c.anchor), clamp(c.head)) <= at && Math.max(clamp(c.anchor), clamp(c.head)) >= next)
      .map((c) => c.hue);
    out.push({ text: text.slice(at, next), hues });
  }
  return out;
}
