// Python's operators on values: truthiness, binary/in-place/unary arithmetic with the dunder
// protocol (reflected operands, subclass priority, NotImplemented), ==/!= and ordering with
// CPython's error texts, `in`, len(), and subscription (get/set/del) for builtin containers and
// anything with __getitem__ (tensors, user classes). Builtin values take sync fast paths; any
// dunder call is awaited.

import { PyError } from '../../errors';
import type { Operator } from '../ast';
import {
  type MaybeP, type PyValue, MISSING, NotImplemented, ObjectType, PyCallable, PyDict, PyFloat, PyList, PySet, PySlice,
  PyTuple, PyType, Builtins, call, callMaybe, typeOf,
} from '../object';
import { toArray } from './iter';
import {
  asFloat, asInt, floatFloorDiv, floatMod, floatPow, intAdd, intBitOp, intFloorDiv, intMod,
  intMul, intPow, intSub, intTrueDiv, numCmp, zeroDiv,
} from './numbers';
import { PyRange, rangeContains, rangeGet } from './range';
import { assignSlice, deleteSlice, seqIndex, sliceArray } from './slice';
import { objectInit } from './singletons';
import { reprSync } from './repr';

const ERR = (t: string, m: string): PyError => new PyError(t, m);

/** Sizes past which a str or list/tuple is refused with MemoryError (CPython raises it when the
 * allocation fails; a JS engine would throw a RangeError or abort the whole tab instead).
 * 2^28 UTF-16 units is below V8's string limit; 2^26 items is 512 MB of references. */
export const MAX_STR_LENGTH = 2 ** 28;
export const MAX_SEQ_LENGTH = 2 ** 26;
export const memoryError = (): PyError => new PyError('MemoryError', '');

// ---- truthiness -------------------------------------------------------------------------------

/** bool(v). Sync for builtin values; a Promise when __bool__/__len__ must run. */
export function truthy(v: PyValue): boolean | Promise<boolean> {
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'string':
      return v.length > 0;
    case 'bigint':
      return v !== 0n;
  }
  if (v === null) return false;
  if (v instanceof PyFloat) return v.v !== 0;
  if (v instanceof PyList) return v.items.length > 0;
  if (v instanceof PyTuple) return v.items.length > 0;
  if (v instanceof PyDict || v instanceof PySet) return v.size > 0;
  if (v instanceof PyRange) return v.length > 0;
  return truthySlow(v);
}

async function truthySlow(v: PyValue): Promise<boolean> {
  const t = typeOf(v);
  const b = t.lookup('__bool__');
  if (b instanceof PyCallable) {
    const r = await call(b, [v]);
    if (typeof r !== 'boolean') throw ERR('TypeError', `__bool__ should return bool, returned ${typeOf(r).name}`);
    return r;
  }
  const l = t.lookup('__len__');
  if (l instanceof PyCallable) return (await lenOf(v)) > 0;
  return true;
}

export async function truthyAsync(v: PyValue): Promise<boolean> {
  return truthy(v);
}

// ---- len ----------------------------------------------------------------------------------------

export async function lenOf(v: PyValue): Promise<number> {
  if (typeof v === 'string') return v.length;
  if (v instanceof PyList) return v.items.length;
  if (v instanceof PyTuple) return v.items.length;
  if (v instanceof PyDict || v instanceof PySet) return v.size;
  if (v instanceof PyRange) return v.length;
  const l = typeOf(v).lookup('__len__');
  if (l instanceof PyCallable) {
    const r = await call(l, [v]);
    if (typeof r === 'boolean') return r ? 1 : 0;
    if (typeof r !== 'number') {
      if (typeof r === 'bigint') throw ERR('OverflowError', "cannot fit 'int' into an index-sized integer");
      throw ERR('TypeError', `'${typeOf(r).name}' object cannot be interpreted as an integer`);
    }
    if (r < 0) throw ERR('ValueError', '__len__() should return >= 0');
    return r;
  }
  throw ERR('TypeError', `object of type '${typeOf(v).name}' has no len()`);
}

// ---- binary operators -------------------------------------------------------------------------

