// Strided memory walks on CPU typed arrays: gathering a (shape, strides, offset) view into a dense
// row-major array and scattering dense values back into a view. These are the only loops that
// know about arbitrary strides; everything else either runs on dense data or coalesces dims first
// (see `coalesce`) so the innermost loop is a long unit-or-constant-stride run.

import type { StorageArray } from '../dtype';

/**
 * Merge adjacent dims that are contiguous with each other and drop size-1 dims, for every operand
 * at once: shape [a, b] with strides [b*s, s] in all operands becomes [a*b] with [s]. Returns the
 * reduced shape and one stride list per operand. Never returns an empty shape (0-d → [1]).
 */
export function coalesce(shape: readonly number[], strideSets: readonly (readonly number[])[]): { shape: number[]; strides: number[][] } {
  const outShape: number[] = [];
  const outStrides: number[][] = strideSets.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d];
    if (size === 1) continue;
    const last = outShape.length - 1;
    if (last >= 0 && strideSets.every((st, k) => outStrides[k][last] === st[d] * size)) {
      outShape[last] *= size;
      for (let k = 0; k < strideSets.length; k++) outStrides[k][last] = strideSets[k][d];
    } else {
      outShape.push(size);
      for (let k = 0; k < strideSets.length; k++) outStrides[k].push(strideSets[k][d]);
    }
  }
  if (outShape.length === 0) {
    outShape.push(1);
    for (const s of outStrides) s.push(1);
  }
  return { shape: outShape, strides: outStrides };
}

type Arr = { [i: number]: number | bigint; length: number };

/** Copy the view (src, offset, shape, strides) into dst[dstOffset ...] in row-major order. */
export function gatherStrided(
  src: StorageArray,
  offset: number,
  shape: readonly number[],
  strides: readonly number[],
  dst: StorageArray,
  dstOffset = 0,
): void {
  const n = shape.reduce((a, b) => a * b, 1);
  if (n === 0) return;
  const { shape: cs, strides: [st] } = coalesce(shape, [strides]);
  const s = src as Arr;
  const d = dst as Arr;
  if (cs.length === 1 && st[0] === 1 && src.constructor === dst.constructor) {
    (dst as Float64Array).set((src as Float64Array).subarray(offset, offset + n), dstOffset);
    return;
  }
  const nd = cs.length;
  const inner = cs[nd - 1];
  const is = st[nd - 1];
  const idx = new Array<number>(nd).fill(0);
  let p = offset;
  let o = dstOffset;
  const outer = n / inner;
  for (let k = 0; k < outer; k++) {
    for (let i = 0, q = p; i < inner; i++, q += is) d[o++] = s[q];
    // advance the outer counters (odometer), updating p incrementally
    for (let ax = nd - 2; ax >= 0; ax--) {
      idx[ax]++;
      p += st[ax];
      if (idx[ax] < cs[ax]) break;
      p -= st[ax] * cs[ax];
      idx[ax] = 0;
    }
  }
}

/** Write dense src[srcOffset ...] (row-major over shape) into the view (dst, offset, shape, strides). */
export function scatterStrided(
  src: StorageArray,
  srcOffset: number,
  dst: StorageArray,
  offset: number,
  shape: readonly number[],
  strides: readonly number[],
): void {
  const n = shape.reduce((a, b) => a * b, 1);
  if (n === 0) return;
  const { shape: cs, strides: [st] } = coalesce(shape, [strides]);
  const s = src as Arr;
  const d = dst as Arr;
  if (cs.length === 1 && st[0] === 1 && src.constructor === dst.constructor) {
    (dst as Float64Array).set((src as Float64Array).subarray(srcOffset, srcOffset + n), offset);
    return;
  }
  const nd = cs.length;
  const inner = cs[nd - 1];
  const is = st[nd - 1];
  const idx = new Array<number>(nd).fill(0);
  let p = offset;
  let o = srcOffset;
  const outer = n / inner;
  for (let k = 0; k < outer; k++) {
    for (let i = 0, q = p; i < inner; i++, q += is) d[q] = s[o++];
    for (let ax = nd - 2; ax >= 0; ax--) {
      idx[ax]++;
      p += st[ax];
      if (idx[ax] < cs[ax]) break;
      p -= st[ax] * cs[ax];
      idx[ax] = 0;
    }
  }
}

/** Storage offsets of every element of a view, in row-major order (for index ops on small data). */
export function elementOffsets(offset: number, shape: readonly number[], strides: readonly number[]): Int32Array | Float64Array {
  const n = shape.reduce((a, b) => a * b, 1);
  const out = n < 2 ** 31 ? new Int32Array(n) : new Float64Array(n);
  if (n === 0) return out;
  const nd = shape.length;
  if (nd === 0) {
    out[0] = offset;
    return out;
  }
  const idx = new Array<number>(nd).fill(0);
  let p = offset;
  for (let k = 0; k < n; k++) {
    out[k] = p;
    for (let ax = nd - 1; ax >= 0; ax--) {
      idx[ax]++;
      p += strides[ax];
      if (idx[ax] < shape[ax]) break;
      p -= strides[ax] * shape[ax];
      idx[ax] = 0;
    }
  }
  return out;
}
