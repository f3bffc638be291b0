// The JavaScript GEMM kernels under matmul/mm/bmm/addmm/linear/conv for float32 and float64: one
// C = A·B over strided operands (./operand.ts), register-tiled 4×4 over packed panels for speed.
//
// Summation order is part of the contract: the oracle's PyTorch links reference BLAS, whose
// sgemm/dgemm accumulate every C element in k order, rounding each product and each sum to the
// dtype (no FMA). We do exactly that — `fround(c + fround(a·b))` is bit-exact float32 arithmetic,
// because a float32 product is exact in a double and a double holds a float32 sum to within one
// rounding — so results match PyTorch bit for bit, not just within tolerance. Where the addend
// (bias, beta·C) enters the sum is chosen by the caller (`accumulate`, see operand.ts).

import type { GemmOptions, MatRef } from './operand';

const fround = Math.fround;

/** Below this many multiply-adds the packing costs more than it saves: walk the operands directly. */
const DIRECT_MAX_FLOPS = 4096;

type Rounder = (x: number) => number;
const id: Rounder = (x) => x;

/** Initial value of C[i,j] before the k-sum, and how the sum is finished, for each mode. */
function initValue(cv: number, mode: string, beta: number, r: Rounder): number {
  if (mode !== 'first' || beta === 0) return 0;
  return beta === 1 ? cv : r(beta * cv);
}
function finish(sum: number, cv: number, mode: string, alpha: number, beta: number, r: Rounder): number {
  if (mode !== 'last') return sum;
  const s = alpha === 1 ? sum : r(alpha * sum);
  return beta === 0 ? s : r(s + (beta === 1 ? cv : r(beta * cv)));
}

/** C (m×n) ← A (m×k) · B (k×n) in float32, combined with C per `opts` (default overwrite). */
export function gemmF32JS(
  m: number,
  n: number,
  k: number,
  a: MatRef<Float32Array>,
  b: MatRef<Float32Array>,
  c: MatRef<Float32Array>,
  opts: GemmOptions = {},
): void {
  gemmGeneric(m, n, k, a, b, c, opts, true);
}

/** C (m×n) ← A (m×k) · B (k×n) in float64 (plain double arithmetic = reference dgemm's order). */
export function gemmF64JS(
  m: number,
  n: number,
  k: number,
  a: MatRef<Float64Array>,
  b: MatRef<Float64Array>,
  c: MatRef<Float64Array>,
  opts: GemmOptions = {},
): void {
  gemmGeneric(m, n, k, a, b, c, opts, false);
}

type FArr = Float32Array | Float64Array;

function gemmGeneric(m: number, n: number, k: number, a: MatRef<FArr>, b: MatRef<FArr>, c: MatRef<FArr>, opts: GemmOptions, f32: boolean): void {
  const mode = opts.accumulate ?? 'overwrite';
  const alpha = opts.alpha ?? 1;
  const beta = opts.beta ?? (mode === 'overwrite' ? 0 : 1);
  if (m === 0 || n === 0) return;
  if (m * n * k <= DIRECT_MAX_FLOPS) {
    if (f32) directF32(m, n, k, a as MatRef<Float32Array>, b as MatRef<Float32Array>, c as MatRef<Float32Array>, mode, alpha, beta);
    else directF64(m, n, k, a, b, c, mode, alpha, beta);
    return;
  }
  // 'first' multiplies alpha into A (reference BLAS: temp = alpha·A[i,l], then C += temp·B[l,j]).
  const preScale = mode === 'first' && alpha !== 1 ? alpha : 1;
  const r: Rounder = f32 ? fround : id;
  const mp = (m + 3) >> 2;
  const np = (n + 3) >> 2;
  const Ap = f32 ? new Float32Array(mp * 4 * k) : new Float64Array(mp * 4 * k);
  const Bp = f32 ? new Float32Array(np * 4 * k) : new Float64Array(np * 4 * k);
  for (let i = 0; i < m; i++) {
    const base = (i >> 2) * 4 * k + (i & 3);
    let src = a.off + i * a.rs;
    for (let l = 0; l < k; l++, src += a.cs) Ap[base + l * 4] = preScale === 1 ? a.data[src] : r(preScale * a.data[src]);
  }
  for (let j = 0; j < n; j++) {
    const base = (j >> 2) * 4 * k + (j & 3);
    let src = b.off + j * b.cs;
    for (let l = 0; l < k; l++, src += b.rs) Bp[base + l * 4] = b.data[src];
  }
  const cd = c.data;
  const acc = new Float64Array(16);
  for (let ip = 0; ip < mp; ip++) {
    const i0 = ip * 4;
    const rows = Math.min(4, m - i0);
    for (let jp = 0; jp < np; jp++) {
      const j0 = jp * 4;
      const cols = Math.min(4, n - j0);
      for (let ii = 0; ii < 4; ii++)
        for (let jj = 0; jj < 4; jj++)
          acc[ii * 4 + jj] = ii < rows && jj < cols ? initValue(cd[c.off + (i0 + ii) * c.rs + (j0 + jj) * c.cs], mode, beta, r) : 0;
      if (f32) tile4x4F32(Ap as Float32Array, ip * 4 * k, Bp as Float32Array, jp * 4 * k, k, acc);
      else tile4x4F64(Ap as Float64Array, ip * 4 * k, Bp as Float64Array, jp * 4 * k, k, acc);
      for (let ii = 0; ii < rows; ii++)
        for (let jj = 0; jj < cols; jj++) {
          const ci = c.off + (i0 + ii) * c.rs + (j0 + jj) * c.cs;
          cd[ci] = finish(acc[ii * 4 + jj], cd[ci], mode, alpha, beta, r);
        }
    }
  }
}

