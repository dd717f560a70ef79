// Text operations over UTF-16 code units, in docs/protocol.md's JSON form.
//
// An operation walks the whole base document once. Its components are
//   n > 0     retain n units (keep them),
//   "text"    insert the text at the current position,
//   -n < 0    delete n units.
// Retained plus deleted units must equal the base document's length, so an operation
// only applies to documents of exactly that length (`baseLength`); the result has
// `targetLength` units.
//
// Operations are kept normalised, so equal effects are equal values (and compare equal as
// JSON with the C# side): no zero or empty component, adjacent components of one kind
// merged, and an insert next to a delete always placed before it.
//
// The algebra (apply, transform, compose, invert, index transformation) follows ot.js
// (Operational-Transformation/ot.js, lib/text-operation.js, MIT licence, Tim Baumann), with
// one deliberate difference in transform's tie-break: here the first argument is the
// operation the server committed FIRST, and its inserts stay left of a concurrent insert
// at the same position, as docs/protocol.md requires.
//
// Surrogate pairs: an operation valid for a document never cuts between the two halves of
// a pair and never inserts a lone half. fromJSON refuses lone halves in inserts, apply
// refuses cuts inside a pair, and compose refuses to split an insert inside a pair. Given
// valid inputs, transform and compose only cut where an input already cut, so their
// results stay valid.

const isRetain = (c) => typeof c === 'number' && c > 0;
const isDelete = (c) => typeof c === 'number' && c < 0;
const isInsert = (c) => typeof c === 'string';
const unitsOf = (c) => (isInsert(c) ? c.length : Math.abs(c));

const isHigh = (code) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code) => code >= 0xdc00 && code <= 0xdfff;

// A lone high half (not followed by a low one) or a lone low half (not preceded by a high).
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasLoneSurrogate(text) {
  return loneSurrogate.test(text);
}

// True when `index` falls between the two halves of a surrogate pair of `text`.
export function splitsPair(text, index) {
  return index > 0 && index < text.length
    && isHigh(text.charCodeAt(index - 1)) && isLow(text.charCodeAt(index));
}

export class TextOperation {
  #ops;

  // Use TextOperation.build() or fromJSON; the constructor trusts its normalised input.
  constructor(ops, baseLength, targetLength) {
    this.#ops = Object.freeze(ops);
    this.baseLength = baseLength;
    this.targetLength = targetLength;
    Object.freeze(this);
  }

  static build() {
    return new OperationBuilder();
  }

  // The identity on a document of `length` units.
  static identity(length) {
    return new OperationBuilder().retain(length).build();
  }

  // Validates docs/protocol.md's JSON form and returns the normalised operation.
  static fromJSON(json) {
    if (!Array.isArray(json)) {
      throw new TypeError('TextOperation.fromJSON: an operation must be an array');
    }
    const b = new OperationBuilder();
    json.forEach((c, i) => {
      if (typeof c === 'number') {
        if (!Number.isSafeInteger(c) || c === 0) {
          throw new TypeError(`TextOperation.fromJSON: component ${i} (${c}) is not a non-zero integer`);
        }
        if (c > 0) b.retain(c); else b.delete(-c);
      } else if (typeof c === 'string') {
        if (c.length === 0) {
          throw new TypeError(`TextOperation.fromJSON: component ${i} is an empty insert`);
        }
        if (hasLoneSurrogate(c)) {
          throw new TypeError(`TextOperation.fromJSON: component ${i} inserts an unpaired surrogate`);
        }
        b.insert(c);
      } else {
        throw new TypeError(`TextOperation.fromJSON: component ${i} is neither an integer nor a string`);
      }
    });
    return b.build();
  }

  get ops() {
    return this.#ops;
  }

