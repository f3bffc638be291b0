// The "maybe-async" calling convention of compiled code. DESIGN keeps the evaluator async end to
// end (any Python call may wait on a GPU read), but almost every evaluation finishes without
// waiting, and an `await` on a finished value still costs a promise and a microtask. So compiled
// expressions and statements return their result directly when they have it and a Promise only
// when something really waited; callers test `instanceof Promise` (Python values are never JS
// promises) and switch to an async continuation only then. Errors may arrive either way: thrown
// synchronously or as a rejected promise.

import type * as A from '../ast';
import type { MaybeP } from '../object';
import type { Frame } from './function';
import { locHooks } from './locations';

export type { MaybeP };

/** Attach the failing node to an error from a pending evaluation (see locHooks.mark). */
export function markP<T>(p: Promise<T>, f: Frame, node: A.Node & A.Span): Promise<T> {
  return p.then(undefined, (err: unknown) => {
    throw locHooks.mark(err, f, node);
  });
}

/** Await a value only when it is pending. */
export async function settle<T>(x: MaybeP<T>): Promise<T> {
  return x;
}

/** `x` then `k(x)`, without a promise when `x` is ready. */
export function andThen<T, R>(x: MaybeP<T>, k: (v: T) => MaybeP<R>): MaybeP<R> {
  return x instanceof Promise ? x.then(k) : k(x);
}
