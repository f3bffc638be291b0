// The builtins namespace: builtin functions (print, len, range, sorted, isinstance, ...) and the
// builtin types and exception classes under their Python names, all put into interp's BUILTINS
// table. Constructors of int/float/str/bool live in numberTypes.ts; container methods in
// containerMethods.ts; this file is the directory of names.

import { PyError } from '../../errors';
import {
  type KwArgs, type PyValue, Builtins, ClassMethodType, Ellipsis, MISSING, NotImplemented,
  ObjectType, PropertyType, PyBoundMethod, PyBuiltinFunction, PyCallable, PyDict, PyFloat, PyList,
  PyModule, PyObject, PySet, PySlice, PyTuple, PyType, SliceType, StaticMethodType, TypeType, call,
  delattr, getattrOrMissing, hasattr, instanceDict, setattr, typeOf, nativeProperty, genericSetattr, genericDelattr,
} from '../object';
import { sliceIndices } from './slice';
import { BUILTINS } from '../interp/builtinsTable';
import { argRange, exactlyOne, intArg, noKw, params } from './args';
import { excTypes, PyBaseException } from './exceptions';
import { formatValue } from './format';
import { IteratorBaseType, PyIterBase, SeqIter, getIter, iteratorType, nextOrStop, toArray } from './iter';
import { asFloat, intAdd, intFloorDiv, intMod, roundHalfEven, norm } from './numbers';
import { binop, eqBool, lenOf, lessThan, truthy, unaryOp } from './ops';
import { RangeType, makeRange } from './range';
import { hexId, objectId, repr, str } from './repr';
import { sortValues } from './containerMethods';
import { asciiOf } from './strutil';
import { rt } from '../interp/runtime';
import { formatSpec } from '../numfmt';
import { hashValue } from './hash';
import { loadAttrHook } from './hooks';
import { SuperType } from '../interp/classes';
import './numberTypes';
import './strMethods';

const fn = (name: string, f: (a: PyValue[], kw: KwArgs) => PyValue | Promise<PyValue>): void => {
  BUILTINS.set(name, new PyBuiltinFunction(name, f));
};

// ---- types and singletons ---------------------------------------------------------------------

for (const [k, t] of Object.entries({
  int: Builtins.int, float: Builtins.float, str: Builtins.str, bool: Builtins.bool, list: Builtins.list,
  tuple: Builtins.tuple, dict: Builtins.dict, set: Builtins.set, frozenset: Builtins.frozenset,
  object: ObjectType, type: TypeType, range: RangeType, slice: SliceType, property: PropertyType,
  staticmethod: StaticMethodType, classmethod: ClassMethodType, super: SuperType,
})) BUILTINS.set(k, t);
for (const [k, t] of excTypes) BUILTINS.set(k, t);
BUILTINS.set('NotImplemented', NotImplemented);
BUILTINS.set('Ellipsis', Ellipsis);
BUILTINS.set('__name__', 'builtins');
SliceType.slots.create = (_c, a) => {
  argRange('slice', a, 1, 3);
  return a.length === 1 ? new PySlice(null, a[0], null) : new PySlice(a[0], a[1], a.length > 2 ? a[2] : null);
};
SliceType.dict!.set('start', nativeProperty('start', (v) => (v as PySlice).start));
SliceType.dict!.set('stop', nativeProperty('stop', (v) => (v as PySlice).stop));
SliceType.dict!.set('step', nativeProperty('step', (v) => (v as PySlice).step));
SliceType.dict!.set('indices', new PyBuiltinFunction('indices', (a) => new PyTuple(sliceIndices(a[0] as PySlice, intArg(a[1]))), 'slice.indices'));
// object.__setattr__ / __getattribute__ / __delattr__ for user classes that override them
ObjectType.dict!.set('__setattr__', new PyBuiltinFunction('__setattr__', async (a) => (await genericSetattr(a[0], a[1] as string, a[2]), null), 'object.__setattr__'));
ObjectType.dict!.set('__delattr__', new PyBuiltinFunction('__delattr__', async (a) => (await genericDelattr(a[0], a[1] as string), null), 'object.__delattr__'));
ObjectType.dict!.set('__getattribute__', new PyBuiltinFunction('__getattribute__', (a) => loadAttrHook.load(a[0], a[1] as string), 'object.__getattribute__'));
ObjectType.dict!.set('__dict__', nativeProperty('__dict__', (v) => {
  const d = instanceDict(v);
  if (d === null) throw new PyError('AttributeError', `'${typeOf(v).name}' object has no attribute '__dict__'`);
  return dictView(d);
}));
ObjectType.dict!.set('__class__', nativeProperty('__class__', (v) => typeOf(v)));
SliceType.dict!.set('__repr__', new PyBuiltinFunction('__repr__', async (a) => {
  const s = a[0] as PySlice;
  return `slice(${await repr(s.start)}, ${await repr(s.stop)}, ${await repr(s.step)})`;
}));

