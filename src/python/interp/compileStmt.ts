// Compiles statements (and the bodies of defs, lambdas, classes and comprehensions) into async
// closures returning a completion code (normal / break / continue / return). Control flow maps onto
// JS control flow: Python's try/except/else/finally onto JS try/catch/finally (a `return` in
// `finally` overriding an exception is the same in both), loops onto JS loops ticking the step
// budget. Assignment targets (unpacking with CPython's errors) live here too.

import { PyError } from '../../errors';
import type * as A from '../ast';
import {
  type PyValue, MISSING, PyDict, PyList, PyModule, PySet, PyTuple, PyType, call, delattr,
  getattrOrMissing, setattr, typeOf, PyCallable,
} from '../object';
import {
  PyBaseException, PyException, asThrowable, exceptionType, isExceptionType, isFatal, toPyException,
} from '../builtins/exceptions';
import { SeqIter, getIter, iteratorType } from '../builtins/iter';
import { delitem, getitem, inplaceOp, setitem, truthy } from '../builtins/ops';
import { str } from '../builtins/repr';
import { type E, ExprCompiler, loadAttr } from './compileExpr';
import { BREAK, CONTINUE, Cell, type Code, Frame, NORMAL, PyFunction, RETURN, type StmtFn, noteFrame } from './function';
import { arrive as noteLine, locHooks, raised } from './locations';
import { importFrom, importModule } from './modules';
import { rt } from './runtime';
import { Scope } from './scope';
import { makeClass } from './classes';

type Store = (f: Frame, v: PyValue) => Promise<void>;

export class Compiler extends ExprCompiler {
  child(scope: Scope, qualPrefix: string): Compiler {
    return new Compiler(scope, this.scopes, this.filename, qualPrefix);
  }

  block(body: A.Stmt[]): StmtFn {
    const fns = body.map((s) => this.stmt(s));
    const lines = body.map((s) => s.line);
    const n = fns.length;
    if (n === 1) {
      const s0 = fns[0], l0 = lines[0];
      return (f) => {
        f.line = l0;
        return s0(f);
      };
    }
    return async (f) => {
      for (let i = 0; i < n; i++) {
        f.line = lines[i];
        const r = await fns[i](f);
        if (r !== NORMAL) return r;
      }
      return NORMAL;
    };
  }

  stmt(s: A.Stmt): StmtFn {
    switch (s.kind) {
      case 'Expr': {
        const v = this.expr(s.value);
        return async (f) => {
          await v(f);
          return NORMAL;
        };
      }
      case 'Assign':
        return this.assign(s);
      case 'AugAssign':
        return this.augAssign(s);
      case 'AnnAssign': {
        if (!s.value) return async () => NORMAL;
        const v = this.expr(s.value);
        const t = this.target(s.target);
        return async (f) => {
          await t(f, await v(f));
          return NORMAL;
        };
      }
      case 'Return': {
        const v = s.value ? this.expr(s.value) : null;
        return async (f) => {
          f.retval = v ? await v(f) : null;
          return RETURN;
        };
      }
      case 'Pass':
        return async () => NORMAL;
      case 'Break':
        return async () => BREAK;
      case 'Continue':
        return async () => CONTINUE;
      case 'If': {
        const t = this.expr(s.test);
        const b = this.block(s.body);
        const o = s.orelse.length ? this.block(s.orelse) : null;
        return async (f) => {
          let c = truthy(await t(f));
          if (c instanceof Promise) c = await c;
          if (c) return b(f);
          return o ? o(f) : NORMAL;
        };
      }
      case 'While':
        return this.whileLoop(s);
      case 'For':
        return this.forLoop(s);
      case 'FunctionDef':
        return this.functionDef(s);
      case 'ClassDef':
        return this.classDef(s);
      case 'Try':
        return this.tryStmt(s);
      case 'Raise':
        return this.raise(s);
      case 'With':
        return this.withStmt(s, 0);
      case 'Assert': {
        const t = this.expr(s.test);
        const m = s.msg ? this.expr(s.msg) : null;
        return async (f) => {
          let c = truthy(await t(f));
          if (c instanceof Promise) c = await c;
          if (!c) {
            const cls = exceptionType('AssertionError');
            throw locHooks.mark(new PyException(await instantiate(cls, m ? [await m(f)] : [])), f, s.test);
          }
          return NORMAL;
        };
      }
      case 'Delete': {
        const ds = s.targets.map((t) => this.deleter(t));
        return async (f) => {
          for (const d of ds) await d(f);
          return NORMAL;
        };
      }
      case 'Import':
        return this.importStmt(s);
      case 'ImportFrom':
        return this.importFromStmt(s);
      case 'Global':
      case 'Nonlocal':
        return async () => NORMAL;
    }
  }

