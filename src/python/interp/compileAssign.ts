// Compiles assignment-like statements: `=` (one or several targets), the store function of any
// target — names, attributes, subscripts, and tuple/list unpacking with a starred item and
// CPython's "too many / not enough values" errors — augmented assignment (`+=` with an int fast
// path, in place on attributes and subscripts), annotated assignment (`x: int = 1`, recorded in
// `__annotations__` at module and class level), and `del` targets. compileStmt.ts dispatches here.

import { PyError } from '../../errors';
import type * as A from '../ast';
import { type PyValue, MISSING, PyDict, PyList, PyTuple, delattr, setattrMaybe, typeOf } from '../object';
import { toPyException } from '../builtins/exceptions';
import { getIter } from '../builtins/iter';
import { delitem, getitemMaybe, inplaceMaybe, setitemMaybe } from '../builtins/ops';
import { type ExprCompiler, loadAttrMaybe } from './compileExpr';
import { type Completion, Frame, NORMAL, type StmtFn } from './function';
import { locHooks } from './locations';
import { type MaybeP, andThen, markP } from './maybe';
import { rt } from './runtime';

export type Store = (f: Frame, v: PyValue) => MaybeP<unknown>;

const normal = (): Completion => NORMAL;

export function compileAssign(c: ExprCompiler, s: A.Assign): StmtFn {
  const v = c.expr(s.value);
  if (s.targets.length === 1 && s.targets[0].kind === 'Name') {
    const st = c.storeName(s.targets[0].id);
    return (f) => {
      const x = v(f);
      if (x instanceof Promise) {
        return x.then((xv) => {
          st(f, xv);
          return NORMAL;
        });
      }
      st(f, x);
      return NORMAL;
    };
  }
  if (s.targets.length === 1) {
    const t = compileTarget(c, s.targets[0]);
    return (f) => andThen(andThen(v(f), (x) => t(f, x)), normal);
  }
  const ts = s.targets.map((t) => compileTarget(c, t));
  return async (f) => {
    const x = await v(f);
    for (const t of ts) await t(f, x);
    return NORMAL;
  };
}

/** A store function for an assignment target. */
/**
 * `target: annotation [= value]`, in CPython 3.13's order: the value is assigned first; then, in a
 * module or class body (not in a function, where annotations are never evaluated), the annotation
 * of a plain name is evaluated — or kept as its source text under `from __future__ import
 * annotations` — and stored in the namespace's `__annotations__` dict, created on first use.
 */
export function compileAnnAssign(c: ExprCompiler & { futureAnnotations: boolean }, s: A.AnnAssign): StmtFn {
  const assign = s.value === null ? null : ((v, t) => (f: Frame) => andThen(v(f), (x) => t(f, x)))(c.expr(s.value), compileTarget(c, s.target));
  if (c.scope.kind === 'function') return assign === null ? normal : (f) => andThen(assign(f), normal);
  const name = s.simple && s.target.kind === 'Name' ? s.target.id : null;
  const filename = c.filename;
  const ann: (f: Frame) => MaybeP<PyValue> = c.futureAnnotations
    ? () => (rt().sources.get(filename) ?? []).join('\n').slice(s.annotation.from, s.annotation.to)
    : c.expr(s.annotation);
  const record = (f: Frame, a: PyValue): Completion => {
    if (name === null || f.ns === null) return NORMAL;
    const old = f.ns.get('__annotations__');
    const d = old instanceof PyDict ? old : new PyDict();
    if (d !== old) f.ns.set('__annotations__', d);
    d.set(name, a);
    return NORMAL;
  };
  if (name === null && c.futureAnnotations) return assign === null ? normal : (f) => andThen(assign(f), normal);
  return (f) => andThen(assign === null ? null : assign(f), () => andThen(ann(f), (a) => record(f, a)));
}

export function compileTarget(c: ExprCompiler, t: A.Expr): Store {
  switch (t.kind) {
    case 'Name': {
      const st = c.storeName(t.id);
      return st;
    }
    case 'Attribute': {
      const o = c.expr(t.value);
      const name = t.attr;
      const set = (f: Frame, obj: PyValue, v: PyValue): MaybeP<unknown> => {
        let r: MaybeP<unknown>;
        try {
          r = setattrMaybe(obj, name, v);
        } catch (err) {
          throw locHooks.mark(err, f, t);
        }
        return r instanceof Promise ? markP(r, f, t) : r;
      };
      return (f, v) => {
        const obj = o(f);
        return obj instanceof Promise ? obj.then((ov) => set(f, ov, v)) : set(f, obj, v);
      };
    }
    case 'Subscript': {
      const o = c.expr(t.value);
      const k = c.expr(t.slice);
      const set = (f: Frame, obj: PyValue, key: PyValue, v: PyValue): MaybeP<unknown> => {
        let r: MaybeP<unknown>;
        try {
          r = setitemMaybe(obj, key, v);
        } catch (err) {
          throw locHooks.mark(err, f, t);
        }
        return r instanceof Promise ? markP(r, f, t) : r;
      };
      return (f, v) => andThen(o(f), (obj) => andThen(k(f), (key) => set(f, obj, key, v)));
    }
    case 'Tuple':
    case 'List': {
      const starAt = t.elts.findIndex((e) => e.kind === 'Starred');
      const stores = t.elts.map((e) => (e.kind === 'Starred' ? compileTarget(c, e.value) : compileTarget(c, e)));
      const n = t.elts.length;
      const rest = async (f: Frame, items: PyValue[], i: number, p: Promise<unknown>): Promise<void> => {
        await p;
        for (i++; i < n; i++) await stores[i](f, items[i]);
      };
      const storeAll = (f: Frame, items: PyValue[]): MaybeP<unknown> => {
        for (let i = 0; i < n; i++) {
          const r = stores[i](f, items[i]);
          if (r instanceof Promise) return rest(f, items, i, r);
        }
        return undefined;
      };
      return (f, v) => {
        if (starAt < 0 && (v instanceof PyTuple || v instanceof PyList) && v.items.length === n) return storeAll(f, v.items as PyValue[]);
        return unpackValues(v, n, starAt).then((items) => storeAll(f, items), (err) => {
          throw locHooks.mark(err, f, t);
        });
      };
    }
    case 'Starred':
      throw new PyError('SyntaxError', 'starred assignment target must be in a list or tuple');
    default:
      throw new PyError('SyntaxError', `cannot assign to ${t.kind}`);
  }
}