// ---- output -------------------------------------------------------------------------------------

fn('print', async (a, kw) => {
  const [sep, end, file, flush] = params('print', [], kw, 0, ['sep', 'end', 'file', 'flush']);
  void flush;
  const sepS = sep === undefined || sep === null ? ' ' : sep;
  const endS = end === undefined || end === null ? '\n' : end;
  if (typeof sepS !== 'string') throw new PyError('TypeError', `sep must be None or a string, not ${typeOf(sepS).name}`);
  if (typeof endS !== 'string') throw new PyError('TypeError', `end must be None or a string, not ${typeOf(endS).name}`);
  const parts: string[] = [];
  for (const x of a) parts.push(await str(x));
  const text = parts.join(sepS) + endS;
  const run = rt();
  if (file !== undefined && file !== null) {
    const w = await getattrOrMissing(file, 'write');
    if (file === run.modules.get('sys.stderr') || (file instanceof PyObject && (file as { isStderr?: boolean }).isStderr)) run.writeErr(text);
    else if (w !== MISSING && !(file instanceof PyObject && (file as { isStdout?: boolean }).isStdout)) await call(w, [text]);
    else run.write(text);
  } else run.write(text);
  return null;
});
fn('input', () => {
  throw new PyError('EOFError', 'EOF when reading a line');
});

// ---- introspection ------------------------------------------------------------------------------

