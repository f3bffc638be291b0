// Compiles the exception statements: try/except/else/finally (Python's rules mapped onto JS
// try/catch, with `__context__` chaining and the handled-exception stack that bare `raise` reads),
// `raise ... from ...`, and `with` (the context-manager protocol, `__exit__` deciding whether an
// exception is suppressed). The body of a try runs maybe-async (maybe.ts); handlers, finally
// blocks, raise and with run async — they are off the hot path.

import { PyError } from '../../errors';
import type * as A from '../ast';
import { type PyValue, PyCallable, PyTuple, call, typeOf } from '../object';
import {
  PyBaseException, asThrowable, isExceptionType, isFatal, toPyException,
} from '../builtins/exceptions';
import { truthy } from '../builtins/ops';
import type { Compiler } from './compileStmt';
import { type Completion, type Frame, NORMAL, type StmtFn } from './function';
import { arrive as noteLine, locHooks, raised } from './locations';
import { rt } from './runtime';

export function compileTry(c: Compiler, s: A.Try): StmtFn {
  const body = c.block(s.body);
  const handlers = s.handlers.map((h) => ({
    type: h.type ? c.expr(h.type) : null,
    store: h.name ? c.storeName(h.name) : null,
    del: h.name ? c.deleteName(h.name) : null,
    body: c.block(h.body),
    line: h.line,
  }));
  const orelse = s.orelse.length ? c.block(s.orelse) : null;
  const finalbody = s.finalbody.length ? c.block(s.finalbody) : null;
  const handle = async (f: Frame, e: unknown): Promise<Completion> => {
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
  const onError = handlers.length === 0 ? null : (f: Frame, e: unknown): Promise<Completion> => handle(f, e);
  const afterBody = (f: Frame, r: Completion): Completion | Promise<Completion> => (orelse && r === NORMAL ? orelse(f) : r);
  /** try/except/else without finally. */
  const inner: StmtFn = (f) => {
    let r: Completion | Promise<Completion>;
    try {
      r = body(f);
    } catch (e) {
      if (onError === null) throw e;
      return onError(f, e);
    }
    if (r instanceof Promise) {
      return r.then(
        (rv) => afterBody(f, rv),
        (e: unknown) => {
          if (onError === null) throw e;
          return onError(f, e);
        },
      );
    }
    return afterBody(f, r);
  };
  if (!finalbody) return inner;

  const afterError = async (f: Frame, e: unknown): Promise<Completion> => {
    let pending = e;
    const exc = toPyException(e);
    if (exc) {
      noteLine(exc, f);
      pending = asThrowable(exc);
    }
    const save = f.retval;
    const line = f.line;
    const run = rt();
    if (exc) run.handling.push(exc);
    let fr: Completion;
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
    throw pending;
  };
  const afterNormal = (f: Frame, r: Completion): Completion | Promise<Completion> => {
    const save = f.retval;
    const line = f.line;
    const done = (fr: Completion): Completion => {
      if (fr !== NORMAL) return fr;
      f.retval = save;
      f.line = line;
      return r;
    };
    const fr = finalbody(f);
    return fr instanceof Promise ? fr.then(done) : done(fr);
  };
  return (f) => {
    let r: Completion | Promise<Completion>;
    try {
      r = inner(f);
    } catch (e) {
      return afterError(f, e);
    }
    if (r instanceof Promise) return r.then((rv) => afterNormal(f, rv), (e: unknown) => afterError(f, e));
    return afterNormal(f, r);
  };
}

export function compileRaise(c: Compiler, s: A.Raise): StmtFn {
  const ex = s.exc ? c.expr(s.exc) : null;
  const cause = s.cause ? c.expr(s.cause) : null;
  return async (f) => {
    const run = rt();
    if (!ex) {
      const cur = run.handling[run.handling.length - 1];
      if (!cur) throw new PyError('RuntimeError', 'No active exception to reraise');
      throw asThrowable(cur);
    }
    const exc = await toException(await ex(f), false);
    if (cause) {
      const cv = await cause(f);
      exc.cause = cv === null ? null : await toException(cv, true);
      exc.suppressContext = true;
    }
    const cur = run.handling[run.handling.length - 1];
    if (cur && cur !== exc && !chainContains(cur, exc)) exc.context = cur;
    raised(exc);
    throw asThrowable(exc);
  };
}

export function compileWith(c: Compiler, s: A.With, i: number): StmtFn {
  const item = s.items[i];
  const mgrE = c.expr(item.contextExpr);
  const tgt = item.optionalVars ? c.target(item.optionalVars) : null;
  const inner = i + 1 < s.items.length ? compileWith(c, s, i + 1) : c.block(s.body);
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
    let r: Completion;
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
      if (await truthy(suppress)) return NORMAL;
      throw asThrowable(exc);
    }
    await call(exit, [mgr, null, null, null]);
    return r;
  };
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
