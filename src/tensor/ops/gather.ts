// Index-driven ops on the CPU: index_select, gather, scatter / scatter_add (+ in place),
// masked_select, nonzero, and the advanced-indexing kernels getitem/setitem build on
// (indexGather / indexPut). They work on storage offsets (cpu/strided.elementOffsets) so they
// serve every dtype with one code path; values move between same-dtype typed arrays.

import { PyError } from '../../errors';
import { allocStorageArray } from '../dtype';
import { checkInplace, recordInplace, recordOp, type GradNode } from '../grad';
import { type Scalar } from '../scalar';
import { Storage } from '../storage';
import { broadcastAll, broadcastStrides, shapeList, wrapDim } from '../shape';
import { Tensor } from '../tensor';
import { elementOffsets } from '../cpu/strided';
import { castInto, clone, toDtype } from './copy';
import { scalarTensor } from './elementwise';
import { expand } from './views';
import { onHost, placeLike } from './dimrows';
import { withNoGrad } from '../grad';
import { scalarWrappedDtype } from '../scalar';

type Arr = { [i: number]: number | bigint };

/** Index values as JS numbers (int64/int32/... index tensors). */
export function indexValues(idx: Tensor): number[] {
  const d = idx.dataSync();
  const out = new Array<number>(d.length);
  for (let i = 0; i < d.length; i++) out[i] = Number(d[i]);
  return out;
}

function checkIndexDtype(op: string, idx: Tensor): void {
  if (idx.dtype !== 'int64') throw new PyError('RuntimeError', `${op}(): Expected dtype int64 for index`);
}

export function indexSelect(t: Tensor, dim: number, index: Tensor): Tensor {
  if (index.ndim > 1) throw new PyError('IndexError', 'index_select(): Index is supposed to be a vector');
  if (index.dtype !== 'int64' && index.dtype !== 'int32')
    throw new PyError('RuntimeError', `index_select(): Expected dtype int32 or int64 for index`);
  const d = wrapDim(dim, t.ndim);
  const idx = indexValues(index);
  const size = t.ndim === 0 ? 1 : t.shape[d];
  for (const i of idx) if (i < 0 || i >= size) throw new PyError('IndexError', 'index out of range in self');
  const shape = t.shape.slice();
  if (t.ndim > 0) shape[d] = idx.length;
  const out = Tensor.empty(shape, t.dtype);
  if (t.ndim > 0) {
    const srcStrides = t.strides;
    const outStrides = out.strides;
    const innerShape = t.shape.filter((_, k) => k !== d);
    const sOff = elementOffsets(0, innerShape, srcStrides.filter((_, k) => k !== d));
    const oOff = elementOffsets(0, innerShape, outStrides.filter((_, k) => k !== d));
    const src = t.storage.dataForRead as Arr;
    const dst = out.storage.data as Arr;
    idx.forEach((i, j) => {
      const sb = t.offset + i * srcStrides[d];
      const ob = j * outStrides[d];
      for (let k = 0; k < sOff.length; k++) dst[ob + oOff[k]] = src[sb + sOff[k]];
    });
  } else castInto(out, t);
  const res = placeLike(out, t);
  const node = recordOp('IndexSelectBackward0', [t], [res]);
  // backward scatter-adds into the input elements each output element read (formulas/views.ts)
  if (node !== null) node.ctx.offsets = readOffsets(t, d, idx, out);
  return res;
}