export const OP_SYMBOL: Record<Operator, string> = {
  Add: '+', Sub: '-', Mult: '*', MatMult: '@', Div: '/', Mod: '%', Pow: '**', LShift: '<<',
  RShift: '>>', BitOr: '|', BitXor: '^', BitAnd: '&', FloorDiv: '//',
};
const OP_NAME: Record<Operator, string> = {
  Add: 'add', Sub: 'sub', Mult: 'mul', MatMult: 'matmul', Div: 'truediv', Mod: 'mod', Pow: 'pow',
  LShift: 'lshift', RShift: 'rshift', BitOr: 'or', BitXor: 'xor', BitAnd: 'and', FloorDiv: 'floordiv',
};
export const DUNDER: Record<string, string> = {};
export const RDUNDER: Record<string, string> = {};
export const IDUNDER: Record<string, string> = {};
for (const [op, n] of Object.entries(OP_NAME)) {
  DUNDER[op] = `__${n}__`;
  RDUNDER[op] = `__r${n}__`;
  IDUNDER[op] = `__i${n}__`;
}

/** Hook for str % args (printf-style), installed by the str module. */
export const opHooks: { strMod: (fmt: string, args: PyValue) => Promise<string> } = {
  strMod: async () => {
    throw ERR('NotImplementedError', 'str % formatting');
  },
};

/** Builtin numeric/sequence behaviour; NotImplemented when the operands are not builtin pairs. */
function builtinBinop(op: Operator, a: PyValue, b: PyValue): PyValue {
  const ia = asInt(a);
  const ib = asInt(b);
  if (ia !== undefined && ib !== undefined) {
    switch (op) {
      case 'Add': return intAdd(ia, ib);
      case 'Sub': return intSub(ia, ib);
      case 'Mult': return intMul(ia, ib);
      case 'Div': return intTrueDiv(ia, ib);
      case 'FloorDiv': return intFloorDiv(ia, ib);
      case 'Mod': return intMod(ia, ib);
      case 'Pow': return intPow(ia, ib);
      case 'MatMult': return NotImplemented;
      case 'BitAnd': case 'BitOr': case 'BitXor':
        if (typeof a === 'boolean' && typeof b === 'boolean') {
          return op === 'BitAnd' ? a && b : op === 'BitOr' ? a || b : a !== b;
        }
        return intBitOp(op, ia, ib);
      default: return intBitOp(op, ia, ib);
    }
  }
  if (a instanceof PyFloat || b instanceof PyFloat) {
    const x = asFloat(a);
    const y = asFloat(b);
    if (x === undefined || y === undefined) return NotImplemented;
    switch (op) {
      case 'Add': return new PyFloat(x + y);
      case 'Sub': return new PyFloat(x - y);
      case 'Mult': return new PyFloat(x * y);
      case 'Div':
        if (y === 0) throw zeroDiv('float division by zero');
        return new PyFloat(x / y);
      case 'FloorDiv': return new PyFloat(floatFloorDiv(x, y));
      case 'Mod': return new PyFloat(floatMod(x, y));
      case 'Pow': return new PyFloat(floatPow(x, y));
      default: return NotImplemented;
    }
  }
  if (typeof a === 'string') {
    if (op === 'Add') {
      if (typeof b === 'string') return a + b;
      throw ERR('TypeError', `can only concatenate str (not "${typeOf(b).name}") to str`);
    }
    if (op === 'Mult' && ib !== undefined) return repeatStr(a, ib);
    return NotImplemented;
  }
  if (typeof b === 'string' && op === 'Mult' && ia !== undefined) return repeatStr(b, ia);
  if (a instanceof PyList) {
    if (op === 'Add') {
      if (b instanceof PyList) return new PyList(a.items.concat(b.items));
      throw ERR('TypeError', `can only concatenate list (not "${typeOf(b).name}") to list`);
    }
    if (op === 'Mult' && ib !== undefined) return new PyList(repeatArr(a.items, ib));
    return NotImplemented;
  }
  if (b instanceof PyList && op === 'Mult' && ia !== undefined) return new PyList(repeatArr(b.items, ia));
  if (a instanceof PyTuple && a.cls === null) {
    if (op === 'Add') {
      if (b instanceof PyTuple) return new PyTuple(a.items.concat(b.items));
      throw ERR('TypeError', `can only concatenate tuple (not "${typeOf(b).name}") to tuple`);
    }
    if (op === 'Mult' && ib !== undefined) return new PyTuple(repeatArr(a.items, ib));
    return NotImplemented;
  }
  if (b instanceof PyTuple && b.cls === null && op === 'Mult' && ia !== undefined) return new PyTuple(repeatArr(b.items, ia));
  if (a instanceof PyDict && b instanceof PyDict && op === 'BitOr') {
    const d = new PyDict();
    for (const [k, v] of a.entries()) d.set(k, v);
    for (const [k, v] of b.entries()) d.set(k, v);
    return d;
  }
  if (a instanceof PySet && b instanceof PySet) {
    switch (op) {
      case 'BitOr': return new PySet([...a.values(), ...b.values()]);
      case 'BitAnd': return new PySet([...a.values()].filter((x) => b.has(x)));
      case 'Sub': return new PySet([...a.values()].filter((x) => !b.has(x)));
      case 'BitXor': return new PySet([...[...a.values()].filter((x) => !b.has(x)), ...[...b.values()].filter((x) => !a.has(x))]);
    }
  }
  return NotImplemented;
}

