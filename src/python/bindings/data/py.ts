// Shared helpers of the torch.utils.data bindings (this folder). PyTorch writes torch.utils.data in
// plain Python; the files here transcribe that Python line by line onto the interpreter's object
// protocols (getattr, len, getitem, iter, call), so user subclasses, overridden dunders and error
// texts behave as they do in PyTorch. This file holds the small pieces every one of them uses:
// declaring methods with a Python signature, reaching the run's `torch` functions (randperm,
// multinomial, stack, tensor, ... are called through their Python bindings, so argument errors and
// random draws are exactly those of a script calling them), and Python's isinstance(x, int).

import { PyError } from '../../../errors';
import { BUILTINS, importModule } from '../../interp';
import {
  type KwArgs, type PyValue, PyBuiltinFunction, PyModule, PyType, call, getattr, getattrOrMissing, MISSING,
} from '../../object';
import { iteratorType } from '../../builtins/iter';
import { GenIter } from '../../stdlib/native';
import { binder } from '../args';

/** `_DatasetKind.Map` / `_DatasetKind.Iterable` (a DataLoader's `_dataset_kind`). */
export const MAP_KIND = 0;
export const ITERABLE_KIND = 1;

/** The bound values of a call, by parameter name. */
export type Args = PyValue[];

/**
 * Declare `t.name` with the Python signature `sig` (written without `self`, as `(a, b=None)`);
 * `f` receives self and the bound parameter values in order (then *args). CPython's binding
 * errors name the function as PyTorch's Python function would be named: `__init__()`.
 */
export function def(
  t: PyType,
  name: string,
  sig: string,
  f: (self: PyValue, v: Args, rest: PyValue[], extra: Map<string, PyValue>) => PyValue | Promise<PyValue>,
): void {
  const inner = sig.slice(1, -1).trim();
  const bind = binder(`${t.name}.${name}(self${inner ? `, ${inner}` : ''})`);
  t.dict!.set(name, new PyBuiltinFunction(name, (a, kw) => {
    const b = bind(a, kw);
    return f(b.values[0], b.values.slice(1), b.rest, b.extra);
  }, `${t.name}.${name}`));
}

/** `Dataset[int]`, `Sampler[List[int]]`: PyTorch's classes are `Generic`; here the subscript is
 * the class itself, so `class D(Dataset[int])` subclasses Dataset. */
export function genericAlias(t: PyType): void {
  // (called as (cls, key) by subscription, like typing.Generic's)
  t.dict!.set('__class_getitem__', new PyBuiltinFunction('__class_getitem__', (a) => a[0], `${t.name}.__class_getitem__`));
}

/** An attribute of the run's `torch` module (`torch.randperm`, `torch.int64`, ...). */
export function torchAttr(name: string): PyValue {
  const torch = importModule('torch') as PyModule;
  const v = torch.dict!.get(name);
  if (v === undefined) throw new PyError('AttributeError', `module 'torch' has no attribute '${name}'`);
  return v;
}

/** Call `torch.<name>(*args, **kwargs)`. */
export function torchCall(name: string, args: PyValue[], kwargs: Record<string, PyValue> | null = null): Promise<PyValue> {
  return call(torchAttr(name), args, kwargs === null ? null : new Map(Object.entries(kwargs)));
}

/** A Python builtin (`list`, `sum`, `range`, ...). */
export const builtin = (name: string): PyValue => BUILTINS.get(name)!;

/** `isinstance(v, int)` (bool included, as in Python). */
export const isPyInt = (v: PyValue): v is number | bigint | boolean => typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean';

/** `getattr(obj, name, None)`. */
export async function attrOrNone(obj: PyValue, name: string): Promise<PyValue> {
  const v = await getattrOrMissing(obj, name);
  return v === MISSING ? null : v;
}

export { getattr };

/** A Python generator object driven by a JS async generator: the body runs lazily, on the first
 * next(), as a PyTorch `__iter__` written with `yield` does (the random draws of a sampler happen
 * then, not at iter()). */
export function pyGenerator(body: () => AsyncGenerator<PyValue, void, void>): GenIter {
  return new GenIter(iteratorType('generator'), body());
}

/** kwargs map from a record (for call()). */
export const kw = (o: Record<string, PyValue>): KwArgs => new Map(Object.entries(o));
