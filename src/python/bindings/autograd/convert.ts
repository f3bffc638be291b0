// Small conversions the autograd bindings share: Python values to tensors / lists of tensors /
// booleans / numbers, with the TypeErrors PyTorch raises for the wrong kind.

import { PyError } from '../../../errors';
import { Tensor } from '../../../tensor/tensor';
import { PyFloat, PyList, PyTuple, type PyValue } from '../../object';

export const truthy = (v: PyValue | undefined): boolean =>
  !(v === undefined || v === null || v === false || v === 0 || v === '' || (typeof v === 'bigint' && v === 0n) || (v instanceof PyFloat && v.v === 0));

export const optBool = (v: PyValue | undefined): boolean | null => (v === undefined || v === null ? null : truthy(v));

export function num(v: PyValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof PyFloat) return v.v;
  if (v instanceof Tensor && v.numel() === 1) return Number(v.item());
  throw new PyError('TypeError', `must be real number, not ${v === null ? 'NoneType' : typeof v}`);
}

/** A tensor or a sequence of tensors (PyTorch's `_tensor_or_tensors_to_tuple`). */
export function tensors(v: PyValue, what = 'tensors'): Tensor[] {
  if (v instanceof Tensor) return [v];
  if (v instanceof PyTuple || v instanceof PyList)
    return v.items.map((x) => {
      if (!(x instanceof Tensor)) throw new PyError('TypeError', `${what} must be a sequence of Tensors`);
      return x;
    });
  throw new PyError('TypeError', `${what} must be a Tensor or a sequence of Tensors`);
}

/** Optional gradients aligned with outputs: None, a tensor, or a sequence with None entries. */
export function optionalTensors(v: PyValue, n: number): (Tensor | null)[] {
  if (v === null || v === undefined) return new Array(n).fill(null);
  if (v instanceof Tensor) return [v];
  if (v instanceof PyTuple || v instanceof PyList) return v.items.map((x) => (x instanceof Tensor ? x : null));
  throw new PyError('TypeError', 'grad_outputs must be a Tensor or a sequence of Tensors');
}
