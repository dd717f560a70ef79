// The editor's unconfirmed typing, kept in the tab's sessionStorage while there is any, so that a reload, or the
// page coming back on another instance after its instance died, resubmits it instead of losing it. What is kept is
// exactly what the OT client needs to carry on: the server revision it is based on, the local text (that revision
// with the pending ops applied), the op in flight with its clientOpId (resubmitted with the same id, so the server
// commits it at most once) and the typing buffered behind it. Cleared as soon as everything is confirmed.
import { fromJSON } from '../ot/text-operation.mjs';

const VERSION = 1;
const keyFor = (roomId) => `collab.editor.pending.${roomId}`;

export function pendingEdits(roomId, userId, storage = globalThis.sessionStorage) {
  const key = keyFor(roomId);

  // A disabled or full storage only means the typing is not kept across a reload.
  function save({ revision, text, outstanding, clientOpId, buffer }) {
    try {
      storage?.setItem(key, JSON.stringify({ v: VERSION, userId, revision, text, outstanding, clientOpId, buffer }));
    } catch { /* not kept */ }
  }

  function clear() {
    try {
      storage?.removeItem(key);
    } catch { /* nothing kept */ }
  }

  // Another user's typing (a different sign-in in the same tab) or anything unreadable is dropped.
  function load() {
    let saved;
    try {
      saved = JSON.parse(storage?.getItem(key) ?? 'null');
    } catch {
      saved = null;
    }
    const valid = saved && saved.v === VERSION && saved.userId === userId
      && Number.isInteger(saved.revision) && saved.revision >= 0 && typeof saved.text === 'string'
      && Array.isArray(saved.outstanding) && typeof saved.clientOpId === 'string'
      && (saved.buffer === null || Array.isArray(saved.buffer))
      && opsFitText(saved);
    if (!valid) {
      if (saved) clear();
      return null;
    }
    return saved;
  }

  return { save, clear, load };
}

// The kept ops must be operations, and the text what they lead to (the op in flight, then the buffer on top of it):
// the editor restores them as they are, and a kept state it cannot use would fail every reload of the room, since it
// stays kept.
function opsFitText({ outstanding, buffer, text }) {
  try {
    const inFlight = fromJSON(outstanding);
    const behind = buffer === null ? null : fromJSON(buffer);
    if (behind && behind.baseLength !== inFlight.targetLength) return false;
    return (behind ?? inFlight).targetLength === text.length;
  } catch {
    return false;
  }
}
