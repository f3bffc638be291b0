// TensorIterator's loop geometry on the CPU, for the kernels whose result depends on where an
// element falls in it: ATen's cpu_kernel_vec runs each inner run of the loop through its vector op
// in steps of 2·Vec::size() and hands the last (run length mod that step) elements to its scalar
// op, and the two can round differently (sigmoid's vector exp is SLEEF's, the scalar one glibc's).
// Runs that are not unit-stride for every operand (a stride-0 input aside) take the scalar op
// throughout (basic_loop). This file finds those scalar elements: alpha_tail.ts and
// float32_split.ts use it.
//
// The inner loop is TensorIterator's: dims sorted by strides (reorder_dimensions, the output left
// out when the op allocates it — PyTorch then lays the output out along the inputs' order, while
// ours is plain row-major, so positions are mapped back per dim), coalesced, walked with dim 0
// innermost, and split in equal chunks between the oracle's threads from GRAIN_SIZE elements on
// (at::parallel_for), each chunk its own run of the vector loop.

import type { Layout } from '../backend';
import { THREADS } from './vecmath';

/** at::internal::GRAIN_SIZE */
export const GRAIN_SIZE = 32768;

/** TensorIterator::reorder_dimensions: the permutation, innermost first (ops is operand strides,
 * those that take part in the ordering, in operand order). */
export function reorder(shape: readonly number[], ops: readonly (readonly number[])[]): number[] {
  const nd = shape.length;
  const perm = Array.from({ length: nd }, (_, i) => nd - 1 - i);
  const shouldSwap = (d0: number, d1: number): number => {
    for (const s of ops) {
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

/** TensorIterator::coalesce_dimensions (dim 0 innermost): the merged shape and strides, and for
 * each merged dim the original dims it spans (so positions can be mapped back). */
export function coalesce(shape: readonly number[], strides: readonly (readonly number[])[]): { shape: number[]; strides: number[][]; groups: number[][] } {
  const sh = [...shape];
  const st = strides.map((s) => [...s]);
  const groups = shape.map((_, d) => [d]);
  let prev = 0;
  for (let d = 1; d < sh.length; d++) {
    const ok = sh[prev] === 1 || sh[d] === 1 || st.every((s) => sh[prev] * s[prev] === s[d]);
    if (ok) {
      if (sh[prev] === 1) for (const s of st) s[prev] = s[d];
      sh[prev] *= sh[d];
      groups[prev].push(d);
    } else {
      prev++;
      if (prev !== d) {
        for (const s of st) s[prev] = s[d];
        sh[prev] = sh[d];
        groups[prev] = [d];
      }
    }
  }
  const nd = Math.min(sh.length, prev + 1);
  return { shape: sh.slice(0, nd), strides: st.map((s) => s.slice(0, nd)), groups: groups.slice(0, nd) };
}

/** Elements of an op's loop, by storage position: out[k] is computed from inputs[j][k]. */
export interface ElementSet {
  out: number[];
  inputs: number[][];
}

/**
 * The elements cpu_kernel_vec computes with its scalar op, for an elementwise op writing `out`
 * (shape = the loop's) from `inputs` (already broadcast to it: same rank, stride 0 on broadcast
 * dims). `step` is 2·Vec::size() of the kernel's build (32 for float32 on AVX512); `allocated`
 * says the op creates `out`.
 */
export function scalarElements(out: Layout, inputs: readonly Layout[], allocated: boolean, step: number): ElementSet {
  const res: ElementSet = { out: [], inputs: inputs.map(() => []) };
  const shape0 = out.shape;
  const nd = shape0.length;
  const numel = shape0.reduce((a, b) => a * b, 1);
  if (numel === 0) return res;
  const sIn = inputs.map((x) => [...x.strides]);
  const sOut = [...out.strides];
  const perm = reorder(shape0, allocated ? sIn : [sOut, ...sIn]);
  const pShape = perm.map((p) => shape0[p]);
  const pt = (s: readonly number[]): number[] => perm.map((p) => s[p]);
  // PyTorch's output: allocated contiguous along the permuted dims
  const itOut: number[] = [];
  for (let d = 0, acc = 1; d < nd; d++) (itOut.push(acc), (acc *= pShape[d]));
  const ourOut = pt(sOut);
  const { shape, strides, groups } = coalesce(pShape, [allocated ? itOut : ourOut, ...sIn.map(pt)]);
  const [io, ...is] = strides;
  // rank 0: one element, one scalar call
  const n0 = shape.length === 0 ? 1 : shape[0];
  const vectorized = shape.length > 0 && io[0] === 1 && is.every((s) => s[0] === 1 || s[0] === 0);
  /** Offset in our output of index i along merged dim d. */
  const ourOffset = (d: number, i: number): number => {
    let off = 0;
    for (const od of groups[d]) {
      off += (i % pShape[od]) * ourOut[od];
      i = Math.floor(i / pShape[od]);
    }
    return off;
  };
  const threads = numel < GRAIN_SIZE ? 1 : Math.min(THREADS, Math.ceil(numel / GRAIN_SIZE));
  const chunk = Math.ceil(numel / threads);
  const rows = numel / n0;
  const idx = new Array<number>(shape.length).fill(0);
  const pIn = inputs.map((x) => x.offset);
  for (let row = 0; row < rows; row++) {
    const rowStart = row * n0;
    let rowOut = out.offset;
    for (let d = 1; d < shape.length; d++) rowOut += ourOffset(d, idx[d]);
    // one run per thread range that meets this row
    for (let lo = rowStart; lo < rowStart + n0; ) {
      const hi = Math.min(rowStart + n0, (Math.floor(lo / chunk) + 1) * chunk);
      const len = hi - lo;
      const first = vectorized ? lo + len - (len % step) : lo;
      for (let e = first; e < hi; e++) {
        const i = e - rowStart;
        res.out.push(shape.length === 0 ? out.offset : rowOut + ourOffset(0, i));
        for (let j = 0; j < inputs.length; j++) res.inputs[j].push(shape.length === 0 ? pIn[j] : pIn[j] + i * is[j][0]);
      }
      lo = hi;
    }
    // odometer over the outer dims
    for (let d = 1; d < shape.length; d++) {
      idx[d]++;
      for (let j = 0; j < inputs.length; j++) pIn[j] += is[j][d];
      if (idx[d] < shape[d]) break;
      for (let j = 0; j < inputs.length; j++) pIn[j] -= is[j][d] * shape[d];
      idx[d] = 0;
    }
  }
  return res;
}
