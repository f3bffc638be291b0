// The `==` that dict and set lookups use (dict.ts) once two keys share a user-hash bucket:
// CPython's PyObject_RichCompare(stored, probe, Py_EQ) — identity first, tuples item by item,
// frozensets by membership, then the `__eq__` protocol (a subclass's reflected method first, then
// the left operand's, then the right's — even for one class — falling back to identity). It must answer synchronously,
// because dict.get/set are synchronous; a user `__eq__` that waits for data is refused with a
// clear error (see callSync). Builtin scalars compare through their dict keys, which already
// encode numeric equality (1 == 1.0 == True).

import { type PyValue, NotImplemented, PyBuiltinFunction, PyFloat, PyCallable, PyObject, PySet, PyTuple, PyType, typeOf } from './object';
import { callSync, hashKey } from './dict';

/** Python's `stored == probe` for dict/set keys, as a JS boolean. */
export function keysEqual(stored: PyValue, probe: PyValue): boolean {
  if (stored === probe) return true;
  if (stored instanceof PyTuple && probe instanceof PyTuple && stored.cls === null && probe.cls === null) {
    const n = stored.items.length;
    if (n !== probe.items.length) return false;
    for (let i = 0; i < n; i++) if (!keysEqual(stored.items[i], probe.items[i])) return false;
    return true;
  }
  if (stored instanceof PySet && probe instanceof PySet) {
    if (stored.size !== probe.size) return false;
    for (const x of stored.values()) if (!probe.has(x)) return false;
    return true;
  }
  const fa = userEq(stored);
  const fb = userEq(probe);
  // Neither side has its own __eq__: instances compare by identity (ruled out above), builtin
  // values by their dict keys.
  if (fa === null && fb === null) return !isInstance(stored) && !isInstance(probe) && hashKey(stored) === hashKey(probe);
  const ta = typeOf(stored);
  const tb = typeOf(probe);
  let checkedReverse = false;
  if (fb !== null && ta !== tb && tb.isSubtypeOf(ta)) {
    checkedReverse = true;
    const r = callSync(fb, [probe, stored], `${tb.name}.__eq__`);
    if (r !== NotImplemented) return truth(r);
  }
  if (fa !== null) {
    const r = callSync(fa, [stored, probe], `${ta.name}.__eq__`);
    if (r !== NotImplemented) return truth(r);
  }
  // Tried even between two instances of one class, as CPython's do_richcompare does.
  if (fb !== null && !checkedReverse) {
    const r = callSync(fb, [probe, stored], `${tb.name}.__eq__`);
    if (r !== NotImplemented) return truth(r);
  }
  return false; // object.__eq__: identity, already ruled out above
}

const isInstance = (v: PyValue): boolean => v instanceof PyObject && !(v instanceof PyType);

/** A user-defined `__eq__` of an instance (not of a class object, not a builtin's), or null. */
function userEq(v: PyValue): PyCallable | null {
  if (!(v instanceof PyObject) || v instanceof PyType) return null;
  const f = v.cls.lookup('__eq__');
  return f instanceof PyCallable && !(f instanceof PyBuiltinFunction) ? f : null;
}

/** bool(r) for an `__eq__` result, synchronously. */
function truth(r: PyValue): boolean {
  switch (typeof r) {
    case 'boolean':
      return r;
    case 'number':
      return r !== 0;
    case 'bigint':
      return r !== 0n;
    case 'string':
      return r.length > 0;
  }
  if (r === null) return false;
  if (r instanceof PyFloat) return r.v !== 0;
  const t = typeOf(r);
  const b = t.lookup('__bool__');
  if (b instanceof PyCallable) return callSync(b, [r], `${t.name}.__bool__`) === true;
  const l = t.lookup('__len__');
  if (l instanceof PyCallable) return callSync(l, [r], `${t.name}.__len__`) !== 0;
  return true;
}
