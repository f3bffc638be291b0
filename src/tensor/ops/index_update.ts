// Index-driven reads and writes beyond gather/scatter (gather.ts): take, take_along_dim,
// index_add / index_copy / index_fill (+ in place) and masked_scatter (+ in place). The out-of-
// place forms clone then write, as PyTorch does, and record the same grad_fn as the in-place
// forms (IndexAddBackward0, ...); the in-place forms bump the version and rewrite history.

import { PyError } from '../../errors';
import { type DType } from '../dtype';
import { checkInplace, recordInplace, recordOp, withNoGrad } from '../grad';
import { scalarTypeName } from '../promotion';
import { scalarWrappedDtype, type Scalar } from '../scalar';
import { broadcastAll, numelOf, shapeList, wrapDim } from '../shape';
import { Tensor } from '../tensor';
import { elementOffsets } from '../cpu/strided';
import { clone, toDtype } from './copy';
import { scalarTensor } from './elementwise';
import { gather, indexValues } from './gather';
import { onHost, placeLike } from './dimrows';
import { expand, view } from './views';

type Arr = { [i: number]: number | bigint };

/** torch.take(input, index): input read as if flattened; result shaped like index. */
export function take(t: Tensor, index: Tensor): Tensor {
  if (index.dtype !== 'int64') throw new PyError('RuntimeError', `take(): Expected a long tensor for index, but got ${scalarTypeName(index.dtype)}`);
  const n = t.numel();
  const offs = elementOffsets(t.offset, t.shape, t.strides);
  const out = Tensor.empty(index.shape, t.dtype);
  const src = t.storage.dataForRead as Arr;
  const dst = out.storage.data as Arr;
  indexValues(index).forEach((i, k) => {
    if (i < -n || i >= n) throw new PyError('IndexError', `out of range: tried to access index ${i} on a tensor of ${n} elements.`);
    dst[k] = src[offs[i < 0 ? i + n : i]];
  });
  const res = placeLike(out, t);
  const node = recordOp('TakeBackward0', [t], [res]);
  if (node !== null) node.save(index);
  return res;
}

/** torch.take_along_dim(input, indices, dim=None): gather over broadcast inputs. */
export function takeAlongDim(t: Tensor, indices: Tensor, dim: number | null = null): Tensor {
  if (indices.dtype !== 'int64')
    throw new PyError('RuntimeError', `torch.take_along_dim(): dtype of indices should be Long but got ${scalarTypeName(indices.dtype)}`);
  if (dim === null) return gather(view(t, [-1]), 0, view(indices, [-1]));
  const d = wrapDim(dim, t.ndim);
  const selfSizes = t.shape.slice();
  selfSizes[d] = indices.shape[d];
  const shape = broadcastAll([selfSizes, indices.shape]);
  const idx = expand(indices, shape);
  const selfShape = shape.slice();
  selfShape[d] = t.shape[d];
  return gather(expand(t, selfShape), d, idx);
}

// --- index_add / index_copy / index_fill ----------------------------------------------------

/** For each i in index, the storage offsets of self's slice self.select(dim, index[i]) and of
 * source's slice i (both in the same row-major order of the other dims). */
function sliceWalk(self: Tensor, dim: number, index: Tensor, source: Tensor | null, f: (selfOff: number, srcOff: number) => void): void {
  const d = wrapDim(dim, self.ndim);
  const size = self.ndim === 0 ? 1 : self.shape[d];
  const other = self.shape.map((_, k) => k).filter((k) => k !== d);
  const sOff = elementOffsets(0, other.map((k) => self.shape[k]), other.map((k) => self.strides[k]));
  const srcOff = source === null ? null : elementOffsets(0, other.map((k) => source.shape[k] ?? 1), other.map((k) => source.strides[k] ?? 0));
  indexValues(index).forEach((i, j) => {
    if (i < -size || i >= size) throw new PyError('IndexError', `index ${i} is out of bounds for dimension ${d} with size ${size}`);
    const ii = i < 0 ? i + size : i;
    const sb = self.offset + ii * (self.strides[d] ?? 0);
    const ob = source === null ? 0 : source.offset + j * (source.strides[d] ?? 0);
    for (let k = 0; k < sOff.length; k++) f(sb + sOff[k], srcOff === null ? 0 : ob + srcOff[k]);
  });
}

