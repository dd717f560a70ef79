// The glue a Blazor component calls: ties a textarea, the OT client and the remote cursor
// overlay to the .NET side. The component relays room events in with receive(); everything
// going out is a dotNetRef.invokeMethodAsync call:
//   SubmitOperation(revision, op, clientOpId)  one in flight at a time (the OT client decides);
//                                              answers 'retry' when nothing was committed yet
//   UpdateCursor(revision, anchor, head)        throttled; only when nothing is unconfirmed,
//                                               so the positions are exactly at `revision`
//   SyncStateChanged(isSynced, revision)        for the "saved" / "syncing" indicator
//   RequestCatchUp(revision)                    on a hole in the revisions: answers { reset, operations }
//                                               with the operations after `revision` (unconfirmed typing
//                                               is transformed over them), or a reset when they are gone
//   RequestResync()                             on a failed submit or a bad event; answers
//                                               { reset: { revision, text }, operations }
//   UndoStateChanged(canUndo, canRedo)          for the Undo / Redo buttons
// Undo and redo (Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y, or undo()/redo() from the buttons) revert this user's
// own edits only, transformed over everyone else's (UndoManager); they are local edits like typing.
// Unconfirmed typing is kept in the tab (pending-edits.mjs): a page that finds some starts from it instead of
// the snapshot's text, asks for what was committed since, then sends its op again with the same clientOpId.
import { OtClient } from '../ot/client.mjs';
import { fromJSON } from '../ot/text-operation.mjs';
import { TextareaBinding, readSelection } from './textarea-binding.mjs';
import { RemoteCursors } from './remote-cursors.mjs';
import { CursorOverlay } from './cursor-overlay.mjs';
import { UndoManager } from '../ot/undo-manager.mjs';
import { pendingEdits } from './pending-edits.mjs';

const CURSOR_THROTTLE_MS = 100;
const SELECTION_EVENTS = ['select', 'keyup', 'mouseup', 'input', 'focus'];

