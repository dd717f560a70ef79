// The transform vectors shared with the C# tests (testdata/ot-vectors.json, committed by the
// C# side). Both implementations must agree case by case, not just converge, because the
// server transforms and the browser transforms and their results meet in one document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromJSON, transform, compose } from '../js/ot/text-operation.mjs';

const file = new URL('../../testdata/ot-vectors.json', import.meta.url);

// Read at import time so a missing or malformed file fails the run, not silently skips it.
function loadVectors() {
  let vectors;
  try {
    vectors = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { error: `cannot read ${file.pathname}: ${error.message}` };
  }
  const total = ['transform', 'compose', 'invert'].reduce((n, k) => n + (vectors[k]?.length ?? 0), 0);
  return total === 0 ? { error: `${file.pathname} holds no cases` } : { vectors };
}

const { vectors, error } = loadVectors();
// Compare normalised forms: the file may spell an op in any valid way.
const norm = (json) => fromJSON(json).toJSON();

test('the shared vector file exists and is not empty', () => {
  assert.equal(error, undefined, error);
  for (const key of ['transform', 'compose', 'invert']) {
    assert.ok(Array.isArray(vectors[key]), `"${key}" must be an array`);
  }
});

for (const v of vectors?.transform ?? []) {
  test(`transform: ${v.name}`, () => {
    const a = fromJSON(v.a);
    const b = fromJSON(v.b);
    const [aPrime, bPrime] = transform(a, b);
    assert.deepEqual(aPrime.toJSON(), norm(v.aPrime), 'aPrime');
    assert.deepEqual(bPrime.toJSON(), norm(v.bPrime), 'bPrime');
    assert.equal(bPrime.apply(a.apply(v.doc)), v.result, 'apply(apply(doc, a), bPrime)');
    assert.equal(aPrime.apply(b.apply(v.doc)), v.result, 'apply(apply(doc, b), aPrime)');
  });
}

for (const v of vectors?.compose ?? []) {
  test(`compose: ${v.name}`, () => {
    const composed = compose(fromJSON(v.a), fromJSON(v.b));
    assert.deepEqual(composed.toJSON(), norm(v.composed), 'composed');
    assert.equal(composed.apply(v.doc), v.result, 'apply(doc, composed)');
  });
}

for (const v of vectors?.invert ?? []) {
  test(`invert: ${v.name}`, () => {
    const op = fromJSON(v.op);
    const inverse = op.invert(v.doc);
    assert.deepEqual(inverse.toJSON(), norm(v.inverse), 'inverse');
    assert.equal(inverse.apply(op.apply(v.doc)), v.doc, 'inverse undoes op');
  });
}
