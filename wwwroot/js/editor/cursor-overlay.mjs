// Draws remote carets and selections over a textarea. A textarea cannot style parts of its
// text, so a "mirror" div sits exactly on top of it with the same box, font and wrapping,
// holding the same text in transparent ink: selections are coloured runs, carets are
// zero-width marks. It is aria-hidden and ignores the pointer, so the textarea stays the only
// thing users and assistive technology interact with.
//
// It is inserted as the textarea's next sibling and positioned from the textarea's offsets,
// so the host only needs to give the textarea a parent of its own (see editor.css).
import { overlaySegments } from './remote-cursors.mjs';

// What the mirror must copy for the text to wrap at the same places.
const COPIED = [
  'boxSizing', 'fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'fontVariant', 'lineHeight',
  'letterSpacing', 'wordSpacing', 'textTransform', 'textIndent', 'textAlign', 'tabSize', 'direction',
  'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
  'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth',
];

export class CursorOverlay {
  #textarea;
  #root;
  #frame = 0;
  #pending = null;
  #onScroll = () => this.#syncScroll();
  #resize;

  constructor(textarea) {
    this.#textarea = textarea;
    const doc = textarea.ownerDocument;
    this.#root = doc.createElement('div');
    this.#root.className = 'collab-cursor-overlay';
    this.#root.setAttribute('aria-hidden', 'true');
    textarea.insertAdjacentElement('afterend', this.#root);
    textarea.addEventListener('scroll', this.#onScroll);
    const win = doc.defaultView;
    if (win?.ResizeObserver) {
      this.#resize = new win.ResizeObserver(() => this.#schedule());
      this.#resize.observe(textarea);
    }
  }

  // Draws on the next frame; several calls within a frame draw once.
  render(text, cursors) {
    this.#pending = { text, cursors };
    this.#schedule();
  }

  dispose() {
    const win = this.#textarea.ownerDocument.defaultView;
    if (this.#frame) win?.cancelAnimationFrame(this.#frame);
    this.#textarea.removeEventListener('scroll', this.#onScroll);
    this.#resize?.disconnect();
    this.#root.remove();
  }

  #schedule() {
    const win = this.#textarea.ownerDocument.defaultView;
    if (this.#frame || !win) return;
    this.#frame = win.requestAnimationFrame(() => {
      this.#frame = 0;
      this.#draw();
    });
  }

  #draw() {
    const { text, cursors } = this.#pending ?? { text: '', cursors: [] };
    const root = this.#root;
    root.replaceChildren();
    root.hidden = cursors.length === 0;
    if (root.hidden) return; // nobody else here: skip copying a large document
    this.#syncBox();
    const doc = root.ownerDocument;
    for (const seg of overlaySegments(text, cursors)) {
      if (seg.caret) {
        const caret = doc.createElement('span');
        caret.className = 'collab-caret';
        caret.style.setProperty('--collab-hue', seg.caret.hue);
        const label = doc.createElement('span');
        label.className = 'collab-caret-label';
        label.textContent = seg.caret.displayName ?? seg.caret.userName;
        caret.append(label);
        root.append(caret);
      } else if (seg.hues.length) {
        const mark = doc.createElement('span');
        mark.className = 'collab-selection';
        mark.style.setProperty('--collab-hue', seg.hues[0]);
        mark.textContent = seg.text;
        root.append(mark);
      } else {
        root.append(seg.text);
      }
    }
    root.append('\u200b'); // a trailing newline only takes up a line if something follows it
    this.#syncScroll();
  }

  #syncBox() {
    const ta = this.#textarea;
    const style = ta.ownerDocument.defaultView.getComputedStyle(ta);
    const s = this.#root.style;
    for (const p of COPIED) s[p] = style[p];
    // The textarea's scrollbar narrows its text; pad the mirror by the same amount.
    const border = parseFloat(style.borderLeftWidth) + parseFloat(style.borderRightWidth);
    const scrollbar = Math.max(0, ta.offsetWidth - ta.clientWidth - border);
    s.paddingRight = `${parseFloat(style.paddingRight) + scrollbar}px`;
    s.left = `${ta.offsetLeft}px`;
    s.top = `${ta.offsetTop}px`;
    s.width = `${ta.offsetWidth}px`;
    s.height = `${ta.offsetHeight}px`;
  }

  #syncScroll() {
    this.#root.scrollTop = this.#textarea.scrollTop;
    this.#root.scrollLeft = this.#textarea.scrollLeft;
  }
}
