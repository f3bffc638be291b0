// Compiles expression nodes into closures, once per node, so evaluation does no dispatch on node
// kinds: each Name is already bound to its slot (fast local, cell, global, class name) and
// constants are pre-built values. Closures follow the maybe-async convention (maybe.ts): a value
// when evaluation finished at once, a Promise only when something waited. Operators and calls
// live in compileOps.ts / compileCall.ts, literals, dict displays and f-strings in compileDisplays.ts;
// statements in compileStmt.ts on top of this.

import { PyError, nameError as pyNameError } from '../../errors';
import type * as A from '../ast';
import {
  type Missing, type PyValue, MISSING, PyList, PyModule, PySet, PySlice, PyTuple, getattrMaybe, getattrOrMissing,
  noAttributeError, noteFailedLookup,
} from '../object';
import { getIter, toArray } from '../builtins/iter';
import { getitemMaybe, truthy } from '../builtins/ops';
import { BUILTINS } from './builtinsTable';
import { Cell, Frame, PyGenerator, frameScope } from './function';
import { Scope, slotOf } from './scope';
import { locHooks } from './locations';
import { type MaybeP, markP } from './maybe';
import { compileBinOp, compileBoolOp, compileCompare, compileUnary } from './compileOps';
import { compileCall } from './compileCall';
import { compileDict, compileFormatted, compileJoinedStr, constantValue } from './compileDisplays';

export { mappingEntries, mergeMapping, constantValue } from './compileDisplays';

export type E = (f: Frame) => MaybeP<PyValue>;
export type SyncE = (f: Frame) => PyValue;

/** `name 'n' is not defined`, remembering frame f's names for the traceback's hint. */
const nameError = (n: string, f: Frame): PyError => pyNameError(n, frameScope(f));
const unboundLocal = (n: string): PyError =>
  new PyError('UnboundLocalError', `cannot access local variable '${n}' where it is not associated with a value`);
/** A free variable read before the enclosing scope bound it: a NameError (with .name and the hint,
 * as CPython gives every plain NameError), unlike UnboundLocalError. */
const unboundFree = (n: string, f: Frame): PyError => {
  const e = new PyError('NameError', `cannot access free variable '${n}' where it is not associated with a value in enclosing scope`);
  e.hint = { kind: 'name', name: n, scope: frameScope(f) };
  return e;
};

export function attrError(obj: PyValue, name: string): PyError {
  if (obj instanceof PyModule) return noAttributeError(obj, name, `module '${obj.name}' has no attribute '${name}'`);
  return noAttributeError(obj, name);
}

export async function loadAttr(obj: PyValue, name: string): Promise<PyValue> {
  let v: PyValue | Missing;
  try {
    v = await getattrOrMissing(obj, name);
  } catch (e) {
    throw noteFailedLookup(e, obj, name);
  }
  if (v === MISSING) throw attrError(obj, name);
  return v;
}

/** obj.name, synchronous when the lookup is. An AttributeError from inside the lookup (a
 * property, `__getattr__`) is named after this lookup unless something inside named it. */
export function loadAttrMaybe(obj: PyValue, name: string): MaybeP<PyValue> {
  let v: MaybeP<PyValue | Missing>;
  try {
    v = getattrMaybe(obj, name);
  } catch (e) {
    throw noteFailedLookup(e, obj, name);
  }
  if (v instanceof Promise) {
    return v.then(
      (x) => {
        if (x === MISSING) throw attrError(obj, name);
        return x;
      },
      (e: unknown) => {
        throw noteFailedLookup(e, obj, name);
      },
    );
  }
  if (v === MISSING) throw attrError(obj, name);
  return v;
}

/** Shared compile-time context of one code block (module, function, class body, comprehension). */
export abstract class ExprCompiler {
  constructor(
    readonly scope: Scope,
    readonly scopes: Map<A.Node, Scope>,
    readonly filename: string,
    /** qualname prefix for defs in this block: '' at module level, 'f.<locals>.' in f, 'C.' in C */
    readonly qualPrefix: string,
  ) {}

  /** Compile a nested function/lambda/comprehension body (implemented by the statement compiler). */
  abstract compileLambda(node: A.Lambda): E;
  abstract compileComprehension(node: A.ListComp | A.SetComp | A.DictComp | A.GeneratorExp): E;

  // ---- names ----------------------------------------------------------------------------------

  /** A loader for name `n`; with `node`, its errors carry the node for traceback carets. */
  loadName(n: string, node: (A.Node & A.Span) | null = null): SyncE {
    const slot = slotOf(this.scope, n);
    const fail = (f: Frame, err: PyError): unknown => (node ? locHooks.mark(err, f, node) : err);
    switch (slot.kind) {
      case 'fast': {
        const i = slot.index;
        return (f) => {
          const v = f.fast[i];
          if (v === undefined) throw fail(f, unboundLocal(n));
          return v;
        };
      }
      case 'cell': {
        const i = slot.index;
        const own = i < this.scope.cellvars.length;
        return (f) => {
          const v = f.cells[i].v;
          if (v === undefined) throw fail(f, own ? unboundLocal(n) : unboundFree(n, f));
          return v;
        };
      }
      case 'global':
        return (f) => {
          const v = f.globals.get(n);
          if (v !== undefined) return v;
          const b = BUILTINS.get(n);
          if (b !== undefined) return b;
          throw fail(f, nameError(n, f));
        };
      case 'name':
        return (f) => {
          const v = f.ns!.get(n) ?? f.globals.get(n) ?? BUILTINS.get(n);
          if (v === undefined) throw fail(f, nameError(n, f));
          return v;
        };
      case 'classderef': {
        const i = slot.index;
        return (f) => {
          const v = f.ns!.get(n) ?? f.cells[i].v;
          if (v === undefined) throw fail(f, unboundFree(n, f));
          return v;
        };
      }
    }
  }

