// Python's comparisons: `==`/`!=` with the rich-comparison protocol (reflected methods, subclass
// priority, NotImplemented, object.__ne__ inverting __eq__), ordering with CPython's error texts,
// and the JS-boolean helpers containers use (eqBool, lessThan). Builtin scalars — and tuples and
// lists of them — compare synchronously; any dunder call is awaited. Part of the operator layer
// (ops.ts re-exports it).

import { PyError } from '../../errors';
import {
  type MaybeP, type PyValue, NotImplemented, ObjectType, PyCallable, PyDict, PyFloat, PyList, PySet, PyTuple, call, typeOf,
} from '../object';
import { numCmp } from './numbers';
import { PyRange } from './range';
import { truthy } from './truth';

const ERR = (t: string, m: string): PyError => new PyError(t, m);


type CmpName = 'Lt' | 'LtE' | 'Gt' | 'GtE';
const CMP_DUNDER: Record<CmpName, string> = { Lt: '__lt__', LtE: '__le__', Gt: '__gt__', GtE: '__ge__' };
const CMP_REFLECT: Record<CmpName, CmpName> = { Lt: 'Gt', LtE: 'GtE', Gt: 'Lt', GtE: 'LtE' };
const CMP_SYMBOL: Record<CmpName, string> = { Lt: '<', LtE: '<=', Gt: '>', GtE: '>=' };


/** a == b as a Python value (tensors return tensors). */
export async function eq(a: PyValue, b: PyValue): Promise<PyValue> {
  const r = eqBuiltin(a, b);
  if (r !== undefined) return r;
  return richEq(a, b, false);
}

/** Sync equality for builtin scalars; undefined if the dunder protocol is needed. */
export function eqBuiltin(a: PyValue, b: PyValue): boolean | undefined {
  // `x == x` is True without a call only for builtin values (whose == is identity-reflexive, NaN
  // aside); a tensor's or a user class's __eq__ still runs — `t == t` is an elementwise tensor.
  if (a === b && isIdentityEqual(a)) return a instanceof PyFloat ? !Number.isNaN(a.v) : true;
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'string' || tb === 'string') return ta === tb ? a === b : isBuiltinScalar(a) && isBuiltinScalar(b) ? false : undefined;
  const x = numView(a);
  const y = numView(b);
  if (x !== undefined && y !== undefined) return numCmp(x, y) === 0;
  if (a === null || b === null) {
    if (a === null && b === null) return true;
    const other = a === null ? b : a;
    if (isBuiltinScalar(other) || other instanceof PyList || other instanceof PyTuple || other instanceof PyDict) return false;
  }
  if ((a instanceof PyTuple && b instanceof PyTuple && a.cls === null && b.cls === null) || (a instanceof PyList && b instanceof PyList)) {
    return seqEqBuiltin(a.items, (b as PyTuple | PyList).items);
  }
  return undefined;
}
/** Sequences of builtin values compare without any dunder call, so `(self.a, self.b) == (o.a,
 * o.b)` stays synchronous (a user `__eq__` used by dict keys must be). Items compare as in
 * CPython's containers: identity first, then `==`; undefined as soon as one item needs a dunder. */
function seqEqBuiltin(x: readonly PyValue[], y: readonly PyValue[]): boolean | undefined {
  if (x.length !== y.length) return false;
  let unsure = false;
  for (let i = 0; i < x.length; i++) {
    if (x[i] === y[i]) continue;
    const r = eqBuiltin(x[i], y[i]);
    if (r === undefined) unsure = true;
    else if (!r && !unsure) return false;
  }
  return unsure ? undefined : true;
}
/** Builtin values whose `==` on the same object is True (a float NaN excepted, handled above). */
const isIdentityEqual = (v: PyValue): boolean =>
  isBuiltinScalar(v) || v instanceof PySet || v instanceof PyList || ((v instanceof PyTuple || v instanceof PyDict) && v.cls === null);
const isBuiltinScalar = (v: PyValue): boolean =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v instanceof PyFloat;
function numView(v: PyValue): number | bigint | undefined {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof PyFloat) return v.v;
  return undefined;
}

/** Equality as a JS boolean (container comparison, `in`, list.index...): `x is y or x == y`. */
export async function eqBool(a: PyValue, b: PyValue): Promise<boolean> {
  if (a === b) return true; // PyObject_RichCompareBool: identity first, even for a float NaN
  const r = eqBuiltin(a, b);
  if (r !== undefined) return r;
  const v = await richEq(a, b, false);
  return typeof v === 'boolean' ? v : truthy(v);
}

