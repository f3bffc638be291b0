// Small helpers shared by the standard-library modules of this folder (typing, dataclasses,
// functools, itertools, random, ...): building a module object from TypeScript functions, native
// methods on a type, raising an instance of a non-builtin exception class, and a callable kind
// the interpreter honours as a *user-level* dunder (`__setattr__`/`__delattr__` written in Python
// are honoured, PyBuiltinFunction ones are not — see object.ts setattrMaybe).

import { PyError } from '../../errors';
import {
  type KwArgs, type MaybeP, type PyValue, type NativeFn, PyBuiltinFunction, PyCallable, PyModule, PyType,
  PyObject, typeOf, MISSING, getattrMaybe,
} from '../object';
import { asThrowable, newException } from '../builtins/exceptions';
import { IteratorBaseType, PyIterBase } from '../builtins/iter';

/** A module whose attributes are the given values (functions, constants, types). */
export function makeModule(name: string, entries: Record<string, PyValue>): PyModule {
  return new PyModule(name, new Map(Object.entries(entries)));
}

/** A native function named like CPython's (`qual` shows in reprs). */
export const fn = (name: string, f: NativeFn, qual = name): PyBuiltinFunction => new PyBuiltinFunction(name, f, qual);

/** A native method on `t` (`self` is args[0]). */
export function method(t: PyType, name: string, f: (self: PyValue, a: PyValue[], kw: KwArgs) => PyValue | Promise<PyValue>): void {
  t.dict!.set(name, new PyBuiltinFunction(name, (a, kw) => f(a[0], a.slice(1), kw), `${t.name}.${name}`));
}

/**
 * A native function that the interpreter treats like a Python-level dunder. setattr/delattr
 * skip PyBuiltinFunction overrides (they are the generic ones), so a dataclass's frozen
 * `__setattr__` has to be a different PyCallable.
 */
export class NativeDunder extends PyCallable {
  constructor(
    readonly name: string,
    private readonly f: NativeFn,
  ) {
    super(typeOf(fn('x', () => null)), null);
  }
  call(args: PyValue[], kwargs: KwArgs): Promise<PyValue> {
    return Promise.resolve(this.f(args, kwargs));
  }
  override callMaybe(args: PyValue[], kwargs: KwArgs): MaybeP<PyValue> {
    return this.f(args, kwargs);
  }
}

/** Throw an instance of the (possibly non-builtin) exception class `cls`. */
export function raise(cls: PyType, message: string): never {
  throw asThrowable(newException(cls, [message]));
}

export const typeError = (msg: string): PyError => new PyError('TypeError', msg);
export const valueError = (msg: string): PyError => new PyError('ValueError', msg);

/** The name a callable shows (functions do not expose `__name__` to getattr in every build). */
export function callableName(f: PyValue): string {
  if (f instanceof PyCallable) return f.name;
  if (f instanceof PyType) return f.name;
  return typeOf(f).name;
}

/** getattr that answers undefined for a missing attribute (no AttributeError). */
export async function attrOrUndefined(obj: PyValue, name: string): Promise<PyValue | undefined> {
  try {
    const v = await getattrMaybe(obj, name);
    return v === MISSING ? undefined : v;
  } catch (e) {
    if (e instanceof PyError && e.isInstanceOf('AttributeError')) return undefined;
    throw e;
  }
}

/** An iterator driven by a JS async generator; the Python type is `module.name`. */
export class GenIter extends PyIterBase {
  constructor(cls: PyType, private readonly gen: AsyncGenerator<PyValue, void, void>) {
    super(cls);
  }
  async next(): Promise<PyValue | typeof MISSING> {
    const r = await this.gen.next();
    return r.done ? MISSING : r.value;
  }
}

/** Iterator types such as `itertools.chain`: instances are GenIters. */
export function iterType(name: string, module: string): PyType {
  return new PyType(name, [IteratorBaseType], new Map(), module, name);
}

/** Is `v` callable from Python? */
export const isCallable = (v: PyValue): boolean =>
  v instanceof PyCallable || v instanceof PyType || (v instanceof PyObject && typeOf(v).lookup('__call__') !== undefined);