  // ---- assignment ----------------------------------------------------------------------------

  private assign(s: A.Assign): StmtFn {
    const v = this.expr(s.value);
    if (s.targets.length === 1 && s.targets[0].kind === 'Name') {
      const st = this.storeName(s.targets[0].id);
      const vs = this.sync(s.value);
      if (vs) {
        return async (f) => {
          st(f, vs(f));
          return NORMAL;
        };
      }
      return async (f) => {
        st(f, await v(f));
        return NORMAL;
      };
    }
    const ts = s.targets.map((t) => this.target(t));
    return async (f) => {
      const x = await v(f);
      for (const t of ts) await t(f, x);
      return NORMAL;
    };
  }

  /** A store function for an assignment target. */
  target(t: A.Expr): Store {
    switch (t.kind) {
      case 'Name': {
        const st = this.storeName(t.id);
        return async (f, v) => st(f, v);
      }
      case 'Attribute': {
        const o = this.expr(t.value);
        const name = t.attr;
        return async (f, v) => {
          const obj = await o(f);
          try {
            await setattr(obj, name, v);
          } catch (err) {
            throw locHooks.mark(err, f, t);
          }
        };
      }
      case 'Subscript': {
        const o = this.expr(t.value);
        const k = this.expr(t.slice);
        return async (f, v) => {
          const obj = await o(f);
          const key = await k(f);
          try {
            await setitem(obj, key, v);
          } catch (err) {
            throw locHooks.mark(err, f, t);
          }
        };
      }
      case 'Tuple':
      case 'List': {
        const un = this.unpackTarget(t.elts);
        return async (f, v) => {
          let items: PyValue[];
          try {
            items = await un.values(v);
          } catch (err) {
            throw locHooks.mark(err, f, t);
          }
          await un.store(f, items);
        };
      }
      case 'Starred':
        throw new PyError('SyntaxError', 'starred assignment target must be in a list or tuple');
      default:
        throw new PyError('SyntaxError', `cannot assign to ${t.kind}`);
    }
  }

  private unpackTarget(elts: A.Expr[]): { values: (v: PyValue) => Promise<PyValue[]>; store: (f: Frame, items: PyValue[]) => Promise<void> } {
    const starAt = elts.findIndex((e) => e.kind === 'Starred');
    const stores = elts.map((e) => (e.kind === 'Starred' ? this.target(e.value) : this.target(e)));
    const n = elts.length;
    return {
      values: (v) => unpackValues(v, n, starAt),
      store: async (f, items) => {
        for (let i = 0; i < n; i++) await stores[i](f, items[i]);
      },
    };
  }

  private deleter(t: A.Expr): (f: Frame) => Promise<void> {
    switch (t.kind) {
      case 'Name': {
        const d = this.deleteName(t.id);
        return async (f) => d(f);
      }
      case 'Attribute': {
        const o = this.expr(t.value);
        return async (f) => delattr(await o(f), t.attr);
      }
      case 'Subscript': {
        const o = this.expr(t.value);
        const k = this.expr(t.slice);
        return async (f) => {
          const obj = await o(f);
          await delitem(obj, await k(f));
        };
      }
      case 'Tuple':
      case 'List': {
        const ds = t.elts.map((e) => this.deleter(e));
        return async (f) => {
          for (const d of ds) await d(f);
        };
      }
      default:
        throw new PyError('SyntaxError', `cannot delete ${t.kind}`);
    }
  }

