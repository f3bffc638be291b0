// repr() and str() of every Python value, exactly as CPython 3.13 prints them: floats through
// numfmt's shortest-repr, str quoting, containers with `[...]` for recursion, tuples with the
// one-element comma, and anything else through its class's `__repr__` / `__str__` (user classes,
// tensors, modules — the bindings register theirs on their types). Async because a `__repr__` may
// be user Python.

import { PyError, pyStrRepr } from '../../errors';
import { pyFloatRepr } from '../numfmt/floatText';
import {
  type PyValue, PyBoundMethod, PyBuiltinFunction, PyCallable, PyDict, PyFloat, PyList, PyObject,
  PySet, PyTuple, PyType, call, typeOf,
} from '../object';
import { BaseExceptionType, PyBaseException, defaultRepr, defaultStr, excHooks } from './exceptions';

/** Stable small ids for objects (`id()` and the `at 0x...` of default reprs). */
const ids = new WeakMap<object, number>();
let nextId = 0x7f0000001000;
export function objectId(v: PyValue): number {
  if (v === null) return 0x7f0000000010;
  if (typeof v !== 'object') {
    // Small ints and interned values: derive from the value so equal values share an id.
    if (typeof v === 'number') return 0x7e0000000000 + v * 32;
    if (typeof v === 'boolean') return v ? 0x7f0000000020 : 0x7f0000000030;
    return 0x7d0000000000 + (hashString(String(v)) % 0x100000) * 16;
  }
  let id = ids.get(v);
  if (id === undefined) ids.set(v, (id = (nextId += 0x40)));
  return id;
}
function hashString(s: string): number {
  let h = 5381;
  for (let i = 0; i < s.length; i++) h = ((h * 33) ^ s.charCodeAt(i)) >>> 0;
  return h;
}
export const hexId = (v: PyValue): string => '0x' + objectId(v).toString(16).padStart(12, '0');

/** Names a function-like object shows in its repr; set by the interpreter for PyFunction. */
export const reprHooks: { functionRepr: (f: PyCallable) => string | null; moduleRepr: (m: PyObject) => string | null } = {
  functionRepr: () => null,
  moduleRepr: () => null,
};

const active = new Set<object>();

/** The Python-visible type name with module, as default reprs show it. */
function qualifiedTypeName(t: PyType): string {
  return t.module === 'builtins' ? t.qualname : `${t.module}.${t.qualname}`;
}

/** CPython 3.13's default `sys.get_int_max_str_digits()`: int↔decimal-string conversions of
 * longer numbers raise ValueError (quadratic-time conversion was a DoS vector). */
export const INT_MAX_STR_DIGITS = 4300;

/** A big int in decimal, with CPython's limit on the number of digits. */
export function bigintToDecimal(v: bigint): string {
  const mag = v < 0n ? -v : v;
  // bit length → a lower bound on the digits, without converting: skip the conversion when
  // the number is certainly too long (2**100000 would take tens of ms to print).
  const bits = mag.toString(16).length * 4 - 3;
  if (bits * 0.30102999566398 > INT_MAX_STR_DIGITS + 1) throw intDigitsError();
  const s = String(v);
  if (s.length - (v < 0n ? 1 : 0) > INT_MAX_STR_DIGITS) throw intDigitsError();
  return s;
}

function intDigitsError(): PyError {
  return new PyError('ValueError', `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit`);
}

/** Sync repr for values that never run user code (numbers, str, None, bool); undefined otherwise. */
export function reprPrimitive(v: PyValue): string | undefined {
  switch (typeof v) {
    case 'string':
      return pyStrRepr(v);
    case 'number':
      return String(v);
    case 'bigint':
      return bigintToDecimal(v);
    case 'boolean':
      return v ? 'True' : 'False';
  }
  if (v === null) return 'None';
  if (v instanceof PyFloat) return pyFloatRepr(v.v);
  return undefined;
}

export async function repr(v: PyValue): Promise<string> {
  const p = reprPrimitive(v);
  if (p !== undefined) return p;
  const o = v as object;
  if (o instanceof PyList || o instanceof PyTuple || o instanceof PyDict || o instanceof PySet) {
    if ((o instanceof PyTuple || o instanceof PyDict) && o.cls !== null) {
      const r = o.cls.lookup('__repr__');
      if (r instanceof PyCallable && !isDefaultRepr(r)) return reprResult(await call(r, [o]), o);
    }
    return containerRepr(o);
  }
  const t = typeOf(v);
  const r = t.lookup('__repr__');
  if (r instanceof PyCallable && !isDefaultRepr(r)) return reprResult(await call(r, [v]), v);
  return defaultObjectRepr(v);
}

function reprResult(r: PyValue, _v: PyValue): string {
  if (typeof r !== 'string') throw typeErr(`__repr__ returned non-string (type ${typeOf(r).name})`);
  return r;
}

async function containerRepr(o: PyList | PyTuple | PyDict | PySet): Promise<string> {
  if (active.has(o)) return o instanceof PyList ? '[...]' : o instanceof PyDict ? '{...}' : '(...)';
  active.add(o);
  try {
    if (o instanceof PyList) {
      const parts: string[] = [];
      for (let i = 0; i < o.items.length; i++) parts.push(await repr(o.items[i]));
      return '[' + parts.join(', ') + ']';
    }
    if (o instanceof PyTuple) {
      const parts: string[] = [];
      for (const x of o.items) parts.push(await repr(x));
      return parts.length === 1 ? `(${parts[0]},)` : '(' + parts.join(', ') + ')';
    }
    if (o instanceof PyDict) {
      const parts: string[] = [];
      for (const [k, x] of [...o.entries()]) parts.push(`${await repr(k)}: ${await repr(x)}`);
      return '{' + parts.join(', ') + '}';
    }
    const parts: string[] = [];
    for (const x of [...o.values()]) parts.push(await repr(x));
    const frozen = typeOf(o).name === 'frozenset';
    if (parts.length === 0) return frozen ? 'frozenset()' : 'set()';
    return frozen ? `frozenset({${parts.join(', ')}})` : '{' + parts.join(', ') + '}';
  } finally {
    active.delete(o);
  }
}