function checkIndexSource(op: string, self: Tensor, dim: number, index: Tensor, source: Tensor): void {
  if (index.ndim > 1)
    throw new PyError(
      'IndexError',
      `${op}(): Index is supposed to be a vector, but got dim: ${index.ndim} with type: ${scalarTypeName(index.dtype)} and size: ${shapeList(index.shape)}`,
    );
  if (index.dtype !== 'int64' && index.dtype !== 'int32')
    throw new PyError('RuntimeError', `${op}(): Expected dtype int32/int64 for index`);
  const d = wrapDim(dim, self.ndim);
  const n = index.numel();
  const srcSize = source.ndim === 0 ? 1 : source.shape[d];
  if (n !== srcSize) {
    if (op === 'index_copy_') throw new PyError('IndexError', `index_copy_(): Number of indices (${n}) should be equal to source.size(dim) (${srcSize})`);
    throw new PyError('RuntimeError', `${op}(): Number of indices (${n}) should be equal to source.size(dim): (${srcSize}), for dim: ${d}`);
  }
  if (self.dtype !== source.dtype)
    throw new PyError('RuntimeError', `${op}(): self (${scalarTypeName(self.dtype)}) and source (${scalarTypeName(source.dtype)}) must have the same scalar type`);
}

function addInto(self: Tensor, dim: number, index: Tensor, source: Tensor, alpha: Scalar): void {
  const src = source.storage.dataForRead as Arr;
  const dst = self.storage.data as Arr;
  if (self.dtype === 'int64') {
    const a = BigInt(Math.trunc(Number(alpha)));
    sliceWalk(self, dim, index, source, (o, s) => (dst[o] = (dst[o] as bigint) + a * (src[s] as bigint)));
  } else {
    const a = typeof alpha === 'object' ? alpha.v : Number(alpha);
    const round = roundFor(self.dtype);
    sliceWalk(self, dim, index, source, (o, s) => (dst[o] = round((dst[o] as number) + a * (src[s] as number))));
  }
}

const roundFor = (d: DType): ((x: number) => number) => (d === 'bool' ? (x) => (x !== 0 ? 1 : 0) : (x) => x);

function copyInto(self: Tensor, dim: number, index: Tensor, source: Tensor): void {
  const src = source.storage.dataForRead as Arr;
  const dst = self.storage.data as Arr;
  sliceWalk(self, dim, index, source, (o, s) => (dst[o] = src[s]));
}

// `ctx` is what the backward needs (formulas/writes.ts): dim and index values, alpha, or the mask.
function inplaceWrite(name: string, self: Tensor, extra: Tensor[], write: () => void, ctx: () => Record<string, unknown> = () => ({})): Tensor {
  checkInplace(self);
  write();
  self.bumpVersion();
  const node = recordInplace(name, self, extra);
  if (node !== null) Object.assign(node.ctx, ctx());
  return self;
}

function outOfPlace(name: string, self: Tensor, extra: Tensor[], write: (c: Tensor) => void, ctx: () => Record<string, unknown> = () => ({})): Tensor {
  // written on the host; a device input gets its result back on the device
  const c = withNoGrad(() => (self.device === 'cpu' ? clone(self) : onHost(self)));
  write(c);
  const res = placeLike(c, self);
  const node = recordOp(name, [self, ...extra], [res]);
  if (node !== null) Object.assign(node.ctx, ctx());
  return res;
}

const sliceCtx = (dim: number, index: Tensor, alpha: Scalar = 1) => (): Record<string, unknown> => ({
  dim,
  index: indexValues(index),
  alpha: typeof alpha === 'object' ? alpha.v : Number(alpha),
});
const maskCtx = (self: Tensor, mask: Tensor) => (): Record<string, unknown> => ({ mask: Uint8Array.from(withNoGrad(() => expand(mask, self.shape)).dataSync() as ArrayLike<number>, Number) });

