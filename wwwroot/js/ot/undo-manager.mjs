// Undo and redo of one user's own edits in a shared document, with the semantics of ot.js's
// UndoManager (https://github.com/Operational-Transformation/ot.js, lib/undo-manager.js): the
// stacks hold inverse operations; every remote operation transforms both stacks, so an undo
// reverts exactly this user's change wherever it now sits, and never anyone else's; consecutive
// typing is grouped into one step.
//
// Grouping (ours): a local edit joins the previous step when it comes within GROUP_MS of it and is
// of the same kind (inserting, or deleting) as it. A remote edit or an undo/redo ends the group.
import { transform } from './text-operation.mjs';

export const GROUP_MS = 1000;
const MAX_STEPS = 500;

const kindOf = (op) => {
  const json = op.toJSON();
  const inserts = json.some((c) => typeof c === 'string');
  const deletes = json.some((c) => typeof c === 'number' && c < 0);
  if (inserts && !deletes) return 'insert';
  if (deletes && !inserts) return 'delete';
  return 'replace';
};

// Moves every step of a stack (newest last) past `op`, a change made after all of them; steps that
// no longer change anything are dropped.
function transformStack(stack, op) {
  const moved = [];
  for (let i = stack.length - 1; i >= 0; i--) {
    const [step, rest] = transform(stack[i], op);
    if (!step.isRetainOnly()) moved.push(step);
    op = rest;
  }
  return moved.reverse();
}

export class UndoManager {
  #undo = [];
  #redo = [];
  #lastKind = null;
  #lastAt = -Infinity;

  get canUndo() {
    return this.#undo.length > 0;
  }

  get canRedo() {
    return this.#redo.length > 0;
  }

  // A local edit `op` was made on `before`; its inverse becomes (or joins) the newest undo step.
  // A new edit clears the redo stack, as in every editor.
  recordLocal(op, before, now) {
    const inverse = op.invert(before);
    const kind = kindOf(op);
    const joins = this.#undo.length > 0 && kind !== 'replace' && kind === this.#lastKind && now - this.#lastAt < GROUP_MS;
    if (joins) {
      // Undoing the group undoes this edit first, then the earlier ones.
      this.#undo.push(inverse.compose(this.#undo.pop()));
    } else {
      this.#undo.push(inverse);
      if (this.#undo.length > MAX_STEPS) this.#undo.shift();
    }
    this.#redo = [];
    this.#lastKind = kind;
    this.#lastAt = now;
  }

  // Someone else's edit, applied after everything on both stacks.
  transform(op) {
    this.#undo = transformStack(this.#undo, op);
    this.#redo = transformStack(this.#redo, op);
    this.#lastKind = null;
  }

  // The operation that undoes the newest step, on the current text; `apply(op, before)` must make
  // it happen (as a local edit the others receive). Its inverse becomes a redo step.
  undo(apply, text) {
    const op = this.#undo.pop();
    if (!op) return false;
    apply(op);
    this.#redo.push(op.invert(text));
    this.#lastKind = null;
    return true;
  }

  redo(apply, text) {
    const op = this.#redo.pop();
    if (!op) return false;
    apply(op);
    this.#undo.push(op.invert(text));
    this.#lastKind = null;
    return true;
  }

  clear() {
    this.#undo = [];
    this.#redo = [];
    this.#lastKind = null;
  }
}
