// View ops: new Tensors over the same storage and version counter, with PyTorch's shape checks,
// error texts and grad_fn names (ViewBackward0, TBackward0, PermuteBackward0, ...). Ops that copy
// when a view is impossible (reshape, flatten, contiguous) fall back to clone() and record what
// PyTorch records then (UnsafeViewBackward0 over CloneBackward0).

import { PyError } from '../../errors';
import { recordOp } from '../grad';
import { computeViewStrides, inferSize, numelOf, shapeList, wrapDim, wrapDims } from '../shape';
import { Tensor } from '../tensor';
import { clone } from './copy';
import { engineWarnOnce, internally } from '../warnings';

function viewOf(t: Tensor, shape: readonly number[], strides: readonly number[], offset: number, grad: string | null): Tensor {
  const v = t.makeView(shape, strides, offset);
  if (grad !== null) recordOp(grad, [t], [v]);
  return v;
}

export function view(t: Tensor, shape: readonly number[]): Tensor {
  const s = inferSize(shape, t.numel());
  const st = computeViewStrides(t.shape, t.strides, s);
  if (st === null)
    throw new PyError(
      'RuntimeError',
      "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
    );
  return viewOf(t, s, st, t.offset, 'ViewBackward0');
}

export function reshape(t: Tensor, shape: readonly number[]): Tensor {
  const s = inferSize(shape, t.numel());
  const st = computeViewStrides(t.shape, t.strides, s);
  if (st !== null) return viewOf(t, s, st, t.offset, 'ViewBackward0');
  // copy path: _unsafe_view(clone(memory_format=contiguous), shape)
  const c = clone(t, true);
  const out = new Tensor(c.storage, s, undefined, 0, c.versionCounter);
  recordOp('UnsafeViewBackward0', [c], [out]);
  return out;
}

export const viewAs = (t: Tensor, other: Tensor): Tensor => view(t, other.shape);
export const reshapeAs = (t: Tensor, other: Tensor): Tensor => reshape(t, other.shape);

export function flatten(t: Tensor, startDim = 0, endDim = -1): Tensor {
  if (t.ndim === 0) return reshape(t, [1]);
  const s = wrapDim(startDim, t.ndim);
  const e = wrapDim(endDim, t.ndim);
  if (s > e) throw new PyError('RuntimeError', 'flatten() has invalid args: start_dim cannot come after end_dim');
  if (s === e) return t;
  const shape = [...t.shape.slice(0, s), numelOf(t.shape.slice(s, e + 1)), ...t.shape.slice(e + 1)];
  return reshape(t, shape);
}

export function unflatten(t: Tensor, dim: number, sizes: readonly number[]): Tensor {
  const d = wrapDim(dim, t.ndim);
  if (sizes.length === 0) throw new PyError('RuntimeError', 'unflatten: sizes must be non-empty');
  const inferred = sizes.filter((x) => x === -1).length;
  const prod = sizes.reduce((a, b) => (b === -1 ? a : a * b), 1);
  if ((inferred === 0 && prod !== t.shape[d]) || (inferred === 1 && (prod === 0 || t.shape[d] % prod !== 0)))
    throw new PyError(
      'RuntimeError',
      `unflatten: Provided sizes ${shapeList(sizes)} don't multiply up to the size of dim ${dim} (${t.shape[d]}) in the input tensor`,
    );
  const filled = sizes.map((x) => (x === -1 ? t.shape[d] / prod : x));
  return view(t, [...t.shape.slice(0, d), ...filled, ...t.shape.slice(d + 1)]);
}

function swapped(t: Tensor, d0: number, d1: number, grad: string): Tensor {
  const shape = t.shape.slice();
  const strides = t.strides.slice();
  [shape[d0], shape[d1]] = [shape[d1], shape[d0]];
  [strides[d0], strides[d1]] = [strides[d1], strides[d0]];
  return viewOf(t, shape, strides, t.offset, grad);
}