function repeatStr(s: string, n: number | bigint): string {
  const k = Number(n);
  if (k <= 0 || s.length === 0) return '';
  if (s.length * k > MAX_STR_LENGTH) throw memoryError();
  return s.repeat(k);
}
function repeatArr(a: readonly PyValue[], n: number | bigint): PyValue[] {
  const k = Number(n);
  if (k <= 0 || a.length === 0) return [];
  if (a.length * k > MAX_SEQ_LENGTH) throw memoryError();
  const out: PyValue[] = [];
  for (let i = 0; i < k; i++) for (const x of a) out.push(x);
  return out;
}

function unsupported(op: Operator, a: PyValue, b: PyValue): PyError {
  const sym = op === 'Pow' ? '** or pow()' : OP_SYMBOL[op];
  if (op === 'Mult' && (typeof a === 'string' || a instanceof PyList || a instanceof PyTuple || typeof b === 'string' || b instanceof PyList || b instanceof PyTuple)) {
    const other = typeof a === 'string' || a instanceof PyList || a instanceof PyTuple ? b : a;
    return ERR('TypeError', `can't multiply sequence by non-int of type '${typeOf(other).name}'`);
  }
  return ERR('TypeError', `unsupported operand type(s) for ${sym}: '${typeOf(a).name}' and '${typeOf(b).name}'`);
}

/** a <op> b with the full protocol. */
export async function binop(op: Operator, a: PyValue, b: PyValue): Promise<PyValue> {
  return binopMaybe(op, a, b);
}

/** binop, synchronous unless a dunder method has to wait (the interpreter's hot path). */
export function binopMaybe(op: Operator, a: PyValue, b: PyValue): MaybeP<PyValue> {
  const r0 = builtinBinop(op, a, b);
  if (r0 !== NotImplemented) return r0;
  return firstImplemented(dunderCalls(op, a, b), 0, () => {
    throw unsupported(op, a, b);
  });
}

type DunderCall = [PyCallable, PyValue[]];

/** The dunder calls a binary operator tries, in order: a reflected method of a subclass first,
 * then a.__op__, then b.__rop__. */
function dunderCalls(op: Operator, a: PyValue, b: PyValue): DunderCall[] {
  const ta = typeOf(a);
  const tb = typeOf(b);
  const fa = ta.lookup(DUNDER[op]);
  const fb = ta !== tb ? tb.lookup(RDUNDER[op]) : undefined;
  const calls: DunderCall[] = [];
  const priority = fb instanceof PyCallable && tb.isSubtypeOf(ta) && fb !== ta.lookup(RDUNDER[op]);
  if (priority) calls.push([fb, [b, a]]);
  if (fa instanceof PyCallable) calls.push([fa, [a, b]]);
  if (!priority && fb instanceof PyCallable) calls.push([fb, [b, a]]);
  return calls;
}

/** Try dunder calls in order until one returns something other than NotImplemented; `fail`
 * decides when all decline. Synchronous as long as the calls are. */
export function firstImplemented(calls: DunderCall[], i: number, fail: () => MaybeP<PyValue>): MaybeP<PyValue> {
  for (; i < calls.length; i++) {
    const r = calls[i][0].callMaybe(calls[i][1], null);
    if (r instanceof Promise) {
      const next = i + 1;
      return r.then((v) => (v !== NotImplemented ? v : firstImplemented(calls, next, fail)));
    }
    if (r !== NotImplemented) return r;
  }
  return fail();
}

/** a <op>= b: __iop__ first (list += extends in place), then the binary operator. */
export async function inplaceOp(op: Operator, a: PyValue, b: PyValue): Promise<PyValue> {
  return inplaceMaybe(op, a, b);
}

