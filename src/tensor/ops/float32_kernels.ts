// Float32 kernels for the elementwise ops whose PyTorch CPU kernel computes in float (opmath_t is
// float for float tensors) where the op table's double expression would round differently enough
// to show: sinc(-2.) is -2.7828e-08 in PyTorch (π·a and the sine taken in float), exactly 0 in
// double. elementwise.ts runs these instead of the table kernel for float32 results on the CPU;
// other dtypes (float64 computes in double, as the table does) and devices keep the table's.
// These kernels are scalar in PyTorch (cpu_kernel without a vector form), so every element rounds
// the same way wherever it sits.

import type { Layout } from '../backend';
import { gatherStrided, scatterStrided } from '../cpu/strided';

const f = Math.fround;
/** c10::pi<float> */
const PI_F = f(Math.PI);

export type Float32Unary = (a: number) => number;

export const FLOAT32_UNARY: Readonly<Record<string, Float32Unary>> = {
  // sinc_kernel: a == 0 ? 1 : sin(π·a) / (π·a) with product and quotient in float (sinf ≈ the
  // correctly rounded sine)
  sinc: (a) => {
    if (a === 0) return 1;
    const p = f(PI_F * a);
    return f(f(Math.sin(p)) / p);
  },
};

/** Run a float32 unary kernel from the input layout into out (any strides). */
export function runFloat32Unary(k: Float32Unary, out: { storage: { data: unknown }; shape: readonly number[]; strides: readonly number[]; offset: number }, input: Layout): void {
  const n = out.shape.reduce((a, b) => a * b, 1);
  const src = input.storage.dataForRead;
  const vals = src instanceof BigInt64Array ? new BigInt64Array(n) : new Float64Array(n);
  gatherStrided(src, input.offset, out.shape, input.strides, vals);
  const res = new Float32Array(n);
  for (let i = 0; i < n; i++) res[i] = k(f(Number(vals[i])));
  scatterStrided(res, 0, out.storage.data as Float32Array, out.offset, out.shape, out.strides);
}