fn('len', async (a, kw) => {
  noKw('len', kw);
  exactlyOne('len', a);
  return lenOf(a[0]);
});
fn('repr', async (a) => (exactlyOne('repr', a), repr(a[0])));
fn('ascii', async (a) => (exactlyOne('ascii', a), asciiOf(await repr(a[0]))));
fn('format', async (a) => {
  argRange('format', a, 1, 2);
  const spec = a.length > 1 ? a[1] : '';
  if (typeof spec !== 'string') throw new PyError('TypeError', `format() argument 2 must be str, not ${typeOf(spec).name}`);
  return formatValue(a[0], spec);
});
fn('id', (a) => (exactlyOne('id', a), objectId(a[0])));
fn('hash', (a) => (exactlyOne('hash', a), hashValue(a[0])));
fn('callable', (a) => {
  exactlyOne('callable', a);
  const v = a[0];
  return v instanceof PyCallable || v instanceof PyType || typeOf(v).lookup('__call__') !== undefined;
});
async function isInst(v: PyValue, t: PyValue, sub: boolean): Promise<boolean> {
  if (t instanceof PyTuple) {
    for (const x of t.items) if (await isInst(v, x, sub)) return true;
    return false;
  }
  if (!(t instanceof PyType)) {
    const hook = typeOf(t).lookup(sub ? '__subclasscheck__' : '__instancecheck__');
    if (hook instanceof PyCallable) return truthy(await call(hook, [t, v]));
    throw new PyError('TypeError', `${sub ? 'issubclass' : 'isinstance'}() arg 2 must be a type, a tuple of types, or a union`);
  }
  const hook = t.cls.lookup(sub ? '__subclasscheck__' : '__instancecheck__');
  if (hook instanceof PyCallable) return truthy(await call(hook, [t, v]));
  if (sub) {
    if (!(v instanceof PyType)) throw new PyError('TypeError', 'issubclass() arg 1 must be a class');
    return v.isSubtypeOf(t);
  }
  return typeOf(v).isSubtypeOf(t);
}
fn('isinstance', (a) => {
  if (a.length !== 2) throw new PyError('TypeError', `isinstance expected 2 arguments, got ${a.length}`);
  return isInst(a[0], a[1], false);
});
fn('issubclass', (a) => {
  if (a.length !== 2) throw new PyError('TypeError', `issubclass expected 2 arguments, got ${a.length}`);
  return isInst(a[0], a[1], true);
});
fn('getattr', async (a) => {
  argRange('getattr', a, 2, 3);
  const name = a[1];
  if (typeof name !== 'string') throw new PyError('TypeError', `attribute name must be string, not '${typeOf(name).name}'`);
  if (a.length === 2) return loadAttrHook.load(a[0], name);
  try {
    const v = await getattrOrMissing(a[0], name);
    return v === MISSING ? a[2] : v;
  } catch (e) {
    if (e instanceof PyError && e.isInstanceOf('AttributeError')) return a[2];
    throw e;
  }
});
fn('hasattr', async (a) => {
  if (a.length !== 2) throw new PyError('TypeError', `hasattr expected 2 arguments, got ${a.length}`);
  if (typeof a[1] !== 'string') throw new PyError('TypeError', `attribute name must be string, not '${typeOf(a[1]).name}'`);
  return hasattr(a[0], a[1]);
});
fn('setattr', async (a) => {
  if (a.length !== 3) throw new PyError('TypeError', `setattr expected 3 arguments, got ${a.length}`);
  if (typeof a[1] !== 'string') throw new PyError('TypeError', `attribute name must be string, not '${typeOf(a[1]).name}'`);
  await setattr(a[0], a[1], a[2]);
  return null;
});
fn('delattr', async (a) => {
  if (a.length !== 2) throw new PyError('TypeError', `delattr expected 2 arguments, got ${a.length}`);
  await delattr(a[0], a[1] as string);
  return null;
});
fn('vars', (a) => {
  if (a.length === 0) return dictView(frameHooks.locals());
  const d = instanceDict(a[0]) ?? (a[0] instanceof PyType ? a[0].dict : null);
  if (d === null) throw new PyError('TypeError', 'vars() argument must have __dict__ attribute');
  return dictView(d);
});
/** A PyDict snapshot of a name map (vars()/__dict__; writes to it are not reflected). */
function dictView(d: Map<string, PyValue>): PyDict {
  const out = new PyDict();
  for (const [k, v] of d) out.set(k, v);
  return out;
}
fn('dir', async (a) => {
  const names = new Set<string>();
  if (a.length === 0) return new PyList([...frameHooks.locals().keys()].sort());
  const v = a[0];
  const d = instanceDict(v);
  if (d) for (const k of d.keys()) names.add(k);
  const t = v instanceof PyType ? v : typeOf(v);
  for (const c of t.mro) for (const k of c.dict!.keys()) names.add(k);
  return new PyList([...names].sort());
});
fn('globals', () => {
  throw new PyError('NotImplementedError', 'globals() is not supported');
});

// ---- iteration ----------------------------------------------------------------------------------

fn('iter', async (a) => {
  argRange('iter', a, 1, 2);
  if (a.length === 2) {
    if (!isCallable(a[0])) throw new PyError('TypeError', 'iter(v, w): v must be callable');
    return new CallIter(a[0], a[1]);
  }
  return getIter(a[0]);
});

/** The names of the innermost Python frame (vars()/dir() without arguments); set by interp/. */
export const frameHooks: { locals: () => Map<string, PyValue> } = {
  locals: () => new Map(),
};

const isCallable = (v: PyValue): boolean => v instanceof PyCallable || v instanceof PyType || typeOf(v).lookup('__call__') !== undefined;

