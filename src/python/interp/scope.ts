// Static scope analysis, CPython's symtable in miniature: for each function, lambda, class body
// and comprehension it decides whether every name is a fast local, a cell (captured by an inner
// function), a free variable (from an enclosing function), a global, or a class-body name, so
// the compiler can bind each Name node to a slot once. This is what makes closures late-binding,
// `global`/`nonlocal` work, and UnboundLocalError vs NameError come out right. Zero-argument
// super() makes a method capture the implicit `__class__` cell of its class body.

import type * as A from '../ast';

export type ScopeKind = 'module' | 'function' | 'class' | 'comprehension';

export class Scope {
  readonly assigned = new Set<string>();
  readonly globals = new Set<string>();
  readonly nonlocals = new Set<string>();
  readonly used = new Set<string>();
  readonly children: Scope[] = [];
  readonly params: string[] = [];
  readonly cellvars: string[] = [];
  readonly freevars: string[] = [];
  isGenerator = false;
  /** Filled by finish(): where each name lives. */
  readonly slots = new Map<string, Slot>();
  fastNames: string[] = [];
  constructor(
    readonly kind: ScopeKind,
    readonly name: string,
    readonly parent: Scope | null,
    readonly node: A.Node | null,
  ) {
    parent?.children.push(this);
  }
  isLocal(n: string): boolean {
    return this.assigned.has(n) && !this.globals.has(n) && !this.nonlocals.has(n);
  }
  addCell(n: string): void {
    if (!this.cellvars.includes(n)) this.cellvars.push(n);
  }
  addFree(n: string): void {
    if (!this.freevars.includes(n)) this.freevars.push(n);
  }
  cellIndex(n: string): number {
    const i = this.cellvars.indexOf(n);
    return i >= 0 ? i : this.cellvars.length + this.freevars.indexOf(n);
  }
}

export type Slot =
  | { kind: 'fast'; index: number }
  | { kind: 'cell'; index: number }
  /** module-level or declared/implicit global */
  | { kind: 'global' }
  /** class body / module: local dict, then globals, then builtins */
  | { kind: 'name' }
  /** class body name that is free in an enclosing function: class dict, then the cell */
  | { kind: 'classderef'; index: number };

export class ScopeError extends Error {
  constructor(message: string, readonly node: A.Node) {
    super(message);
  }
}

/** Analyse a module; returns the module scope and a map from def/lambda/class/comprehension nodes
 * to their scopes. */
export function analyze(mod: A.Module): { module: Scope; scopes: Map<A.Node, Scope> } {
  const scopes = new Map<A.Node, Scope>();
  const module = new Scope('module', '<module>', null, mod);
  scopes.set(mod, module);
  const b = new Builder(scopes);
  b.stmts(mod.body, module);
  resolveAll(module);
  return { module, scopes };
}

class Builder {
  constructor(private readonly scopes: Map<A.Node, Scope>) {}

  stmts(ss: A.Stmt[], s: Scope): void {
    for (const st of ss) this.stmt(st, s);
  }

  private bindName(n: string, s: Scope): void {
    s.assigned.add(n);
  }

  private args(a: A.Arguments, outer: Scope, inner: Scope): void {
    for (const d of a.defaults) this.expr(d, outer);
    for (const d of a.kwDefaults) if (d) this.expr(d, outer);
    const all = [...a.posonlyargs, ...a.args];
    if (a.vararg) all.push(a.vararg);
    all.push(...a.kwonlyargs);
    if (a.kwarg) all.push(a.kwarg);
    for (const p of all) {
      inner.params.push(p.arg);
      inner.assigned.add(p.arg);
    }
  }

