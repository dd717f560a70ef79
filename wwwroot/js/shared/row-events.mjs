// Events of lists whose rows are kept markup (CollabApp/Components/Shared/EventHandlers.cs): the row's buttons and
// checkbox have no handler of their own; the event bubbles to the list, which receives which row (data-row) and
// which control (data-action) it came from.

/** A click on a row's button, re-sent as its own event so that other clicks in a list (on text) cost no round trip. */
export const buttonClickEvent = 'collab-rowclick';

/** The custom event names and the browser events they stand for; the server declares the same names. */
export const rowEventTypes = {
  rowclick: buttonClickEvent,
  rowchange: 'change',
  rowdragstart: 'dragstart',
  rowdragend: 'dragend',
  rowdrop: 'drop',
};

/** What the server receives for a browser event inside a list. */
export function rowEventArgs(event) {
  const target = typeof event.target?.closest === 'function' ? event.target : null;
  const control = target?.closest('[data-action]') ?? null;
  const row = target?.closest('[data-row]') ?? null;
  return {
    action: control?.getAttribute('data-action') ?? null,
    row: row?.getAttribute('data-row') ?? null,
    checked: control && control.type === 'checkbox' ? Boolean(control.checked) : null,
  };
}

/** Re-sends a click on an enabled row button as `buttonClickEvent`, dispatched from the button. */
export function forwardButtonClick(event) {
  const button = typeof event.target?.closest === 'function' ? event.target.closest('button[data-action]') : null;
  if (button && !button.disabled && button.closest('[data-row]')) {
    button.dispatchEvent(new CustomEvent(buttonClickEvent, { bubbles: true }));
  }
}

/** Registers the event types with Blazor; called before Blazor starts rendering, so every list listens for them. */
export function registerRowEvents(blazor, document) {
  document.addEventListener('click', forwardButtonClick);
  for (const [name, browserEventName] of Object.entries(rowEventTypes)) {
    blazor.registerCustomEventType(name, { browserEventName, createEventArgs: rowEventArgs });
  }
}