export function compileDeleter(c: ExprCompiler, t: A.Expr): (f: Frame) => Promise<void> {
  switch (t.kind) {
    case 'Name': {
      const d = c.deleteName(t.id);
      return async (f) => d(f);
    }
    case 'Attribute': {
      const o = c.expr(t.value);
      return async (f) => delattr(await o(f), t.attr);
    }
    case 'Subscript': {
      const o = c.expr(t.value);
      const k = c.expr(t.slice);
      return async (f) => {
        const obj = await o(f);
        await delitem(obj, await k(f));
      };
    }
    case 'Tuple':
    case 'List': {
      const ds = t.elts.map((e) => compileDeleter(c, e));
      return async (f) => {
        for (const d of ds) await d(f);
      };
    }
    default:
      throw new PyError('SyntaxError', `cannot delete ${t.kind}`);
  }
}

export function compileAugAssign(c: ExprCompiler, s: A.AugAssign): StmtFn {
  const op = s.op;
  const v = c.expr(s.value);
  const t = s.target;
  if (t.kind === 'Name') {
    const load = c.sync(t)!;
    const store = c.storeName(t.id);
    const fastOp = op === 'Add' ? 1 : op === 'Sub' ? 2 : 0;
    const finish = (f: Frame, a: PyValue, b: PyValue): MaybeP<Completion> => {
      if (fastOp && typeof a === 'number' && typeof b === 'number') {
        const r = fastOp === 1 ? a + b : a - b;
        if (Number.isSafeInteger(r)) {
          store(f, r === 0 ? 0 : r);
          return NORMAL;
        }
      }
      const r = inplaceMaybe(op, a, b);
      if (r instanceof Promise) {
        return r.then((rv) => {
          store(f, rv);
          return NORMAL;
        });
      }
      store(f, r);
      return NORMAL;
    };
    return (f) => {
      const a = load(f);
      const b = v(f);
      return b instanceof Promise ? b.then((bv) => finish(f, a, bv)) : finish(f, a, b);
    };
  }
  if (t.kind === 'Attribute') {
    const o = c.expr(t.value);
    return (f) => andThen(o(f), (obj) => andThen(loadAttrMaybe(obj, t.attr), (a) => andThen(v(f), (b) =>
      andThen(inplaceMaybe(op, a, b), (r) => andThen(setattrMaybe(obj, t.attr, r), normal)))));
  }
  const o = c.expr(t.value);
  const k = c.expr(t.slice);
  return (f) => andThen(o(f), (obj) => andThen(k(f), (key) => andThen(getitemMaybe(obj, key), (a) => andThen(v(f), (b) =>
    andThen(inplaceMaybe(op, a, b), (r) => andThen(setitemMaybe(obj, key, r), normal))))));
}

/** Values for a target list of `n` names (one of them maybe starred), with CPython's errors. */
export async function unpackValues(v: PyValue, n: number, starAt: number): Promise<PyValue[]> {
  let items: PyValue[];
  if (v instanceof PyTuple || v instanceof PyList) items = v.items.slice();
  else {
    let it;
    try {
      it = await getIter(v);
    } catch (e) {
      const exc = toPyException(e);
      if (exc && exc.cls.name === 'TypeError') {
        throw new PyError('TypeError', `cannot unpack non-iterable ${typeOf(v).name} object`);
      }
      throw e;
    }
    items = [];
    const limit = starAt < 0 ? n + 1 : Infinity;
    while (items.length < limit) {
      let x = it.next();
      if (x instanceof Promise) x = await x;
      if (x === MISSING) break;
      items.push(x);
    }
    if (starAt < 0 && items.length > n) throw new PyError('ValueError', `too many values to unpack (expected ${n})`);
  }
  if (starAt < 0) {
    if (items.length > n) throw new PyError('ValueError', `too many values to unpack (expected ${n})`);
    if (items.length < n) throw new PyError('ValueError', `not enough values to unpack (expected ${n}, got ${items.length})`);
    return items;
  }
  const before = starAt;
  const after = n - starAt - 1;
  if (items.length < before + after) {
    throw new PyError('ValueError', `not enough values to unpack (expected at least ${before + after}, got ${items.length})`);
  }
  return [...items.slice(0, before), new PyList(items.slice(before, items.length - after)), ...items.slice(items.length - after)];
}
