// Shape and stride arithmetic shared by every op: row-major strides, contiguity, dim wrapping,
// broadcasting, `-1` inference and PyTorch's view-compatibility rule (computeStride). Pure
// functions on number arrays; errors carry PyTorch's exact texts and Python types.

import { PyError } from '../errors';

export type Shape = readonly number[];

export function numelOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides of a fresh tensor (size-0/1 dims get the stride they would have anyway). */
export function contiguousStrides(shape: Shape): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= Math.max(shape[i], 1);
  }
  return s;
}

/** PyTorch's is_contiguous(): size-1 dims are ignored; empty tensors are contiguous. */
export function isContiguousLayout(shape: Shape, strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i];
    if (d === 0) return true;
    if (d !== 1) {
      if (strides[i] !== expected) return false;
      expected *= d;
    }
  }
  return true;
}

/** Python tuple text of a shape: `(2, 3)`, `(5,)`, `()`. */
export const shapeTuple = (shape: Shape): string => (shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`);
/** PyTorch's IntArrayRef text: `[2, 3]`. */
export const shapeList = (shape: Shape): string => `[${shape.join(', ')}]`;

/**
 * Wrap a possibly negative dim into [0, ndim). A 0-d tensor accepts dims -1 and 0 (PyTorch's
 * wrap_scalar). Throws PyTorch's IndexError otherwise.
 */
export function wrapDim(dim: number, ndim: number, wrapScalar = true): number {
  let n = ndim;
  if (n <= 0) {
    if (!wrapScalar) throw new PyError('IndexError', `Dimension specified as ${dim} but tensor has no dimensions`);
    n = 1;
  }
  const lo = -n;
  const hi = n - 1;
  if (dim < lo || dim > hi)
    throw new PyError('IndexError', `Dimension out of range (expected to be in range of [${lo}, ${hi}], but got ${dim})`);
  return dim < 0 ? dim + n : dim;
}

/** Wrap a list of reduction dims; duplicate dims raise PyTorch's error. Returns a bitmask-like set. */
export function wrapDims(dims: readonly number[], ndim: number): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  for (const d of dims) {
    const w = wrapDim(d, ndim);
    if (seen.has(w)) throw new PyError('RuntimeError', `dim ${w} appears multiple times in the list of dims`);
    seen.add(w);
    out.push(w);
  }
  return out;
}

/** Broadcast two shapes (tensor a, tensor b) with PyTorch's error text. */
export function broadcastShapes(a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    const ia = i - (n - a.length);
    const ib = i - (n - b.length);
    const da = ia >= 0 ? a[ia] : 1;
    const db = ib >= 0 ? b[ib] : 1;
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else
      throw new PyError(
        'RuntimeError',
        `The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`,
      );
  }
  return out;
}

export function broadcastAll(shapes: readonly Shape[]): number[] {
  let out: number[] = shapes.length ? shapes[0].slice() : [];
  for (let i = 1; i < shapes.length; i++) out = broadcastShapes(out, shapes[i]);
  return out;
}

/** Strides that read a (shape, strides) tensor as if expanded to `outShape` (0 on broadcast dims). */
export function broadcastStrides(shape: Shape, strides: readonly number[], outShape: Shape): number[] {
  const n = outShape.length;
  const off = n - shape.length;
  const out = new Array<number>(n).fill(0);
  for (let i = 0; i < shape.length; i++) out[i + off] = shape[i] === 1 && outShape[i + off] !== 1 ? 0 : strides[i];
  return out;
}

/** Resolve one `-1` in a requested shape (view/reshape) against `numel`, with PyTorch's errors. */
export function inferSize(shape: readonly number[], numel: number): number[] {
  let newSize = 1;
  let inferDim = -1;
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i];
    if (d === -1) {
      if (inferDim >= 0) throw new PyError('RuntimeError', 'only one dimension can be inferred');
      inferDim = i;
    } else if (d >= 0) newSize *= d;
    else throw new PyError('RuntimeError', `invalid shape dimension ${d}`);
  }
  const ok = numel === newSize || (inferDim >= 0 && newSize > 0 && numel % newSize === 0);
  if (!ok) throw new PyError('RuntimeError', `shape '${shapeList(shape)}' is invalid for input of size ${numel}`);
  const out = shape.slice();
  if (inferDim >= 0) {
    // PyTorch: "cannot reshape tensor of 0 elements into shape [0, -1] because the unspecified
    // dimension size -1 can be any value and is ambiguous"
    if (newSize === 0)
      throw new PyError(
        'RuntimeError',
        `cannot reshape tensor of 0 elements into shape ${shapeList(shape)} because the unspecified dimension size -1 can be any value and is ambiguous`,
      );
    out[inferDim] = numel / newSize;
  }
  return out;
}

/**
 * PyTorch's at::detail::computeStride: the strides that let (oldShape, oldStrides) be viewed as
 * newShape without copying, or null when some new dim would span two non-contiguous chunks.
 */
export function computeViewStrides(oldShape: Shape, oldStrides: readonly number[], newShape: Shape): number[] | null {
  const newStrides = new Array<number>(newShape.length);
  if (oldShape.length === 0) return newStrides.fill(1);
  const numel = numelOf(oldShape);
  if (numel === 0) {
    if (oldShape.length === newShape.length && oldShape.every((d, i) => d === newShape[i])) return oldStrides.slice();
    return contiguousStrides(newShape);
  }
  let viewD = newShape.length - 1;
  let chunkBaseStride = oldStrides[oldStrides.length - 1];
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let tensorD = oldShape.length - 1; tensorD >= 0; tensorD--) {
    tensorNumel *= oldShape[tensorD];
    if (tensorD === 0 || (oldShape[tensorD - 1] !== 1 && oldStrides[tensorD - 1] !== tensorNumel * chunkBaseStride)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBaseStride;
        viewNumel *= newShape[viewD];
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (tensorD > 0) {
        chunkBaseStride = oldStrides[tensorD - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return newStrides;
}

/** Parse size arguments given as varargs or one tuple/list: zeros(2, 3) == zeros((2, 3)). */
export function sizeArgs(args: readonly (number | readonly number[])[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return (args[0] as readonly number[]).slice();
  return (args as readonly number[]).slice();
}

export function checkSizeNonNegative(shape: Shape): void {
  for (const d of shape)
    if (d < 0) throw new PyError('RuntimeError', `Trying to create tensor with negative dimension ${d}: ${shapeList(shape)}`);
}

/** True when the strides cover exactly numel elements with no overlap (some permutation of a
 * contiguous layout): PyTorch's is_non_overlapping_and_dense, which decides whether clone() and
 * .to() keep the input's strides (memory_format=preserve). */
export function isNonOverlappingAndDense(shape: Shape, strides: readonly number[]): boolean {
  const n = shape.length;
  if (n === 1) return shape[0] < 2 || strides[0] === 1;
  const perm = shape.map((_, i) => i);
  perm.sort((a, b) => {
    if (shape[a] < 2) return 1;
    if (shape[b] < 2) return -1;
    return strides[a] - strides[b];
  });
  let required = 1;
  for (const d of perm) {
    const size = shape[d];
    if (size < 2) return true;
    if (strides[d] !== required) return false;
    required *= size;
  }
  return true;
}
