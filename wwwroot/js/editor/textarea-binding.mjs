// Connects a <textarea> to text operations: user edits become operations (by diffing the
// value before and after each input event), and remote operations are written back while the
// caret and selection stay on the text the user had them on.
//
// The pure parts (diffToOperation, transformSelection, readSelection) carry the logic and are
// tested in node; TextareaBinding only wires them to the element's events.
import { TextOperation, transform, compose, transformIndex } from '../ot/text-operation.mjs';

const isHigh = (code) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code) => code >= 0xdc00 && code <= 0xdfff;
const pairAt = (text, i) => i > 0 && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i));

// The operation turning oldText into newText: one replaced range between a common prefix and a
// common suffix. `caret` (the selection end after the edit) settles ambiguous cases such as
// typing "a" into "aa": an insertion ends at the caret, so the suffix may not reach left of it.
// Without a caret, the longest common prefix wins.
// The cut moves left/right rather than fall inside a surrogate pair of either text.
export function diffToOperation(oldText, newText, caret = undefined) {
  const shorter = Math.min(oldText.length, newText.length);
  let suffix = 0;
  const maxSuffix = caret === undefined ? shorter : Math.min(shorter, Math.max(0, newText.length - caret));
  while (suffix < maxSuffix
    && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) {
    suffix++;
  }
  let prefix = 0;
  while (prefix < shorter - suffix && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;

  if (pairAt(oldText, prefix) || pairAt(newText, prefix)) prefix--;
  if (pairAt(oldText, oldText.length - suffix) || pairAt(newText, newText.length - suffix)) suffix--;

  return TextOperation.build()
    .retain(prefix)
    .delete(oldText.length - prefix - suffix)
    .insert(newText.slice(prefix, newText.length - suffix))
    .retain(suffix)
    .build();
}

// Moves a selection { start, end, direction } through op. A caret stays left of text inserted
// exactly at it (so two people typing at one spot do not interleave); a range does not grow
// to swallow text inserted at its edges.
export function transformSelection(selection, op) {
  const { start, end, direction } = selection;
  if (start === end) {
    const at = transformIndex(start, op, -1);
    return { start: at, end: at, direction };
  }
  const newStart = transformIndex(start, op, 1);
  const newEnd = Math.max(newStart, transformIndex(end, op, -1));
  return { start: newStart, end: newEnd, direction };
}

// The protocol's anchor/head (anchor is where the selection started, head where the caret is).
export function readSelection(textarea) {
  const { selectionStart: start, selectionEnd: end, selectionDirection: direction } = textarea;
  return direction === 'backward' ? { anchor: end, head: start } : { anchor: start, head: end };
}

// Where the last change of `op` ends in the text it produces: after its last insert, or where its last delete was.
export function endOfChange(op) {
  let pos = 0;
  let end = 0;
  for (const c of op.toJSON()) {
    if (typeof c === 'string') {
      pos += c.length;
      end = pos;
    } else if (c > 0) {
      pos += c;
    } else {
      end = pos;
    }
  }
  return end;
}

export class TextareaBinding {
  #textarea;
  #onLocalOp;
  // The text the OT side has been told about (minus `#deferred`, see below).
  #base;
  #composing = false;
  // Remote ops that arrived during an IME composition, composed. Writing the value mid-
  // composition would cancel it, so they wait for compositionend, based on #base.
  #deferred = null;
  #listeners;

  constructor(textarea, { text, onLocalOp }) {
    this.#textarea = textarea;
    this.#onLocalOp = onLocalOp;
    this.#base = text;
    textarea.value = text;
    this.#listeners = {
      input: (e) => { if (!e.isComposing) this.flush(); },
      compositionstart: () => { this.#composing = true; },
      compositionend: () => { this.#composing = false; this.flush(); },
    };
    for (const [type, fn] of Object.entries(this.#listeners)) textarea.addEventListener(type, fn);
  }

  get text() {
    return this.#base;
  }

  get composing() {
    return this.#composing;
  }

  // Turns what the user typed since the last call into an operation. The host calls this
  // before handing a remote op to the OT client, so local edits are always reported first.
  flush() {
    if (this.#composing) return;
    const ta = this.#textarea;
    const before = this.#base;
    let local = diffToOperation(before, ta.value, ta.selectionEnd);
    const deferred = this.#deferred;
    this.#deferred = null;
    this.#base = ta.value;
    if (deferred) {
      // The server has the remote ops first; the composition is transformed after them.
      let remote;
      [remote, local] = transform(deferred, local);
      this.#write(remote);
    }
    // The local op applies to what the text was before it: the old base, after any deferred remote ops.
    if (!local.isRetainOnly()) this.#onLocalOp(local, deferred ? deferred.apply(before) : before);
  }

  // Writes this user's own op (an undo or redo) as if typed, with the caret at the end of the change.
  // The host reports it onwards itself; call flush() first so pending typing is reported before it.
  applyOwn(op) {
    const ta = this.#textarea;
    const scrollTop = ta.scrollTop;
    this.#base = op.apply(this.#base);
    ta.value = this.#base;
    const caret = endOfChange(op);
    ta.setSelectionRange(caret, caret);
    ta.scrollTop = scrollTop;
  }

  // Applies a remote op (already transformed by the OT client) to the textarea.
  applyRemote(op) {
    if (this.#composing) {
      this.#deferred = this.#deferred ? compose(this.#deferred, op) : op;
      return;
    }
    this.#write(op);
  }

  // Replaces the whole text (resync), keeping the caret near where it was. Returns the
  // operation that was applied, so the host can move other positions along.
  replace(text) {
    this.#deferred = null;
    this.#base = this.#textarea.value;
    const op = diffToOperation(this.#base, text);
    this.#write(op);
    return op;
  }

  dispose() {
    for (const [type, fn] of Object.entries(this.#listeners)) this.#textarea.removeEventListener(type, fn);
  }

  #write(op) {
    const ta = this.#textarea;
    const selection = transformSelection(
      { start: ta.selectionStart, end: ta.selectionEnd, direction: ta.selectionDirection }, op);
    const scrollTop = ta.scrollTop;
    this.#base = op.apply(this.#base);
    ta.value = this.#base;
    ta.setSelectionRange(selection.start, selection.end, selection.direction);
    ta.scrollTop = scrollTop;
  }
}
