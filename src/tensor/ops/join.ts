// Joining tensors: cat / stack / hstack / vstack with PyTorch's dtype promotion, shape checks,
// legacy skipping of 1-d empty inputs in cat, error texts and CatBackward0 / StackBackward0.

import { PyError } from '../../errors';
import { recordOp, withNoGrad } from '../grad';
import { promoteTypes } from '../promotion';
import { shapeList, wrapDim } from '../shape';
import { Tensor } from '../tensor';
import { castInto } from './copy';
import { sliceDim, unsqueeze } from './views';

export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  const out = catImpl(tensors, dim);
  const node = recordOp('CatBackward0', tensors, [out]);
  if (node !== null) node.ctx.dim = wrapDim(dim, out.ndim);
  return out;
}

/** cat without an autograd record (stack/hstack/vstack record against their own inputs). */
function catImpl(tensors: readonly Tensor[], dim: number): Tensor {
  if (tensors.length === 0) throw new PyError('RuntimeError', 'torch.cat(): expected a non-empty list of Tensors');
  const dtype = tensors.map((t) => t.dtype).reduce(promoteTypes);
  // legacy: 1-d tensors of size 0 are skipped whatever their shape
  const parts = tensors.filter((t) => !(t.ndim === 1 && t.shape[0] === 0));
  if (parts.length === 0) {
    return Tensor.empty([0], dtype);
  }
  const ref = parts[0];
  const d = wrapDim(dim, ref.ndim);
  parts.forEach((t, k) => {
    if (t.ndim === 0) throw new PyError('RuntimeError', `zero-dimensional tensor (at position ${tensors.indexOf(t)}) cannot be concatenated`);
    if (t.ndim !== ref.ndim) throw new PyError('RuntimeError', `Tensors must have same number of dimensions: got ${ref.ndim} and ${t.ndim}`);
    for (let i = 0; i < ref.ndim; i++)
      if (i !== d && t.shape[i] !== ref.shape[i])
        throw new PyError(
          'RuntimeError',
          `Sizes of tensors must match except in dimension ${d}. Expected size ${ref.shape[i]} but got size ${t.shape[i]} for tensor number ${tensors.indexOf(t)} in the list.`,
        );
    void k;
  });
  const shape = ref.shape.slice();
  shape[d] = parts.reduce((a, t) => a + t.shape[d], 0);
  const out = Tensor.empty(shape, dtype, ref.device);
  let start = 0;
  for (const t of parts) {
    const len = t.shape[d];
    castInto(sliceDim(out, d, start, start + len, 1), t);
    start += len;
  }
  return out;
}

export const concat = cat;
export const concatenate = cat;

export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new PyError('RuntimeError', 'stack expects a non-empty TensorList');
  const ref = tensors[0];
  tensors.forEach((t, k) => {
    if (t.ndim !== ref.ndim || t.shape.some((s, i) => s !== ref.shape[i]))
      throw new PyError('RuntimeError', `stack expects each tensor to be equal size, but got ${shapeList(ref.shape)} at entry 0 and ${shapeList(t.shape)} at entry ${k}`);
  });
  const d = wrapDim(dim, ref.ndim + 1);
  const parts = withNoGrad(() => tensors.map((t) => unsqueeze(t, d)));
  const out = catImpl(parts, d);
  const node = recordOp('StackBackward0', tensors, [out]);
  if (node !== null) node.ctx.dim = d;
  return out;
}

export function hstack(tensors: readonly Tensor[]): Tensor {
  const ts = tensors.map((t) => (t.ndim === 0 ? withNoGrad(() => unsqueeze(t, 0)) : t));
  const out = catImpl(ts, ts[0]?.ndim === 1 ? 0 : 1);
  const node = recordOp('CatBackward0', ts, [out]);
  if (node !== null) node.ctx.dim = ts[0]?.ndim === 1 ? 0 : 1;
  return out;
}

export function vstack(tensors: readonly Tensor[]): Tensor {
  const ts = tensors.map((t) => (t.ndim === 0 ? withNoGrad(() => unsqueeze(unsqueeze(t, 0), 0)) : t.ndim === 1 ? withNoGrad(() => unsqueeze(t, 0)) : t));
  const out = catImpl(ts, 0);
  const node = recordOp('CatBackward0', ts, [out]);
  if (node !== null) node.ctx.dim = 0;
  return out;
}