  stmt(st: A.Stmt, s: Scope): void {
    switch (st.kind) {
      case 'FunctionDef': {
        for (const d of st.decorators) this.expr(d, s);
        const fs = new Scope('function', st.name, s, st);
        this.scopes.set(st, fs);
        this.args(st.args, s, fs);
        this.stmts(st.body, fs);
        this.bindName(st.name, s);
        return;
      }
      case 'ClassDef': {
        for (const d of st.decorators) this.expr(d, s);
        for (const e of st.bases) this.expr(e, s);
        for (const k of st.keywords) this.expr(k.value, s);
        const cs = new Scope('class', st.name, s, st);
        this.scopes.set(st, cs);
        this.stmts(st.body, cs);
        this.bindName(st.name, s);
        return;
      }
      case 'Return':
        if (st.value) this.expr(st.value, s);
        return;
      case 'Delete':
        for (const t of st.targets) this.expr(t, s);
        return;
      case 'Assign':
        this.expr(st.value, s);
        for (const t of st.targets) this.expr(t, s);
        return;
      case 'AugAssign':
        this.expr(st.value, s);
        this.expr(st.target, s);
        if (st.target.kind === 'Name') s.used.add(st.target.id);
        return;
      case 'AnnAssign':
        if (st.value) this.expr(st.value, s);
        if (st.value || st.target.kind !== 'Name') this.expr(st.target, s);
        else if (st.simple) this.bindName(st.target.id, s);
        return;
      case 'For':
        this.expr(st.iter, s);
        this.expr(st.target, s);
        this.stmts(st.body, s);
        this.stmts(st.orelse, s);
        return;
      case 'While':
      case 'If':
        this.expr(st.test, s);
        this.stmts(st.body, s);
        this.stmts(st.orelse, s);
        return;
      case 'With':
        for (const it of st.items) {
          this.expr(it.contextExpr, s);
          if (it.optionalVars) this.expr(it.optionalVars, s);
        }
        this.stmts(st.body, s);
        return;
      case 'Raise':
        if (st.exc) this.expr(st.exc, s);
        if (st.cause) this.expr(st.cause, s);
        return;
      case 'Try':
        this.stmts(st.body, s);
        for (const h of st.handlers) {
          if (h.type) this.expr(h.type, s);
          if (h.name) this.bindName(h.name, s);
          this.stmts(h.body, s);
        }
        this.stmts(st.orelse, s);
        this.stmts(st.finalbody, s);
        return;
      case 'Assert':
        this.expr(st.test, s);
        if (st.msg) this.expr(st.msg, s);
        return;
      case 'Import':
        for (const a of st.names) this.bindName(a.asname ?? a.name.split('.')[0], s);
        return;
      case 'ImportFrom':
        for (const a of st.names) if (a.name !== '*') this.bindName(a.asname ?? a.name, s);
        return;
      case 'Global':
        for (const n of st.names) s.globals.add(n);
        return;
      case 'Nonlocal':
        for (const n of st.names) s.nonlocals.add(n);
        return;
      case 'Expr':
        this.expr(st.value, s);
        return;
      case 'Pass':
      case 'Break':
      case 'Continue':
        return;
    }
  }

  expr(e: A.Expr, s: Scope): void {
    switch (e.kind) {
      case 'Name':
        if (e.ctx === 'Load') {
          s.used.add(e.id);
          if (e.id === 'super' && s.kind !== 'class') s.used.add('__class__');
        } else s.assigned.add(e.id);
        return;
      case 'Constant':
        return;
      case 'BoolOp':
        for (const v of e.values) this.expr(v, s);
        return;
      case 'NamedExpr': {
        this.expr(e.value, s);
        let t: Scope = s;
        while (t.kind === 'comprehension' && t.parent) t = t.parent;
        t.assigned.add(e.target.id);
        if (t !== s) {
          // the comprehension sees the enclosing binding as free
          s.used.add(e.target.id);
        }
        return;
      }
      case 'BinOp':
        this.expr(e.left, s);
        this.expr(e.right, s);
        return;
      case 'UnaryOp':
        this.expr(e.operand, s);
        return;
      case 'Lambda': {
        const ls = new Scope('function', '<lambda>', s, e);
        this.scopes.set(e, ls);
        this.args(e.args, s, ls);
        this.expr(e.body, ls);
        return;
      }
      case 'IfExp':
        this.expr(e.test, s);
        this.expr(e.body, s);
        this.expr(e.orelse, s);
        return;
      case 'Dict':
        e.keys.forEach((k, i) => {
          if (k) this.expr(k, s);
          this.expr(e.values[i], s);
        });
        return;
      case 'Set':
      case 'List':
      case 'Tuple':
        for (const x of e.elts) this.expr(x, s);
        return;
      case 'ListComp':
      case 'SetComp':
      case 'GeneratorExp':
        this.comp(e, e.generators, [e.elt], s);
        return;
      case 'DictComp':
        this.comp(e, e.generators, [e.key, e.value], s);
        return;
      case 'Await':
      case 'YieldFrom':
        this.expr(e.value, s);
        if (e.kind === 'YieldFrom') s.isGenerator = true;
        return;
      case 'Yield':
        if (e.value) this.expr(e.value, s);
        s.isGenerator = true;
        return;
      case 'Compare':
        this.expr(e.left, s);
        for (const c of e.comparators) this.expr(c, s);
        return;
      case 'Call':
        this.expr(e.func, s);
        for (const a of e.args) this.expr(a, s);
        for (const k of e.keywords) this.expr(k.value, s);
        return;
      case 'FormattedValue':
        this.expr(e.value, s);
        if (e.formatSpec) this.expr(e.formatSpec, s);
        return;
      case 'JoinedStr':
        for (const v of e.values) this.expr(v, s);
        return;
      case 'Attribute':
        this.expr(e.value, s);
        return;
      case 'Subscript':
        this.expr(e.value, s);
        this.expr(e.slice, s);
        return;
      case 'Starred':
        this.expr(e.value, s);
        return;
      case 'Slice':
        if (e.lower) this.expr(e.lower, s);
        if (e.upper) this.expr(e.upper, s);
        if (e.step) this.expr(e.step, s);
        return;
    }
  }

