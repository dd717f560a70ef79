// Times as "5 min ago", kept current by the browser. The server writes a message's time once, as a
// <time data-relative datetime="…"> with the instant, so a row's markup does not change as the message ages: the
// server renders nothing for the clock and replaces no row for it (issue 13). The wording is what the server wrote
// before this, but the date is the browser's (en-GB, in the reader's time zone) and so is the clock: a browser whose
// clock is minutes off shows ages minutes off.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SELECTOR = 'time[data-relative]';
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

/** "just now", "5 min ago", "3 h ago", then the date ("7 Dec 2026"); a time ahead of the clock is "just now". */
export function relativeTime(at, now) {
  const age = now - at;
  if (age < MINUTE) return 'just now';
  if (age < HOUR) return `${Math.floor(age / MINUTE)} min ago`;
  if (age < DAY) return `${Math.floor(age / HOUR)} h ago`;
  return dateFormat.format(at);
}

/** Writes the element's relative time (and its local date as the tooltip); an unreadable datetime is left as it is. */
export function showRelative(element, now) {
  const at = Date.parse(element.getAttribute('datetime') ?? '');
  if (Number.isNaN(at)) return;
  const text = relativeTime(at, now);
  if (element.textContent !== text) element.textContent = text;
  if (!element.hasAttribute('data-local-title')) {
    element.setAttribute('title', fullFormat.format(at));
    element.setAttribute('data-local-title', '');
  }
}

/**
 * Shows every relative time on the page now, each one added later as soon as it is added (a mutation observer runs
 * before the browser paints, so the server's text is never seen), and all of them again every half minute.
 */
export function keepTimesRelative(document, {
  now = Date.now,
  every = 30_000,
  setInterval = globalThis.setInterval,
  MutationObserver = globalThis.MutationObserver,
} = {}) {
  const showAll = () => {
    const at = now();
    for (const element of document.querySelectorAll(SELECTOR)) showRelative(element, at);
  };
  new MutationObserver(records => {
    const at = now();
    for (const record of records) {
      for (const node of record.addedNodes) {
        // Elements only: the text this writes comes back as an added text node, which is skipped.
        if (node.nodeType !== 1) continue;
        if (node.matches(SELECTOR)) showRelative(node, at);
        for (const element of node.querySelectorAll(SELECTOR)) showRelative(element, at);
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  showAll();
  setInterval(showAll, every);
}