/** Shared walk of gather/scatter: for every element of `index`, the offset in `self` along dim. */
function scatterWalk(self: Tensor, dim: number, index: Tensor, op: string, f: (selfOff: number, k: number) => void): void {
  const d = wrapDim(dim, self.ndim);
  if (index.ndim !== self.ndim && !(index.ndim <= 1 && self.ndim <= 1))
    throw new PyError('RuntimeError', `Index tensor must have the same number of dimensions as ${op === 'gather' ? 'input' : 'self'} tensor`);
  const idx = index.dataSync();
  const n = idx.length;
  const shape = index.shape;
  const nd = shape.length;
  const pos = new Array<number>(nd).fill(0);
  const size = self.ndim === 0 ? 1 : self.shape[d];
  for (let k = 0; k < n; k++) {
    const i = Number(idx[k]);
    if (i < -size || i >= size) throw new PyError('RuntimeError', `index ${i} is out of bounds for dimension ${d} with size ${size}`);
    let off = self.offset;
    for (let ax = 0; ax < nd; ax++) off += (ax === d ? (i < 0 ? i + size : i) : pos[ax]) * (self.strides[ax] ?? 0);
    f(off, k);
    for (let ax = nd - 1; ax >= 0; ax--) {
      if (++pos[ax] < shape[ax]) break;
      pos[ax] = 0;
    }
  }
}

export function gather(t: Tensor, dim: number, index: Tensor): Tensor {
  checkIndexDtype('gather', index);
  const out = Tensor.empty(index.shape, t.dtype);
  const src = t.storage.dataForRead as Arr;
  const dst = out.storage.data as Arr;
  const offsets = new Float64Array(index.numel());
  scatterWalk(t, dim, index, 'gather', (off, k) => {
    dst[k] = src[off];
    offsets[k] = off;
  });
  const res = placeLike(out, t);
  const node = recordOp('GatherBackward0', [t], [res]);
  if (node !== null) node.ctx.offsets = offsets;
  return res;
}

function scatterInto(self: Tensor, dim: number, index: Tensor, src: Tensor | Scalar, add: boolean): void {
  checkIndexDtype(add ? 'scatter_add' : 'scatter', index);
  const dst = self.storage.data as Arr;
  let values: Arr;
  let valueAt: (k: number) => number | bigint;
  if (src instanceof Tensor) {
    if (src.dtype !== self.dtype)
      throw new PyError('RuntimeError', `scatter(): Expected self.dtype to be equal to src.dtype`);
    // src is read at the index's positions (src may be larger than index)
    const offs = elementOffsets(src.offset, index.shape, index.shape.map((_, ax) => src.strides[ax] ?? 0));
    values = src.storage.data as Arr;
    valueAt = (k) => values[offs[k]];
  } else {
    const v = scalarTensor(src, self.dtype);
    const one = (v.storage.data as Arr)[0];
    valueAt = () => one;
  }
  scatterWalk(self, dim, index, 'scatter', (off, k) => {
    const v = valueAt(k);
    dst[off] = add ? ((dst[off] as number) + (v as number)) : v;
  });
}

/** What scatter's backward needs (formulas/writes.ts): the dim and the index values and shape. */
function writeCtx(node: GradNode | null, dim: number, index: Tensor): void {
  if (node !== null) Object.assign(node.ctx, { dim, index: indexValues(index), indexShape: index.shape.slice() });
}

/** For index_select: the storage offset in `t` each element of the (contiguous) output read. */
function readOffsets(t: Tensor, d: number, idx: readonly number[], out: Tensor): Float64Array {
  const offsets = new Float64Array(out.numel());
  if (t.ndim === 0) {
    offsets.fill(t.offset);
    return offsets;
  }
  const innerShape = t.shape.filter((_, k) => k !== d);
  const sOff = elementOffsets(0, innerShape, t.strides.filter((_, k) => k !== d));
  const oOff = elementOffsets(0, innerShape, out.strides.filter((_, k) => k !== d));
  idx.forEach((i, j) => {
    for (let k = 0; k < sOff.length; k++) offsets[j * out.strides[d] + oOff[k]] = t.offset + i * t.strides[d] + sOff[k];
  });
  return offsets;
}

