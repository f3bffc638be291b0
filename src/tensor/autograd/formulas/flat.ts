// Flat gather/scatter: the two primitives every indexing and view backward reduces to. A view's
// elements sit at storage offsets; mapping them back onto the input's elements gives, for each
// output element, a flat index into the input (`flatIndexOf`). Backward is then "scatter-add the
// gradient at those indices" (PutBackward0's forward, put_ with accumulate) and its own backward
// "gather at those indices" (TakeBackward0's forward, take), so create_graph works through them.

import { recordOp } from '../../grad';
import type { DType } from '../../dtype';
import { Tensor } from '../../tensor';
import { registerFormula } from '../registry';
import type { TensorMeta } from '../meta';
import { contiguousStrides } from '../../shape';

type Num = Float32Array | Float64Array;

/** out.flat[k] = x.flat[idx[k]] (records TakeBackward0). */
export function takeFlat(x: Tensor, idx: Int32Array, shape: readonly number[]): Tensor {
  const src = x.dataSync() as Num;
  const out = Tensor.empty(shape, x.dtype, x.device);
  const d = out.storage.data as Num;
  for (let k = 0; k < idx.length; k++) d[k] = src[idx[k]];
  const node = recordOp('TakeBackward0', [x], [out]);
  if (node) node.ctx = { flatIndex: idx, inShape: x.shape.slice(), inputMeta: [{ shape: x.shape.slice(), dtype: x.dtype }] };
  return out;
}

/** zeros(shape); out.flat[idx[k]] += src.flat[k] (records PutBackward0 against src). */
export function putAddFlat(src: Tensor, idx: Int32Array, shape: readonly number[], dtype: DType = src.dtype): Tensor {
  const s = src.dataSync() as Num;
  const out = new Tensor(Tensor.empty(shape, dtype, src.device).storage, shape);
  const d = out.storage.data as Num;
  for (let k = 0; k < idx.length; k++) d[idx[k]] += s[k];
  const node = recordOp('PutBackward0', [src], [out]);
  if (node) node.ctx = { flatIndex: idx, srcShape: src.shape.slice(), inputMeta: [{ shape: src.shape.slice(), dtype: src.dtype }] };
  return out;
}

registerFormula('TakeBackward0', (node, grads) => [
  putAddFlat(grads[0]!, node.ctx.flatIndex as Int32Array, node.ctx.inShape as number[]),
]);
registerFormula('PutBackward0', (node, grads) => [takeFlat(grads[0]!, node.ctx.flatIndex as Int32Array, node.ctx.srcShape as number[])]);

/** Storage offsets of every element of a layout, row-major. */
export function offsetsOf(shape: readonly number[], strides: readonly number[], offset: number): Float64Array {
  let n = 1;
  for (const d of shape) n *= d;
  const out = new Float64Array(n);
  const nd = shape.length;
  const pos = new Array<number>(nd).fill(0);
  let off = offset;
  for (let k = 0; k < n; k++) {
    out[k] = off;
    for (let ax = nd - 1; ax >= 0; ax--) {
      pos[ax]++;
      off += strides[ax];
      if (pos[ax] < shape[ax]) break;
      off -= strides[ax] * shape[ax];
      pos[ax] = 0;
    }
  }
  return out;
}

/** For storage offsets into `input`'s memory, the flat (row-major) index of the input element. */
export function flatIndexOf(input: TensorMeta, offsets: ArrayLike<number>): Int32Array {
  const strides = input.strides ?? contiguousStrides(input.shape);
  const base = input.offset ?? 0;
  const out = new Int32Array(offsets.length);
  const cs = contiguousStrides(input.shape);
  const contiguous = input.shape.every((d, i) => d === 1 || strides[i] === cs[i]);
  if (contiguous) {
    for (let k = 0; k < offsets.length; k++) out[k] = offsets[k] - base;
    return out;
  }
  const map = new Map<number, number>();
  const all = offsetsOf(input.shape, strides, base);
  for (let j = all.length - 1; j >= 0; j--) map.set(all[j], j);
  for (let k = 0; k < offsets.length; k++) {
    const j = map.get(offsets[k]);
    if (j === undefined) throw new Error('autograd: a view element lies outside its input');
    out[k] = j;
  }
  return out;
}

