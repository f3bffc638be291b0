// batch_norm's arithmetic as PyTorch's CPU kernels do it (aten/src/ATen/native/cpu/
// batch_norm_kernel.cpp and Normalization.cpp), so a float32 result has PyTorch's last bits — a
// per-channel sum of normalized values prints -4.7684e-07, not 0. (normalization.ts checks the
// arguments and records the node; this file only computes.)
//
// For a float input the kernel keeps its statistics in float: the mean is the double sum / N
// rounded to float; var_sum accumulates float (x - mean)² terms; invstd = 1 / sqrt(var_sum / n
// + eps) in double (InvStd<acc_type>) rounded to float. The output is then an affine map in
// float: y = x·alpha + beta, alpha = invstd·weight, beta = bias - mean·alpha
// (batch_norm_cpu_collect_linear_and_constant_terms). In eval mode invstd = 1 / sqrt(var + eps)
// is computed in float. A float64 input does the same in double (every rounding is the identity).
// The compiled kernel contracts `a * b + c` into fused multiply-adds (random/fma.ts), so those
// round once.
//
// An (N, C) input (one element per channel and sample) takes the channels-last kernel: each
// thread sums its chunk of rows in float into a per-thread buffer, and the buffers are added in
// double. PyTorch splits the rows into THREADS equal chunks (at::parallel_for); the goldens come
// from a 2-thread machine, so that is the split modelled here.

import { fmaF32, fmaF64 } from '../../random/fma';
import { THREADS } from '../vecmath';
import type { FloatArr } from './rows';


export interface BatchNormLayout {
  n: number;
  c: number;
  /** elements per (sample, channel): the product of the trailing dims */
  spatial: number;
}

/** The rounding into the kernel's scalar type: float for float32 (and half, computed in float). */
export const roundingFor = (dtype: string): ((v: number) => number) => (dtype === 'float64' ? (v) => v : Math.fround);

/** The kernel's fused multiply-add in its scalar type. */
const fmaFor = (dtype: string): ((a: number, b: number, c: number) => number) => (dtype === 'float64' ? fmaF64 : fmaF32);

/** Training statistics per channel: the float mean and the float sum of squared deviations. */
export function collectStats(x: FloatArr, { n, c, spatial }: BatchNormLayout, dtype: string): { mean: Float64Array; varSum: Float64Array } {
  const R = roundingFor(dtype);
  const fma = fmaFor(dtype);
  const count = n * spatial;
  const mean = new Float64Array(c);
  const varSum = new Float64Array(c);
  if (spatial === 1) {
    // channels-last kernel: float per-thread partial sums over row chunks, combined in double
    const threads = count > 1 ? Math.min(THREADS, count) : 1;
    const chunk = Math.ceil(count / threads);
    for (let ch = 0; ch < c; ch++) {
      let s = 0;
      for (let t = 0; t < threads; t++) {
        let part = 0;
        for (let i = t * chunk; i < Math.min(count, (t + 1) * chunk); i++) part = R(part + x[i * c + ch]);
        s += part;
      }
      const mu = R(s / count);
      let v = 0;
      for (let t = 0; t < threads; t++) {
        let part = 0;
        for (let i = t * chunk; i < Math.min(count, (t + 1) * chunk); i++) {
          const d = R(x[i * c + ch] - mu);
          part = fma(d, d, part);
        }
        v += part;
      }
      mean[ch] = mu;
      varSum[ch] = R(v);
    }
    return { mean, varSum };
  }
  // contiguous kernel: per channel, double accumulation of float values and float squared deviations
  for (let ch = 0; ch < c; ch++) {
    let s = 0;
    for (let i = 0; i < n; i++) for (let j = 0, o = (i * c + ch) * spatial; j < spatial; j++) s += x[o + j];
    const mu = R(s / count);
    let v = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0, o = (i * c + ch) * spatial; j < spatial; j++) {
        const d = R(x[o + j] - mu);
        v += R(d * d);
      }
    mean[ch] = mu;
    varSum[ch] = R(v);
  }
  return { mean, varSum };
}

/** InvStd<double>(var_sum / n, eps) stored in the scalar type (0 when var and eps are both 0). */
export function trainInvStd(varSum: number, count: number, eps: number, R: (v: number) => number): number {
  const v = R(varSum / count);
  return v !== 0 || eps !== 0 ? R(1 / Math.sqrt(v + eps)) : 0;
}

/** The eval-mode invstd, 1 / sqrt(running_var + eps), in the scalar type's arithmetic. */
export const evalInvStd = (runningVar: number, eps: number, R: (v: number) => number): number => R(1 / R(Math.sqrt(R(runningVar + R(eps)))));

/** y = x·alpha + beta per channel, alpha = invstd·weight, beta = bias - mean·alpha — the last
 * two each one fused multiply-add, as the compiled kernel contracts them. */
export function applyAffine(
  x: FloatArr,
  y: FloatArr,
  { n, c, spatial }: BatchNormLayout,
  mean: ArrayLike<number>,
  invstd: ArrayLike<number>,
  w: ArrayLike<number>,
  b: ArrayLike<number>,
  dtype: string,
): void {
  const R = roundingFor(dtype);
  const fma = fmaFor(dtype);
  for (let ch = 0; ch < c; ch++) {
    const alpha = R(invstd[ch] * w[ch]);
    const beta = fma(-mean[ch], alpha, b[ch]);
    for (let i = 0; i < n; i++)
      for (let j = 0, o = (i * c + ch) * spatial; j < spatial; j++) y[o + j] = fma(x[o + j], alpha, beta);
  }
}
