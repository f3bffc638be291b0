// Compiles statements into closures returning a completion code (normal / break / continue /
// return), following the maybe-async convention (maybe.ts): a block runs its statements
// synchronously and switches to an async continuation only at the first statement that waited.
// Control flow maps onto JS control flow; loops tick the step budget. Assignment targets
// (unpacking with CPython's errors) are in compileAssign.ts; defs, classes, comprehensions and
// imports in compileDefs.ts, try/raise/with in compileTry.ts.

import { PyError } from '../../errors';
import type * as A from '../ast';
import { type PyValue, MISSING, call } from '../object';
import { PyException, exceptionType } from '../builtins/exceptions';
import { type PyIterBase, getIterMaybe } from '../builtins/iter';
import { truthy } from '../builtins/ops';
import { type E, ExprCompiler } from './compileExpr';
import { BREAK, CONTINUE, type Completion, Frame, NORMAL, RETURN, type StmtFn } from './function';
import { locHooks } from './locations';
import { type MaybeP, andThen, markP } from './maybe';
import { rt } from './runtime';
import { Scope } from './scope';
import {
  compileClassDef, compileComprehension, compileFunctionDef, compileImport, compileImportFrom, compileLambda,
} from './compileDefs';
import { compileRaise, compileTry, compileWith } from './compileTry';
import { type Store, compileAnnAssign, compileAssign, compileAugAssign, compileDeleter, compileTarget } from './compileAssign';

export { andThen } from './maybe';
export { type Store, unpackValues } from './compileAssign';


const normal = (): Completion => NORMAL;

export class Compiler extends ExprCompiler {
  /** `from __future__ import annotations` is in effect: annotations are kept as their source text. */
  futureAnnotations = false;

  child(scope: Scope, qualPrefix: string): Compiler {
    const c = new Compiler(scope, this.scopes, this.filename, qualPrefix);
    c.futureAnnotations = this.futureAnnotations;
    return c;
  }

  compileLambda(node: A.Lambda): E {
    return compileLambda(this, node);
  }

  compileComprehension(node: A.ListComp | A.SetComp | A.DictComp | A.GeneratorExp): E {
    return compileComprehension(this, node);
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
    const rest = async (f: Frame, i: number, pending: Promise<Completion>): Promise<Completion> => {
      const r = await pending;
      if (r !== NORMAL) return r;
      for (i++; i < n; i++) {
        f.line = lines[i];
        let x = fns[i](f);
        if (x instanceof Promise) x = await x;
        if (x !== NORMAL) return x;
      }
      return NORMAL;
    };
    return (f) => {
      for (let i = 0; i < n; i++) {
        f.line = lines[i];
        const r = fns[i](f);
        if (r instanceof Promise) return rest(f, i, r);
        if (r !== NORMAL) return r;
      }
      return NORMAL;
    };
  }

  stmt(s: A.Stmt): StmtFn {
    if ((s.kind === 'FunctionDef' || s.kind === 'For' || s.kind === 'With') && s.isAsync) {
      const what = s.kind === 'FunctionDef' ? 'async def' : s.kind === 'For' ? 'async for' : 'async with';
      return () => {
        throw new PyError('NotImplementedError', `'${what}' is not supported (async code is outside the Python subset)`);
      };
    }
    switch (s.kind) {
      case 'Expr': {
        const v = this.expr(s.value);
        return (f) => {
          const x = v(f);
          return x instanceof Promise ? x.then(normal) : NORMAL;
        };
      }
      case 'Assign':
        return compileAssign(this, s);
      case 'AugAssign':
        return compileAugAssign(this, s);
      case 'AnnAssign':
        return compileAnnAssign(this, s);
      case 'Return': {
        const v = s.value ? this.expr(s.value) : null;
        if (v === null) {
          return (f) => {
            f.retval = null;
            return RETURN;
          };
        }
        return (f) => {
          const x = v(f);
          if (x instanceof Promise) {
            return x.then((xv) => {
              f.retval = xv;
              return RETURN;
            });
          }
          f.retval = x;
          return RETURN;
        };
      }
      case 'Pass':
      case 'Global':
      case 'Nonlocal':
        return normal;
      case 'Break':
        return () => BREAK;
      case 'Continue':
        return () => CONTINUE;
      case 'If': {
        const t = this.expr(s.test);
        const b = this.block(s.body);
        const o = s.orelse.length ? this.block(s.orelse) : null;
        const branch = (f: Frame, c: boolean): MaybeP<Completion> => (c ? b(f) : o ? o(f) : NORMAL);
        const test = (f: Frame, x: PyValue): MaybeP<Completion> => {
          const c = truthy(x);
          return c instanceof Promise ? c.then((cv) => branch(f, cv)) : branch(f, c);
        };
        return (f) => {
          const x = t(f);
          return x instanceof Promise ? x.then((xv) => test(f, xv)) : test(f, x);
        };
      }
      case 'While':
        return this.whileLoop(s);
      case 'For':
        return this.forLoop(s);
      case 'FunctionDef':
        return compileFunctionDef(this, s);
      case 'ClassDef':
        return compileClassDef(this, s);
      case 'Try':
        return compileTry(this, s);
      case 'Raise':
        return compileRaise(this, s);
      case 'With':
        return compileWith(this, s, 0);
      case 'Assert': {
        const t = this.expr(s.test);
        const m = s.msg ? this.expr(s.msg) : null;
        return (f) => andThen(andThen(t(f), truthy), (c) => (c ? NORMAL : assertFail(f, m, s.test)));
      }
      case 'Delete': {
        const ds = s.targets.map((t) => compileDeleter(this, t));
        return async (f) => {
          for (const d of ds) await d(f);
          return NORMAL;
        };
      }
      case 'Import':
        return compileImport(this, s);
      case 'ImportFrom':
        return compileImportFrom(this, s);
    }
  }

