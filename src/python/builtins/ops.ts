// Python's operators on values: binary/in-place/unary arithmetic with the dunder protocol
// (reflected operands, subclass priority, NotImplemented) and CPython's error texts. Builtin values
// take sync fast paths; any dunder call is awaited. The rest of the operator layer lives beside
// it, one family per file, and is re-exported here so callers import one place: truthiness and
// len() (truth.ts), ==/!= and ordering (compare.ts), `in` and subscription (subscript.ts).

import { PyError } from '../../errors';
import type { Operator } from '../ast';
import {
  type MaybeP, type PyValue, NotImplemented, PyCallable, PyDict, PyFloat, PyList, PySet, PyTuple, typeOf,
} from '../object';
import { toArray } from './iter';
import {
  asFloat, asInt, floatFloorDiv, floatMod, floatPow, intAdd, intBitOp, intFloorDiv, intMod,
  intMul, intPow, intSub, intTrueDiv, zeroDiv,
} from './numbers';
import { objectInit } from './singletons';

const ERR = (t: string, m: string): PyError => new PyError(t, m);

/** Sizes past which a str or list/tuple is refused with MemoryError (CPython raises it when the
 * allocation fails; a JS engine would throw a RangeError or abort the whole tab instead).
 * 2^28 UTF-16 units is below V8's string limit; 2^26 items is 512 MB of references. */
export const MAX_STR_LENGTH = 2 ** 28;
export const MAX_SEQ_LENGTH = 2 ** 26;
export const memoryError = (): PyError => new PyError('MemoryError', '');

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

// ---- the rest of the operator layer, in its own files ------------------------------------------

export { truthy, truthyAsync, lenOf } from './truth';
export { eq, eqBuiltin, eqBool, ne, compare, compareMaybe, lessThan } from './compare';
export { contains, getitem, getitemMaybe, setitem, setitemMaybe, delitem } from './subscript';

void objectInit; // builtins/singletons must be initialised before the operators run
