// Events of lists whose rows are kept markup (CollabApp/Components/Shared/EventHandlers.cs): the row's buttons and
// checkbox have no handler of their own; the event bubbles to the list, which receives which row (data-row) and
// which control (data-action) it came from.

/** The custom event names and the browser events they stand for; the server declares the same names. */
export const rowEventTypes = {
  rowclick: 'click',
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

/** Registers the event types with Blazor; called before Blazor starts rendering, so every list listens for them. */
export function registerRowEvents(blazor) {
  for (const [name, browserEventName] of Object.entries(rowEventTypes)) {
    blazor.registerCustomEventType(name, { browserEventName, createEventArgs: rowEventArgs });
  }
}
