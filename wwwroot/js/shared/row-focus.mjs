// A kept-markup row (CollabApp/Components/Shared/EventHandlers.cs) is replaced as a whole when its text changes: a
// to-do turning pending and then settled, a message edited. The control that had the focus is then gone and the focus
// falls back to the page, which sends a keyboard user back to the top. This puts it back on the same control of the
// same row (found by data-row and data-action) when the row is still shown.

export class RowFocus {
  #last = null;

  /** The element that just took the focus: remembered when it is a row's control. */
  noted(target) {
    const control = typeof target?.closest === 'function' ? target.closest('[data-action]') : null;
    const row = control?.closest('[data-row]') ?? null;
    this.#last = row ? { row: row.getAttribute('data-row'), action: control.getAttribute('data-action'), element: control } : null;
  }

  /** After the page changed: if the remembered control is gone and nothing else has the focus, focus its successor. */
  restore(document) {
    const last = this.#last;
    if (!last || last.element.isConnected || (document.activeElement && document.activeElement !== document.body)) {
      return;
    }
    const row = [...document.querySelectorAll('[data-row]')].find(r => r.getAttribute('data-row') === last.row);
    const control = row && [...row.querySelectorAll('[data-action]')].find(c => c.getAttribute('data-action') === last.action);
    if (control) {
      control.focus();
      this.#last = { ...last, element: control };
    } else {
      this.#last = null;
    }
  }
}

/** Watches the page: the focus entering row controls, and every change to the page's elements. */
export function keepRowFocus(document, Observer = globalThis.MutationObserver) {
  const focus = new RowFocus();
  document.addEventListener('focusin', event => focus.noted(event.target));
  new Observer(() => focus.restore(document)).observe(document.body, { childList: true, subtree: true });
  return focus;
}