/** 16 float32 accumulators held in locals across the k loop (the register tile). */
function tile4x4F32(A: Float32Array, ao: number, B: Float32Array, bo: number, k: number, acc: Float64Array): void {
  let c00 = acc[0], c01 = acc[1], c02 = acc[2], c03 = acc[3];
  let c10 = acc[4], c11 = acc[5], c12 = acc[6], c13 = acc[7];
  let c20 = acc[8], c21 = acc[9], c22 = acc[10], c23 = acc[11];
  let c30 = acc[12], c31 = acc[13], c32 = acc[14], c33 = acc[15];
  const end = ao + 4 * k;
  for (; ao < end; ao += 4, bo += 4) {
    const a0 = A[ao], a1 = A[ao + 1], a2 = A[ao + 2], a3 = A[ao + 3];
    const b0 = B[bo], b1 = B[bo + 1], b2 = B[bo + 2], b3 = B[bo + 3];
    c00 = fround(c00 + fround(a0 * b0)); c01 = fround(c01 + fround(a0 * b1)); c02 = fround(c02 + fround(a0 * b2)); c03 = fround(c03 + fround(a0 * b3));
    c10 = fround(c10 + fround(a1 * b0)); c11 = fround(c11 + fround(a1 * b1)); c12 = fround(c12 + fround(a1 * b2)); c13 = fround(c13 + fround(a1 * b3));
    c20 = fround(c20 + fround(a2 * b0)); c21 = fround(c21 + fround(a2 * b1)); c22 = fround(c22 + fround(a2 * b2)); c23 = fround(c23 + fround(a2 * b3));
    c30 = fround(c30 + fround(a3 * b0)); c31 = fround(c31 + fround(a3 * b1)); c32 = fround(c32 + fround(a3 * b2)); c33 = fround(c33 + fround(a3 * b3));
  }
  acc[0] = c00; acc[1] = c01; acc[2] = c02; acc[3] = c03;
  acc[4] = c10; acc[5] = c11; acc[6] = c12; acc[7] = c13;
  acc[8] = c20; acc[9] = c21; acc[10] = c22; acc[11] = c23;
  acc[12] = c30; acc[13] = c31; acc[14] = c32; acc[15] = c33;
}

function tile4x4F64(A: Float64Array, ao: number, B: Float64Array, bo: number, k: number, acc: Float64Array): void {
  let c00 = acc[0], c01 = acc[1], c02 = acc[2], c03 = acc[3];
  let c10 = acc[4], c11 = acc[5], c12 = acc[6], c13 = acc[7];
  let c20 = acc[8], c21 = acc[9], c22 = acc[10], c23 = acc[11];
  let c30 = acc[12], c31 = acc[13], c32 = acc[14], c33 = acc[15];
  const end = ao + 4 * k;
  for (; ao < end; ao += 4, bo += 4) {
    const a0 = A[ao], a1 = A[ao + 1], a2 = A[ao + 2], a3 = A[ao + 3];
    const b0 = B[bo], b1 = B[bo + 1], b2 = B[bo + 2], b3 = B[bo + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  acc[0] = c00; acc[1] = c01; acc[2] = c02; acc[3] = c03;
  acc[4] = c10; acc[5] = c11; acc[6] = c12; acc[7] = c13;
  acc[8] = c20; acc[9] = c21; acc[10] = c22; acc[11] = c23;
  acc[12] = c30; acc[13] = c31; acc[14] = c32; acc[15] = c33;
}

function directF32(m: number, n: number, k: number, a: MatRef<Float32Array>, b: MatRef<Float32Array>, c: MatRef<Float32Array>, mode: string, alpha: number, beta: number): void {
  const preScale = mode === 'first' && alpha !== 1 ? alpha : 1;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      const ci = c.off + i * c.rs + j * c.cs;
      let s = initValue(c.data[ci], mode, beta, fround);
      let ai = a.off + i * a.rs;
      let bi = b.off + j * b.cs;
      for (let l = 0; l < k; l++, ai += a.cs, bi += b.rs) {
        const av = preScale === 1 ? a.data[ai] : fround(preScale * a.data[ai]);
        s = fround(s + fround(av * b.data[bi]));
      }
      c.data[ci] = finish(s, c.data[ci], mode, alpha, beta, fround);
    }
}

function directF64(m: number, n: number, k: number, a: MatRef<FArr>, b: MatRef<FArr>, c: MatRef<FArr>, mode: string, alpha: number, beta: number): void {
  const preScale = mode === 'first' && alpha !== 1 ? alpha : 1;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      const ci = c.off + i * c.rs + j * c.cs;
      let s = initValue(c.data[ci], mode, beta, id);
      let ai = a.off + i * a.rs;
      let bi = b.off + j * b.cs;
      for (let l = 0; l < k; l++, ai += a.cs, bi += b.rs) s += preScale * a.data[ai] * b.data[bi];
      c.data[ci] = finish(s, c.data[ci], mode, alpha, beta, id);
    }
}
