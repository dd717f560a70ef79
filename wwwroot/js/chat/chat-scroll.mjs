// Scrolling of the chat log, for the ChatPanel component:
//   ScrolledToBottom(atBottom)  when the reader reaches or leaves the newest messages
//                               (the component shows "New messages" only while they are away)
//   LoadOlder()                 when the reader reaches the top; one request at a time
//   VisibilityChanged(visible)  at once and whenever the tab is shown or hidden (messages count as read
//                               only while they are on a visible screen)
// Around a history page the component calls keepPosition() before and restorePosition() after
// the render, so the messages the reader was looking at stay put while older ones appear above.
const NEAR_PX = 48;

// Returns null when the log element is already gone (the room was left while this module loaded).
export function observe(log, dotNetRef, { near = NEAR_PX } = {}) {
  if (!log) return null;
  let atBottom = true;
  let loading = false;
  let saved = null;
  let disposed = false;

  const call = (method, ...args) => (disposed
    ? Promise.resolve()
    : dotNetRef.invokeMethodAsync(method, ...args).catch(() => {})); // circuit gone

  function onScroll() {
    const bottom = log.scrollHeight - log.scrollTop - log.clientHeight <= near;
    if (bottom !== atBottom) {
      atBottom = bottom;
      call('ScrolledToBottom', bottom);
    }
    if (log.scrollTop <= near && !loading && log.scrollHeight > log.clientHeight) {
      loading = true;
      call('LoadOlder').finally(() => { loading = false; });
    }
  }

  const doc = log.ownerDocument;
  const onVisibility = () => call('VisibilityChanged', doc.visibilityState === 'visible');

  log.addEventListener('scroll', onScroll, { passive: true });
  doc.addEventListener('visibilitychange', onVisibility);
  onVisibility();

  return {
    scrollToBottom() {
      log.scrollTop = log.scrollHeight;
      atBottom = true;
    },
    keepPosition() {
      saved = log.scrollHeight - log.scrollTop;
    },
    restorePosition() {
      if (saved !== null) {
        log.scrollTop = log.scrollHeight - saved;
        saved = null;
      }
    },
    dispose() {
      disposed = true;
      log.removeEventListener('scroll', onScroll);
      doc.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