  private augAssign(s: A.AugAssign): StmtFn {
    const op = s.op;
    const v = this.expr(s.value);
    const t = s.target;
    if (t.kind === 'Name') {
      const load = this.loadName(t.id);
      const store = this.storeName(t.id);
      const vs = this.sync(s.value);
      const fastOp = op === 'Add' ? 1 : op === 'Sub' ? 2 : 0;
      return async (f) => {
        const a = load(f);
        const b = vs ? vs(f) : await v(f);
        if (fastOp && typeof a === 'number' && typeof b === 'number') {
          const r = fastOp === 1 ? a + b : a - b;
          if (Number.isSafeInteger(r)) {
            store(f, r);
            return NORMAL;
          }
        }
        store(f, await inplaceOp(op, a, b));
        return NORMAL;
      };
    }
    if (t.kind === 'Attribute') {
      const o = this.expr(t.value);
      return async (f) => {
        const obj = await o(f);
        const a = await loadAttr(obj, t.attr);
        const r = await inplaceOp(op, a, await v(f));
        await setattr(obj, t.attr, r);
        return NORMAL;
      };
    }
    const o = this.expr(t.value);
    const k = this.expr(t.slice);
    return async (f) => {
      const obj = await o(f);
      const key = await k(f);
      const a = await getitem(obj, key);
      const r = await inplaceOp(op, a, await v(f));
      await setitem(obj, key, r);
      return NORMAL;
    };
  }

  // ---- loops ----------------------------------------------------------------------------------

  private forLoop(s: A.For): StmtFn {
    const iter = this.expr(s.iter);
    const tgt = s.target.kind === 'Name' ? null : this.target(s.target);
    const nameStore = s.target.kind === 'Name' ? this.storeName(s.target.id) : null;
    const body = this.block(s.body);
    const orelse = s.orelse.length ? this.block(s.orelse) : null;
    const line = s.line;
    const iterNode = s.iter;
    return async (f) => {
      const iv = await iter(f);
      let it;
      try {
        it = await getIter(iv);
      } catch (err) {
        throw locHooks.mark(err, f, iterNode);
      }
      const run = rt();
      for (;;) {
        let x;
        try {
          x = it.next();
          if (x instanceof Promise) x = await x;
        } catch (err) {
          f.line = line;
          throw locHooks.mark(err, f, iterNode);
        }
        if (x === MISSING) break;
        run.tick();
        if (nameStore) nameStore(f, x);
        else await tgt!(f, x);
        const r = await body(f);
        f.line = line;
        if (r === BREAK) return NORMAL;
        if (r === RETURN) return r;
      }
      return orelse ? orelse(f) : NORMAL;
    };
  }

  private whileLoop(s: A.While): StmtFn {
    const test = this.expr(s.test);
    const body = this.block(s.body);
    const orelse = s.orelse.length ? this.block(s.orelse) : null;
    const line = s.line;
    return async (f) => {
      const run = rt();
      for (;;) {
        f.line = line;
        let c = truthy(await test(f));
        if (c instanceof Promise) c = await c;
        if (!c) break;
        run.tick();
        const r = await body(f);
        if (r === BREAK) return NORMAL;
        if (r === RETURN) return r;
      }
      return orelse ? orelse(f) : NORMAL;
    };
  }

  // ---- functions and classes ------------------------------------------------------------------

