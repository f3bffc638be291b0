// Compiles operator expressions — binary, unary, `and`/`or`, comparison chains — into maybe-async
// closures (maybe.ts). Small ints take an inline fast path (a JS add that stays a safe integer);
// every other builtin pair is handled synchronously by builtins/ops, and only a dunder method
// that waits (a user `__add__`, an awaited tensor read) makes the result a Promise.

import type * as A from '../ast';
import { type PyValue, PyDict, PySet } from '../object';
import {
  binopMaybe, compareMaybe, contains, eq, eqBuiltin, ne, truthy, unaryMaybe,
} from '../builtins/ops';
import type { Frame } from './function';
import type { E, ExprCompiler } from './compileExpr';
import { locHooks } from './locations';
import { type MaybeP, markP } from './maybe';

/** Run `op` on two evaluated operands, marking `node` on failure. */
function apply(f: Frame, node: A.Node & A.Span, op: () => MaybeP<PyValue>): MaybeP<PyValue> {
  let r: MaybeP<PyValue>;
  try {
    r = op();
  } catch (err) {
    throw locHooks.mark(err, f, node);
  }
  return r instanceof Promise ? markP(r, f, node) : r;
}

/** Evaluate left then right; call `k` with both, going async only if an operand is pending. */
function both(l: E, r: E, k: (f: Frame, a: PyValue, b: PyValue) => MaybeP<PyValue>): E {
  const slow = async (f: Frame, a: MaybeP<PyValue>, b: MaybeP<PyValue> | null): Promise<PyValue> => {
    const av = await a;
    const bv = b === null ? await r(f) : await b;
    return k(f, av, bv);
  };
  return (f) => {
    const a = l(f);
    if (a instanceof Promise) return slow(f, a, null);
    const b = r(f);
    if (b instanceof Promise) return slow(f, a, b);
    return k(f, a, b);
  };
}

export function compileBinOp(c: ExprCompiler, e: A.BinOp): E {
  const op = e.op;
  const l = c.expr(e.left), r = c.expr(e.right);
  const general = (f: Frame, a: PyValue, b: PyValue): MaybeP<PyValue> => apply(f, e, () => binopMaybe(op, a, b));
  if (op === 'Add') {
    return both(l, r, (f, a, b) => {
      if (typeof a === 'number' && typeof b === 'number') {
        const x = a + b;
        if (Number.isSafeInteger(x)) return x === 0 ? 0 : x;
      }
      return general(f, a, b);
    });
  }
  if (op === 'Sub') {
    return both(l, r, (f, a, b) => {
      if (typeof a === 'number' && typeof b === 'number') {
        const x = a - b;
        if (Number.isSafeInteger(x)) return x === 0 ? 0 : x;
      }
      return general(f, a, b);
    });
  }
  if (op === 'Mult') {
    return both(l, r, (f, a, b) => {
      if (typeof a === 'number' && typeof b === 'number') {
        const x = a * b;
        if (Number.isSafeInteger(x)) return x === 0 ? 0 : x;
      }
      return general(f, a, b);
    });
  }
  return both(l, r, general);
}

export function compileUnary(c: ExprCompiler, e: A.UnaryOp): E {
  const v = c.expr(e.operand);
  if (e.op === 'Not') {
    const not = (x: PyValue): MaybeP<PyValue> => {
      const t = truthy(x);
      return t instanceof Promise ? t.then((tv) => !tv) : !t;
    };
    return (f) => {
      const x = v(f);
      return x instanceof Promise ? x.then(not) : not(x);
    };
  }
  const op = e.op;
  const k = (f: Frame, x: PyValue): MaybeP<PyValue> => {
    if (op === 'USub' && typeof x === 'number' && x !== 0) return -x;
    return apply(f, e, () => unaryMaybe(op, x));
  };
  return (f) => {
    const x = v(f);
    return x instanceof Promise ? x.then((xv) => k(f, xv)) : k(f, x);
  };
}

export function compileBoolOp(c: ExprCompiler, e: A.BoolOp): E {
  const vals = e.values.map((v) => c.expr(v));
  const isAnd = e.op === 'And';
  const n = vals.length;
  const slow = async (f: Frame, i: number, x0: MaybeP<PyValue>, t0: Promise<boolean> | null): Promise<PyValue> => {
    let x = await x0;
    if (i === n - 1) return x;
    if ((t0 === null ? await truthy(x) : await t0) !== isAnd) return x;
    for (i++; i < n; i++) {
      x = await vals[i](f);
      if (i === n - 1) return x;
      if ((await truthy(x)) !== isAnd) return x;
    }
    return x;
  };
  return (f) => {
    let x: PyValue = null;
    for (let i = 0; i < n; i++) {
      const xv = vals[i](f);
      if (xv instanceof Promise) return slow(f, i, xv, null);
      x = xv;
      if (i === n - 1) return x;
      const t = truthy(x);
      if (t instanceof Promise) return slow(f, i, x, t);
      if (t !== isAnd) return x;
    }
    return x;
  };
}

/** One comparison of two evaluated operands. */
function compareOne(op: A.CmpOperator, a: PyValue, b: PyValue): MaybeP<PyValue> {
  switch (op) {
    case 'Eq': {
      const r = eqBuiltin(a, b);
      return r !== undefined ? r : eq(a, b);
    }
    case 'NotEq': {
      const r = eqBuiltin(a, b);
      return r !== undefined ? !r : ne(a, b);
    }
    case 'Is':
      return a === b;
    case 'IsNot':
      return a !== b;
    case 'In':
      if (b instanceof PyDict || b instanceof PySet) return b.has(a);
      return contains(b, a);
    case 'NotIn':
      if (b instanceof PyDict || b instanceof PySet) return !b.has(a);
      return contains(b, a).then((r) => !r);
    default:
      if (typeof a === 'number' && typeof b === 'number') {
        return op === 'Lt' ? a < b : op === 'LtE' ? a <= b : op === 'Gt' ? a > b : a >= b;
      }
      return compareMaybe(op, a, b);
  }
}

export function compileCompare(c: ExprCompiler, e: A.Compare): E {
  const left = c.expr(e.left);
  const comps = e.comparators.map((x) => c.expr(x));
  const ops = e.ops;
  if (ops.length === 1) {
    const op = ops[0];
    return both(left, comps[0], (f, a, b) => apply(f, e, () => compareOne(op, a, b)));
  }
  // Chains (a < b < c) are rare enough to run async.
  return async (f) => {
    let a = await left(f);
    let res: PyValue = true;
    for (let i = 0; i < ops.length; i++) {
      const b = await comps[i](f);
      res = await apply(f, e, () => compareOne(ops[i], a, b));
      if (i < ops.length - 1 && !(await truthy(res))) return res;
      a = b;
    }
    return res;
  };
}