async function richEq(a: PyValue, b: PyValue, negate: boolean): Promise<PyValue> {
  // Builtin containers
  if (a instanceof PyList && b instanceof PyList) return seqEq(a.items, b.items, negate);
  if (a instanceof PyTuple && b instanceof PyTuple) return seqEq(a.items, b.items, negate);
  if (a instanceof PyDict && b instanceof PyDict) {
    // A native dict subclass's own __eq__ (OrderedDict compares order with another OrderedDict).
    const sub = (a.cls ?? b.cls)?.lookup('__eq__');
    if (sub instanceof PyCallable && sub !== ObjectType_dict_get('__eq__')) {
      const r = await call(sub, [a.cls !== null ? a : b, a.cls !== null ? b : a]);
      if (r !== NotImplemented) return negate ? !(await truthy(r)) : r;
    }
    if (a.size !== b.size) return negate;
    for (const [k, v] of a.entries()) {
      const w = b.get(k);
      if (w === undefined && !b.has(k)) return negate;
      if (!(await eqBool(v, w as PyValue))) return negate;
    }
    return !negate;
  }
  if (a instanceof PySet && b instanceof PySet) {
    if (a.size !== b.size) return negate;
    for (const x of a.values()) if (!b.has(x)) return negate;
    return !negate;
  }
  if (a instanceof PyRange && b instanceof PyRange) {
    const same = a.length === b.length && (a.length === 0 || (a.start === b.start && (a.length === 1 || a.step === b.step)));
    return same !== negate;
  }
  const name = negate ? '__ne__' : '__eq__';
  const ta = typeOf(a);
  const tb = typeOf(b);
  const fa = ta.lookup(name);
  const fb = tb.lookup(name);
  const dflt = ObjectType_dict_get(name);
  // CPython's do_richcompare: a subclass's reflected method first; otherwise the reflected one
  // is tried after the left operand's, even between two instances of one class.
  let checkedReverse = false;
  if (fb instanceof PyCallable && fb !== dflt && ta !== tb && tb.isSubtypeOf(ta)) {
    checkedReverse = true;
    const r = await call(fb, [b, a]);
    if (r !== NotImplemented) return r;
  }
  if (fa instanceof PyCallable && fa !== dflt) {
    const r = await call(fa, [a, b]);
    if (r !== NotImplemented) return r;
  } else if (negate) {
    // object.__ne__ inverts __eq__
    const e = ta.lookup('__eq__');
    if (e instanceof PyCallable && e !== ObjectType_dict_get('__eq__')) {
      const r = await call(e, [a, b]);
      if (r !== NotImplemented) return typeof r === 'boolean' ? !r : !(await truthy(r));
    }
  }
  if (fb instanceof PyCallable && fb !== dflt && !checkedReverse) {
    const r = await call(fb, [b, a]);
    if (r !== NotImplemented) return r;
  } else if (negate && !checkedReverse) {
    const e = tb.lookup('__eq__');
    if (e instanceof PyCallable && e !== ObjectType_dict_get('__eq__')) {
      const r = await call(e, [b, a]);
      if (r !== NotImplemented) return typeof r === 'boolean' ? !r : !(await truthy(r));
    }
  }
  return negate ? a !== b : a === b;
}
const ObjectType_dict_get = (n: string): PyValue | undefined => ObjectType.dict!.get(n);

async function seqEq(x: readonly PyValue[], y: readonly PyValue[], negate: boolean): Promise<boolean> {
  if (x.length !== y.length) return negate;
  for (let i = 0; i < x.length; i++) if (!(await eqBool(x[i], y[i]))) return negate;
  return !negate;
}

export async function ne(a: PyValue, b: PyValue): Promise<PyValue> {
  const r = eqBuiltin(a, b);
  if (r !== undefined) return !r;
  return richEq(a, b, true);
}

/** compare(), synchronous for numbers and strings. */
export function compareMaybe(op: CmpName, a: PyValue, b: PyValue): MaybeP<PyValue> {
  const x = numView(a);
  const y = numView(b);
  if (x !== undefined && y !== undefined) return cmpResult(op, numCmp(x, y));
  if (typeof a === 'string' && typeof b === 'string') return cmpResult(op, a < b ? -1 : a > b ? 1 : 0);
  return compare(op, a, b);
}

/** a < b etc. as a Python value. */
export async function compare(op: CmpName, a: PyValue, b: PyValue): Promise<PyValue> {
  const x = numView(a);
  const y = numView(b);
  if (x !== undefined && y !== undefined) return cmpResult(op, numCmp(x, y));
  if (typeof a === 'string' && typeof b === 'string') return cmpResult(op, a < b ? -1 : a > b ? 1 : 0);
  if ((a instanceof PyList && b instanceof PyList) || (a instanceof PyTuple && b instanceof PyTuple)) {
    const xs = a.items, ys = (b as PyList | PyTuple).items;
    const n = Math.min(xs.length, ys.length);
    for (let i = 0; i < n; i++) {
      if (!(await eqBool(xs[i], ys[i]))) return compare(op, xs[i], ys[i]);
    }
    return cmpResult(op, xs.length - ys.length);
  }
  if (a instanceof PySet && b instanceof PySet) {
    const sub = (p: PySet, q: PySet) => [...p.values()].every((v) => q.has(v));
    switch (op) {
      case 'LtE': return sub(a, b);
      case 'Lt': return a.size < b.size && sub(a, b);
      case 'GtE': return sub(b, a);
      case 'Gt': return b.size < a.size && sub(b, a);
    }
  }
  const ta = typeOf(a);
  const tb = typeOf(b);
  const fa = ta.lookup(CMP_DUNDER[op]);
  const fb = tb.lookup(CMP_DUNDER[CMP_REFLECT[op]]);
  if (fb instanceof PyCallable && ta !== tb && tb.isSubtypeOf(ta)) {
    const r = await call(fb, [b, a]);
    if (r !== NotImplemented) return r;
  }
  if (fa instanceof PyCallable) {
    const r = await call(fa, [a, b]);
    if (r !== NotImplemented) return r;
  }
  if (fb instanceof PyCallable) {
    const r = await call(fb, [b, a]);
    if (r !== NotImplemented) return r;
  }
  throw ERR('TypeError', `'${CMP_SYMBOL[op]}' not supported between instances of '${ta.name}' and '${tb.name}'`);
}
function cmpResult(op: CmpName, c: number): boolean {
  if (Number.isNaN(c)) return false;
  switch (op) {
    case 'Lt': return c < 0;
    case 'LtE': return c <= 0;
    case 'Gt': return c > 0;
    case 'GtE': return c >= 0;
  }
}

/** Sort helper: a < b as a JS boolean. */
export async function lessThan(a: PyValue, b: PyValue): Promise<boolean> {
  const r = await compare('Lt', a, b);
  return typeof r === 'boolean' ? r : truthy(r);
}