export function indexAdd(t: Tensor, dim: number, index: Tensor, source: Tensor, alpha: Scalar = 1): Tensor {
  checkIndexSource('index_add_', t, dim, index, source);
  return outOfPlace('IndexAddBackward0', t, [source], (c) => addInto(c, dim, index, source, alpha), sliceCtx(dim, index, alpha));
}
export function indexAdd_(t: Tensor, dim: number, index: Tensor, source: Tensor, alpha: Scalar = 1): Tensor {
  checkIndexSource('index_add_', t, dim, index, source);
  return inplaceWrite('IndexAddBackward0', t, [source], () => addInto(t, dim, index, source, alpha), sliceCtx(dim, index, alpha));
}
export function indexCopy(t: Tensor, dim: number, index: Tensor, source: Tensor): Tensor {
  checkIndexSource('index_copy_', t, dim, index, source);
  return outOfPlace('IndexCopyBackward0', t, [source], (c) => copyInto(c, dim, index, source), sliceCtx(dim, index));
}
export function indexCopy_(t: Tensor, dim: number, index: Tensor, source: Tensor): Tensor {
  checkIndexSource('index_copy_', t, dim, index, source);
  return inplaceWrite('IndexCopyBackward0', t, [source], () => copyInto(t, dim, index, source), sliceCtx(dim, index));
}

function fillInto(self: Tensor, dim: number, index: Tensor, value: Scalar | Tensor): void {
  if (value instanceof Tensor && value.ndim !== 0)
    throw new PyError('RuntimeError', `index_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value.ndim} dimension(s).`);
  const v = value instanceof Tensor ? value : scalarTensor(value, scalarWrappedDtype(value));
  const one = (toDtype(v, self.dtype).storage.data as Arr)[0];
  const dst = self.storage.data as Arr;
  sliceWalk(self, dim, index, null, (o) => (dst[o] = one));
}

export function indexFill(t: Tensor, dim: number, index: Tensor, value: Scalar | Tensor): Tensor {
  const name = value instanceof Tensor ? 'IndexFillBackward1' : 'IndexFillBackward0';
  return outOfPlace(name, t, value instanceof Tensor ? [value] : [], (c) => withNoGrad(() => fillInto(c, dim, index, value)), sliceCtx(dim, index));
}
export function indexFill_(t: Tensor, dim: number, index: Tensor, value: Scalar | Tensor): Tensor {
  const name = value instanceof Tensor ? 'IndexFillBackward1' : 'IndexFillBackward0';
  return inplaceWrite(name, t, value instanceof Tensor ? [value] : [], () => withNoGrad(() => fillInto(t, dim, index, value)), sliceCtx(dim, index));
}

// --- masked_scatter --------------------------------------------------------------------------

function scatterMasked(self: Tensor, mask: Tensor, source: Tensor): void {
  if (mask.dtype !== 'bool') throw new PyError('RuntimeError', `masked_scatter_ only supports boolean masks, but got mask with dtype ${scalarTypeName(mask.dtype)}`);
  if (self.dtype !== source.dtype)
    throw new PyError('RuntimeError', `masked_scatter: expected self and source to have same dtypes but got${scalarTypeName(self.dtype)} and ${scalarTypeName(source.dtype)}`);
  const m = withNoGrad(() => expand(mask, self.shape)).dataSync();
  const offs = elementOffsets(self.offset, self.shape, self.strides);
  const src = source.dataSync() as unknown as Arr;
  const dst = self.storage.data as Arr;
  let ones = 0;
  for (let k = 0; k < m.length; k++) if (m[k]) ones++;
  if (ones > source.numel()) throw new PyError('RuntimeError', 'Number of elements of source < number of ones in mask');
  for (let k = 0, j = 0; k < m.length; k++) if (m[k]) dst[offs[k]] = src[j++];
}

export function maskedScatter(t: Tensor, mask: Tensor, source: Tensor): Tensor {
  const shape = broadcastAll([t.shape, mask.shape]);
  const base = numelOf(shape) === t.numel() && shape.length === t.ndim ? t : expand(t, shape);
  const out = outOfPlace('MaskedScatterBackward0', base, [source], (c) => scatterMasked(c, mask, source), maskCtx(base, mask));
  out.gradFn?.save(mask);
  return out;
}
export function maskedScatter_(t: Tensor, mask: Tensor, source: Tensor): Tensor {
  return inplaceWrite('MaskedScatterBackward0', t, [source], () => scatterMasked(t, mask, source), maskCtx(t, mask));
}