export function scatter_(t: Tensor, dim: number, index: Tensor, src: Tensor | Scalar): Tensor {
  checkInplace(t);
  scatterInto(t, dim, index, src, false);
  t.bumpVersion();
  writeCtx(recordInplace(src instanceof Tensor ? 'ScatterBackward0' : 'ScatterBackward1', t, src instanceof Tensor ? [src] : []), dim, index);
  return t;
}
export function scatter(t: Tensor, dim: number, index: Tensor, src: Tensor | Scalar): Tensor {
  const c = hostClone(t);
  scatterInto(c, dim, index, src, false);
  const res = placeLike(c, t);
  writeCtx(recordOp(src instanceof Tensor ? 'ScatterBackward0' : 'ScatterBackward1', src instanceof Tensor ? [t, src] : [t], [res]), dim, index);
  return res;
}
export function scatterAdd_(t: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  checkInplace(t);
  scatterInto(t, dim, index, src, true);
  t.bumpVersion();
  writeCtx(recordInplace('ScatterAddBackward0', t, [src]), dim, index);
  return t;
}
export function scatterAdd(t: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  const c = hostClone(t);
  scatterInto(c, dim, index, src, true);
  const res = placeLike(c, t);
  writeCtx(recordOp('ScatterAddBackward0', [t, src], [res]), dim, index);
  return res;
}

/** A clone to write into on the host (written on the host, then placed back on t's device: a
 * device clone would live on the GPU and every retry of the host write would need a new sync). */
const hostClone = (t: Tensor): Tensor => withNoGrad(() => (t.device === 'cpu' ? clone(t) : onHost(t)));

/** nonzero(): [n, ndim] int64 coordinates in row-major order. */
export function nonzero(t: Tensor): Tensor {
  const d = t.dataSync();
  const nd = t.ndim;
  const coords: number[] = [];
  const pos = new Array<number>(nd).fill(0);
  let count = 0;
  for (let k = 0; k < d.length; k++) {
    const v = d[k];
    if (v !== 0 && v !== 0n) {
      coords.push(...pos);
      count++;
    }
    for (let ax = nd - 1; ax >= 0; ax--) {
      if (++pos[ax] < t.shape[ax]) break;
      pos[ax] = 0;
    }
  }
  // PyTorch returns the [n, ndim] result column-major (strides (1, n))
  const colMajor = new BigInt64Array(count * nd);
  for (let i = 0; i < count; i++) for (let k = 0; k < nd; k++) colMajor[k * count + i] = BigInt(coords[i * nd + k]);
  return placeLike(new Tensor(new Storage(colMajor, 'int64'), [count, nd], [1, Math.max(count, 1)], 0), t);
}

export function maskedSelect(t: Tensor, mask: Tensor): Tensor {
  if (mask.dtype !== 'bool') throw new PyError('RuntimeError', `masked_select: expected BoolTensor for mask`);
  const shape = broadcastAll([t.shape, mask.shape]);
  const te = withNoGrad(() => expand(t, shape));
  const me = withNoGrad(() => expand(mask, shape));
  const vals = te.dataSync();
  const m = me.dataSync();
  let n = 0;
  for (let k = 0; k < m.length; k++) if (m[k]) n++;
  const out = Tensor.empty([n], t.dtype);
  const o = out.storage.data as Arr;
  for (let k = 0, j = 0; k < m.length; k++) if (m[k]) o[j++] = (vals as Arr)[k];
  const res = placeLike(out, t);
  const node = recordOp('MaskedSelectBackward0', [t], [res]);
  if (node !== null) {
    const all = elementOffsets(te.offset, te.shape, te.strides);
    const offsets = new Float64Array(n);
    for (let k = 0, j = 0; k < m.length; k++) if (m[k]) offsets[j++] = all[k];
    node.ctx.offsets = offsets;
  }
  return res;
}

/**
 * Advanced indexing core: `self` indexed on dims `dims` by broadcast index tensors (already int64,
 * in-range checked here). Returns, for every result element, the storage offset in `self`, plus
 * the result shape, with the advanced dims placed where PyTorch puts them.
 */
