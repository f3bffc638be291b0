// Compiles the statements and expressions that open a new code block: def and lambda (Code +
// the function object with defaults and closure), class bodies (run in their own namespace, then
// makeClass), comprehensions (their own scope; list/set/dict comprehensions run at once, a
// generator expression becomes a lazy generator object like a `def` generator), and imports.

import { PyError } from '../../errors';
import type * as A from '../ast';
import { type PyValue, MISSING, PyDict, PyList, PyModule, PySet, PyTuple, call } from '../object';
import { type PyIterBase, getIterMaybe } from '../builtins/iter';
import { truthy } from '../builtins/ops';
import { type E, loadAttr } from './compileExpr';
import type { Compiler, Store } from './compileStmt';
import { andThen } from './compileStmt';
import { Cell, type Code, type Completion, Frame, NORMAL, PyFunction, PyGenerator, RETURN, type StmtFn, noteFrame } from './function';
import { importFrom, importModule } from './modules';
import { rt } from './runtime';
import type { Scope } from './scope';
import { makeClass } from './classes';
import { type MaybeP, markP } from './maybe';
import { locHooks } from './locations';

// ---- functions ----------------------------------------------------------------------------------

/** A def's docstring: a str literal as its first statement (a lambda has none). */
function docstring(node: A.FunctionDef | A.Lambda): string | null {
  if (node.kind !== 'FunctionDef') return null;
  const first = node.body[0];
  return first?.kind === 'Expr' && first.value.kind === 'Constant' && first.value.value.type === 'str' ? first.value.value.value : null;
}

/** Compile a def/lambda body into Code. */
function code(c: Compiler, node: A.FunctionDef | A.Lambda, name: string): { code: Code; scope: Scope } {
  const scope = c.scopes.get(node)!;
  const qualname = c.qualPrefix + name;
  const inner = c.child(scope, qualname + '.<locals>.');
  const a = node.args;
  const params = [...a.posonlyargs, ...a.args, ...(a.vararg ? [a.vararg] : []), ...a.kwonlyargs, ...(a.kwarg ? [a.kwarg] : [])];
  const paramSlots = params.map((p) => {
    const sl = scope.slots.get(p.arg)!;
    return sl.kind === 'fast' ? sl.index : -(scope.cellIndex(p.arg) + 1);
  });
  let body: StmtFn;
  if (node.kind === 'Lambda') {
    const e = inner.expr(node.body);
    body = (f) => {
      const x = e(f);
      if (x instanceof Promise) {
        return x.then((v) => {
          f.retval = v;
          return RETURN;
        });
      }
      f.retval = x;
      return RETURN;
    };
  } else body = inner.block(node.body);
  const cd: Code = {
    name, qualname, filename: c.filename, firstLine: node.line,
    posonly: a.posonlyargs.map((p) => p.arg), args: a.args.map((p) => p.arg),
    vararg: a.vararg?.arg ?? null, kwonly: a.kwonlyargs.map((p) => p.arg), kwarg: a.kwarg?.arg ?? null,
    nfast: scope.fastNames.length, varnames: scope.fastNames, cellnames: [...scope.cellvars, ...scope.freevars], paramSlots, ncells: scope.cellvars.length + scope.freevars.length,
    ncellvars: scope.cellvars.length, body, isGenerator: scope.isGenerator, doc: docstring(node),
  };
  return { code: cd, scope };
}

/** An expression that builds the function object (defaults evaluated now, closure captured). */
function makeFunction(c: Compiler, node: A.FunctionDef | A.Lambda, name: string): E {
  const { code: cd, scope } = code(c, node, name);
  const defs = c.elements(node.args.defaults);
  const kwd = node.args.kwDefaults.map((d, i) => (d ? { name: node.args.kwonlyargs[i].arg, fn: c.expr(d) } : null)).filter((x) => x !== null);
  const closure = c.closureOf(scope);
  const anns = annotations(c as Compiler, node);
  const build = (f: Frame, dv: PyValue[], kw: Map<string, PyValue> | null): MaybeP<PyValue> => {
    const fn = new PyFunction(cd, f.globals, dv, kw, closure(f), cd.name, cd.qualname);
    return anns === null ? fn : andThen(anns(f), (d) => ((fn.annotations = d), fn));
  };
  if (kwd.length === 0) return (f) => andThen(defs(f), (dv) => build(f, dv, null));
  return async (f) => {
    const dv = await defs(f);
    const kw = new Map<string, PyValue>();
    for (const k of kwd) kw.set(k!.name, await k!.fn(f));
    return build(f, dv, kw);
  };
}