  storeName(n: string): (f: Frame, v: PyValue) => void {
    const slot = slotOf(this.scope, n);
    switch (slot.kind) {
      case 'fast': {
        const i = slot.index;
        return (f, v) => void (f.fast[i] = v);
      }
      case 'cell':
      case 'classderef': {
        const i = slot.index;
        if (slot.kind === 'classderef') return (f, v) => void f.ns!.set(n, v);
        return (f, v) => void (f.cells[i].v = v);
      }
      case 'global':
        return (f, v) => void f.globals.set(n, v);
      case 'name':
        return (f, v) => void f.ns!.set(n, v);
    }
  }

  deleteName(n: string): (f: Frame) => void {
    const slot = slotOf(this.scope, n);
    switch (slot.kind) {
      case 'fast': {
        const i = slot.index;
        return (f) => {
          if (f.fast[i] === undefined) throw unboundLocal(n);
          f.fast[i] = undefined;
        };
      }
      case 'cell':
      case 'classderef': {
        const i = slot.index;
        return (f) => {
          if (f.cells[i].v === undefined) throw unboundLocal(n);
          f.cells[i].v = undefined;
        };
      }
      case 'global':
        return (f) => {
          if (!f.globals.delete(n)) throw nameError(n, f);
        };
      case 'name':
        return (f) => {
          if (!f.ns!.delete(n)) throw nameError(n, f);
        };
    }
  }

  /** The cells a nested scope closes over, taken from the current frame. */
  closureOf(inner: Scope): (f: Frame) => Cell[] {
    const idx = inner.freevars.map((n) => this.scope.cellIndex(n));
    if (idx.length === 0) return () => [];
    return (f) => idx.map((i) => f.cells[i]);
  }

  // ---- expressions ----------------------------------------------------------------------------

  /** A synchronous evaluator for leaves (constants, names), or null. */
  sync(e: A.Expr): SyncE | null {
    if (e.kind === 'Constant') {
      const v = constantValue(e);
      if (v instanceof Error) return null;
      return () => v;
    }
    if (e.kind === 'Name') return this.loadName(e.id, e);
    return null;
  }

