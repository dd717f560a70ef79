// Blazor's JavaScript initializer for this app (found by its name, {assembly}.lib.module.js): runs before Blazor
// starts, so the custom event types exist before any list that uses them is rendered, and the times are relative from
// the first message shown.
import { registerRowEvents } from './js/shared/row-events.mjs';
import { keepRowFocus } from './js/shared/row-focus.mjs';
import { keepTimesRelative } from './js/shared/relative-time.mjs';

export function beforeWebStart() {
  registerRowEvents(window.Blazor, document);
  keepRowFocus(document);
  keepTimesRelative(document);
  // What DocumentTitle calls in a circuit (the head is the static page's, not a component's).
  globalThis.collabApp = Object.freeze({ setTitle: (title) => { document.title = String(title); } });
}