export function transpose(t: Tensor, dim0: number, dim1: number): Tensor {
  const a = wrapDim(dim0, t.ndim);
  const b = wrapDim(dim1, t.ndim);
  return swapped(t, a, b, 'TransposeBackward0');
}

/** Tensor.t(): ≤2-d only. */
export function t_(t: Tensor): Tensor {
  if (t.ndim > 2) throw new PyError('RuntimeError', `t() expects a tensor with <= 2 dimensions, but self is ${t.ndim}D`);
  if (t.ndim < 2) return viewOf(t, t.shape, t.strides, t.offset, 'TBackward0');
  return swapped(t, 0, 1, 'TBackward0');
}

/** Tensor.T: reverses all dims (PermuteBackward0). */
export function T(t: Tensor): Tensor {
  if (t.ndim === 0)
    engineWarnOnce('UserWarning', 'Tensor.T is deprecated on 0-D tensors. This function is the identity in these cases.' + internally('TensorShape.cpp:3733'));
  else if (t.ndim !== 2)
    engineWarnOnce(
      'UserWarning',
      'The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated and it will throw an error in a future release. Consider `x.mT` to transpose batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a tensor.' +
        internally('TensorShape.cpp:3725'),
    );
  return permute(t, t.shape.map((_, i) => t.ndim - 1 - i));
}

/** Tensor.mT: transpose of the last two dims. */
export function mT(t: Tensor): Tensor {
  if (t.ndim < 2) throw new PyError('RuntimeError', `tensor.mT is only supported on matrices or batches of matrices. Got ${t.ndim}-D tensor.`);
  return transpose(t, -2, -1);
}

export function permute(t: Tensor, dims: readonly number[]): Tensor {
  if (dims.length !== t.ndim)
    throw new PyError(
      'RuntimeError',
      `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${t.ndim} is not equal to len(dims) = ${dims.length}`,
    );
  const w = dims.map((d) => wrapDim(d, t.ndim));
  if (new Set(w).size !== w.length) throw new PyError('RuntimeError', 'permute(): duplicate dims are not allowed.');
  return viewOf(t, w.map((d) => t.shape[d]), w.map((d) => t.strides[d]), t.offset, 'PermuteBackward0');
}

/** movedim / moveaxis: move dims `source` to positions `destination` (ints or equal-length lists);
 * the other dims keep their relative order. */
export function movedim(t: Tensor, source: number | readonly number[], destination: number | readonly number[]): Tensor {
  const src = typeof source === 'number' ? [source] : source;
  const dst = typeof destination === 'number' ? [destination] : destination;
  if (src.length !== dst.length)
    throw new PyError(
      'RuntimeError',
      `movedim: Invalid source or destination dims: source (${shapeList(src)} dims) should contain the same number of dims as destination (${shapeList(dst)} dims)`,
    );
  const s = src.map((d) => wrapDim(d, t.ndim));
  const d = dst.map((x) => wrapDim(x, t.ndim));
  if (new Set(s).size !== s.length) throw new PyError('RuntimeError', `movedim: repeated dim in \`source\` (${shapeList(src)})`);
  if (new Set(d).size !== d.length) throw new PyError('RuntimeError', `movedim: repeated dim in \`destination\` (${shapeList(dst)})`);
  const order = new Array<number>(Math.max(t.ndim, 1)).fill(-1);
  s.forEach((x, k) => (order[d[k]] = x));
  const restSrc = t.shape.map((_, i) => i).filter((i) => !s.includes(i));
  let r = 0;
  for (let i = 0; i < t.ndim; i++) if (order[i] === -1) order[i] = restSrc[r++];
  return permute(t, t.ndim === 0 ? [] : order);
}
export const moveaxis = movedim;

/** swapaxes / swapdims: aliases of transpose. */
export const swapaxes = (t: Tensor, a: number, b: number): Tensor => transpose(t, a, b);
export const swapdims = swapaxes;

