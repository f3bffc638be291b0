// Python subscripting of tensors: `t[idx]` and `t[idx] = v` with PyTorch's rules. Basic indices
// (int, slice, None, Ellipsis, bool scalars) become views (SelectBackward0, SliceBackward0,
// UnsqueezeBackward0, AliasBackward0 for a no-op subscript); tensor / list indices (int or bool
// masks) then apply advanced indexing (IndexBackward0), with the advanced dims placed at the first
// advanced position when adjacent, else in front — as numpy and PyTorch do. Assignment writes
// through the basic view (copy_ / fill_, so a view's base gets CopySlices) or index_put_.
//
// The bindings build an `Index[]` from the Python subscript: int → number, `a:b:c` → Slice,
// None → null, `...` → 'ellipsis', True/False → boolean, tensors and (nested) int/bool lists →
// Tensor (lists converted with torch.tensor first).

import { PyError } from '../../errors';
import { isFloating } from '../dtype';
import { checkInplace, recordInplace, recordOp, withNoGrad } from '../grad';
import { type Scalar } from '../scalar';
import { shapeList } from '../shape';
import { Tensor } from '../tensor';
import { copy_, fill_, toDtype } from './copy';
import { advancedOffsets, nonzero, putOffsets, takeOffsets } from './gather';
import { expand, select, sliceDim, unsqueeze } from './views';
import { engineWarn, internally } from '../warnings';

/** A Python slice; null fields are None. */
export class Slice {
  constructor(
    readonly start: number | null = null,
    readonly stop: number | null = null,
    readonly step: number | null = null,
  ) {}
}

export type Index = number | Slice | null | 'ellipsis' | boolean | Tensor;

interface Applied {
  view: Tensor;
  /** Advanced indices: (dim in `view`, int64 index tensor). */
  adv: { dim: number; index: Tensor }[];
}

/** Python's slice.indices(length) for a positive step. */
function sliceRange(s: Slice, size: number): [number, number, number] {
  const step = s.step ?? 1;
  if (step === 0) throw new PyError('ValueError', 'slice step cannot be zero');
  if (step < 0) throw new PyError('ValueError', 'step must be greater than zero');
  let start = s.start ?? 0;
  let stop = s.stop ?? size;
  if (start < 0) start = Math.max(start + size, 0);
  if (stop < 0) stop = Math.max(stop + size, 0);
  start = Math.min(start, size);
  stop = Math.min(Math.max(stop, start), size);
  return [start, stop, step];
}

const consumes = (ix: Index): number =>
  ix === null || ix === 'ellipsis' || typeof ix === 'boolean' ? 0 : ix instanceof Tensor ? (ix.dtype === 'bool' || ix.dtype === 'uint8' ? Math.max(ix.ndim, 1) : 1) : 1;

function apply(t: Tensor, indices: readonly Index[]): Applied {
  const used = indices.reduce<number>((a, ix) => a + consumes(ix), 0);
  if (indices.filter((ix) => ix === 'ellipsis').length > 1) throw new PyError('IndexError', 'an index can only have a single ellipsis (\'...\')');
  if (used > t.ndim) throw new PyError('IndexError', `too many indices for tensor of dimension ${t.ndim}`);
  let view = t;
  let dim = 0;
  let orig = 0; // dim of the original tensor, as PyTorch's messages count them
  const adv: Applied['adv'] = [];
  for (const ix of indices) {
    if (ix === 'ellipsis') {
      dim += t.ndim - used;
      orig += t.ndim - used;
    } else if (ix === null) {
      view = unsqueeze(view, dim);
      dim++;
    } else if (typeof ix === 'boolean') {
      // a Python bool indexes like a 0-d bool mask: a new dim of size 1 (True) or 0 (False)
      view = unsqueeze(view, dim);
      adv.push({ dim, index: Tensor.fromArray(ix ? new BigInt64Array([0n]) : new BigInt64Array(0), [ix ? 1 : 0], 'int64') });
      dim++;
    } else if (typeof ix === 'number') {
      const size = view.shape[dim];
      if (ix < -size || ix >= size) throw new PyError('IndexError', `index ${ix} is out of bounds for dimension ${orig} with size ${size}`);
      view = select(view, dim, ix);
      orig++;
    } else if (ix instanceof Slice) {
      const [s, e, st] = sliceRange(ix, view.shape[dim]);
      view = sliceDim(view, dim, s, e, st);
      dim++;
      orig++;
    } else {
      if (ix.dtype === 'bool' || ix.dtype === 'uint8') {
        if (ix.dtype === 'uint8')
          engineWarn('UserWarning', 'indexing with dtype torch.uint8 is now deprecated, please use a dtype torch.bool instead.' + internally('IndexingUtils.h:29'));
        for (let k = 0; k < ix.ndim; k++)
          if (ix.shape[k] !== view.shape[dim + k])
            throw new PyError(
              'IndexError',
              `The shape of the mask ${shapeList(ix.shape)} at index ${k} does not match the shape of the indexed tensor ${shapeList(view.shape)} at index ${dim + k}`,
            );
        if (ix.ndim === 0) {
          view = unsqueeze(view, dim);
          const on = ix.item() === true || ix.item() === 1;
          adv.push({ dim, index: Tensor.fromArray(on ? new BigInt64Array([0n]) : new BigInt64Array(0), [on ? 1 : 0], 'int64') });
          dim++;
          continue;
        }
        const nz = nonzero(ix); // [n, k]
        for (let k = 0; k < ix.ndim; k++) adv.push({ dim: dim + k, index: column(nz, k) });
        dim += ix.ndim;
        orig += ix.ndim;
      } else if (isFloating(ix.dtype)) {
        throw new PyError('IndexError', 'tensors used as indices must be long, int, byte or bool tensors');
      } else {
        adv.push({ dim, index: ix.dtype === 'int64' ? ix : toDtype(ix, 'int64') });
        dim++;
        orig++;
      }
    }
  }
  return { view, adv };
}