/**
 * A def's `__annotations__`, evaluated when the def runs (after its defaults), parameters in
 * order then 'return' — or their source text under `from __future__ import annotations`. Null
 * when nothing is annotated (the attribute then reads as a fresh {}).
 */
function annotations(c: Compiler, node: A.FunctionDef | A.Lambda): ((f: Frame) => MaybeP<PyDict>) | null {
  if (node.kind !== 'FunctionDef') return null;
  const a = node.args;
  const params = [...a.posonlyargs, ...a.args, ...(a.vararg ? [a.vararg] : []), ...a.kwonlyargs, ...(a.kwarg ? [a.kwarg] : [])];
  const items: { key: string; e: A.Expr }[] = params.filter((p) => p.annotation !== null).map((p) => ({ key: p.arg, e: p.annotation! }));
  if (node.returns !== null) items.push({ key: 'return', e: node.returns });
  if (items.length === 0) return null;
  const filename = c.filename;
  const parts = items.map(({ key, e }) => ({
    key,
    fn: c.futureAnnotations ? (): PyValue => (rt().sources.get(filename) ?? []).join('\n').slice(e.from, e.to) : c.expr(e),
  }));
  return (f) => {
    const d = new PyDict();
    const step = (i: number): MaybeP<PyDict> => (i === parts.length ? d : andThen(parts[i].fn(f), (v) => (d.set(parts[i].key, v), step(i + 1))));
    return step(0);
  };
}

export function compileLambda(c: Compiler, node: A.Lambda): E {
  return makeFunction(c, node, '<lambda>');
}

export function compileFunctionDef(c: Compiler, s: A.FunctionDef): StmtFn {
  const mk = makeFunction(c, s, s.name);
  const store = c.storeName(s.name);
  if (s.decorators.length === 0) {
    return (f) =>
      andThen(mk(f), (fn) => {
        store(f, fn);
        return NORMAL;
      });
  }
  const decos = s.decorators.map((d) => c.expr(d));
  return async (f) => {
    const ds: PyValue[] = [];
    for (const d of decos) ds.push(await d(f));
    let fn = await mk(f);
    for (let i = ds.length - 1; i >= 0; i--) fn = await call(ds[i], [fn]);
    store(f, fn);
    return NORMAL;
  };
}

// ---- classes ------------------------------------------------------------------------------------