/** `<__main__.Foo object at 0x...>`, `<class 'int'>`, `<function f at 0x...>`, ... */
export function defaultObjectRepr(v: PyValue): string {
  if (v instanceof PyType) return `<class '${qualifiedTypeName(v)}'>`;
  if (v instanceof PyBoundMethod) {
    const f = v.func;
    const qn = (f as { qualname?: string }).qualname ?? f.name;
    if (f instanceof PyBuiltinFunction) {
      return `<built-in method ${f.name} of ${typeOf(v.self).name} object at ${hexId(v.self)}>`;
    }
    return `<bound method ${qn} of ${defaultOrSyncRepr(v.self)}>`;
  }
  if (v instanceof PyBuiltinFunction) return `<built-in function ${v.name}>`;
  if (v instanceof PyCallable) {
    const r = reprHooks.functionRepr(v);
    if (r !== null) return r;
  }
  if (v instanceof PyObject) {
    const r = reprHooks.moduleRepr(v);
    if (r !== null) return r;
  }
  return `<${qualifiedTypeName(typeOf(v))} object at ${hexId(v)}>`;
}

/** Best-effort sync repr used inside bound-method reprs. */
function defaultOrSyncRepr(v: PyValue): string {
  return reprPrimitive(v) ?? defaultObjectRepr(v);
}

export async function str(v: PyValue): Promise<string> {
  if (typeof v === 'string') return v;
  const p = reprPrimitive(v);
  if (p !== undefined) return p;
  const t = typeOf(v);
  const s = t.lookup('__str__');
  if (s instanceof PyCallable && s !== objectStr) {
    const r = await call(s, [v]);
    if (typeof r !== 'string') throw typeErr(`__str__ returned non-string (type ${typeOf(r).name})`);
    return r;
  }
  return repr(v);
}

/** Sync repr that never runs user code: used for exception messages built from args. */
export function reprSync(v: PyValue): string {
  const p = reprPrimitive(v);
  if (p !== undefined) return p;
  if (v instanceof PyList) return guarded(v, '[...]', () => '[' + v.items.map(reprSync).join(', ') + ']');
  if (v instanceof PyTuple && v.cls === null) {
    return guarded(v, '(...)', () => (v.items.length === 1 ? `(${reprSync(v.items[0])},)` : '(' + v.items.map(reprSync).join(', ') + ')'));
  }
  if (v instanceof PyDict) return guarded(v, '{...}', () => '{' + [...v.entries()].map(([k, x]) => `${reprSync(k)}: ${reprSync(x)}`).join(', ') + '}');
  if (v instanceof PyBaseException) return defaultRepr(v);
  const t = typeOf(v);
  const r = t.lookup('__repr__');
  const sync = r instanceof PyBuiltinFunction ? (r as PyBuiltinFunction & { syncRepr?: (v: PyValue) => string }).syncRepr : undefined;
  if (sync) return sync(v);
  return defaultObjectRepr(v);
}
function guarded(o: object, rec: string, f: () => string): string {
  if (active.has(o)) return rec;
  active.add(o);
  try {
    return f();
  } finally {
    active.delete(o);
  }
}

function typeErr(msg: string): Error {
  return new PyBuiltinTypeError(msg);
}
class PyBuiltinTypeError extends PyError {
  constructor(msg: string) {
    super('TypeError', msg);
  }
}

// object.__repr__ / object.__str__ are the defaults; anything else in an MRO is an override.
export const objectRepr = new PyBuiltinFunction('__repr__', (a) => defaultObjectRepr(a[0]), 'object.__repr__');
export const objectStr = new PyBuiltinFunction('__str__', (a) => repr(a[0]), 'object.__str__');
const isDefaultRepr = (f: PyCallable): boolean => f === objectRepr;

excHooks.repr = reprSync;
excHooks.str = (v) => (typeof v === 'string' ? v : reprSync(v));
// Exceptions: str()/repr() go through the async protocol so user __repr__ in args works.
BaseExceptionType.dict!.set('__str__', new PyBuiltinFunction('__str__', async (a) => {
  const e = a[0] as PyBaseException;
  if (e.args.length === 1 && !e.cls.isSubtypeOf(keyErrorType())) return str(e.args[0]);
  if (e.args.length === 1) return repr(e.args[0]);
  if (e.args.length === 0) return '';
  return repr(new PyTuple(e.args));
}, 'BaseException.__str__'));
BaseExceptionType.dict!.set('__repr__', new PyBuiltinFunction('__repr__', async (a) => {
  const e = a[0] as PyBaseException;
  if (e.args.length === 1) return `${e.cls.name}(${await repr(e.args[0])})`;
  return e.args.length === 0 ? `${e.cls.name}()` : e.cls.name + (await repr(new PyTuple(e.args)));
}, 'BaseException.__repr__'));
void defaultStr;
import { excTypes } from './exceptions';
const keyErrorType = () => excTypes.get('KeyError')!;
