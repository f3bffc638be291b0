// Shared machinery for the built-in layers (nn.Linear, nn.Conv2d, ...): each layer is a PyType
// subclassing ModuleType whose `__init__`, `forward`, `extra_repr` (and sometimes
// `reset_parameters`) are native functions with PyTorch's signatures. Constructor arguments are
// stored in the instance `__dict__` under PyTorch's names (`in_features`, `eps`, ...), so scripts
// read them as attributes and extra_repr prints them from there. Helpers here create parameters,
// format values the way PyTorch's f-strings do, and check argument types.

import { PyError, typeError } from '../../errors';
import { pyFloatRepr } from '../../python/numfmt';
import {
  type KwArgs, PyBuiltinFunction, PyFloat, PyTuple, PyType, type PyValue, getattr, makeType,
} from '../../python/object';
import type { DType } from '../../tensor/dtype';
import { getDefaultDtype } from '../../tensor/promotion';
import { Tensor } from '../../tensor/tensor';
import { makeParameter } from '../bridge';
import { Module, ModuleType } from '../module';
import { defineMethod } from '../module_methods';

export { defineMethod };

/** A built-in layer class: `nn.Linear` is `layerType('Linear', 'torch.nn.modules.linear')`. */
export function layerType(name: string, module: string, base: PyType = ModuleType): PyType {
  return makeType(name, [base], module);
}

/** A fresh Parameter of `shape` (zeros until an initialiser fills it). */
export function newParameter(shape: readonly number[], dtype: DType = getDefaultDtype(), requiresGrad = true): Tensor {
  return makeParameter(Tensor.empty(shape, dtype), requiresGrad);
}

/** The `dtype=` factory argument of a layer: None → torch's default dtype; a torch.dtype object
 * (the bindings' TorchDtype, read structurally: its engine dtype) otherwise. Random default init
 * exists for float32/float64 only; other dtypes are refused rather than filled wrongly. */
export function factoryDtype(v: PyValue, random = true): DType {
  if (v === null) return getDefaultDtype();
  const d = (v as { engine?: DType | null }).engine;
  if (typeof d !== 'string') throw typeError(`dtype must be a torch.dtype, not ${typeName(v)}`);
  if (random && d !== 'float32' && d !== 'float64') {
    throw new PyError('NotImplementedError', `default initialisation of ${d} layers is not supported by this engine`);
  }
  return d;
}

/** The dtype a default initialiser draws in for this parameter (float64 layers draw doubles). */
export const initDtype = (t: Tensor | null): 'float32' | 'float64' => (t !== null && t.dtype === 'float64' ? 'float64' : 'float32');

/** Copy initialiser output (flat, row-major) into a fresh contiguous tensor. `writes` is the number
 * of in-place ops PyTorch's initialiser runs on it (kaiming_uniform_ is one; Embedding's normal_
 * then the padding row's fill_ is two): each bumps `_version`, as in PyTorch. */
export function fill(t: Tensor, data: ArrayLike<number>, writes = 1): void {
  (t.storage.data as Float64Array).set(data as Float64Array);
  for (let i = 0; i < writes; i++) t.bumpVersion();
}

/** `nn.init.constant_`-style fill (ones_/zeros_/fill_ under no_grad): one in-place write. */
export function fillConst(t: Tensor | null, v: number): void {
  if (t === null) return;
  const d = t.storage.data as Float64Array | BigInt64Array;
  if (d instanceof BigInt64Array) d.fill(BigInt(v), t.offset, t.offset + t.numel());
  else d.fill(v, t.offset, t.offset + t.numel());
  t.bumpVersion();
}

/** Python's `str()` of a simple value as PyTorch's extra_repr f-strings print it. */
export function fmt(v: PyValue): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'string') return v;
  if (v instanceof PyFloat) return pyFloatRepr(v.v);
  if (v instanceof PyTuple) return v.items.length === 1 ? `(${fmt(v.items[0])},)` : `(${v.items.map(fmt).join(', ')})`;
  return String(v);
}

/** `repr()` of a str as an f-string's `{x!r}` prints it. */
export const reprStr = (s: string): string => `'${s}'`;

/** Read an attribute stored by __init__ (instance dict first, through Python lookup). */
export const attr = (m: Module, name: string): PyValue => {
  const d = m.dict!;
  return d.has(name) ? (d.get(name) as PyValue) : null;
};

export function asInt(v: PyValue, what: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw typeError(`${what} must be int, not ${v === null ? 'NoneType' : typeof v}`);
}

export function asFloat(v: PyValue): number {
  if (v instanceof PyFloat) return v.v;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw typeError(`must be real number, not ${v === null ? 'NoneType' : typeof v}`);
}

export const truthy = (v: PyValue): boolean => !(v === null || v === false || v === 0 || v === '');

/** The `Tensor` input of a forward (a clear TypeError otherwise, in torch's wording). */
export function tensorArg(v: PyValue, fn: string, name = 'input', pos = 1): Tensor {
  if (v instanceof Tensor) return v;
  throw typeError(`${fn}(): argument '${name}' (position ${pos}) must be Tensor, not ${typeName(v)}`);
}

function typeName(v: PyValue): string {
  if (v === null) return 'NoneType';
  if (typeof v === 'number') return 'int';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof PyFloat) return 'float';
  if (v instanceof PyTuple) return 'tuple';
  return (v as { constructor?: { name?: string } }).constructor?.name ?? 'object';
}

/** A required tensor argument of a kernel (e.g. a Linear weight set to None by an override):
 * torch's argument-parser TypeError. */
export function required(t: Tensor | null, fn: string, name: string, pos: number): Tensor {
  if (t !== null) return t;
  throw typeError(`${fn}(): argument '${name}' (position ${pos}) must be Tensor, not NoneType`);
}

/** A parameter/buffer read through Python (so parametrizations and functional_call overrides apply). */
export async function tensorAttr(m: Module, name: string): Promise<Tensor | null> {
  const v = await getattr(m, name);
  if (v === null || v instanceof Tensor) return v;
  throw typeError(`'${name}' must be a Tensor or None`);
}

/** A forward whose kernel has not landed in the tensor engine yet: a clear, named error. */
export function pendingForward(T: PyType, opName: string): void {
  T.dict!.set(
    'forward',
    new PyBuiltinFunction('forward', (): PyValue => {
      throw new PyError('NotImplementedError', `${T.name}.forward: the '${opName}' kernel is not available in this engine yet`);
    }),
  );
}

export type { KwArgs };
