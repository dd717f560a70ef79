// The to-do changes a room page has made and the server has not answered yet, kept in the tab's sessionStorage
// until it answers. A reload, or the page coming back on another instance after its instance died, finds them and
// sends them again (TodoPanel, KeptTodoChange). The records are the server side's to read; this only keeps them,
// in the order they were made, for the user who made them.
const VERSION = 1;
const keyFor = (roomId) => `collab.todos.pending.${roomId}`;

export function keepChanges(roomId, userId, storage = globalThis.sessionStorage) {
  const key = keyFor(roomId);

  function read() {
    try {
      const saved = JSON.parse(storage?.getItem(key) ?? 'null');
      if (saved?.v === VERSION && saved.userId === userId && Array.isArray(saved.changes)) return saved.changes;
    } catch { /* unreadable: nothing kept */ }
    return [];
  }

  // A disabled or full storage only means the changes are not kept across a reload.
  function write(changes) {
    try {
      if (changes.length) storage?.setItem(key, JSON.stringify({ v: VERSION, userId, changes }));
      else storage?.removeItem(key);
    } catch { /* not kept */ }
  }

  return {
    // What the last page left, in order; it is the caller's from now on (it puts back what it sends again).
    take() {
      const changes = read();
      write([]);
      return changes;
    },
    put(change) {
      write([...read().filter((c) => c.key !== change.key), change]);
    },
    remove(changeKey) {
      write(read().filter((c) => c.key !== changeKey));
    },
    // The room page releases what it attached through dispose() (BrowserModule). This holds no listeners, and what it
    // kept stays kept for the next page.
    dispose() {},
  };
}