  // ---- assignment (compileAssign.ts) ---------------------------------------------------------

  /** A store function for an assignment target. */
  target(t: A.Expr): Store {
    return compileTarget(this, t);
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
    const nextOf = (f: Frame, it: PyIterBase): ReturnType<PyIterBase['next']> => {
      try {
        return it.next();
      } catch (err) {
        f.line = line;
        throw locHooks.mark(err, f, iterNode);
      }
    };
    /** Store the loop value and run the body once. */
    const step = (f: Frame, x: PyValue): MaybeP<Completion> => {
      if (nameStore) {
        nameStore(f, x);
        return body(f);
      }
      const r = tgt!(f, x);
      return r instanceof Promise ? r.then(() => body(f)) : body(f);
    };
    const loopAsync = async (f: Frame, it: PyIterBase, pendingNext: Promise<unknown> | null, pendingBody: Promise<Completion> | null): Promise<Completion> => {
      const run = rt();
      for (;;) {
        let r: MaybeP<Completion>;
        if (pendingBody !== null) {
          r = pendingBody;
          pendingBody = null;
        } else {
          let x: PyValue | typeof MISSING;
          if (pendingNext !== null) {
            try {
              x = (await pendingNext) as PyValue | typeof MISSING;
            } catch (err) {
              f.line = line;
              throw locHooks.mark(err, f, iterNode);
            }
            pendingNext = null;
          } else {
            let n = nextOf(f, it);
            if (n instanceof Promise) {
              pendingNext = n;
              continue;
            }
            x = n;
          }
          if (x === MISSING) break;
          run.tick();
          r = step(f, x);
        }
        if (r instanceof Promise) r = await r;
        f.line = line;
        if (r === BREAK) return NORMAL;
        if (r === RETURN) return r;
      }
      return orelse ? orelse(f) : NORMAL;
    };
    const loop = (f: Frame, it: PyIterBase): MaybeP<Completion> => {
      const run = rt();
      for (;;) {
        const x = nextOf(f, it);
        if (x instanceof Promise) return loopAsync(f, it, x, null);
        if (x === MISSING) break;
        run.tick();
        const r = step(f, x);
        if (r instanceof Promise) return loopAsync(f, it, null, r);
        f.line = line;
        if (r === BREAK) return NORMAL;
        if (r === RETURN) return r;
      }
      return orelse ? orelse(f) : NORMAL;
    };
    const start = (f: Frame, iv: PyValue): MaybeP<Completion> => {
      let it: MaybeP<PyIterBase>;
      try {
        it = getIterMaybe(iv);
      } catch (err) {
        throw locHooks.mark(err, f, iterNode);
      }
      return it instanceof Promise ? markP(it, f, iterNode).then((i) => loop(f, i)) : loop(f, it);
    };
    return (f) => {
      const iv = iter(f);
      return iv instanceof Promise ? iv.then((v) => start(f, v)) : start(f, iv);
    };
  }

  private whileLoop(s: A.While): StmtFn {
    const test = this.expr(s.test);
    const body = this.block(s.body);
    const orelse = s.orelse.length ? this.block(s.orelse) : null;
    const line = s.line;
    const loopAsync = async (f: Frame, pendingTest: MaybeP<boolean> | null, pendingBody: Promise<Completion> | null): Promise<Completion> => {
      const run = rt();
      for (;;) {
        let r: MaybeP<Completion>;
        if (pendingBody !== null) {
          r = pendingBody;
          pendingBody = null;
        } else {
          let c: boolean;
          if (pendingTest !== null) {
            c = await pendingTest;
            pendingTest = null;
          } else {
            f.line = line;
            c = await truthy(await test(f));
          }
          if (!c) break;
          run.tick();
          r = body(f);
        }
        if (r instanceof Promise) r = await r;
        if (r === BREAK) return NORMAL;
        if (r === RETURN) return r;
      }
      return orelse ? orelse(f) : NORMAL;
    };
    return (f) => {
      const run = rt();
      for (;;) {
        f.line = line;
        const x = test(f);
        if (x instanceof Promise) return loopAsync(f, x.then(truthy), null);
        const c = truthy(x);
        if (c instanceof Promise) return loopAsync(f, c, null);
        if (!c) break;
        run.tick();
        const r = body(f);
        if (r instanceof Promise) return loopAsync(f, null, r);
        if (r === BREAK) return NORMAL;
        if (r === RETURN) return r;
      }
      return orelse ? orelse(f) : NORMAL;
    };
  }
}

async function assertFail(f: Frame, m: E | null, test: A.Expr): Promise<Completion> {
  const cls = exceptionType('AssertionError');
  const exc = await call(cls, m ? [await m(f)] : []);
  throw locHooks.mark(new PyException(exc as never), f, test);
}
