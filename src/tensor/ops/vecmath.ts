// Float32 math as PyTorch's vectorized CPU kernels compute it, for the ops whose last bits show in
// printed results (softmax rows summing to 1.0000 rather than 1., gelu(-3) = -0.0041 rather than
// -0.0040). Vectorized<float>::exp is SLEEF's expf_u10 (≤ 1 ulp, not always the correctly rounded
// value that Math.fround(Math.exp(x)) gives). The polynomials run on FMA hardware, so each
// multiply-add rounds once (random/fma.ts). Checked bit for bit against the oracle (vecmath.test.ts).

import { fmaF32 as fma32 } from '../random/fma';

const f = Math.fround;

// SLEEF's constants (sleefsimdsp.c): ln 2 split into a short upper part and the rest
const R_LN2F = f(1.442695040888963407359924681001892137426645954152985934135449406931);
const L2UF = f(0.693145751953125);
const L2LF = f(1.428606765330187045e-6);
const EXP_POLY = [0.000198527617612853646278381, 0.00139304355252534151077271, 0.00833336077630519866943359, 0.0416664853692054748535156, 0.166666671633720397949219, 0.5].map(f);

/** Round half to even (vrint: the SIMD conversion in the default rounding mode). */
function rintEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** SLEEF expf_u10 (Sleef_expf16_u10 in Vectorized<float>::exp) on a float32 value. */
export function expf(d: number): number {
  if (Number.isNaN(d)) return NaN;
  const q = rintEven(f(d * R_LN2F));
  let s = fma32(q, -L2UF, d);
  s = fma32(q, -L2LF, s);
  let u = EXP_POLY[0];
  for (let i = 1; i < EXP_POLY.length; i++) u = fma32(u, s, EXP_POLY[i]);
  u = f(1 + fma32(f(s * s), u, s));
  // vldexp2: scale by 2^q in two halves so that 2^q itself never overflows
  const q1 = q >> 1;
  u = f(f(u * 2 ** q1) * 2 ** (q - q1));
  if (d < -104) return 0;
  if (d > 100) return Infinity;
  return u;
}

/** Lanes of Vectorized<float> on the oracle's AVX512 build. */
export const VEC_LANES = 16;
/** at::get_num_threads() on the machine the goldens come from (2 cores): where a kernel splits
 * work between threads, the split changes the order of float operations. */
export const THREADS = 2;

/**
 * vec::reduce_all / map_reduce_all over `n` values read by `at(i)`: fewer than a vector's worth
 * fold left to right; otherwise lane k accumulates elements k, k + 16, ... (a short tail only
 * into its first lanes), then the 16 lanes fold as AVX512's shuffle tree does (i ^ 8, ^ 4, ^ 2,
 * ^ 1).
 */
export function vecReduceAll(n: number, at: (i: number) => number, op: (a: number, b: number) => number): number {
  if (n < VEC_LANES) {
    let a = at(0);
    for (let i = 1; i < n; i++) a = op(a, at(i));
    return a;
  }
  const acc = new Array<number>(VEC_LANES);
  for (let k = 0; k < VEC_LANES; k++) acc[k] = at(k);
  let d = VEC_LANES;
  for (; d < n - (n % VEC_LANES); d += VEC_LANES) for (let k = 0; k < VEC_LANES; k++) acc[k] = op(acc[k], at(d + k));
  for (let k = 0; k < n - d; k++) acc[k] = op(acc[k], at(d + k));
  for (const m of [8, 4, 2, 1]) {
    const prev = acc.slice();
    for (let k = 0; k < VEC_LANES; k++) acc[k] = op(prev[k], prev[k ^ m]);
  }
  return acc[0];
}
