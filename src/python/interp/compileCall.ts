// Compiles call expressions into maybe-async closures (maybe.ts): evaluate the callee and the
// arguments in order, then call through PyCallable.callMaybe so a Python function or builtin that
// finishes without waiting returns its value directly. `obj.method(args)` skips the bound-method
// object when the method is a plain function found on the type (CPython's LOAD_METHOD), and a
// zero-argument `super()` gets `__class__` and the first parameter. `**mapping` and duplicate
// keywords raise CPython's errors.

import { PyError } from '../../errors';
import type * as A from '../ast';
import {
  type KwArgs, type PyValue, PyBuiltinFunction, PyType, callMaybe, instanceDict, typeOf,
} from '../object';
import { BUILTINS } from './builtinsTable';
import { type E, type ExprCompiler, loadAttrMaybe, mappingEntries } from './compileExpr';
import { type Frame, PyFunction } from './function';
import { locHooks } from './locations';
import { type MaybeP, markP } from './maybe';

/** Call `fv` and mark the call node on failure. */
export function invoke(f: Frame, e: A.Call, fv: PyValue, a: PyValue[], kw: KwArgs): MaybeP<PyValue> {
  let r: MaybeP<PyValue>;
  try {
    r = callMaybe(fv, a, kw);
  } catch (err) {
    throw locHooks.mark(err, f, e);
  }
  return r instanceof Promise ? markP(r, f, e) : r;
}

export function compileCall(c: ExprCompiler, e: A.Call): E {
  const sup = superCall(c, e);
  if (sup) return sup;
  const hasStar = e.args.some((x) => x.kind === 'Starred') || e.keywords.some((k) => k.arg === null);
  if (!hasStar && e.func.kind === 'Attribute') return methodCall(c, e, e.func);
  const fn = c.expr(e.func);
  const args = c.elements(e.args);
  const kws = keywords(c, e);
  const finish = (f: Frame, fv: PyValue, a: PyValue[]): MaybeP<PyValue> => {
    if (kws === null) return invoke(f, e, fv, a, null);
    const kw = kws(f, fv);
    return kw instanceof Promise ? kw.then((k) => invoke(f, e, fv, a, k)) : invoke(f, e, fv, a, kw);
  };
  const slow = async (f: Frame, fvP: MaybeP<PyValue>, aP: MaybeP<PyValue[]> | null): Promise<PyValue> => {
    const fv = await fvP;
    const a = aP === null ? await args(f) : await aP;
    return finish(f, fv, a);
  };
  return (f) => {
    const fv = fn(f);
    if (fv instanceof Promise) return slow(f, fv, null);
    const a = args(f);
    if (a instanceof Promise) return slow(f, fv, a);
    return finish(f, fv, a);
  };
}

/** `obj.name(args)`: call a function found on obj's type with obj prepended, no bound method.
 * As in CPython the method is looked up before the arguments are evaluated. */
function methodCall(c: ExprCompiler, e: A.Call, callee: A.Attribute): E {
  const obj = c.expr(callee.value);
  const name = callee.attr;
  const args = c.elements(e.args);
  const kws = keywords(c, e);
  const n = e.args.length;
  /** The plain function on o's type that `o.name` would bind, or null. */
  const unbound = (o: PyValue): PyValue | null => {
    if (o instanceof PyType) return null;
    const t = typeOf(o);
    if (t.slots.getattribute !== undefined) return null;
    const attr = t.lookup(name);
    if (!(attr instanceof PyFunction || attr instanceof PyBuiltinFunction)) return null;
    const d = instanceDict(o);
    return d === null || !d.has(name) ? attr : null;
  };
  const withKw = (f: Frame, fv: PyValue, a: PyValue[]): MaybeP<PyValue> => {
    if (kws === null) return invoke(f, e, fv, a, null);
    const kw = kws(f, fv);
    return kw instanceof Promise ? kw.then((k) => invoke(f, e, fv, a, k)) : invoke(f, e, fv, a, kw);
  };
  /** Call the unbound function `fn` with self = o, or the bound value when o is null. */
  const finish = (f: Frame, fn: PyValue, o: PyValue | undefined, a: PyValue[]): MaybeP<PyValue> => {
    if (o === undefined) return withKw(f, fn, a);
    const all: PyValue[] = new Array(n + 1);
    all[0] = o;
    for (let i = 0; i < n; i++) all[i + 1] = a[i];
    return withKw(f, fn, all);
  };
  const slow = async (f: Frame, oP: MaybeP<PyValue>): Promise<PyValue> => {
    const o = await oP;
    const fn = unbound(o);
    if (fn !== null) return finish(f, fn, o, await args(f));
    let m: PyValue;
    try {
      m = await loadAttrMaybe(o, name);
    } catch (err) {
      throw locHooks.mark(err, f, callee);
    }
    return finish(f, m, undefined, await args(f));
  };
  const afterArgs = async (f: Frame, fn: PyValue, o: PyValue | undefined, aP: Promise<PyValue[]>): Promise<PyValue> =>
    finish(f, fn, o, await aP);
  return (f) => {
    const o = obj(f);
    if (o instanceof Promise) return slow(f, o);
    const fn = unbound(o);
    if (fn === null) {
      let m: MaybeP<PyValue>;
      try {
        m = loadAttrMaybe(o, name);
      } catch (err) {
        throw locHooks.mark(err, f, callee);
      }
      if (m instanceof Promise) return markP(m, f, callee).then(async (mv) => finish(f, mv, undefined, await args(f)));
      const a = args(f);
      return a instanceof Promise ? afterArgs(f, m, undefined, a) : finish(f, m, undefined, a);
    }
    const a = args(f);
    return a instanceof Promise ? afterArgs(f, fn, o, a) : finish(f, fn, o, a);
  };
}