  /** Compile a def/lambda body into Code. */
  private code(node: A.FunctionDef | A.Lambda, name: string): { code: Code; scope: Scope } {
    const scope = this.scopes.get(node)!;
    const qualname = this.qualPrefix + name;
    const inner = this.child(scope, qualname + '.<locals>.');
    const a = node.args;
    const params = [...a.posonlyargs, ...a.args, ...(a.vararg ? [a.vararg] : []), ...a.kwonlyargs, ...(a.kwarg ? [a.kwarg] : [])];
    const paramSlots = params.map((p) => {
      const sl = scope.slots.get(p.arg)!;
      return sl.kind === 'fast' ? sl.index : -(scope.cellIndex(p.arg) + 1);
    });
    let body: StmtFn;
    if (node.kind === 'Lambda') {
      const e = inner.expr(node.body);
      body = async (f) => {
        f.retval = await e(f);
        return RETURN;
      };
    } else body = inner.block(node.body);
    const code: Code = {
      name, qualname, filename: this.filename, firstLine: node.line,
      posonly: a.posonlyargs.map((p) => p.arg), args: a.args.map((p) => p.arg),
      vararg: a.vararg?.arg ?? null, kwonly: a.kwonlyargs.map((p) => p.arg), kwarg: a.kwarg?.arg ?? null,
      nfast: scope.fastNames.length, paramSlots, ncells: scope.cellvars.length + scope.freevars.length,
      ncellvars: scope.cellvars.length, body, isGenerator: scope.isGenerator,
    };
    return { code, scope };
  }

  /** An expression that builds the function object (defaults evaluated now, closure captured). */
  private makeFunction(node: A.FunctionDef | A.Lambda, name: string): E {
    const { code, scope } = this.code(node, name);
    const defs = node.args.defaults.map((d) => this.expr(d));
    const kwd = node.args.kwDefaults.map((d, i) => (d ? { name: node.args.kwonlyargs[i].arg, fn: this.expr(d) } : null)).filter((x) => x !== null);
    const closure = this.closureOf(scope);
    return async (f) => {
      const dv: PyValue[] = [];
      for (const d of defs) dv.push(await d(f));
      let kw: Map<string, PyValue> | null = null;
      for (const k of kwd) (kw ??= new Map()).set(k!.name, await k!.fn(f));
      return new PyFunction(code, f.globals, dv, kw, closure(f), code.name, code.qualname);
    };
  }

  compileLambda(node: A.Lambda): E {
    return this.makeFunction(node, '<lambda>');
  }

  private functionDef(s: A.FunctionDef): StmtFn {
    const decos = s.decorators.map((d) => this.expr(d));
    const mk = this.makeFunction(s, s.name);
    const store = this.storeName(s.name);
    return async (f) => {
      const ds: PyValue[] = [];
      for (const d of decos) ds.push(await d(f));
      let fn = await mk(f);
      for (let i = ds.length - 1; i >= 0; i--) fn = await call(ds[i], [fn]);
      store(f, fn);
      return NORMAL;
    };
  }

  private classDef(s: A.ClassDef): StmtFn {
    const scope = this.scopes.get(s)!;
    const qualname = this.qualPrefix + s.name;
    const inner = this.child(scope, qualname + '.');
    const body = inner.block(s.body);
    const decos = s.decorators.map((d) => this.expr(d));
    const bases = this.elements(s.bases);
    const kws = s.keywords.map((k) => ({ name: k.arg, fn: this.expr(k.value) }));
    const closure = this.closureOf(scope);
    const store = this.storeName(s.name);
    const classCell = scope.cellvars.indexOf('__class__');
    const ncellvars = scope.cellvars.length;
    const filename = this.filename;
    return async (f) => {
      const ds: PyValue[] = [];
      for (const d of decos) ds.push(await d(f));
      const bs = await bases(f);
      const kw = new Map<string, PyValue>();
      for (const k of kws) if (k.name) kw.set(k.name, await k.fn(f));
      const ns = new Map<string, PyValue>();
      const modName = f.globals.get('__name__');
      ns.set('__module__', typeof modName === 'string' ? modName : '__main__');
      ns.set('__qualname__', qualname);
      const cells = [];
      for (let i = 0; i < ncellvars; i++) cells.push(new Cell());
      cells.push(...closure(f));
      const cf = new Frame(null, f.globals, ns, filename, s.name, 0, cells);
      cf.line = s.line;
      const run = rt();
      run.frames.push(cf);
      try {
        await body(cf);
      } catch (e) {
        throw noteFrame(e, cf);
      } finally {
        run.frames.pop();
      }
      let cls: PyValue = await makeClass(s.name, qualname, bs, ns, kw);
      if (classCell >= 0) cells[classCell].v = cls;
      for (let i = ds.length - 1; i >= 0; i--) cls = await call(ds[i], [cls]);
      store(f, cls);
      return NORMAL;
    };
  }

