// sum over dims of a float32 / float64 tensor in the order PyTorch's CPU kernel adds (aten/src/
// ATen/native/cpu/SumKernel.cpp, cascade_sum), each add rounded to the dtype — so a float32 sum
// has PyTorch's last bits: softmax rows that sum to 1 ± an ulp print 1.0000, the per-channel sums
// of batch-normed values print -4.7684e-07 rather than 0. (reduce.ts checks arguments and records
// the node; mean is this sum divided by the count, as PyTorch's CPU mean is.)
//
// The shape of the work is TensorIterator's: dims reordered (reduced dims innermost, then by
// stride) and coalesced, then 2-d tiles (size0 × size1) over the two innermost dims, the outer
// dims walked with the first fastest. Each tile adds into the output (zero-filled first) with one
// of four loops, chosen by the tile's strides: a contiguous row reduced in 8-lane vectors, a
// contiguous set of columns reduced in vectors, or scalar rows / columns. Rows are summed with
// 4-way interleaved partial sums (row_sum), columns four at a time with plain ones
// (multi_row_sum), each through a cascade of 4 levels of 2^k-element partial sums. A full
// reduction of 32768 or more elements is split between the machine's threads (two_pass_reduction)
// and the per-thread results added last; a larger partial reduction is modelled as serial
// (PyTorch splits it by output columns, which keeps each output's order within a tile).

import { THREADS } from './vecmath';

type Round = (v: number) => number;
type Arr = ArrayLike<number>;

/** Elements per vector: the sum kernel is registered for AVX2 only (REGISTER_DISPATCH, not
 * ALSO_REGISTER_AVX512_DISPATCH), so an AVX512 machine runs it with 256-bit vectors. */
const vecLanes = (dtype: 'float32' | 'float64'): number => (dtype === 'float32' ? 8 : 4);
/** at::internal::GRAIN_SIZE: below it a reduction runs on one thread. */
const GRAIN_SIZE = 32768;

/** c10::utils::CeilLog2. */
const ceilLog2 = (x: number): number => (x <= 2 ? 1 : Math.floor(Math.log2(x - 1)) + 1);

/** multi_row_sum for one column: the cascade of four levels of partial sums over the `size`
 * elements src[base], src[base + stride], ... */
function cascade(src: Arr, base: number, stride: number, size: number, R: Round): number {
  const power = Math.max(4, Math.floor(ceilLog2(size) / 4));
  const step = 2 ** power;
  const mask = step - 1;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let i = 0;
  let p = base;
  while (i + step <= size) {
    for (let j = 0; j < step; j++, i++, p += stride) a0 = R(a0 + src[p]);
    // carry up the levels while the lower bits of i are all zero
    a1 = R(a1 + a0);
    a0 = 0;
    if ((i & (mask * 2 ** power)) !== 0) continue;
    a2 = R(a2 + a1);
    a1 = 0;
    if ((i & (mask * 2 ** (2 * power))) !== 0) continue;
    a3 = R(a3 + a2);
    a2 = 0;
  }
  for (; i < size; i++, p += stride) a0 = R(a0 + src[p]);
  return R(R(R(a0 + a1) + a2) + a3);
}

/** row_sum: four interleaved cascades (ILP), the leftover elements, then the four combined. */
function rowSum(src: Arr, base: number, stride: number, size: number, R: Round): number {
  const ilp = Math.floor(size / 4);
  let p0 = cascade(src, base, 4 * stride, ilp, R);
  const p1 = cascade(src, base + stride, 4 * stride, ilp, R);
  const p2 = cascade(src, base + 2 * stride, 4 * stride, ilp, R);
  const p3 = cascade(src, base + 3 * stride, 4 * stride, ilp, R);
  for (let i = ilp * 4; i < size; i++) p0 = R(p0 + src[base + i * stride]);
  return R(R(R(p0 + p1) + p2) + p3);
}

interface Tile {
  src: Arr;
  out: Float64Array;
  inBase: number;
  outBase: number;
  /** element strides: in dim 0, in dim 1, out dim 0, out dim 1 */
  in0: number;
  in1: number;
  out0: number;
  out1: number;
  size0: number;
  size1: number;
}