/** iter(callable, sentinel): call until the result equals the sentinel. */
class CallIter extends PyIterBase {
  private done = false;
  constructor(private readonly fn: PyValue, private readonly sentinel: PyValue) {
    super(iteratorType('callable_iterator'));
  }
  async next(): Promise<PyValue | typeof MISSING> {
    if (this.done) return MISSING;
    const r = await call(this.fn, []);
    if (await eqBool(r, this.sentinel)) {
      this.done = true;
      return MISSING;
    }
    return r;
  }
}
fn('next', async (a) => {
  argRange('next', a, 1, 2);
  const it = a[0];
  if (!(it instanceof PyIterBase)) {
    const nx = typeOf(it).lookup('__next__');
    if (!(nx instanceof PyCallable)) throw new PyError('TypeError', `'${typeOf(it).name}' object is not an iterator`);
    if (a.length === 1) return call(nx, [it]);
    try {
      return await call(nx, [it]);
    } catch (e) {
      if (e instanceof PyError && e.isInstanceOf('StopIteration')) return a[1];
      throw e;
    }
  }
  if (a.length === 2) {
    let x = it.next();
    if (x instanceof Promise) x = await x;
    return x === MISSING ? a[1] : x;
  }
  return nextOrStop(it);
});
fn('enumerate', async (a, kw) => {
  const [it, start] = params('enumerate', a, kw, 0, ['iterable', 'start']);
  if (it === undefined) throw new PyError('TypeError', "enumerate() missing required argument 'iterable'");
  const src = await getIter(it);
  let i = start === undefined ? 0 : intArg(start);
  return new LazyIter(iteratorType('enumerate'), async () => {
    let x = src.next();
    if (x instanceof Promise) x = await x;
    if (x === MISSING) return MISSING;
    return new PyTuple([i++, x]);
  });
});
fn('zip', async (a, kw) => {
  const [strict] = params('zip', [], kw, 0, ['strict']);
  const its: PyIterBase[] = [];
  for (const x of a) its.push(await getIter(x));
  const isStrict = strict !== undefined && (await truthy(strict));
  let done = false;
  return new LazyIter(iteratorType('zip'), async () => {
    if (done || its.length === 0) return MISSING;
    const row: PyValue[] = [];
    for (let k = 0; k < its.length; k++) {
      let x = its[k].next();
      if (x instanceof Promise) x = await x;
      if (x === MISSING) {
        done = true;
        if (isStrict) {
          if (k > 0) throw new PyError('ValueError', `zip() argument ${k + 1} is shorter than argument${k > 1 ? `s 1-${k}` : ' 1'}`);
          for (let m = 1; m < its.length; m++) {
            let y = its[m].next();
            if (y instanceof Promise) y = await y;
            if (y !== MISSING) throw new PyError('ValueError', `zip() argument ${m + 1} is longer than argument${m > 1 ? `s 1-${m}` : ' 1'}`);
          }
        }
        return MISSING;
      }
      row.push(x);
    }
    return new PyTuple(row);
  });
});
fn('map', async (a) => {
  if (a.length < 2) throw new PyError('TypeError', 'map() must have at least two arguments.');
  const f = a[0];
  const its: PyIterBase[] = [];
  for (const x of a.slice(1)) its.push(await getIter(x));
  return new LazyIter(iteratorType('map'), async () => {
    const args: PyValue[] = [];
    for (const it of its) {
      let x = it.next();
      if (x instanceof Promise) x = await x;
      if (x === MISSING) return MISSING;
      args.push(x);
    }
    return call(f, args);
  });
});
fn('filter', async (a) => {
  if (a.length !== 2) throw new PyError('TypeError', `filter expected 2 arguments, got ${a.length}`);
  const f = a[0];
  const it = await getIter(a[1]);
  return new LazyIter(iteratorType('filter'), async () => {
    for (;;) {
      let x = it.next();
      if (x instanceof Promise) x = await x;
      if (x === MISSING) return MISSING;
      const keep = f === null ? x : await call(f, [x]);
      if (await truthy(keep)) return x;
    }
  });
});
fn('reversed', async (a) => {
  exactlyOne('reversed', a);
  const v = a[0];
  if (v instanceof PyList || v instanceof PyTuple || typeof v === 'string' || v instanceof PyRange_) {
    const items = await toArray(v);
    return new SeqIter(iteratorType(v instanceof PyList ? 'list_reverseiterator' : 'reversed'), items.reverse());
  }
  if (v instanceof PyDict) return new SeqIter(iteratorType('dict_reversekeyiterator'), [...v.keys()].reverse());
  const r = typeOf(v).lookup('__reversed__');
  if (r instanceof PyCallable) return call(r, [v]);
  if (typeOf(v).lookup('__getitem__') && typeOf(v).lookup('__len__')) {
    const items = await toArray(v);
    return new SeqIter(iteratorType('reversed'), items.reverse());
  }
  throw new PyError('TypeError', `'${typeOf(v).name}' object is not reversible`);
});
import { PyRange as PyRange_ } from './range';
fn('sorted', async (a, kw) => {
  if (a.length !== 1) throw new PyError('TypeError', a.length === 0 ? 'sorted expected 1 argument, got 0' : `sorted expected 1 argument, got ${a.length}`);
  const [key, reverse] = params('sorted', [], kw, 0, ['key', 'reverse']);
  const items = await toArray(a[0]);
  return new PyList(await sortValues(items, key ?? null, reverse !== undefined && (await truthy(reverse))));
});