/** Keyword arguments: null when the call has none; otherwise an evaluator (given the callee, for
 * error texts) that builds the map. */
function keywords(c: ExprCompiler, e: A.Call): ((f: Frame, fv: PyValue) => MaybeP<KwArgs>) | null {
  const nkw = e.keywords.length;
  if (nkw === 0) return null;
  const simple = e.keywords.every((k) => k.arg !== null);
  const names = e.keywords.map((k) => k.arg);
  const vals = e.keywords.map((k) => c.expr(k.value));
  /** Continue from keyword i; `pending` is keyword i's value when its evaluation already started
   * (it must not be evaluated twice: its side effects — a module's random init — happened). */
  const slow = async (f: Frame, fv: PyValue, kw: Map<string, PyValue>, i: number, pending?: Promise<PyValue>): Promise<KwArgs> => {
    const pendingAt = i;
    try {
      for (; i < nkw; i++) {
        const v = pending !== undefined && i === pendingAt ? await pending : await vals[i](f);
        const name = names[i];
        if (name !== null) {
          if (!simple && kw.has(name)) throw new PyError('TypeError', `${calleeName(fv)} got multiple values for keyword argument '${name}'`);
          kw.set(name, v);
        } else await mergeKwargs(kw, v, fv);
      }
    } catch (err) {
      throw locHooks.mark(err, f, e);
    }
    return kw;
  };
  if (!simple) return (f, fv) => slow(f, fv, new Map(), 0);
  return (f, fv) => {
    const kw = new Map<string, PyValue>();
    for (let i = 0; i < nkw; i++) {
      const v = vals[i](f);
      if (v instanceof Promise) return slow(f, fv, kw, i, v);
      kw.set(names[i]!, v);
    }
    return kw;
  };
}

/** Zero-argument super() inside a method: pass __class__ and the first parameter. */
function superCall(c: ExprCompiler, e: A.Call): E | null {
  if (!(e.func.kind === 'Name' && e.func.id === 'super' && e.args.length === 0 && e.keywords.length === 0 && c.scope.kind === 'function')) return null;
  const sup = c.loadName('super');
  const cls = c.scope.freevars.includes('__class__') ? c.loadName('__class__') : null;
  const first = c.scope.params.length > 0 ? c.loadName(c.scope.params[0]) : null;
  return (f) => {
    const s = sup(f);
    if (s !== BUILTINS.get('super')) return invoke(f, e, s, [], null);
    if (cls === null) throw new PyError('RuntimeError', 'super(): __class__ cell not found');
    if (first === null) throw new PyError('RuntimeError', 'super(): no arguments');
    let k: PyValue;
    try {
      k = cls(f);
    } catch {
      throw new PyError('RuntimeError', 'super(): empty __class__ cell');
    }
    return invoke(f, e, s, [k, first(f)], null);
  };
}

function calleeName(fv: PyValue): string {
  const q = (fv as { qualname?: unknown }).qualname;
  const m = (fv as { module?: unknown }).module;
  if (typeof q === 'string') return typeof m === 'string' ? `${m}.${q}()` : `${q}()`;
  return `${typeOf(fv).name} object`;
}

/** `**mapping` into call keywords, with CPython's errors. */
async function mergeKwargs(kw: Map<string, PyValue>, m: PyValue, fv: PyValue): Promise<void> {
  const entries = await mappingEntries(m, async () => `${calleeName(fv)} argument after ** must be a mapping, not ${typeOf(m).name}`);
  for (const [k, v] of entries) {
    if (typeof k !== 'string') throw new PyError('TypeError', 'keywords must be strings');
    if (kw.has(k)) throw new PyError('TypeError', `${calleeName(fv)} got multiple values for keyword argument '${k}'`);
    kw.set(k, v);
  }
}