export function advancedOffsets(self: Tensor, dims: readonly number[], indices: readonly Tensor[]): { offsets: Float64Array; shape: number[] } {
  const bshape = broadcastAll(indices.map((t) => t.shape));
  const idxVals = indices.map((t, k) => {
    const e = new Tensor(t.storage, bshape, broadcastStrides(t.shape, t.strides, bshape), t.offset);
    const v = indexValues(e);
    const size = self.shape[dims[k]];
    for (let j = 0; j < v.length; j++) {
      if (v[j] < -size || v[j] >= size)
        throw new PyError('IndexError', `index ${v[j]} is out of bounds for dimension ${dims[k]} with size ${size}`);
      if (v[j] < 0) v[j] += size;
    }
    return v;
  });
  const adjacent = dims.every((d, k) => k === 0 || d === dims[k - 1] + 1);
  const rest = self.shape.map((_, i) => i).filter((i) => !dims.includes(i));
  const before = adjacent ? rest.filter((i) => i < dims[0]) : [];
  const after = adjacent ? rest.filter((i) => i > dims[0]) : rest;
  const shape = [...before.map((i) => self.shape[i]), ...bshape, ...after.map((i) => self.shape[i])];
  const nIdx = idxVals.length ? idxVals[0].length : 1;
  const bOff = elementOffsets(0, before.map((i) => self.shape[i]), before.map((i) => self.strides[i]));
  const aOff = elementOffsets(0, after.map((i) => self.shape[i]), after.map((i) => self.strides[i]));
  const iOff = new Float64Array(nIdx);
  for (let j = 0; j < nIdx; j++) {
    let o = 0;
    for (let k = 0; k < dims.length; k++) o += idxVals[k][j] * self.strides[dims[k]];
    iOff[j] = o;
  }
  const offsets = new Float64Array(bOff.length * nIdx * aOff.length);
  let p = 0;
  for (let b = 0; b < bOff.length; b++)
    for (let j = 0; j < nIdx; j++)
      for (let a = 0; a < aOff.length; a++) offsets[p++] = self.offset + bOff[b] + iOff[j] + aOff[a];
  return { offsets, shape };
}

/** Gather the elements at `offsets` into a new tensor of `shape`. */
export function takeOffsets(self: Tensor, offsets: Float64Array, shape: readonly number[]): Tensor {
  const out = Tensor.empty(shape, self.dtype);
  const src = self.storage.dataForRead as Arr;
  const dst = out.storage.data as Arr;
  for (let k = 0; k < offsets.length; k++) dst[k] = src[offsets[k]];
  return placeLike(out, self);
}

/** Write `value` (broadcast to `shape`, cast to self.dtype) at `offsets`; accumulate adds. */
export function putOffsets(self: Tensor, offsets: Float64Array, shape: readonly number[], value: Tensor | Scalar, accumulate = false): void {
  const v = value instanceof Tensor ? value : scalarTensor(value, scalarWrappedDtype(value));
  let bshape: number[];
  try {
    bshape = broadcastAll([shape, v.shape]);
  } catch {
    throw new PyError('RuntimeError', `shape mismatch: value tensor of shape ${shapeList(v.shape)} cannot be broadcast to indexing result of shape ${shapeList(shape)}`);
  }
  if (bshape.length !== shape.length || bshape.some((d, i) => d !== shape[i]))
    throw new PyError('RuntimeError', `shape mismatch: value tensor of shape ${shapeList(v.shape)} cannot be broadcast to indexing result of shape ${shapeList(shape)}`);
  const vals = allocStorageArray(self.dtype, offsets.length);
  castInto(new Tensor(new Storage(vals, self.dtype), shape), v.dtype === self.dtype ? v : toDtype(v, self.dtype));
  const dst = self.storage.data as Arr;
  const src = vals as unknown as Arr;
  for (let k = 0; k < offsets.length; k++) dst[offsets[k]] = accumulate ? ((dst[offsets[k]] as number) + (src[k] as number)) : src[k];
}
