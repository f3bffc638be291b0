// softmax / log_softmax in float32 as PyTorch's CPU kernels compute them (aten/src/ATen/native/
// cpu/SoftMaxKernel.cpp), so rows sum to 1 ± an ulp exactly where PyTorch's do. Along the last
// dim (_vec_softmax_lastdim): max, e = exp(x - max) (SLEEF's expf), the sum of e in
// vec::reduce_all's order, then e · (1 / sum). Along another dim (_vec_softmax): per inner
// column, the running max and a sequential float sum over the dim, then e / sum. log_softmax:
// x - max - log(sum). softmax.ts checks arguments and records the node; this file only computes.

import { THREADS, VEC_LANES, expf, vecReduceAll } from '../vecmath';
import type { DimSplit } from './rows';

const f = Math.fround;
const max = (a: number, b: number): number => (Number.isNaN(a) || a > b ? a : Number.isNaN(b) ? b : b > a ? b : a);
const add = (a: number, b: number): number => f(a + b);

/** Float32 softmax or log_softmax of src into dst over the dim split { outer, size, inner }. */
export function softmaxFloat32(src: ArrayLike<number>, dst: Float32Array, { outer, size, inner }: DimSplit, log: boolean): void {
  if (size === 0) return;
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      const base = o * size;
      const mx = vecReduceAll(size, (i) => src[base + i], max);
      if (log) {
        const sum = vecReduceAll(size, (i) => expf(f(src[base + i] - mx)), add);
        const lse = f(Math.log(sum));
        for (let i = 0; i < size; i++) dst[base + i] = f(f(src[base + i] - mx) - lse);
      } else {
        for (let i = 0; i < size; i++) dst[base + i] = expf(f(src[base + i] - mx));
        const inv = f(1 / vecReduceAll(size, (i) => dst[base + i], add));
        for (let i = 0; i < size; i++) dst[base + i] = f(dst[base + i] * inv);
      }
    }
    return;
  }
  if (log) logSoftmaxInner(src, dst, { outer, size, inner });
  else softmaxInner(src, dst, { outer, size, inner });
}

/** exp as each lane kind computes it: SLEEF in a full vector, std::exp (≈ the correctly rounded
 * value) in a scalar tail. */
const expOf = (vector: boolean, x: number): number => (vector ? expf(x) : f(Math.exp(x)));

/**
 * _vec_softmax (another dim than the last): the (outer, inner) columns are split between the
 * threads (parallel_for, grain 0), and each thread walks its range in vectors of 16 consecutive
 * columns while they fit in both its range and the current row of inner (SLEEF exp), the rest
 * one column at a time (std::exp). Per column: max, e = exp(x - max), a sequential float sum
 * over the dim, e / sum.
 */
function softmaxInner(src: ArrayLike<number>, dst: Float32Array, { outer, size, inner }: DimSplit): void {
  for (const [begin, end] of threadRanges(outer * inner)) {
    let idx = begin;
    while (idx < end) {
      const o = Math.floor(idx / inner);
      const j = idx % inner;
      const vector = j + VEC_LANES <= inner && idx + VEC_LANES <= end;
      const count = vector ? VEC_LANES : Math.min(end - idx, inner - j);
      for (let c = 0; c < count; c++) {
        const base = o * size * inner + j + c;
        let mx = src[base];
        for (let i = 1; i < size; i++) mx = max(mx, src[base + i * inner]);
        let sum = 0;
        for (let i = 0; i < size; i++) {
          const e = expOf(vector, f(src[base + i * inner] - mx));
          dst[base + i * inner] = e;
          sum = f(sum + e);
        }
        for (let i = 0; i < size; i++) dst[base + i * inner] = f(dst[base + i * inner] / sum);
      }
      idx += count;
    }
  }
}

/** at::parallel_for's split of [0, n) with grain 0 among the oracle machine's threads. */
function threadRanges(n: number): [number, number][] {
  const threads = n > 1 ? Math.min(THREADS, n) : 1;
  const chunk = Math.ceil(n / threads);
  const out: [number, number][] = [];
  for (let b = 0; b < n; b += chunk) out.push([b, Math.min(n, b + chunk)]);
  return out;
}

/** The kernels' CHUNK_SIZE: as many columns as fit 128 KiB per dim row, a multiple of 16, at most inner. */
function chunkSize(size: number, inner: number): number {
  const maxChunk = Math.max(Math.floor(Math.floor(131072 / size) / 4), VEC_LANES);
  return Math.min(Math.floor(maxChunk / VEC_LANES) * VEC_LANES, inner);
}

/**
 * _vec_log_softmax (another dim than the last): per outer index, the inner columns in chunks
 * (one chunk unless inner is large); in a chunk of `n` columns the first n - n % 16 take vector
 * exp, the rest scalar exp. x - max - log(sum).
 */
function logSoftmaxInner(src: ArrayLike<number>, dst: Float32Array, { outer, size, inner }: DimSplit): void {
  const chunk = chunkSize(size, inner);
  for (let o = 0; o < outer; o++)
    for (let begin = 0; begin < inner; begin += chunk) {
      const n = Math.min(chunk, inner - begin);
      const vectorEnd = n - (n % VEC_LANES);
      for (let c = 0; c < n; c++) {
        const base = o * size * inner + begin + c;
        let mx = -Infinity;
        for (let i = 0; i < size; i++) {
          const v = src[base + i * inner];
          mx = v > mx ? v : mx;
        }
        let sum = 0;
        for (let i = 0; i < size; i++) sum = f(sum + expOf(c < vectorEnd, f(src[base + i * inner] - mx)));
        const lse = f(Math.log(sum));
        for (let i = 0; i < size; i++) dst[base + i * inner] = f(f(src[base + i * inner] - mx) - lse);
      }
    }
}