  compileComprehension(node: A.ListComp | A.SetComp | A.DictComp | A.GeneratorExp): E {
    const scope = this.scopes.get(node)!;
    const inner = this.child(scope, this.qualPrefix + scope.name + '.<locals>.');
    const first = this.expr(node.generators[0].iter);
    const closure = this.closureOf(scope);
    const gens = node.generators.map((g, i) => ({
      iter: i === 0 ? null : inner.expr(g.iter),
      store: inner.target(g.target),
      ifs: g.ifs.map((c) => inner.expr(c)),
    }));
    const dotSlot = scope.slots.get('.0')!;
    const nfast = scope.fastNames.length;
    const ncellvars = scope.cellvars.length;
    const filename = this.filename;
    const kind = node.kind;
    const elt = node.kind === 'DictComp' ? null : inner.expr(node.elt);
    const key = node.kind === 'DictComp' ? inner.expr(node.key) : null;
    const val = node.kind === 'DictComp' ? inner.expr(node.value) : null;
    return async (f) => {
      const src = await getIter(await first(f));
      const cells = [];
      for (let i = 0; i < ncellvars; i++) cells.push(new Cell());
      cells.push(...closure(f));
      const cf = new Frame(null, f.globals, null, filename, scope.name, nfast, cells);
      cf.line = f.line;
      if (dotSlot.kind === 'fast') cf.fast[dotSlot.index] = src;
      const out: PyValue[] = [];
      const dict = kind === 'DictComp' ? new PyDict() : null;
      const run = rt();
      const loop = async (level: number, it: PyValue): Promise<void> => {
        const g = gens[level];
        const iterator = level === 0 ? src : await getIter(it);
        for (;;) {
          let x = iterator.next();
          if (x instanceof Promise) x = await x;
          if (x === MISSING) return;
          run.tick();
          await g.store(cf, x);
          let ok = true;
          for (const c of g.ifs) {
            let t = truthy(await c(cf));
            if (t instanceof Promise) t = await t;
            if (!t) {
              ok = false;
              break;
            }
          }
          if (!ok) continue;
          if (level + 1 < gens.length) await loop(level + 1, await gens[level + 1].iter!(cf));
          else if (dict) dict.set(await key!(cf), await val!(cf));
          else out.push(await elt!(cf));
        }
      };
      await loop(0, null);
      if (dict) return dict;
      if (kind === 'SetComp') return new PySet(out);
      if (kind === 'GeneratorExp') return new SeqIter(iteratorType('generator'), out);
      return new PyList(out);
    };
  }

  // ---- exceptions -----------------------------------------------------------------------------