/** inplaceOp, synchronous unless a dunder method has to wait. */
export function inplaceMaybe(op: Operator, a: PyValue, b: PyValue): MaybeP<PyValue> {
  if (a instanceof PyList) {
    if (op === 'Add') {
      if (b instanceof PyList || b instanceof PyTuple) {
        const src = b.items;
        const n = src.length;
        for (let i = 0; i < n; i++) a.items.push(src[i]);
        return a;
      }
      return toArray(b).then((xs) => {
        for (const x of xs) a.items.push(x);
        return a;
      });
    }
    if (op === 'Mult') {
      const n = asInt(b);
      if (n === undefined) throw unsupported(op, a, b);
      const copy = repeatArr(a.items, n);
      a.items.length = 0;
      for (const x of copy) a.items.push(x);
      return a;
    }
  }
  if (a instanceof PySet && b instanceof PySet) {
    if (op === 'BitOr') { for (const x of b.values()) a.add(x); return a; }
    if (op === 'BitAnd') { for (const x of [...a.values()]) if (!b.has(x)) a.delete(x); return a; }
    if (op === 'Sub') { for (const x of b.values()) a.delete(x); return a; }
  }
  if (a instanceof PyDict && op === 'BitOr' && b instanceof PyDict) {
    for (const [k, v] of b.entries()) a.set(k, v);
    return a;
  }
  const r0 = builtinBinop(op, a, b);
  if (r0 !== NotImplemented) return r0;
  const fi = typeOf(a).lookup(IDUNDER[op]);
  const calls = dunderCalls(op, a, b);
  if (fi instanceof PyCallable) calls.unshift([fi, [a, b]]);
  return firstImplemented(calls, 0, () => inplaceUnsupported(op, a, b));
}

function inplaceUnsupported(op: Operator, a: PyValue, b: PyValue): never {
  if (op === 'Pow') throw ERR('TypeError', `unsupported operand type(s) for **=: '${typeOf(a).name}' and '${typeOf(b).name}'`);
  const e = unsupported(op, a, b);
  if (e.message.startsWith('unsupported operand')) {
    throw ERR('TypeError', `unsupported operand type(s) for ${OP_SYMBOL[op]}=: '${typeOf(a).name}' and '${typeOf(b).name}'`);
  }
  throw e;
}

export async function unaryOp(op: 'Invert' | 'UAdd' | 'USub', v: PyValue): Promise<PyValue> {
  return unaryMaybe(op, v);
}

export function unaryMaybe(op: 'Invert' | 'UAdd' | 'USub', v: PyValue): MaybeP<PyValue> {
  const i = asInt(v);
  if (i !== undefined) {
    if (op === 'USub') return typeof i === 'bigint' ? -i : 0 - i;
    if (op === 'UAdd') return i;
    return typeof i === 'bigint' ? ~i : ~i;
  }
  if (v instanceof PyFloat) {
    if (op === 'USub') return new PyFloat(-v.v);
    if (op === 'UAdd') return v;
  }
  const name = op === 'USub' ? '__neg__' : op === 'UAdd' ? '__pos__' : '__invert__';
  const f = typeOf(v).lookup(name);
  if (f instanceof PyCallable) return f.callMaybe([v], null);
  const sym = op === 'USub' ? '-' : op === 'UAdd' ? '+' : '~';
  throw ERR('TypeError', `bad operand type for unary ${sym}: '${typeOf(v).name}'`);
}

// ---- comparisons ------------------------------------------------------------------------------

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
  if (a === b) return a instanceof PyFloat ? !Number.isNaN(a.v) : true;
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
  if (a === b && !(a instanceof PyFloat)) return true;
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

// ---- membership -------------------------------------------------------------------------------

export async function contains(container: PyValue, item: PyValue): Promise<boolean> {
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw ERR('TypeError', `'in <string>' requires string as left operand, not ${typeOf(item).name}`);
    return container.includes(item);
  }
  if (container instanceof PyDict || container instanceof PySet) return container.has(item);
  if (container instanceof PyList || container instanceof PyTuple) {
    for (const x of container.items) if (await eqBool(x, item)) return true;
    return false;
  }
  if (container instanceof PyRange) return rangeContains(container, item);
  const t = typeOf(container);
  const c = t.lookup('__contains__');
  if (c instanceof PyCallable) return truthy(await call(c, [container, item]));
  if (t.lookup('__iter__') instanceof PyCallable || t.lookup('__getitem__') instanceof PyCallable) {
    for (const x of await toArray(container)) if (await eqBool(x, item)) return true;
    return false;
  }
  throw ERR('TypeError', `argument of type '${t.name}' is not iterable`);
}

// ---- subscription -----------------------------------------------------------------------------

export async function getitem(obj: PyValue, key: PyValue): Promise<PyValue> {
  return getitemMaybe(obj, key);
}