/** One 2-d tile of cascade_sum, added into the output. */
function sumTile(t: Tile, lanes: number, R: Round): void {
  let { in0, in1, out0, out1, size0, size1 } = t;
  const { src, out, inBase, outBase } = t;
  const add = (o: number, v: number): void => {
    out[o] = R(out[o] + v);
  };
  if (out0 !== 0 && out1 === 0) [in0, in1, out0, out1, size0, size1] = [in1, in0, out1, out0, size1, size0];
  if (out0 !== 0 && out1 !== 0) {
    // not a reduction: out += in elementwise
    for (let j = 0; j < size1; j++) for (let i = 0; i < size0; i++) add(outBase + j * out1 + i * out0, src[inBase + j * in1 + i * in0]);
    return;
  }
  if (in0 === 1 && size0 >= lanes) {
    // vectorized_inner_sum: each lane sums its own strided subsequence, then the tail and lanes in order
    const nvec = Math.floor(size0 / lanes);
    for (let j = 0; j < size1; j++) {
      const row = inBase + j * in1;
      let acc = 0;
      for (let k = nvec * lanes; k < size0; k++) acc = R(acc + src[row + k]);
      for (let l = 0; l < lanes; l++) acc = R(acc + rowSum(src, row + l, lanes, nvec, R));
      add(outBase + j * out1, acc);
    }
    return;
  }
  if (in1 === 1 && size1 >= lanes) {
    // vectorized_outer_sum: 4-vector column groups cascade, single vectors and the rest row_sum
    let j = 0;
    for (; j + 4 * lanes <= size1; j += 4 * lanes)
      for (let c = j; c < j + 4 * lanes; c++) add(outBase + c * out1, cascade(src, inBase + c, in0, size0, R));
    for (; j + lanes <= size1; j += lanes) for (let c = j; c < j + lanes; c++) add(outBase + c * out1, rowSum(src, inBase + c, in0, size0, R));
    for (; j < size1; j++) add(outBase + j * out1, rowSum(src, inBase + j, in0, size0, R));
    return;
  }
  if (in0 < in1) {
    // scalar_inner_sum
    for (let j = 0; j < size1; j++) add(outBase + j * out1, rowSum(src, inBase + j * in1, in0, size0, R));
    return;
  }
  // scalar_outer_sum: four columns at a time cascade, the rest row_sum
  let j = 0;
  for (; j + 3 < size1; j += 4) for (let c = j; c < j + 4; c++) add(outBase + c * out1, cascade(src, inBase + c * in1, in0, size0, R));
  for (; j < size1; j++) add(outBase + j * out1, rowSum(src, inBase + j * in1, in0, size0, R));
}

/** TensorIterator's reorder_dimensions for a reduction: the permutation, innermost dim first. */
function reorder(shape: readonly number[], inS: readonly number[], outS: readonly number[]): number[] {
  const nd = shape.length;
  const perm = Array.from({ length: nd }, (_, i) => nd - 1 - i);
  const shouldSwap = (d0: number, d1: number): number => {
    // the output first: reduced dims (stride 0) go innermost
    if ((outS[d0] === 0) !== (outS[d1] === 0)) return outS[d1] === 0 ? 1 : -1;
    for (const s of [outS, inS]) {
      if (s[d0] === 0 || s[d1] === 0) continue;
      if (s[d0] < s[d1]) return -1;
      if (s[d0] > s[d1]) return 1;
      if (shape[d0] > shape[d1]) return 1;
    }
    return 0;
  };
  for (let i = 1; i < nd; i++) {
    let d1 = i;
    for (let d0 = i - 1; d0 >= 0; d0--) {
      const c = shouldSwap(perm[d0], perm[d1]);
      if (c > 0) {
        [perm[d0], perm[d1]] = [perm[d1], perm[d0]];
        d1 = d0;
      } else if (c < 0) break;
    }
  }
  return perm;
}

/** TensorIterator's coalesce_dimensions over (shape, [in strides, out strides]). */
function coalesce(shape: number[], strides: number[][]): void {
  let prev = 0;
  for (let d = 1; d < shape.length; d++) {
    const ok = shape[prev] === 1 || shape[d] === 1 || strides.every((s) => shape[prev] * s[prev] === s[d]);
    if (ok) {
      if (shape[prev] === 1) for (const s of strides) s[prev] = s[d];
      shape[prev] *= shape[d];
    } else {
      prev++;
      if (prev !== d) {
        for (const s of strides) s[prev] = s[d];
        shape[prev] = shape[d];
      }
    }
  }
  shape.length = Math.min(shape.length, prev + 1);
  for (const s of strides) s.length = shape.length;
}