  private tryStmt(s: A.Try): StmtFn {
    const body = this.block(s.body);
    const handlers = s.handlers.map((h) => ({
      type: h.type ? this.expr(h.type) : null,
      store: h.name ? this.storeName(h.name) : null,
      del: h.name ? this.deleteName(h.name) : null,
      body: this.block(h.body),
      line: h.line,
    }));
    const orelse = s.orelse.length ? this.block(s.orelse) : null;
    const finalbody = s.finalbody.length ? this.block(s.finalbody) : null;
    const handle = async (f: Frame, e: unknown): Promise<number> => {
      const exc = toPyException(e);
      if (!exc || isFatal(e)) throw e;
      noteLine(exc, f);
      for (const h of handlers) {
        f.line = h.line;
        if (h.type) {
          let ok: boolean;
          try {
            ok = await matches(exc, await h.type(f));
          } catch (e2) {
            const exc2 = toPyException(e2);
            if (exc2 && exc2 !== exc && exc2.context === null) exc2.context = exc;
            throw exc2 ? asThrowable(exc2) : e2;
          }
          if (!ok) continue;
        }
        if (h.store) h.store(f, exc);
        const run = rt();
        run.handling.push(exc);
        try {
          return await h.body(f);
        } catch (e2) {
          const exc2 = toPyException(e2);
          if (exc2 && exc2 !== exc && exc2.context === null && !chainContains(exc2, exc)) exc2.context = exc;
          throw exc2 ? asThrowable(exc2) : e2;
        } finally {
          run.handling.pop();
          if (h.del) {
            try {
              h.del(f);
            } catch {
              // already unbound by the handler body
            }
          }
        }
      }
      throw asThrowable(exc);
    };
    if (!finalbody) {
      return async (f) => {
        let r: number;
        try {
          r = await body(f);
        } catch (e) {
          if (handlers.length === 0) throw e;
          return handle(f, e);
        }
        if (orelse && r === NORMAL) r = await orelse(f);
        return r;
      };
    }
    return async (f) => {
      let r: number = NORMAL;
      let pending: unknown = null;
      let failed = false;
      try {
        try {
          r = await body(f);
        } catch (e) {
          if (handlers.length === 0) throw e;
          r = await handle(f, e);
          return r;
        }
        if (orelse && r === NORMAL) r = await orelse(f);
      } catch (e) {
        failed = true;
        pending = e;
        const exc = toPyException(e);
        if (exc) {
          noteLine(exc, f);
          pending = asThrowable(exc);
        }
      } finally {
        const save = f.retval;
        const line = f.line;
        const run = rt();
        const exc = failed ? toPyException(pending) : null;
        if (exc) run.handling.push(exc);
        let fr: number;
        try {
          fr = await finalbody(f);
        } catch (e2) {
          const exc2 = toPyException(e2);
          if (exc && exc2 && exc2 !== exc && exc2.context === null) exc2.context = exc;
          throw exc2 ? asThrowable(exc2) : e2;
        } finally {
          if (exc) run.handling.pop();
        }
        if (fr !== NORMAL) return fr;
        f.retval = save;
        f.line = line;
      }
      if (failed) throw pending;
      return r;
    };
  }

  private raise(s: A.Raise): StmtFn {
    const ex = s.exc ? this.expr(s.exc) : null;
    const cause = s.cause ? this.expr(s.cause) : null;
    return async (f) => {
      const run = rt();
      if (!ex) {
        const cur = run.handling[run.handling.length - 1];
        if (!cur) throw new PyError('RuntimeError', 'No active exception to reraise');
        throw asThrowable(cur);
      }
      const exc = await toException(await ex(f), false);
      if (cause) {
        const c = await cause(f);
        exc.cause = c === null ? null : await toException(c, true);
        exc.suppressContext = true;
      }
      const cur = run.handling[run.handling.length - 1];
      if (cur && cur !== exc && !chainContains(cur, exc)) exc.context = cur;
      raised(exc);
      throw asThrowable(exc);
    };
  }

  // ---- with -----------------------------------------------------------------------------------

