// Reports this tab as `away` after a quiet spell or while it is hidden, and `online` again on
// the next sign of life (docs/protocol.md: SetStatus; the .NET side forwards ReportStatus there).
// Each transition is reported once; the server also drops repeats, but interop calls are not free.
//
// Activity only stamps a time; one timer checks the stamp when it fires, so a stream of
// mousemove events costs no timer churn.
const ACTIVITY = ['mousemove', 'keydown', 'pointerdown', 'scroll', 'focus'];

export function watch(dotNetRef, {
  idleMs = 120000,
  document: doc = globalThis.document,
  clock = { now: () => Date.now(), setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (t) => clearTimeout(t) },
} = {}) {
  let status = 'online';
  let lastActivity = clock.now();
  let timer = null;
  let disposed = false;

  function report(next) {
    if (status === next || disposed) return;
    status = next;
    dotNetRef.invokeMethodAsync('ReportStatus', next).catch(() => {}); // circuit gone: nothing to tell
  }

  function arm(ms) {
    if (timer !== null) clock.clearTimeout(timer);
    timer = clock.setTimeout(check, ms);
  }

  function check() {
    timer = null;
    if (disposed) return;
    const quiet = clock.now() - lastActivity;
    if (quiet >= idleMs) report('away');
    else arm(idleMs - quiet);
  }

  function onActivity() {
    if (doc.visibilityState === 'hidden') return;
    lastActivity = clock.now();
    if (status === 'away') {
      report('online');
      arm(idleMs);
    }
  }

  function onVisibility() {
    if (doc.visibilityState === 'hidden') {
      report('away');
    } else {
      lastActivity = clock.now();
      report('online');
      arm(idleMs);
    }
  }

  // Capture: scroll and focus do not bubble, and a page's handlers must not hide activity.
  for (const type of ACTIVITY) doc.addEventListener(type, onActivity, { capture: true, passive: true });
  doc.addEventListener('visibilitychange', onVisibility);
  const win = doc.defaultView; // the window regaining focus fires on the window only
  win?.addEventListener('focus', onActivity);
  if (doc.visibilityState === 'hidden') report('away');
  arm(idleMs);

  return {
    dispose() {
      disposed = true;
      if (timer !== null) clock.clearTimeout(timer);
      for (const type of ACTIVITY) doc.removeEventListener(type, onActivity, { capture: true });
      doc.removeEventListener('visibilitychange', onVisibility);
      win?.removeEventListener('focus', onActivity);
    },
  };
}