  expr(e: A.Expr): E {
    const s = this.sync(e);
    if (s) return s;
    switch (e.kind) {
      case 'Name':
        return this.loadName(e.id);
      case 'Constant': {
        const err = constantValue(e) as Error;
        return (f) => {
          throw locHooks.mark(new PyError('NotImplementedError', err.message), f, e);
        };
      }
      case 'Attribute':
        return this.attribute(e);
      case 'Subscript':
        return this.subscript(e);
      case 'BinOp':
        return compileBinOp(this, e);
      case 'UnaryOp':
        return compileUnary(this, e);
      case 'BoolOp':
        return compileBoolOp(this, e);
      case 'Compare':
        return compileCompare(this, e);
      case 'IfExp': {
        const t = this.expr(e.test), b = this.expr(e.body), o = this.expr(e.orelse);
        const pick = (f: Frame, x: PyValue): MaybeP<PyValue> => {
          const c = truthy(x);
          if (c instanceof Promise) return c.then((cv) => (cv ? b(f) : o(f)));
          return c ? b(f) : o(f);
        };
        return (f) => {
          const x = t(f);
          return x instanceof Promise ? x.then((xv) => pick(f, xv)) : pick(f, x);
        };
      }
      case 'Call':
        return compileCall(this, e);
      case 'List': {
        const items = this.elements(e.elts);
        return (f) => {
          const xs = items(f);
          return xs instanceof Promise ? xs.then((v) => new PyList(v)) : new PyList(xs);
        };
      }
      case 'Tuple': {
        const items = this.elements(e.elts);
        return (f) => {
          const xs = items(f);
          return xs instanceof Promise ? xs.then((v) => new PyTuple(v)) : new PyTuple(xs);
        };
      }
      case 'Set': {
        const items = this.elements(e.elts);
        return async (f) => {
          const xs = await items(f);
          try {
            return new PySet(xs);
          } catch (err) {
            throw locHooks.mark(err, f, e);
          }
        };
      }
      case 'Dict':
        return compileDict(this, e);
      case 'ListComp':
      case 'SetComp':
      case 'DictComp':
      case 'GeneratorExp':
        return this.compileComprehension(e);
      case 'Lambda':
        return this.compileLambda(e);
      case 'JoinedStr':
        return compileJoinedStr(this, e);
      case 'FormattedValue':
        return compileFormatted(this, e);
      case 'Slice': {
        const lo = e.lower ? this.expr(e.lower) : null;
        const hi = e.upper ? this.expr(e.upper) : null;
        const st = e.step ? this.expr(e.step) : null;
        const slow = async (f: Frame, a: MaybeP<PyValue>, b: MaybeP<PyValue> | null): Promise<PyValue> => {
          const x = await a;
          const y = b === null ? (hi ? await hi(f) : null) : await b;
          return new PySlice(x, y, st ? await st(f) : null);
        };
        return (f) => {
          const a = lo ? lo(f) : null;
          if (a instanceof Promise) return slow(f, a, null);
          const b = hi ? hi(f) : null;
          if (b instanceof Promise) return slow(f, a, b);
          const c = st ? st(f) : null;
          if (c instanceof Promise) return c.then((cv) => new PySlice(a, b, cv));
          return new PySlice(a, b, c);
        };
      }
      case 'NamedExpr': {
        const v = this.expr(e.value);
        // A walrus in a comprehension binds in the enclosing function: the scope pass made it free.
        const store = this.storeName(e.target.id);
        return (f) => {
          const x = v(f);
          if (x instanceof Promise) {
            return x.then((xv) => {
              store(f, xv);
              return xv;
            });
          }
          store(f, x);
          return x;
        };
      }
      case 'Starred':
        return () => {
          throw new PyError('SyntaxError', "can't use starred expression here");
        };
      case 'Yield': {
        const v = e.value ? this.expr(e.value) : null;
        return async (f) => {
          const x = v ? await v(f) : null;
          return (f.gen as PyGenerator).yieldValue(x);
        };
      }
      case 'YieldFrom': {
        const v = this.expr(e.value);
        return async (f) => {
          const it = await getIter(await v(f));
          for (;;) {
            let x = it.next();
            if (x instanceof Promise) x = await x;
            if (x === MISSING) return null;
            await (f.gen as PyGenerator).yieldValue(x);
          }
        };
      }
      case 'Await':
        return (f) => {
          throw locHooks.mark(new PyError('NotImplementedError', "'await' expressions are not supported (async code is outside the Python subset)"), f, e);
        };
    }
    const never: never = e;
    throw new Error(`unknown expression ${(never as A.Expr).kind}`);
  }

  private attribute(e: A.Attribute): E {
    const obj = this.expr(e.value);
    const name = e.attr;
    const load = (f: Frame, o: PyValue): MaybeP<PyValue> => {
      let v: MaybeP<PyValue>;
      try {
        v = loadAttrMaybe(o, name);
      } catch (err) {
        throw locHooks.mark(err, f, e);
      }
      return v instanceof Promise ? markP(v, f, e) : v;
    };
    return (f) => {
      const o = obj(f);
      return o instanceof Promise ? o.then((ov) => load(f, ov)) : load(f, o);
    };
  }

  private subscript(e: A.Subscript): E {
    const obj = this.expr(e.value);
    const key = this.expr(e.slice);
    const get = (f: Frame, o: PyValue, k: PyValue): MaybeP<PyValue> => {
      let v: MaybeP<PyValue>;
      try {
        v = getitemMaybe(o, k);
      } catch (err) {
        throw locHooks.mark(err, f, e);
      }
      return v instanceof Promise ? markP(v, f, e) : v;
    };
    const slow = async (f: Frame, o: MaybeP<PyValue>, k: MaybeP<PyValue> | null): Promise<PyValue> => {
      const ov = await o;
      const kv = k === null ? await key(f) : await k;
      return get(f, ov, kv);
    };
    return (f) => {
      const o = obj(f);
      if (o instanceof Promise) return slow(f, o, null);
      const k = key(f);
      if (k instanceof Promise) return slow(f, o, k);
      return get(f, o, k);
    };
  }

  /** Evaluate a list of elements, expanding `*x` entries. */
  elements(elts: A.Expr[]): (f: Frame) => MaybeP<PyValue[]> {
    const parts = elts.map((x) => (x.kind === 'Starred' ? { star: true, fn: this.expr(x.value) } : { star: false, fn: this.expr(x) }));
    if (!parts.some((p) => p.star)) {
      const fns = parts.map((p) => p.fn);
      const n = fns.length;
      const rest = async (f: Frame, out: PyValue[], i: number, pending: Promise<PyValue>): Promise<PyValue[]> => {
        out[i] = await pending;
        for (let j = i + 1; j < n; j++) {
          let x = fns[j](f);
          if (x instanceof Promise) x = await x;
          out[j] = x;
        }
        return out;
      };
      return (f) => {
        const out: PyValue[] = new Array(n);
        for (let i = 0; i < n; i++) {
          const x = fns[i](f);
          if (x instanceof Promise) return rest(f, out, i, x);
          out[i] = x;
        }
        return out;
      };
    }
    return async (f) => {
      const out: PyValue[] = [];
      for (const p of parts) {
        const v = await p.fn(f);
        if (p.star) out.push(...(await toArray(v)));
        else out.push(v);
      }
      return out;
    };
  }
}
