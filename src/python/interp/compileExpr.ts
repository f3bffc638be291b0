// Compiles expression nodes into async closures, once per node, so evaluation does no dispatch on
// node kinds: each Name is already bound to its slot (fast local, cell, global, class name),
// constants are pre-built values, and leaf nodes also get synchronous evaluators that parents use
// to skip an await on the hot path. Statements are compiled in compileStmt.ts on top of this.

import { PyError } from '../../errors';
import type * as A from '../ast';
import {
  type KwArgs, type PyValue, Ellipsis, MISSING, PyCallable, PyDict, PyFloat, PyList, PyModule,
  PySet, PySlice, PyTuple, call, getattrOrMissing, noAttributeMessage, typeOf,
} from '../object';
import { PyBaseException, toPyException } from '../builtins/exceptions';
import { getIter, toArray } from '../builtins/iter';
import {
  binop, compare, contains, eq, getitem, ne, truthy, unaryOp,
} from '../builtins/ops';
import { formatValue } from '../builtins/format';
import { repr, str } from '../builtins/repr';
import { asciiOf } from '../builtins/strutil';
import { BUILTINS } from './builtinsTable';
import { Cell, Frame, PyGenerator } from './function';
import { Scope, slotOf } from './scope';
import { locHooks } from './locations';

export type E = (f: Frame) => Promise<PyValue>;
export type SyncE = (f: Frame) => PyValue;

const nameError = (n: string): PyError => new PyError('NameError', `name '${n}' is not defined`);
const unboundLocal = (n: string): PyError =>
  new PyError('UnboundLocalError', `cannot access local variable '${n}' where it is not associated with a value`);
const unboundFree = (n: string): PyError =>
  new PyError('NameError', `cannot access free variable '${n}' where it is not associated with a value in enclosing scope`);

export function attrError(obj: PyValue, name: string): PyError {
  if (obj instanceof PyModule) return new PyError('AttributeError', `module '${obj.name}' has no attribute '${name}'`);
  return new PyError('AttributeError', noAttributeMessage(obj, name));
}

