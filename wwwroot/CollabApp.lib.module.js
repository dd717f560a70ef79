// Blazor's JavaScript initializer for this app (found by its name, {assembly}.lib.module.js): runs before Blazor
// starts, so the custom event types exist before any list that uses them is rendered.
import { registerRowEvents } from './js/shared/row-events.mjs';
import { keepRowFocus } from './js/shared/row-focus.mjs';

export function beforeWebStart() {
  registerRowEvents(window.Blazor, document);
  keepRowFocus(document);
}
