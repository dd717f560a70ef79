// The message being written in a room, kept in the tab's sessionStorage, so that a reload, or the page
// coming back on another instance after a failover, does not lose it. Every input in the compose area
// saves it; the component clears it when the message is sent. Nothing is sent to the server for this.
const keyFor = (roomId) => `collab.chat.draft.${roomId}`;

// Returns null when the compose area is already gone (the room was left while this module loaded).
export function keep(compose, roomId, storage = globalThis.sessionStorage) {
  if (!compose) return null;
  const key = keyFor(roomId);

  // A disabled or full storage only means the draft is not kept.
  function write(text) {
    try {
      if (text) storage?.setItem(key, text);
      else storage?.removeItem(key);
    } catch { /* not kept */ }
  }

  function read() {
    try {
      return storage?.getItem(key) ?? '';
    } catch {
      return '';
    }
  }

  const onInput = (event) => {
    if (typeof event.target?.value === 'string') write(event.target.value);
  };
  compose.addEventListener('input', onInput);
  // Typed while this module was loading: kept as well.
  const typed = compose.querySelector?.('input, textarea')?.value;
  if (typed) write(typed);

  return {
    saved: read,
    clear: () => write(''),
    dispose: () => compose.removeEventListener('input', onInput),
  };
}