export function unsqueeze(t: Tensor, dim: number): Tensor {
  const d = wrapDim(dim, t.ndim + 1);
  const shape = t.shape.slice();
  const strides = t.strides.slice();
  const st = d < t.ndim ? t.shape[d] * t.strides[d] : 1;
  shape.splice(d, 0, 1);
  strides.splice(d, 0, st);
  return viewOf(t, shape, strides, t.offset, 'UnsqueezeBackward0');
}

/** squeeze(): all size-1 dims; squeeze(d): that dim; squeeze([d...]): those dims. */
export function squeeze(t: Tensor, dim?: number | readonly number[]): Tensor {
  let drop: Set<number>;
  let grad: string;
  if (dim === undefined) {
    drop = new Set(t.shape.map((s, i) => (s === 1 ? i : -1)).filter((i) => i >= 0));
    grad = 'SqueezeBackward0';
  } else if (typeof dim === 'number') {
    const d = wrapDim(dim, t.ndim);
    drop = new Set(t.ndim > 0 && t.shape[d] === 1 ? [d] : []);
    grad = 'SqueezeBackward1';
  } else {
    drop = new Set(wrapDims(dim, t.ndim).filter((d) => t.ndim > 0 && t.shape[d] === 1));
    grad = 'SqueezeBackward2';
  }
  const shape = t.shape.filter((_, i) => !drop.has(i));
  const strides = t.strides.filter((_, i) => !drop.has(i));
  return viewOf(t, shape, strides, t.offset, grad);
}

export function expand(t: Tensor, sizes: readonly number[]): Tensor {
  if (sizes.length < t.ndim)
    throw new PyError(
      'RuntimeError',
      `expand(${t.dtype === 'float32' ? 'torch.FloatTensor' : 'torch.Tensor'}{${shapeList(t.shape)}}, size=${shapeList(sizes)}): the number of sizes provided (${sizes.length}) must be greater or equal to the number of dimensions in the tensor (${t.ndim})`,
    );
  const n = sizes.length;
  const off = n - t.ndim;
  const shape = new Array<number>(n);
  const strides = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    const j = i - off;
    let size = sizes[i];
    if (j < 0) {
      if (size < 0) throw new PyError('RuntimeError', `The expanded size of the tensor (${size}) isn't allowed in a leading, non-existing dimension ${i}`);
      shape[i] = size;
      strides[i] = 0;
      continue;
    }
    if (size === -1) size = t.shape[j];
    if (t.shape[j] !== size) {
      if (t.shape[j] !== 1)
        throw new PyError(
          'RuntimeError',
          `The expanded size of the tensor (${size}) must match the existing size (${t.shape[j]}) at non-singleton dimension ${i}.  Target sizes: ${shapeList(sizes)}.  Tensor sizes: ${shapeList(t.shape)}`,
        );
      shape[i] = size;
      strides[i] = 0;
    } else {
      shape[i] = size;
      strides[i] = t.strides[j];
    }
  }
  return viewOf(t, shape, strides, t.offset, 'ExpandBackward0');
}

export const expandAs = (t: Tensor, other: Tensor): Tensor => expand(t, other.shape);

export function narrow(t: Tensor, dim: number, start: number, length: number): Tensor {
  const d = wrapDim(dim, t.ndim);
  const size = t.shape[d];
  if (start < -size || start > size)
    throw new PyError('IndexError', `start out of range (expected to be in range of [${-size}, ${size}], but got ${start})`);
  const s = start < 0 ? start + size : start;
  if (s + length > size) throw new PyError('RuntimeError', `start (${s}) + length (${length}) exceeds dimension size (${size}).`);
  return sliceDim(t, d, s, s + length, 1);
}