/** obj[key], synchronous unless `__getitem__`/`__missing__` has to wait. */
export function getitemMaybe(obj: PyValue, key: PyValue): MaybeP<PyValue> {
  if (obj instanceof PyList) {
    if (key instanceof PySlice) return new PyList(sliceArray(obj.items, key));
    return obj.items[seqIndex(key, obj.items.length, 'list', 'list')];
  }
  if (obj instanceof PyDict) {
    const v = obj.get(key);
    if (v !== undefined) return v;
    if (obj.has(key)) return v as unknown as PyValue;
    return dictMissing(obj, key);
  }
  if (obj instanceof PyTuple && obj.cls === null) {
    if (key instanceof PySlice) return new PyTuple(sliceArray(obj.items, key));
    return obj.items[seqIndex(key, obj.items.length, 'tuple', 'tuple')];
  }
  if (typeof obj === 'string') {
    if (key instanceof PySlice) return sliceArray(Array.from(obj), key).join('');
    if (typeof key !== 'number' && typeof key !== 'boolean') {
      throw ERR('TypeError', `string indices must be integers, not '${typeOf(key).name}'`);
    }
    const chars = obj.length < 64 && !/[\ud800-\udfff]/.test(obj) ? obj : Array.from(obj);
    return chars[seqIndex(key, chars.length, 'string', 'string')];
  }
  if (obj instanceof PyRange) return rangeGet(obj, key);
  const t = typeOf(obj);
  const f = t.lookup('__getitem__');
  // A tuple subclass that does not override __getitem__ indexes natively (tuple's own
  // __getitem__ calls back here, so calling it would recurse).
  if (f instanceof PyCallable && !(obj instanceof PyTuple && f === Builtins.tuple.dict!.get('__getitem__'))) return f.callMaybe([obj, key], null);
  if (obj instanceof PyTuple) {
    if (key instanceof PySlice) return new PyTuple(sliceArray(obj.items, key));
    return obj.items[seqIndex(key, obj.items.length, 'tuple', 'tuple')];
  }
  if (obj instanceof PyType) {
    const cg = obj.lookup('__class_getitem__');
    if (cg instanceof PyCallable) return callMaybe(cg, [obj, key]);
    if (obj.module === 'builtins' || obj.name === 'Tensor') return obj; // `list[int]`, `dict[str, Tensor]` in annotations
    throw ERR('TypeError', `type '${obj.name}' is not subscriptable`);
  }
  throw ERR('TypeError', `'${t.name}' object is not subscriptable`);
}

function dictMissing(d: PyDict, key: PyValue): MaybeP<PyValue> {
  const t = typeOf(d);
  if (t.name !== 'dict') {
    const m = t.lookup('__missing__');
    if (m instanceof PyCallable) return m.callMaybe([d, key], null);
  }
  throw new PyError('KeyError', reprSync(key), [key]);
}

export async function setitem(obj: PyValue, key: PyValue, value: PyValue): Promise<void> {
  await setitemMaybe(obj, key, value);
}

/** obj[key] = value, synchronous unless `__setitem__` has to wait. */
export function setitemMaybe(obj: PyValue, key: PyValue, value: PyValue): MaybeP<unknown> {
  if (obj instanceof PyList) {
    if (key instanceof PySlice) return toArray(value).then((xs) => assignSlice(obj.items, key, xs));
    obj.items[seqIndex(key, obj.items.length, 'list assignment', 'list')] = value;
    return;
  }
  if (obj instanceof PyDict) {
    obj.set(key, value);
    return;
  }
  const t = typeOf(obj);
  const f = t.lookup('__setitem__');
  if (f instanceof PyCallable) return f.callMaybe([obj, key, value], null);
  throw ERR('TypeError', `'${t.name}' object does not support item assignment`);
}

export async function delitem(obj: PyValue, key: PyValue): Promise<void> {
  if (obj instanceof PyList) {
    if (key instanceof PySlice) return deleteSlice(obj.items, key);
    obj.items.splice(seqIndex(key, obj.items.length, 'list assignment', 'list'), 1);
    return;
  }
  if (obj instanceof PyDict) {
    if (!obj.delete(key)) throw new PyError('KeyError', reprSync(key), [key]);
    return;
  }
  const t = typeOf(obj);
  const f = t.lookup('__delitem__');
  if (f instanceof PyCallable) {
    await call(f, [obj, key]);
    return;
  }
  throw ERR('TypeError', `'${t.name}' object doesn't support item deletion`);
}

void MISSING;
void objectInit;