export function compileClassDef(c: Compiler, s: A.ClassDef): StmtFn {
  const scope = c.scopes.get(s)!;
  const qualname = c.qualPrefix + s.name;
  const inner = c.child(scope, qualname + '.');
  const body = inner.block(s.body);
  const decos = s.decorators.map((d) => c.expr(d));
  const bases = c.elements(s.bases);
  const kws = s.keywords.map((k) => ({ name: k.arg, fn: c.expr(k.value) }));
  const closure = c.closureOf(scope);
  const store = c.storeName(s.name);
  const classCell = scope.cellvars.indexOf('__class__');
  const ncellvars = scope.cellvars.length;
  const filename = c.filename;
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

// ---- comprehensions -----------------------------------------------------------------------------

/** Drive `it`, calling `step` on each value; synchronous until something waits. */
function drive(it: PyIterBase, step: (x: PyValue) => MaybeP<unknown>): MaybeP<void> {
  const run = rt();
  for (;;) {
    const x = it.next();
    if (x instanceof Promise) return x.then((xv) => (xv === MISSING ? undefined : andThen(step(xv), () => drive(it, step))));
    if (x === MISSING) return undefined;
    run.tick();
    const r = step(x);
    if (r instanceof Promise) return r.then(() => drive(it, step));
  }
}

/** All `if` clauses true? (maybe-async) */
function allTrue(f: Frame, ifs: E[], i = 0): MaybeP<boolean> {
  for (; i < ifs.length; i++) {
    const x = ifs[i](f);
    const t = x instanceof Promise ? x.then(truthy) : truthy(x);
    if (t instanceof Promise) {
      const next = i + 1;
      return t.then((tv) => (tv ? allTrue(f, ifs, next) : false));
    }
    if (!t) return false;
  }
  return true;
}

export function compileComprehension(c: Compiler, node: A.ListComp | A.SetComp | A.DictComp | A.GeneratorExp): E {
  const scope = c.scopes.get(node)!;
  const inner = c.child(scope, c.qualPrefix + scope.name + '.<locals>.');
  const first = c.expr(node.generators[0].iter);
  const closure = c.closureOf(scope);
  const gens: { iter: E | null; store: Store; ifs: E[] }[] = node.generators.map((g, i) => ({
    iter: i === 0 ? null : inner.expr(g.iter),
    store: inner.target(g.target),
    ifs: g.ifs.map((x) => inner.expr(x)),
  }));
  const dotSlot = scope.slots.get('.0')!;
  const nfast = scope.fastNames.length;
  const ncellvars = scope.cellvars.length;
  const filename = c.filename;
  const kind = node.kind;
  const elt = node.kind === 'DictComp' ? null : inner.expr(node.elt);
  const key = node.kind === 'DictComp' ? inner.expr(node.key) : null;
  const val = node.kind === 'DictComp' ? inner.expr(node.value) : null;
  const qualname = c.qualPrefix + scope.name;

  /** Run the loops in frame cf, handing each element (or key/value pair) to `emit`. */
  const run = (cf: Frame, src: PyIterBase, emit: (v: PyValue, w?: PyValue) => MaybeP<unknown>): MaybeP<void> => {
    const level = (lv: number, it: PyIterBase): MaybeP<void> => {
      const g = gens[lv];
      return drive(it, (x) =>
        andThen(g.store(cf, x), () =>
          andThen(allTrue(cf, g.ifs), (ok): MaybeP<unknown> => {
            if (!ok) return undefined;
            if (lv + 1 < gens.length) return andThen(gens[lv + 1].iter!(cf), (nx) => andThen(getIterMaybe(nx), (it2) => level(lv + 1, it2)));
            if (key) return andThen(key(cf), (k) => andThen(val!(cf), (v) => emit(k, v)));
            return andThen(elt!(cf), (v) => emit(v));
          })));
    };
    return level(0, src);
  };

  const frameFor = (f: Frame, src: PyIterBase): Frame => {
    const cells: Cell[] = [];
    for (let i = 0; i < ncellvars; i++) cells.push(new Cell());
    for (const cell of closure(f)) cells.push(cell);
    const cf = new Frame(null, f.globals, null, filename, scope.name, nfast, cells);
    cf.line = f.line;
    if (dotSlot.kind === 'fast') cf.fast[dotSlot.index] = src;
    return cf;
  };

  const build = (f: Frame, src: PyIterBase): MaybeP<PyValue> => {
    const cf = frameFor(f, src);
    if (kind === 'GeneratorExp') {
      const body: StmtFn = (gf): MaybeP<Completion> =>
        andThen(run(gf, src, (v) => (gf.gen as PyGenerator).yieldValue(v)), () => NORMAL);
      return new PyGenerator(cf, body, scope.name, qualname);
    }
    if (kind === 'DictComp') {
      const d = new PyDict();
      return andThen(run(cf, src, (k, v) => d.set(k, v as PyValue)), () => d);
    }
    const out: PyValue[] = [];
    return andThen(run(cf, src, (v) => void out.push(v)), () => (kind === 'SetComp' ? new PySet(out) : new PyList(out)));
  };
  const firstNode = node.generators[0].iter;
  const iterOf = (f: Frame, v: PyValue): MaybeP<PyIterBase> => {
    let it: MaybeP<PyIterBase>;
    try {
      it = getIterMaybe(v);
    } catch (err) {
      throw locHooks.mark(err, f, firstNode);
    }
    return it instanceof Promise ? markP(it, f, firstNode) : it;
  };
  return (f) => andThen(first(f), (v) => andThen(iterOf(f, v), (src) => build(f, src)));
}

// ---- imports --------------------------------------------------------------------------------------

export function compileImport(c: Compiler, s: A.Import): StmtFn {
  const items = s.names.map((a) => ({
    name: a.name,
    store: c.storeName(a.asname ?? a.name.split('.')[0]),
    bindTop: a.asname === null,
  }));
  return (f) => {
    for (const it of items) {
      const mod = importModule(it.name);
      it.store(f, it.bindTop ? importModule(it.name.split('.')[0]) : mod);
    }
    return NORMAL;
  };
}

export function compileImportFrom(c: Compiler, s: A.ImportFrom): StmtFn {
  if (s.level > 0) {
    return () => {
      throw new PyError('ImportError', 'attempted relative import with no known parent package');
    };
  }
  const modName = s.module!;
  const star = s.names.some((a) => a.name === '*');
  const items = s.names.filter((a) => a.name !== '*').map((a) => ({ name: a.name, store: c.storeName(a.asname ?? a.name) }));
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