  private withStmt(s: A.With, i: number): StmtFn {
    const item = s.items[i];
    const mgrE = this.expr(item.contextExpr);
    const tgt = item.optionalVars ? this.target(item.optionalVars) : null;
    const inner = i + 1 < s.items.length ? this.withStmt(s, i + 1) : this.block(s.body);
    return async (f) => {
      const mgr = await mgrE(f);
      const t = typeOf(mgr);
      const enter = t.lookup('__enter__');
      const exit = t.lookup('__exit__');
      if (!(enter instanceof PyCallable) || !(exit instanceof PyCallable)) {
        throw locHooks.mark(new PyError('TypeError', `'${t.name}' object does not support the context manager protocol`), f, item.contextExpr);
      }
      const v = await call(enter, [mgr]);
      if (tgt) await tgt(f, v);
      let r: number;
      try {
        r = await inner(f);
      } catch (e) {
        const exc = toPyException(e);
        if (!exc || isFatal(e)) throw e;
        noteLine(exc, f);
        const run = rt();
        run.handling.push(exc);
        let suppress: PyValue;
        try {
          suppress = await call(exit, [mgr, exc.cls, exc, null]);
        } finally {
          run.handling.pop();
        }
        let tr = truthy(suppress);
        if (tr instanceof Promise) tr = await tr;
        if (tr) return NORMAL;
        throw asThrowable(exc);
      }
      await call(exit, [mgr, null, null, null]);
      return r;
    };
  }

  // ---- imports --------------------------------------------------------------------------------

  private importStmt(s: A.Import): StmtFn {
    const items = s.names.map((a) => ({
      name: a.name,
      store: this.storeName(a.asname ?? a.name.split('.')[0]),
      bindTop: a.asname === null,
    }));
    return async (f) => {
      for (const it of items) {
        const mod = importModule(it.name);
        it.store(f, it.bindTop ? importModule(it.name.split('.')[0]) : mod);
      }
      return NORMAL;
    };
  }

  private importFromStmt(s: A.ImportFrom): StmtFn {
    if (s.level > 0) {
      return async () => {
        throw new PyError('ImportError', 'attempted relative import with no known parent package');
      };
    }
    const modName = s.module!;
    const star = s.names.some((a) => a.name === '*');
    const items = s.names.filter((a) => a.name !== '*').map((a) => ({ name: a.name, store: this.storeName(a.asname ?? a.name) }));
    return async (f) => {
      const mod = importModule(modName);
      if (star) {
        const d = mod instanceof PyModule ? mod.dict! : new Map<string, PyValue>();
        const all = d.get('__all__');
        const names = all instanceof PyList || all instanceof PyTuple ? (all.items as string[]) : [...d.keys()].filter((k) => !k.startsWith('_'));
        for (const n of names) (f.ns ?? f.globals).set(n, d.get(n) ?? (await loadAttr(mod, n)));
      }
      for (const it of items) it.store(f, await importFrom(mod, modName, it.name));
      return NORMAL;
    };
  }
}

// ---- helpers ----------------------------------------------------------------------------------

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

async function matches(exc: PyBaseException, t: PyValue): Promise<boolean> {
  if (t instanceof PyTuple) {
    for (const x of t.items) if (await matches(exc, x)) return true;
    return false;
  }
  if (!isExceptionType(t)) {
    throw new PyError('TypeError', 'catching classes that do not inherit from BaseException is not allowed');
  }
  return exc.cls.isSubtypeOf(t);
}

function chainContains(a: PyBaseException, b: PyBaseException): boolean {
  const seen = new Set<PyBaseException>();
  for (let x: PyValue = a; x instanceof PyBaseException && !seen.has(x); x = x.context) {
    if (x === b) return true;
    seen.add(x);
  }
  return false;
}

/** `raise X` accepts an instance or a class (instantiated with no arguments). */
async function toException(v: PyValue, isCause: boolean): Promise<PyBaseException> {
  if (v instanceof PyBaseException) return v;
  if (isExceptionType(v)) {
    const inst = await call(v, []);
    if (inst instanceof PyBaseException) return inst;
  }
  throw new PyError('TypeError', isCause ? 'exception causes must derive from BaseException' : 'exceptions must derive from BaseException');
}

async function instantiate(cls: PyType, args: PyValue[]): Promise<PyBaseException> {
  return (await call(cls, args)) as PyBaseException;
}

void getattrOrMissing;
void str;
void PySet;