export async function loadAttr(obj: PyValue, name: string): Promise<PyValue> {
  const v = await getattrOrMissing(obj, name);
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

  loadName(n: string): SyncE {
    const slot = slotOf(this.scope, n);
    switch (slot.kind) {
      case 'fast': {
        const i = slot.index;
        return (f) => {
          const v = f.fast[i];
          if (v === undefined) throw unboundLocal(n);
          return v;
        };
      }
      case 'cell': {
        const i = slot.index;
        const own = i < this.scope.cellvars.length;
        return (f) => {
          const v = f.cells[i].v;
          if (v === undefined) throw own ? unboundLocal(n) : unboundFree(n);
          return v;
        };
      }
      case 'global':
        return (f) => {
          const v = f.globals.get(n);
          if (v !== undefined) return v;
          const b = BUILTINS.get(n);
          if (b !== undefined) return b;
          throw nameError(n);
        };
      case 'name':
        return (f) => {
          const v = f.ns!.get(n) ?? f.globals.get(n) ?? BUILTINS.get(n);
          if (v === undefined) throw nameError(n);
          return v;
        };
      case 'classderef': {
        const i = slot.index;
        return (f) => {
          const v = f.ns!.get(n) ?? f.cells[i].v;
          if (v === undefined) throw unboundFree(n);
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
          if (!f.globals.delete(n)) throw nameError(n);
        };
      case 'name':
        return (f) => {
          if (!f.ns!.delete(n)) throw nameError(n);
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
    if (e.kind === 'Name') {
      const ld = this.loadName(e.id);
      return (f) => {
        try {
          return ld(f);
        } catch (err) {
          throw locHooks.mark(err, f, e);
        }
      };
    }
    return null;
  }

  expr(e: A.Expr): E {
    const s = this.sync(e);
    if (s) return async (f) => s(f);
    switch (e.kind) {
      case 'Name': {
        const ld = this.loadName(e.id);
        return async (f) => ld(f);
      }
      case 'Constant': {
        const err = constantValue(e) as Error;
        return async () => {
          throw err;
        };
      }
      case 'Attribute': {
        const obj = this.expr(e.value);
        const name = e.attr;
        return async (f) => {
          const o = await obj(f);
          try {
            return await loadAttr(o, name);
          } catch (err) {
            throw locHooks.mark(err, f, e);
          }
        };
      }
      case 'Subscript': {
        const obj = this.expr(e.value);
        const key = this.expr(e.slice);
        return async (f) => {
          const o = await obj(f);
          const k = await key(f);
          try {
            return await getitem(o, k);
          } catch (err) {
            throw locHooks.mark(err, f, e);
          }
        };
      }
      case 'BinOp':
        return this.binOp(e);
      case 'UnaryOp': {
        const v = this.expr(e.operand);
        if (e.op === 'Not') {
          return async (f) => {
            const x = await v(f);
            const t = truthy(x);
            return !(t instanceof Promise ? await t : t);
          };
        }
        const op = e.op;
        return async (f) => {
          const x = await v(f);
          if (op === 'USub' && typeof x === 'number') return 0 - x;
          try {
            return await unaryOp(op, x);
          } catch (err) {
            throw locHooks.mark(err, f, e);
          }
        };
      }
      case 'BoolOp': {
        const vals = e.values.map((v) => this.expr(v));
        const isAnd = e.op === 'And';
        return async (f) => {
          let x: PyValue = null;
          for (const v of vals) {
            x = await v(f);
            let t = truthy(x);
            if (t instanceof Promise) t = await t;
            if (t !== isAnd) return x;
          }
          return x;
        };
      }
      case 'Compare':
        return this.compare(e);
      case 'IfExp': {
        const t = this.expr(e.test), b = this.expr(e.body), o = this.expr(e.orelse);
        return async (f) => {
          let c = truthy(await t(f));
          if (c instanceof Promise) c = await c;
          return c ? b(f) : o(f);
        };
      }
      case 'Call':
        return this.call(e);
      case 'List': {
        const items = this.elements(e.elts);
        return async (f) => new PyList(await items(f));
      }
      case 'Tuple': {
        const items = this.elements(e.elts);
        return async (f) => new PyTuple(await items(f));
      }
      case 'Set': {
        const items = this.elements(e.elts);
        return async (f) => new PySet(await items(f));
      }
      case 'Dict':
        return this.dict(e);
      case 'ListComp':
      case 'SetComp':
      case 'DictComp':
      case 'GeneratorExp':
        return this.compileComprehension(e);
      case 'Lambda':
        return this.compileLambda(e);
      case 'JoinedStr':
        return this.joinedStr(e);
      case 'FormattedValue':
        return this.formatted(e);
      case 'Slice': {
        const lo = e.lower ? this.expr(e.lower) : null;
        const hi = e.upper ? this.expr(e.upper) : null;
        const st = e.step ? this.expr(e.step) : null;
        return async (f) => new PySlice(lo ? await lo(f) : null, hi ? await hi(f) : null, st ? await st(f) : null);
      }
      case 'NamedExpr': {
        const v = this.expr(e.value);
        // A walrus in a comprehension binds in the enclosing function: the scope pass made it free.
        const store = this.storeName(e.target.id);
        return async (f) => {
          const x = await v(f);
          store(f, x);
          return x;
        };
      }
      case 'Starred':
        return async () => {
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
        return async () => {
          throw new PyError('NotImplementedError', "'await' is not supported");
        };
    }
    const never: never = e;
    throw new Error(`unknown expression ${(never as A.Expr).kind}`);
  }

  /** Evaluate a list of elements, expanding `*x` entries. */
  elements(elts: A.Expr[]): (f: Frame) => Promise<PyValue[]> {
    const parts = elts.map((x) => (x.kind === 'Starred' ? { star: true, fn: this.expr(x.value) } : { star: false, fn: this.expr(x) }));
    if (!parts.some((p) => p.star)) {
      const fns = parts.map((p) => p.fn);
      return async (f) => {
        const out: PyValue[] = new Array(fns.length);
        for (let i = 0; i < fns.length; i++) out[i] = await fns[i](f);
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

  private dict(e: A.Dict): E {
    const keys = e.keys.map((k) => (k ? this.expr(k) : null));
    const vals = e.values.map((v) => this.expr(v));
    return async (f) => {
      const d = new PyDict();
      for (let i = 0; i < vals.length; i++) {
        const k = keys[i];
        if (k === null) {
          const m = await vals[i](f);
          await mergeMapping(d, m, null);
        } else {
          const kv = await k(f);
          d.set(kv, await vals[i](f));
        }
      }
      return d;
    };
  }

  private binOp(e: A.BinOp): E {
    const op = e.op;
    const ls = this.sync(e.left), rs = this.sync(e.right);
    const l = this.expr(e.left), r = this.expr(e.right);
    const slow = async (f: Frame, a: PyValue, b: PyValue): Promise<PyValue> => {
      try {
        return await binop(op, a, b);
      } catch (err) {
        throw locHooks.mark(err, f, e);
      }
    };
    if (op === 'Add' || op === 'Sub' || op === 'Mult') {
      const fast = op === 'Add' ? (a: number, b: number) => a + b : op === 'Sub' ? (a: number, b: number) => a - b : (a: number, b: number) => a * b;
      if (ls && rs) {
        return async (f) => {
          const a = ls(f), b = rs(f);
          if (typeof a === 'number' && typeof b === 'number') {
            const x = fast(a, b);
            if (Number.isSafeInteger(x) && x !== 0) return x;
          }
          return slow(f, a, b);
        };
      }
      return async (f) => {
        const a = ls ? ls(f) : await l(f);
        const b = rs ? rs(f) : await r(f);
        if (typeof a === 'number' && typeof b === 'number') {
          const x = fast(a, b);
          if (Number.isSafeInteger(x) && x !== 0) return x;
        }
        return slow(f, a, b);
      };
    }
    return async (f) => {
      const a = ls ? ls(f) : await l(f);
      const b = rs ? rs(f) : await r(f);
      return slow(f, a, b);
    };
  }

  private compare(e: A.Compare): E {
    const left = this.expr(e.left);
    const comps = e.comparators.map((c) => this.expr(c));
    const ops = e.ops;
    const one = async (f: Frame, op: A.CmpOperator, a: PyValue, b: PyValue): Promise<PyValue> => {
      try {
        switch (op) {
          case 'Eq':
            return await eq(a, b);
          case 'NotEq':
            return await ne(a, b);
          case 'Is':
            return a === b;
          case 'IsNot':
            return a !== b;
          case 'In':
            return await contains(b, a);
          case 'NotIn':
            return !(await contains(b, a));
          default:
            if (typeof a === 'number' && typeof b === 'number') {
              return op === 'Lt' ? a < b : op === 'LtE' ? a <= b : op === 'Gt' ? a > b : a >= b;
            }
            return await compare(op, a, b);
        }
      } catch (err) {
        throw locHooks.mark(err, f, e);
      }
    };
    if (ops.length === 1) {
      const op = ops[0], r = comps[0];
      return async (f) => one(f, op, await left(f), await r(f));
    }
    return async (f) => {
      let a = await left(f);
      let res: PyValue = true;
      for (let i = 0; i < ops.length; i++) {
        const b = await comps[i](f);
        res = await one(f, ops[i], a, b);
        if (i < ops.length - 1) {
          let t = truthy(res);
          if (t instanceof Promise) t = await t;
          if (!t) return res;
        }
        a = b;
      }
      return res;
    };
  }

  private call(e: A.Call): E {
    // Zero-argument super() inside a method: pass __class__ and the first parameter.
    if (e.func.kind === 'Name' && e.func.id === 'super' && e.args.length === 0 && e.keywords.length === 0 && this.scope.kind === 'function') {
      const sup = this.loadName('super');
      const cls = this.scope.freevars.includes('__class__') ? this.loadName('__class__') : null;
      const first = this.scope.params.length > 0 ? this.loadName(this.scope.params[0]) : null;
      return async (f) => {
        const s = sup(f);
        if (s !== BUILTINS.get('super')) return this.invoke(f, e, s, [], null);
        if (cls === null) throw new PyError('RuntimeError', 'super(): __class__ cell not found');
        if (first === null) throw new PyError('RuntimeError', 'super(): no arguments');
        let c: PyValue;
        try {
          c = cls(f);
        } catch {
          throw new PyError('RuntimeError', 'super(): empty __class__ cell');
        }
        return this.invoke(f, e, s, [c, first(f)], null);
      };
    }
    const fn = this.expr(e.func);
    const args = this.elements(e.args);
    const simpleKw = e.keywords.every((k) => k.arg !== null);
    const kwNames = e.keywords.map((k) => k.arg);
    const kwVals = e.keywords.map((k) => this.expr(k.value));
    const nkw = kwVals.length;
    return async (f) => {
      const fv = await fn(f);
      const a = await args(f);
      let kw: KwArgs = null;
      if (nkw > 0) try {
        kw = new Map();
        for (let i = 0; i < nkw; i++) {
          const v = await kwVals[i](f);
          const name = kwNames[i];
          if (name !== null) {
            if (!simpleKw && kw.has(name)) throw new PyError('TypeError', `${await calleeName(fv)} got multiple values for keyword argument '${name}'`);
            kw.set(name, v);
          } else await mergeKwargs(kw, v, fv);
        }
      } catch (err) {
        throw locHooks.mark(err, f, e);
      }
      return this.invoke(f, e, fv, a, kw);
    };
    void 0;
  }

  async invoke(f: Frame, e: A.Call, fv: PyValue, a: PyValue[], kw: KwArgs): Promise<PyValue> {
    try {
      if (fv instanceof PyCallable) return await fv.call(a, kw);
      return await call(fv, a, kw);
    } catch (err) {
      throw locHooks.mark(err, f, e);
    }
  }

  private joinedStr(e: A.JoinedStr): E {
    const parts = e.values.map((v) => (v.kind === 'Constant' ? (v.value as { value: string }).value : this.formatted(v)));
    return async (f) => {
      let out = '';
      for (const p of parts) out += typeof p === 'string' ? p : ((await p(f)) as string);
      return out;
    };
  }

  private formatted(e: A.FormattedValue): E {
    const v = this.expr(e.value);
    const conv = e.conversion;
    const spec = e.formatSpec ? this.joinedStr(e.formatSpec) : null;
    return async (f) => {
      let x = await v(f);
      try {
        if (conv === 'r') x = await repr(x);
        else if (conv === 's') x = await str(x);
        else if (conv === 'a') x = asciiOf(await repr(x));
        const s = spec ? ((await spec(f)) as string) : '';
        if (s === '' && typeof x === 'string') return x;
        return await formatValue(x, s);
      } catch (err) {
        throw locHooks.mark(err, f, e);
      }
    };
  }
}

async function calleeName(fv: PyValue): Promise<string> {
  const q = (fv as { qualname?: unknown }).qualname;
  const m = (fv as { module?: unknown }).module;
  if (typeof q === 'string') return typeof m === 'string' ? `${m}.${q}()` : `${q}()`;
  return `${typeOf(fv).name} object`;
}

/** `**mapping` into call keywords, with CPython's errors. */
async function mergeKwargs(kw: Map<string, PyValue>, m: PyValue, fv: PyValue): Promise<void> {
  const entries = await mappingEntries(m, async () => `${await calleeName(fv)} argument after ** must be a mapping, not ${typeOf(m).name}`);
  for (const [k, v] of entries) {
    if (typeof k !== 'string') throw new PyError('TypeError', 'keywords must be strings');
    if (kw.has(k)) throw new PyError('TypeError', `${await calleeName(fv)} got multiple values for keyword argument '${k}'`);
    kw.set(k, v);
  }
}

/** `{**m}` into a dict. */
export async function mergeMapping(d: PyDict, m: PyValue, _unused: null): Promise<void> {
  for (const [k, v] of await mappingEntries(m, async () => `'${typeOf(m).name}' object is not a mapping`)) d.set(k, v);
}

export async function mappingEntries(m: PyValue, msg: () => Promise<string>): Promise<[PyValue, PyValue][]> {
  if (m instanceof PyDict) return [...m.entries()];
  const keysFn = await getattrOrMissing(m, 'keys');
  if (keysFn === MISSING) throw new PyError('TypeError', await msg());
  const keys = await toArray(await call(keysFn, []));
  const out: [PyValue, PyValue][] = [];
  for (const k of keys) out.push([k, await getitem(m, k)]);
  return out;
}

/** The Python value of a literal, or an Error for literals outside the subset. */
export function constantValue(e: A.Constant): PyValue | Error {
  const c = e.value;
  switch (c.type) {
    case 'int':
      return c.value;
    case 'float':
      return new PyFloat(c.value);
    case 'str':
      return c.value;
    case 'bool':
      return c.value;
    case 'None':
      return null;
    case 'Ellipsis':
      return Ellipsis;
    case 'complex':
      return new PyError('NotImplementedError', 'complex numbers are not supported');
    case 'bytes':
      return new PyError('NotImplementedError', 'bytes literals are not supported');
  }
}

void PyBaseException;
void toPyException;