  private comp(node: A.Expr, gens: A.Comprehension[], elts: A.Expr[], s: Scope): void {
    // The first iterable is evaluated in the enclosing scope; everything else in the new one.
    this.expr(gens[0].iter, s);
    const cs = new Scope('comprehension', node.kind === 'GeneratorExp' ? '<genexpr>' : `<${node.kind === 'ListComp' ? 'listcomp' : node.kind === 'SetComp' ? 'setcomp' : 'dictcomp'}>`, s, node);
    this.scopes.set(node, cs);
    cs.params.push('.0');
    cs.assigned.add('.0');
    gens.forEach((g, i) => {
      if (i > 0) this.expr(g.iter, cs);
      this.expr(g.target, cs);
      for (const c of g.ifs) this.expr(c, cs);
    });
    for (const e of elts) this.expr(e, cs);
  }
}

/** Find `n` in an enclosing function scope and thread it as a free variable down to `s`. */
function resolveFree(s: Scope, n: string): boolean {
  const path: Scope[] = [s];
  for (let a = s.parent; a; a = a.parent) {
    if (a.kind === 'module') return false;
    if (a.kind === 'class') {
      if (n === '__class__') {
        a.addCell('__class__');
        for (const p of path) p.addFree(n);
        return true;
      }
      path.push(a);
      continue;
    }
    if (a.globals.has(n)) return false;
    if (a.isLocal(n)) {
      a.addCell(n);
      for (const p of path) p.addFree(n);
      return true;
    }
    path.push(a);
  }
  return false;
}

function walk(s: Scope, f: (s: Scope) => void): void {
  f(s);
  for (const c of s.children) walk(c, f);
}

function resolveAll(module: Scope): void {
  // Phase 1: every name a scope needs from outside becomes free there and a cell where bound.
  walk(module, (s) => {
    if (s.kind === 'module') return;
    for (const n of s.nonlocals) {
      if (!resolveFree(s, n)) throw new ScopeError(`no binding for nonlocal '${n}' found`, s.node!);
    }
    for (const n of s.used) {
      if (s.globals.has(n) || s.nonlocals.has(n)) continue;
      if (s.kind !== 'class' && s.isLocal(n)) continue;
      if (s.kind === 'class' && s.assigned.has(n)) continue;
      resolveFree(s, n);
    }
  });
  // Phase 2: slot tables.
  walk(module, (s) => {
    if (s.kind === 'module') return;
    if (s.kind === 'class') {
      for (const n of [...s.used, ...s.assigned]) {
        if (s.globals.has(n)) s.slots.set(n, { kind: 'global' });
        else if (s.nonlocals.has(n)) s.slots.set(n, { kind: 'cell', index: s.cellIndex(n) });
        else if (!s.assigned.has(n) && s.freevars.includes(n)) s.slots.set(n, { kind: 'classderef', index: s.cellIndex(n) });
        else s.slots.set(n, { kind: 'name' });
      }
      return;
    }
    const fast: string[] = [];
    for (const n of [...s.params, ...s.assigned]) {
      if (s.globals.has(n) || s.nonlocals.has(n) || s.cellvars.includes(n) || fast.includes(n)) continue;
      fast.push(n);
    }
    s.fastNames = fast;
    fast.forEach((n, i) => s.slots.set(n, { kind: 'fast', index: i }));
    for (const n of [...s.cellvars, ...s.freevars]) s.slots.set(n, { kind: 'cell', index: s.cellIndex(n) });
    for (const n of s.used) if (!s.slots.has(n)) s.slots.set(n, { kind: 'global' });
    for (const n of s.globals) s.slots.set(n, { kind: 'global' });
  });
}

/** How a name is reached from scope `s` (module scope: always 'global' dict access). */
export function slotOf(s: Scope, n: string): Slot {
  if (s.kind === 'module') return { kind: 'global' };
  return s.slots.get(n) ?? (s.kind === 'class' ? { kind: 'name' } : { kind: 'global' });
}
