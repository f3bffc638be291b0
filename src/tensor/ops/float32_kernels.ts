// Float32 kernels for the elementwise ops whose PyTorch CPU kernel computes in float (opmath_t is
// float for float tensors) where the op table's double expression would round differently enough
// to show: sinc(-2.) is -2.7828e-08 in PyTorch (π·a and the sine taken in float), exactly 0 in
// double. elementwise.ts runs these instead of the table kernel for float32 results on the CPU;
// other dtypes (float64 computes in double, as the table does) and devices keep the table's.
// Every element of these rounds the same way wherever it sits (a scalar-only kernel, or a VML one
// that runs its vector form over the tail too); float32_split.ts has those where position matters.

import type { Layout } from '../backend';
import { gatherStrided, scatterStrided } from '../cpu/strided';
import { expf } from './vecmath';
import { f32FromBits } from '../random/fma';

const f = Math.fround;
/** c10::pi<float> */
const PI_F = f(Math.PI);

/** The smallest float x with torch.tanh(x) == 1 (8.664341, measured over every float in
 * [8.6, 8.7): fixtures/tanh.oracle.py; from there on every larger x gives 1 as well). */
const TANH_ONE = f32FromBits(0x410aa124);

export type Float32Unary = (a: number) => number;

export const FLOAT32_UNARY: Readonly<Record<string, Float32Unary>> = {
  // exp is one of the VML kernels (vml::vexp): every element, tail included, goes through the
  // vector exp, SLEEF's expf_u10 — position-independent, but not always correctly rounded
  exp: expf,
  // log_sigmoid_cpu_kernel runs its own vector loop over every element, the tail as a partial
  // vector: min(x, 0) - log1p(exp(-|x|)) in float, SLEEF's exp (its log1p modelled as correctly
  // rounded: SLEEF's log1pf_u10 differs in the last bit for about 1 input in 200)
  // tanh is a VML kernel too (SLEEF's tanhf_u10 on every element): it returns exactly ±1 from
  // |x| ≥ TANH_ONE on, where tanh(x) still rounds to ±0.99999994 up to |x| ≈ 9.01; below, it is
  // modelled by the correctly rounded value (SLEEF's result differs from that only where tanh(x)
  // lies within a few thousandths of an ulp of a midpoint — about 1 input in 2000)
  tanh: (a) => (Math.abs(a) >= TANH_ONE ? (a > 0 ? 1 : -1) : f(Math.tanh(a))),
  logsigmoid: (a) => f(Math.min(a, 0) - f(Math.log1p(expf(-Math.abs(a))))),
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
