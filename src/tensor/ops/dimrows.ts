// Row layout for ops that work along one dim (sort, topk, kthvalue, median, mode, cummax, quantile):
// gather the input so the dim is innermost and each "row" is contiguous, let the op produce k
// values per row, and scatter the rows back into a tensor whose dim has size k. Values stay in the
// input's typed array (bigints for int64), so comparisons are exact.

import { PyError } from '../../errors';
import { allocStorageArray, type DType, type StorageArray } from '../dtype';
import { scalarTypeName } from '../promotion';
import { numelOf, wrapDim } from '../shape';
import { Storage } from '../storage';
import { Tensor } from '../tensor';
import { gatherStrided } from '../cpu/strided';
import { castInto, toDevice } from './copy';
import { withNoGrad } from '../grad';

export interface Rows {
  /** Input values with `dim` innermost, row-major. */
  data: StorageArray;
  outer: number;
  /** Row length (the size of `dim`; 1 for a 0-d tensor). */
  R: number;
  /** The wrapped dim (0 for a 0-d tensor). */
  dim: number;
}

/** Lay `t` out as rows along `dim` (a copy unless already so). */
export function toRows(t: Tensor, dim: number): Rows {
  const d = wrapDim(dim, t.ndim);
  if (t.ndim === 0) return { data: t.dataSync(), outer: 1, R: 1, dim: 0 };
  const order = [...t.shape.map((_, i) => i).filter((i) => i !== d), d];
  const shape = order.map((i) => t.shape[i]);
  const strides = order.map((i) => t.strides[i]);
  const n = numelOf(t.shape);
  const data = allocStorageArray(t.dtype, n);
  gatherStrided(t.storage.dataForRead, t.offset, shape, strides, data);
  return { data, outer: numelOf(shape.slice(0, -1)), R: t.shape[d], dim: d };
}

/**
 * A contiguous tensor shaped like `like` but with `dim` of size `k`, filled from rows laid out as
 * toRows produces them (k values per row). For a 0-d `like` the result is 0-d.
 */
export function fromRows(rows: StorageArray, dtype: DType, like: readonly number[], dim: number, k: number): Tensor {
  if (like.length === 0) return new Tensor(new Storage(rows, dtype), []);
  const outShape = like.slice();
  outShape[dim] = k;
  const out = Tensor.empty(outShape, dtype);
  const order = [...like.map((_, i) => i).filter((i) => i !== dim), dim];
  const src = new Tensor(new Storage(rows, dtype), order.map((i) => outShape[i]));
  // a view of `out` in the rows' dim order, written by the copy kernel
  const view = new Tensor(out.storage, order.map((i) => outShape[i]), order.map((i) => out.strides[i]), 0);
  castInto(view, src);
  return out;
}

/** Row `r` of a rows array as a plain JS array of keys (numbers, or bigints for int64). */
export function rowKeys(rows: Rows, r: number): (number | bigint)[] {
  const out = new Array<number | bigint>(rows.R);
  const base = r * rows.R;
  for (let j = 0; j < rows.R; j++) out[j] = rows.data[base + j];
  return out;
}

/**
 * Results computed on the host go back to the input's device (PyTorch returns them there): the
 * tensor itself on the CPU, else a copy on `like.device` with the same layout.
 */
export function placeLike<T extends Tensor>(out: T, like: Tensor): Tensor {
  if (like.device === out.device) return out;
  return withNoGrad(() => toDevice(out, like.device));
}

/**
 * `t` itself on the CPU, else a host copy. Ops that compute on the host and read intermediate
 * results must start from this: reading a device tensor they produced themselves would throw
 * HostSyncNeeded on every retry (the retry makes a new one), while reading the *input* throws
 * before anything is written, which the async caller resolves by syncing it.
 */
export const onHost = (t: Tensor): Tensor => (t.device === 'cpu' ? t : withNoGrad(() => toDevice(t, 'cpu')));

/** Drop `dim` from a shape (keepdim=False results). */
export const without = (shape: readonly number[], dim: number): number[] => shape.filter((_, i) => i !== dim);

/** Same-dtype typed array from keys (numbers, or bigints for int64). */
export function keysToArray(keys: readonly (number | bigint)[], dtype: DType): StorageArray {
  const a = allocStorageArray(dtype, keys.length);
  for (let i = 0; i < keys.length; i++) (a as unknown as (number | bigint)[])[i] = keys[i];
  return a;
}

/** A contiguous CPU tensor holding `keys`. */
export const tensorOf = (keys: readonly (number | bigint)[], dtype: DType, shape: readonly number[] = [keys.length]): Tensor =>
  new Tensor(new Storage(keysToArray(keys, dtype), dtype), shape);

/** PyTorch's `"<kernel>" not implemented for '<Type>'` error. */
export const notImplemented = (kernel: string, d: DType): PyError => new PyError('RuntimeError', `"${kernel}" not implemented for '${scalarTypeName(d)}'`);