  toJSON() {
    return [...this.#ops];
  }

  isRetainOnly() {
    return this.#ops.every(isRetain);
  }

  equals(other) {
    return other instanceof TextOperation
      && other.ops.length === this.#ops.length
      && other.ops.every((c, i) => c === this.#ops[i]);
  }

  apply(doc) {
    if (doc.length !== this.baseLength) {
      throw new RangeError(`TextOperation.apply: the operation spans ${this.baseLength} units but the document has ${doc.length}`);
    }
    const parts = [];
    let pos = 0;
    for (const c of this.#ops) {
      if (isInsert(c)) {
        parts.push(c);
        continue;
      }
      const end = pos + Math.abs(c);
      if (splitsPair(doc, end)) {
        throw new RangeError(`TextOperation.apply: the operation cuts the surrogate pair at ${end - 1}`);
      }
      if (isRetain(c)) parts.push(doc.slice(pos, end));
      pos = end;
    }
    return parts.join('');
  }

  // The operation that undoes this one, applied after it: apply(apply(doc, op), op.invert(doc)) === doc.
  invert(doc) {
    const b = new OperationBuilder();
    let pos = 0;
    for (const c of this.#ops) {
      if (isRetain(c)) {
        b.retain(c);
        pos += c;
      } else if (isInsert(c)) {
        b.delete(c.length);
      } else {
        b.insert(doc.slice(pos, pos - c));
        pos -= c;
      }
    }
    return b.build();
  }

  compose(next) {
    return compose(this, next);
  }

  toString() {
    return JSON.stringify(this.#ops);
  }
}

// Builds normalised operations: `TextOperation.build().retain(2).insert('x').delete(1).build()`.
export class OperationBuilder {
  #ops = [];
  #base = 0;
  #target = 0;

  retain(n) {
    if (n === 0) return this;
    if (!(n > 0)) throw new RangeError(`retain expects a positive count, got ${n}`);
    this.#base += n;
    this.#target += n;
    const ops = this.#ops;
    if (isRetain(ops.at(-1))) ops[ops.length - 1] += n; else ops.push(n);
    return this;
  }

  insert(text) {
    if (text === '') return this;
    if (typeof text !== 'string') throw new TypeError('insert expects a string');
    this.#target += text.length;
    const ops = this.#ops;
    const last = ops.length - 1;
    if (isInsert(ops[last])) {
      ops[last] += text;
    } else if (isDelete(ops[last])) {
      // Insert-then-delete equals delete-then-insert; keep one canonical order.
      if (isInsert(ops[last - 1])) ops[last - 1] += text; else ops.splice(last, 0, text);
    } else {
      ops.push(text);
    }
    return this;
  }

  delete(n) {
    if (n === 0) return this;
    if (!(n > 0)) throw new RangeError(`delete expects a positive count, got ${n}`);
    this.#base += n;
    const ops = this.#ops;
    if (isDelete(ops.at(-1))) ops[ops.length - 1] -= n; else ops.push(-n);
    return this;
  }

  // Appends one JSON component.
  add(c) {
    if (isInsert(c)) return this.insert(c);
    return c > 0 ? this.retain(c) : this.delete(-c);
  }

  build() {
    return new TextOperation([...this.#ops], this.#base, this.#target);
  }
}

// Reads an operation's components, handing out prefixes of the current one on request.
class Reader {
  #ops;
  #i = 0;

  constructor(op) {
    this.#ops = op.ops;
    this.head = this.#ops[0];
  }

  // Takes up to n units of the current component and returns them as a component.
  take(n = Infinity) {
    const c = this.head;
    if (n >= unitsOf(c)) {
      this.head = this.#ops[++this.#i];
      return c;
    }
    if (isInsert(c)) {
      if (isHigh(c.charCodeAt(n - 1)) && isLow(c.charCodeAt(n))) {
        throw new RangeError('TextOperation: an operation cuts a surrogate pair of an inserted text');
      }
      this.head = c.slice(n);
      return c.slice(0, n);
    }
    this.head = isRetain(c) ? c - n : c + n;
    return isRetain(c) ? n : -n;
  }
}

// a then b as one operation: apply(doc, compose(a, b)) === apply(apply(doc, a), b).
export function compose(a, b) {
  if (a.targetLength !== b.baseLength) {
    throw new RangeError(`compose: the first operation yields ${a.targetLength} units but the second spans ${b.baseLength}`);
  }
  const out = new OperationBuilder();
  const ra = new Reader(a);
  const rb = new Reader(b);
  while (ra.head !== undefined || rb.head !== undefined) {
    if (isDelete(ra.head)) { out.add(ra.take()); continue; } // gone before b looks
    if (isInsert(rb.head)) { out.add(rb.take()); continue; } // b's new text
    const n = Math.min(unitsOf(ra.head), unitsOf(rb.head));
    const ca = ra.take(n);
    const cb = rb.take(n);
    if (isRetain(ca)) out.add(cb); // b keeps or deletes original text
    else if (isRetain(cb)) out.insert(ca); // a's insert survives b
    // else: a inserted it, b deleted it: nothing remains
  }
  return out.build();
}

// Transforms two concurrent operations on the same document. `a` is the one committed
// first. Returns [aPrime, bPrime] with apply(apply(doc, a), bPrime) === apply(apply(doc, b), aPrime).
// On inserts at the same position, a's text ends up left of b's.
export function transform(a, b) {
  if (a.baseLength !== b.baseLength) {
    throw new RangeError(`transform: the operations span different documents (${a.baseLength} and ${b.baseLength} units)`);
  }
  const aPrime = new OperationBuilder();
  const bPrime = new OperationBuilder();
  const ra = new Reader(a);
  const rb = new Reader(b);
  while (ra.head !== undefined || rb.head !== undefined) {
    // a's insert is tested first: that is the tie-break that keeps it left.
    if (isInsert(ra.head)) {
      const text = ra.take();
      aPrime.insert(text);
      bPrime.retain(text.length);
      continue;
    }
    if (isInsert(rb.head)) {
      const text = rb.take();
      aPrime.retain(text.length);
      bPrime.insert(text);
      continue;
    }
    const n = Math.min(unitsOf(ra.head), unitsOf(rb.head));
    const ca = ra.take(n);
    const cb = rb.take(n);
    if (isRetain(ca) && isRetain(cb)) {
      aPrime.retain(n);
      bPrime.retain(n);
    } else if (isDelete(ca) && isRetain(cb)) {
      aPrime.delete(n);
    } else if (isRetain(ca) && isDelete(cb)) {
      bPrime.delete(n);
    }
    // both delete the same units: neither has to any more
  }
  return [aPrime.build(), bPrime.build()];
}

// Where a position of op's base document ends up in its target document.
// An insert exactly at the position pushes it right when assoc > 0 (ot.js's behaviour, right
// for the author's own caret) and leaves it left when assoc < 0 (right for everyone else's
// caret, so two people typing at one spot do not interleave). Inside a deleted range the
// position moves to where the range was.
export function transformIndex(index, op, assoc = 1) {
  const target = Math.min(Math.max(index, 0), op.baseLength);
  let base = 0;
  let result = target;
  for (const c of op.ops) {
    if (base > target) break;
    if (isRetain(c)) {
      base += c;
    } else if (isInsert(c)) {
      if (base < target || assoc > 0) result += c.length;
    } else {
      const end = base - c;
      if (target > base) result -= Math.min(target, end) - base;
      base = end;
    }
  }
  return result;
}

export const fromJSON = (json) => TextOperation.fromJSON(json);