export function select(t: Tensor, dim: number, index: number): Tensor {
  if (t.ndim === 0) throw new PyError('IndexError', 'select() cannot be applied to a 0-dim tensor.');
  const d = wrapDim(dim, t.ndim);
  const size = t.shape[d];
  if (index < -size || index >= size)
    throw new PyError('IndexError', `select(): index ${index} out of range for tensor of size ${shapeList(t.shape)} at dimension ${d}`);
  const i = index < 0 ? index + size : index;
  const shape = t.shape.filter((_, k) => k !== d);
  const strides = t.strides.filter((_, k) => k !== d);
  return viewOf(t, shape, strides, t.offset + i * t.strides[d], 'SelectBackward0');
}

/**
 * t[start:end:step] along `dim` with Python slice semantics (None = undefined; clamping).
 * Records SliceBackward0.
 */
export function slice(t: Tensor, dim: number, start?: number | null, end?: number | null, step = 1): Tensor {
  const d = wrapDim(dim, t.ndim);
  if (step <= 0) {
    if (step === 0) throw new PyError('ValueError', 'slice step cannot be zero');
    throw new PyError('ValueError', 'step must be greater than zero');
  }
  const size = t.shape[d];
  let s = start ?? 0;
  let e = end ?? size;
  if (s < 0) s += size;
  if (e < 0) e += size;
  s = Math.min(Math.max(s, 0), size);
  e = Math.min(Math.max(e, s), size);
  return sliceDim(t, d, s, e, step);
}

/** Normalised slice: 0 ≤ start ≤ end ≤ size, step > 0. */
export function sliceDim(t: Tensor, d: number, start: number, end: number, step: number): Tensor {
  const shape = t.shape.slice();
  const strides = t.strides.slice();
  shape[d] = Math.max(0, Math.ceil((end - start) / step));
  strides[d] = t.strides[d] * step;
  return viewOf(t, shape, strides, t.offset + start * t.strides[d], 'SliceBackward0');
}