function column(nz: Tensor, k: number): Tensor {
  const n = nz.shape[0];
  const src = nz.storage.data as BigInt64Array;
  const out = new BigInt64Array(n);
  for (let i = 0; i < n; i++) out[i] = src[nz.offset + i * nz.strides[0] + k * nz.strides[1]];
  return Tensor.fromArray(out, [n], 'int64');
}

/**
 * PyTorch sends a one-mask write of a single value to masked_fill_, which rejects uint8 masks
 * (before the uint8-indexing deprecation warning would be given).
 */
function checkByteMaskFill(indices: readonly Index[], value: Tensor | Scalar): void {
  const one = !(value instanceof Tensor) || value.numel() === 1;
  if (one && indices.length === 1 && indices[0] instanceof Tensor && indices[0].dtype === 'uint8')
    throw new PyError('RuntimeError', 'masked_fill_ only supports boolean masks, but got mask with dtype unsigned char');
}

/** `t[indices]`. A single non-tuple index is a one-element list. */
export function getitem(t: Tensor, indices: readonly Index[]): Tensor {
  const { view, adv } = apply(t, indices);
  if (adv.length === 0) {
    if (view === t) {
      const alias = t.makeView(t.shape, t.strides, t.offset);
      recordOp('AliasBackward0', [t], [alias]);
      return alias;
    }
    return view;
  }
  const { offsets, shape } = advancedOffsets(view, adv.map((a) => a.dim), adv.map((a) => a.index));
  const out = takeOffsets(view, offsets, shape);
  const node = recordOp('IndexBackward0', [view], [out]);
  if (node !== null) node.ctx.offsets = offsets;
  return out;
}

/** `t[indices] = value` (value a tensor or Python scalar). */
export function setitem(t: Tensor, indices: readonly Index[], value: Tensor | Scalar): void {
  checkByteMaskFill(indices, value);
  const { view, adv } = apply(t, indices);
  if (adv.length === 0) {
    // PyTorch expands the value to the slot first (so its error text is expand's)
    if (value instanceof Tensor) withNoGrad(() => expand(value, view.shape));
    if (value instanceof Tensor) copy_(view, value);
    else fill_(view, value);
    return;
  }
  checkInplace(view);
  const { offsets, shape } = advancedOffsets(view, adv.map((a) => a.dim), adv.map((a) => a.index));
  putOffsets(view, offsets, shape, value);
  view.bumpVersion();
  const node = recordInplace('IndexPutBackward0', view, value instanceof Tensor ? [value] : []);
  // backward (formulas/writes.ts): the storage offsets written, the indexed shape the value broadcast to
  if (node !== null) Object.assign(node.ctx, { offsets, shape, accumulate: false });
}

/** index_put_(indices, values, accumulate): indices is a tuple of index tensors from dim 0. */
export function indexPut_(t: Tensor, indices: readonly Tensor[], values: Tensor, accumulate = false): Tensor {
  if (!accumulate) checkByteMaskFill(indices, values);
  checkInplace(t);
  const { view, adv } = apply(t, indices);
  const { offsets, shape } = advancedOffsets(view, adv.map((a) => a.dim), adv.map((a) => a.index));
  putOffsets(t, offsets, shape, values, accumulate);
  t.bumpVersion();
  const node = recordInplace('IndexPutBackward0', t, [values]);
  if (node !== null) Object.assign(node.ctx, { offsets, shape, accumulate });
  return t;
}