/** An iterator driven by an async step function (enumerate, zip, map, filter). */
export class LazyIter extends PyIterBase {
  constructor(cls: PyType, private readonly step: () => Promise<PyValue | typeof MISSING>) {
    super(cls);
  }
  next(): Promise<PyValue | typeof MISSING> {
    return this.step();
  }
}

// ---- reductions ---------------------------------------------------------------------------------

async function minmax(name: 'min' | 'max', a: PyValue[], kw: KwArgs): Promise<PyValue> {
  const [key, dflt] = params(name, [], kw, 0, ['key', 'default']);
  let items: PyValue[];
  if (a.length === 0) throw new PyError('TypeError', `${name} expected at least 1 argument, got 0`);
  if (a.length === 1) items = await toArray(a[0]);
  else {
    if (dflt !== undefined) throw new PyError('TypeError', `Cannot specify a default for ${name}() with multiple positional arguments`);
    items = a;
  }
  if (items.length === 0) {
    if (dflt !== undefined) return dflt;
    throw new PyError('ValueError', `${name}() iterable argument is empty`);
  }
  let best = items[0];
  let bestKey = key && key !== null ? await call(key, [best]) : best;
  for (let i = 1; i < items.length; i++) {
    const k = key && key !== null ? await call(key, [items[i]]) : items[i];
    if (name === 'min' ? await lessThan(k, bestKey) : await lessThan(bestKey, k)) {
      best = items[i];
      bestKey = k;
    }
  }
  return best;
}
fn('min', (a, kw) => minmax('min', a, kw));
fn('max', (a, kw) => minmax('max', a, kw));
fn('sum', async (a, kw) => {
  const [start] = params('sum', a.slice(1), kw, 0, ['start']);
  if (a.length === 0) throw new PyError('TypeError', 'sum() takes at least 1 positional argument (0 given)');
  let acc: PyValue = start === undefined ? 0 : start;
  if (typeof acc === 'string') throw new PyError('TypeError', "sum() can't sum strings [use ''.join(seq) instead]");
  const it = await getIter(a[0]);
  for (;;) {
    let x = it.next();
    if (x instanceof Promise) x = await x;
    if (x === MISSING) return acc;
    if (typeof acc === 'number' && typeof x === 'number') acc = intAdd(acc, x);
    else acc = await binop('Add', acc, x);
  }
});
fn('any', async (a) => {
  exactlyOne('any', a);
  const it = await getIter(a[0]);
  for (;;) {
    let x = it.next();
    if (x instanceof Promise) x = await x;
    if (x === MISSING) return false;
    if (await truthy(x)) return true;
  }
});
fn('all', async (a) => {
  exactlyOne('all', a);
  const it = await getIter(a[0]);
  for (;;) {
    let x = it.next();
    if (x instanceof Promise) x = await x;
    if (x === MISSING) return true;
    if (!(await truthy(x))) return false;
  }
});

// ---- numbers ------------------------------------------------------------------------------------