export function diagonal(t: Tensor, offset = 0, dim1 = 0, dim2 = 1): Tensor {
  const a = wrapDim(dim1, t.ndim);
  const b = wrapDim(dim2, t.ndim);
  if (a === b) throw new PyError('RuntimeError', `diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  let off = t.offset;
  let len: number;
  if (offset >= 0) {
    len = Math.max(Math.min(t.shape[a], t.shape[b] - offset), 0);
    off += offset * t.strides[b];
  } else {
    len = Math.max(Math.min(t.shape[a] + offset, t.shape[b]), 0);
    off -= offset * t.strides[a];
  }
  if (len === 0) off = t.offset;
  const shape = t.shape.filter((_, i) => i !== a && i !== b);
  const strides = t.strides.filter((_, i) => i !== a && i !== b);
  shape.push(len);
  strides.push(t.strides[a] + t.strides[b]);
  return viewOf(t, shape, strides, off, 'DiagonalBackward0');
}

export function asStrided(t: Tensor, size: readonly number[], stride: readonly number[], storageOffset?: number): Tensor {
  if (size.length !== stride.length)
    throw new PyError('RuntimeError', `mismatch in length of strides and shape`);
  const off = storageOffset ?? t.offset;
  let maxIdx = off;
  for (let i = 0; i < size.length; i++) if (size[i] > 0) maxIdx += (size[i] - 1) * stride[i];
  if (numelOf(size) > 0 && maxIdx >= t.storage.size)
    throw new PyError(
      'RuntimeError',
      `setStorage: sizes ${shapeList(size)}, strides ${shapeList(stride)}, storage offset ${off}, and itemsize ${4} requiring a storage size of ${(maxIdx + 1) * 4} are out of bounds for storage of size ${t.storage.size * 4}`,
    );
  return viewOf(t, size, stride, off, 'AsStridedBackward0');
}

/** Tensor.unfold(dimension, size, step): every window of `size` along `dimension`, `step` apart,
 * as a new last dim — a view (UnfoldBackward0; the gradient scatter-adds overlapping windows). */
export function unfold(t: Tensor, dimension: number, size: number, step: number): Tensor {
  const d = wrapDim(dimension, t.ndim);
  const n = t.ndim === 0 ? 1 : t.shape[d];
  if (size > n) throw new PyError('RuntimeError', `maximum size for tensor at dimension ${d} is ${n} but size is ${size}`);
  if (step <= 0) throw new PyError('RuntimeError', `step is ${step} but must be > 0`);
  if (t.ndim === 0) return viewOf(t, [size], [1], t.offset, 'UnfoldBackward0');
  const shape = t.shape.slice();
  const strides = t.strides.slice();
  shape[d] = Math.floor((n - size) / step) + 1;
  strides[d] = t.strides[d] * step;
  return viewOf(t, [...shape, size], [...strides, t.strides[d]], t.offset, 'UnfoldBackward0');
}

/** unbind(dim): one SelectBackward-like view per index, all sharing one UnbindBackward0 node. */
export function unbind(t: Tensor, dim = 0): Tensor[] {
  const d = wrapDim(dim, t.ndim);
  const shape = t.shape.filter((_, k) => k !== d);
  const strides = t.strides.filter((_, k) => k !== d);
  const outs: Tensor[] = [];
  for (let i = 0; i < t.shape[d]; i++) outs.push(t.makeView(shape, strides, t.offset + i * t.strides[d]));
  recordOp('UnbindBackward0', [t], outs);
  return outs;
}

/** split(split_size_or_sections, dim): views; SplitBackward0 or SplitWithSizesBackward0. */
export function split(t: Tensor, sizeOrSections: number | readonly number[], dim = 0): Tensor[] {
  const d = wrapDim(dim, t.ndim);
  const size = t.shape[d];
  const outs: Tensor[] = [];
  const make = (start: number, len: number): Tensor => {
    const shape = t.shape.slice();
    shape[d] = len;
    return t.makeView(shape, t.strides, t.offset + start * t.strides[d]);
  };
  if (typeof sizeOrSections === 'number') {
    const s = sizeOrSections;
    if (s < 0) throw new PyError('RuntimeError', `split expects split_size be non-negative, but got split_size=${s}`);
    if (s === 0 && size !== 0) throw new PyError('RuntimeError', `split_size can only be 0 if dimension size is 0, but got dimension size of ${size}`);
    const n = s === 0 ? 1 : Math.max(1, Math.ceil(size / s));
    for (let i = 0; i < n; i++) outs.push(make(i * s, Math.min(s, size - i * s)));
    recordOp('SplitBackward0', [t], outs);
    return outs;
  }
  const total = sizeOrSections.reduce((a, b) => a + b, 0);
  if (total !== size)
    throw new PyError(
      'RuntimeError',
      `split_with_sizes expects split_sizes to sum exactly to ${size} (input tensor's size at dimension ${d}), but got split_sizes=${shapeList(sizeOrSections)}`,
    );
  let start = 0;
  for (const len of sizeOrSections) {
    outs.push(make(start, len));
    start += len;
  }
  recordOp('SplitWithSizesBackward0', [t], outs);
  return outs;
}

export function chunk(t: Tensor, chunks: number, dim = 0): Tensor[] {
  if (chunks <= 0) throw new PyError('RuntimeError', `chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const d = wrapDim(dim, t.ndim);
  const size = t.shape[d];
  const s = Math.ceil(size / chunks);
  if (s === 0 && size === 0) return split(t, 0, d);
  return split(t, s, d);
}

/** detach(): shares storage and version counter, no autograd history, not a view. */
export function detach(t: Tensor): Tensor {
  return new Tensor(t.storage, t.shape, t.strides, t.offset, t.versionCounter);
}

/** `.data`: shares storage but with a fresh version counter (PyTorch's variable_data). */
export function dataOf(t: Tensor): Tensor {
  return new Tensor(t.storage, t.shape, t.strides, t.offset);
}

/** contiguous(): the tensor itself when already contiguous, else a CloneBackward0 copy. */
export function contiguous(t: Tensor): Tensor {
  return t.isContiguous() ? t : clone(t, true);
}