/** Walk [begin, end) of the iteration space in 2-d steps, as serial_for_each with DimCounter. */
function forEachTile(shape: readonly number[], inS: readonly number[], outS: readonly number[], begin: number, end: number, visit: (inBase: number, outBase: number, size0: number, size1: number) => void): void {
  const nd = shape.length;
  if (nd <= 1) {
    if (end > begin) visit(begin * (inS[0] ?? 0), begin * (outS[0] ?? 0), end - begin, 1);
    return;
  }
  const values = new Array<number>(nd).fill(0);
  let rest = begin;
  for (let d = 0; d < nd; d++) {
    values[d] = rest % shape[d];
    rest = Math.floor(rest / shape[d]);
  }
  for (let offset = begin; offset < end; ) {
    // max_2d_step: the rest of dim 0, and whole dim-0 rows of dim 1 when starting a row
    const step0 = Math.min(shape[0] - values[0], end - offset);
    const step1 = step0 === shape[0] ? Math.min(shape[1] - values[1], Math.floor((end - offset) / shape[0])) : 1;
    let inBase = 0;
    let outBase = 0;
    for (let d = 0; d < nd; d++) {
      inBase += values[d] * inS[d];
      outBase += values[d] * outS[d];
    }
    visit(inBase, outBase, step0, step1);
    offset += step0 * step1;
    // DimCounter::increment
    let i = 0;
    let overflow = step0;
    if (step1 !== 1) {
      i = 1;
      overflow = step1;
    }
    for (; i < nd && overflow > 0; i++) {
      let v = values[i] + overflow;
      if (v >= shape[i]) {
        overflow = 1;
        v -= shape[i];
      } else overflow = 0;
      values[i] = v;
    }
  }
}

export interface SumInput {
  data: Arr;
  offset: number;
  shape: readonly number[];
  strides: readonly number[];
}

/**
 * Sum `input` over the dims flagged in `reduced`; returns the results in row-major order of the
 * kept dims (doubles holding dtype values).
 */
export function cascadeSum(input: SumInput, reduced: readonly boolean[], dtype: 'float32' | 'float64'): Float64Array {
  const R: Round = dtype === 'float32' ? Math.fround : (v) => v;
  const lanes = vecLanes(dtype);
  const nd = input.shape.length;
  // output strides: contiguous over the kept dims, 0 on the reduced ones
  const outS = new Array<number>(nd).fill(0);
  let outN = 1;
  for (let d = nd - 1; d >= 0; d--)
    if (!reduced[d]) {
      outS[d] = outN;
      outN *= input.shape[d];
    }
  const out = new Float64Array(outN);
  const numel = input.shape.reduce((a, b) => a * b, 1);
  if (numel === 0) return out;
  const perm = reorder(input.shape, input.strides, outS);
  const shape = perm.map((d) => input.shape[d]);
  const strides = [perm.map((d) => input.strides[d]), perm.map((d) => outS[d])];
  coalesce(shape, strides);
  const [inS, oS] = strides;
  const tile = (target: Float64Array, outStrides: readonly number[]) => (inBase: number, outBase: number, size0: number, size1: number): void =>
    sumTile(
      { src: input.data, out: target, inBase: input.offset + inBase, outBase, in0: inS[0] ?? 0, in1: inS[1] ?? 0, out0: outStrides[0] ?? 0, out1: outStrides[1] ?? 0, size0, size1 },
      lanes,
      R,
    );
  if (outN === 1 && numel >= GRAIN_SIZE && THREADS > 1) {
    // two_pass_reduction: each thread sums its range of the iteration space into its own slot
    const threads = Math.min(THREADS, Math.ceil(numel / GRAIN_SIZE));
    const chunk = Math.ceil(numel / threads);
    const slots: number[] = [];
    for (let b = 0; b < numel; b += chunk) {
      const slot = new Float64Array(1);
      forEachTile(shape, inS, oS, b, Math.min(numel, b + chunk), tile(slot, oS));
      slots.push(slot[0]);
    }
    out[0] = R(0 + rowSum(slots, 0, 1, slots.length, R));
    return out;
  }
  forEachTile(shape, inS, oS, 0, numel, tile(out, oS));
  return out;
}