fn('abs', async (a) => {
  exactlyOne('abs', a);
  const v = a[0];
  if (typeof v === 'number') return Math.abs(v);
  if (typeof v === 'bigint') return v < 0n ? -v : v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof PyFloat) return new PyFloat(Math.abs(v.v));
  const f = typeOf(v).lookup('__abs__');
  if (f instanceof PyCallable) return call(f, [v]);
  throw new PyError('TypeError', `bad operand type for abs(): '${typeOf(v).name}'`);
});
fn('round', async (a, kw) => {
  const [x, nd] = params('round', a, kw, 0, ['number', 'ndigits']);
  if (x === undefined) throw new PyError('TypeError', "round() missing required argument 'number' (pos 1)");
  if (typeof x === 'number' || typeof x === 'bigint' || typeof x === 'boolean') {
    const i = typeof x === 'boolean' ? (x ? 1 : 0) : x;
    if (nd === undefined || nd === null) return i;
    const n = intArg(nd);
    if (n >= 0) return i;
    const p = 10 ** -n;
    const q = intFloorDiv(i, p);
    const r = intMod(i, p);
    const twice = Number(r) * 2;
    let qq = Number(q);
    if (twice > p || (twice === p && qq % 2 !== 0)) qq += 1;
    return norm(BigInt(qq) * BigInt(p));
  }
  if (x instanceof PyFloat) {
    if (nd === undefined || nd === null) {
      if (!Number.isFinite(x.v)) throw new PyError(Number.isNaN(x.v) ? 'ValueError' : 'OverflowError', Number.isNaN(x.v) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer');
      const r = roundHalfEven(x.v);
      return Number.isSafeInteger(r) ? r : norm(BigInt(r));
    }
    return new PyFloat(roundFloat(x.v, intArg(nd)));
  }
  const f = typeOf(x).lookup('__round__');
  if (f instanceof PyCallable) return call(f, nd === undefined ? [x] : [x, nd]);
  throw new PyError('TypeError', `type ${typeOf(x).name} doesn't define __round__ method`);
});
/** round(x, n) for floats: CPython rounds the exact decimal expansion half-to-even. */
function roundFloat(x: number, n: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  if (n > 22) return x;
  const s = formatSpec({ kind: 'float', v: x }, n >= 0 ? `.${n}f` : '.0f');
  if (n >= 0) return Number(s);
  const p = 10 ** -n;
  const y = x / p;
  return roundHalfEven(y) * p;
}
fn('divmod', async (a) => {
  if (a.length !== 2) throw new PyError('TypeError', `divmod expected 2 arguments, got ${a.length}`);
  return new PyTuple([await binop('FloorDiv', a[0], a[1]), await binop('Mod', a[0], a[1])]);
});
fn('pow', async (a, kw) => {
  const [b, e, m] = params('pow', a, kw, 0, ['base', 'exp', 'mod']);
  if (m !== undefined && m !== null) {
    let r = 1n;
    let base = BigInt(b as number) % BigInt(m as number);
    let ex = BigInt(e as number);
    const mod = BigInt(m as number);
    while (ex > 0n) {
      if (ex & 1n) r = (r * base) % mod;
      base = (base * base) % mod;
      ex >>= 1n;
    }
    return norm(((r % mod) + mod) % mod);
  }
  return binop('Pow', b as PyValue, e as PyValue);
});
fn('chr', (a) => {
  exactlyOne('chr', a);
  const i = intArg(a[0]);
  if (i < 0 || i > 0x10ffff) throw new PyError('ValueError', 'chr() arg not in range(0x110000)');
  return String.fromCodePoint(i);
});
fn('ord', (a) => {
  exactlyOne('ord', a);
  const s = a[0];
  if (typeof s !== 'string') throw new PyError('TypeError', `ord() expected string of length 1, but ${typeOf(s).name} found`);
  const cps = [...s];
  if (cps.length !== 1) throw new PyError('TypeError', `ord() expected a character, but string of length ${cps.length} found`);
  return cps[0].codePointAt(0)!;
});
for (const [name, base, prefix] of [['hex', 16, '0x'], ['oct', 8, '0o'], ['bin', 2, '0b']] as const) {
  fn(name, (a) => {
    exactlyOne(name, a);
    const v = a[0];
    if (typeof v !== 'number' && typeof v !== 'bigint' && typeof v !== 'boolean') {
      throw new PyError('TypeError', `'${typeOf(v).name}' object cannot be interpreted as an integer`);
    }
    const b = BigInt(typeof v === 'boolean' ? (v ? 1 : 0) : v);
    return (b < 0n ? '-' : '') + prefix + (b < 0n ? -b : b).toString(base);
  });
}

void PyBoundMethod;
void PyModule;
void PySet;
void eqBool;
void unaryOp;
void asFloat;
void hexId;
void IteratorBaseType;
void PyBaseException;