// `env` is for tests: { document, setTimeout, clearTimeout, newId, overlay, now, storage } (overlay may be null).
// Returns null when the textarea is already gone (the room was left while this module loaded).
export function attach(textarea, dotNetRef, options, env = {}) {
  if (!textarea) return null;
  const { userId, roomId } = options;
  const kept = pendingEdits(roomId, userId, env.storage !== undefined ? env.storage : globalThis.sessionStorage);
  const restored = kept.load();
  const revision = restored?.revision ?? options.revision;
  const text = restored?.text ?? options.text;
  const doc = env.document ?? textarea.ownerDocument;
  const setTimer = env.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = env.clearTimeout ?? ((t) => clearTimeout(t));
  const overlay = env.overlay !== undefined ? env.overlay : new CursorOverlay(textarea);
  const now = env.now ?? (() => Date.now());
  const history = new UndoManager();
  let reportedUndo = null;

  let disposed = false;
  let resyncRequested = false;
  let author = null; // who wrote the remote op being applied, for moving their caret
  let reported = null;
  let cursorDirty = false;
  let cursorTimer = null;
  let lastCursor = null;

  const call = (method, ...args) => (disposed
    ? Promise.resolve()
    : dotNetRef.invokeMethodAsync(method, ...args));
  const ignore = () => {};

  // Several failures in a row ask once; reset() re-arms.
  function requestResync() {
    if (resyncRequested || disposed) return;
    resyncRequested = true;
    call('RequestResync').then(applyAnswer).catch(() => {
      // Refused (too many calls) or failed before the reset came: ask again a moment later.
      setTimeout(() => {
        resyncRequested = false;
        requestResync();
      }, 1000);
    });
  }

  // One catch-up at a time: gaps seen while it runs are what it delivers. A failed one (the log could not be read
  // just now, or too many calls) is asked again after a growing pause; only after several does it resync, which
  // throws unconfirmed typing away. `then` runs once it has succeeded.
  // A gap seen while one runs may lie past what it read: another follows it then.
  let catchingUp = false;
  let gapWhileCatchingUp = false;
  let catchUpFailures = 0;
  function requestCatchUp(then = null) {
    if (catchingUp) gapWhileCatchingUp = true;
    if (catchingUp || resyncRequested || disposed) return;
    catchingUp = true;
    call('RequestCatchUp', client.revision).then(
      (answer) => {
        catchingUp = false;
        catchUpFailures = 0;
        if (disposed) return;
        applyAnswer(answer);
        then?.();
        if (gapWhileCatchingUp) {
          gapWhileCatchingUp = false;
          requestCatchUp();
        }
      },
      () => {
        catchingUp = false;
        if (++catchUpFailures > 4) {
          catchUpFailures = 0;
          requestResync();
          return;
        }
        setTimer(() => requestCatchUp(then), 500 * catchUpFailures);
      });
  }

  const cursors = new RemoteCursors();
  const redraw = () => overlay?.render(binding.text, cursors.list());

  const binding = new TextareaBinding(textarea, {
    text,
    onLocalOp(op, before) {
      history.recordLocal(op, before, now());
      sendOwn(op);
    },
  });

  function sendOwn(op) {
    cursors.transform(op, userId);
    client.applyLocal(op);
    redraw();
    reportUndo();
  }

  function reportUndo() {
    const { canUndo, canRedo } = history;
    if (reportedUndo?.canUndo === canUndo && reportedUndo?.canRedo === canRedo) return;
    reportedUndo = { canUndo, canRedo };
    call('UndoStateChanged', canUndo, canRedo).catch(ignore);
  }

  // `step` is history.undo or history.redo: the op it yields is written as if typed and sent.
  function revert(step) {
    if (disposed || binding.composing) return false;
    binding.flush(); // typing not yet reported is part of history first
    const done = step.call(history, (op) => {
      binding.applyOwn(op);
      sendOwn(op);
    }, binding.text);
    reportUndo();
    return done;
  }

  const onKeyDown = (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key?.toLowerCase();
    const isUndo = key === 'z' && !e.shiftKey;
    const isRedo = (key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey);
    if (!isUndo && !isRedo) return;
    // Ours, not the browser's: its history knows nothing of the others' edits.
    e.preventDefault();
    revert(isUndo ? history.undo : history.redo);
  };
  textarea.addEventListener('keydown', onKeyDown);

  // 'retry' means the server was busy (rate-limited) or a store was briefly unreachable, and nothing
  // was committed: send the same op again (same clientOpId, so it is committed at most once) after a
  // growing pause, instead of a resync that would throw the unconfirmed typing away.
  let retryDelay = 250;
  const retryIfBusy = (outcome) => {
    if (outcome !== 'retry') {
      retryDelay = 250;
      return;
    }
    const delay = retryDelay;
    retryDelay = Math.min(retryDelay * 2, 5000);
    setTimer(() => { if (!disposed) client.resend(); }, delay);
  };

  const client = new OtClient({
    revision,
    userId,
    newId: env.newId,
    send(rev, op, clientOpId) {
      call('SubmitOperation', rev, op, clientOpId).then(retryIfBusy).catch(requestResync);
    },
    applyRemote(op) {
      binding.applyRemote(op);
      history.transform(op);
      reportUndo();
      cursors.transform(op, author);
      // Our caret moved with the text; that is not news for the others.
      if (!cursorDirty) lastCursor = readSelection(textarea);
    },
    onGap: () => requestCatchUp(),
    onStateChange: reportSync,
  });

  function reportSync() {
    keep();
    const { isSynced, revision: rev } = client;
    if (reported?.isSynced !== isSynced || reported?.rev !== rev) {
      reported = { isSynced, rev };
      call('SyncStateChanged', isSynced, rev).catch(ignore);
    }
    if (isSynced && cursorDirty && !cursorTimer) flushCursor();
  }

  // Every change of the text or of what is unconfirmed passes through the client's state, so this sees them all.
  function keep() {
    const unconfirmed = client.unconfirmed;
    if (unconfirmed) kept.save({ revision: client.revision, text: binding.text, ...unconfirmed });
    else kept.clear();
  }

  function cursorMoved() {
    cursorDirty = true;
    if (!cursorTimer) flushCursor();
  }

  // Leading and trailing edge: the first move goes out at once, the rest at most every 100 ms.
  function flushCursor() {
    if (!cursorDirty || disposed || !client.isSynced) return;
    cursorDirty = false;
    const sel = readSelection(textarea);
    if (lastCursor && sel.anchor === lastCursor.anchor && sel.head === lastCursor.head) return;
    lastCursor = sel;
    call('UpdateCursor', client.revision, sel.anchor, sel.head).catch(ignore);
    cursorTimer = setTimer(() => {
      cursorTimer = null;
      flushCursor();
    }, CURSOR_THROTTLE_MS);
  }

  const onSelectionChange = () => {
    if (doc?.activeElement === textarea) cursorMoved();
  };
  for (const type of SELECTION_EVENTS) textarea.addEventListener(type, cursorMoved);
  doc?.addEventListener('selectionchange', onSelectionChange);

  function receiveOperation(data) {
    binding.flush(); // our own typing goes first, as it already happened
    author = data.userId;
    let outcome;
    try {
      outcome = client.receive(data);
    } finally {
      author = null;
    }
    if (outcome === 'ack' || outcome === 'remote') {
      cursors.recordServerOp(data.revision, fromJSON(data.op), data.userId);
      cursors.catchUp(client.revision, client.pending);
      redraw();
    }
  }

  // The answer to RequestCatchUp or RequestResync: the fresh text when the host sends one, then the operations.
  function applyAnswer(answer) {
    if (disposed || !answer) return;
    try {
      if (answer.reset) resetTo(answer.reset.revision, answer.reset.text);
      for (const data of answer.operations ?? []) receiveOperation(data);
    } catch (error) {
      console.error('collab-editor: cannot apply the catch-up; resyncing', error);
      requestResync();
    }
  }

  function resetTo(rev, newText) {
    if (disposed) return;
    const op = binding.replace(newText);
    cursors.transform(op, null);
    cursors.clearHistory();
    history.clear();
    reportUndo();
    client.reset(rev);
    resyncRequested = false;
    lastCursor = null;
    cursorMoved();
    redraw();
  }

  if (restored) {
    client.restore(restored);
    // What was committed since the kept revision first (our own op may be among it), then ours again.
    requestCatchUp(() => client.resend());
  }
  reportSync();

  return {
    receive(evt) {
      if (disposed) return;
      try {
        switch (evt?.type) {
          case 'operation':
            receiveOperation(evt.data);
            break;
          case 'cursor':
            if (evt.data.userId !== userId && cursors.update(evt.data, client.revision, client.pending)) redraw();
            break;
          case 'cursorGone':
            if (cursors.remove(evt.data.userId)) redraw();
            break;
          default:
            break;
        }
      } catch (error) {
        console.error('collab-editor: cannot apply event; resyncing', error);
        requestResync();
      }
    },

    reset(rev, newText) {
      resetTo(rev, newText);
    },

    undo() {
      return revert(history.undo);
    },

    redo() {
      return revert(history.redo);
    },

    // After the connection came back: submit the unconfirmed op again (same clientOpId).
    resend() {
      if (!disposed) client.resend();
    },

    get state() {
      return client.state;
    },

    get revision() {
      return client.revision;
    },

    dispose() {
      if (disposed) return;
      disposed = true;
      if (cursorTimer) clearTimer(cursorTimer);
      for (const type of SELECTION_EVENTS) textarea.removeEventListener(type, cursorMoved);
      textarea.removeEventListener('keydown', onKeyDown);
      doc?.removeEventListener('selectionchange', onSelectionChange);
      binding.dispose();
      overlay?.dispose();
    },
  };
}
