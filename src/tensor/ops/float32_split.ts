// Float32 kernels whose PyTorch CPU result depends on where an element sits in TensorIterator's
// loop: cpu_kernel_vec computes most elements with the op's vector form — exp is SLEEF's expf_u10
// (vecmath.ts), arithmetic in float — and the tail of each inner run with its scalar form, where
// exp is glibc's expf (correctly rounded in practice: Math.fround(Math.exp(x)) models it; checked
// on the oracle). sigmoid(x) differs between the two forms on about a third of all inputs, so the
// last bits of a printed sigmoid depend on the tensor's length. elementwise.ts runs these for
// float32 results on the CPU; iter_geometry.ts says which elements are the scalar ones.
//
// Each form is ATen's expression with its float roundings (Activation.cpp, UnaryOpsKernel.cpp):
//   sigmoid  vector 1 / ((0 - x).exp() + 1)              scalar 1 / (1 + std::exp(-x))
//   silu     vector x / (1 + x.neg().exp())               scalar x / (1 + std::exp(-x))
//   elu      x > 0: x·scale; else (exp(x·input_scale) - 1)·(alpha·scale) in both forms, the exp
//            being the vector or the scalar one (selu and celu are elu with other coefficients)
//   softplus x·β > threshold ? x : log1p(exp(x·β)) / β
//   mish     x · tanh(log1p(exp(x)))
// softplus and mish also take a log1p (and mish a tanh) whose vector forms are SLEEF's: modelled
// by the correctly rounded values, they are the only bits here not reproduced exactly.
// All measured on the oracle's AVX512 build: 2 × 16 lanes per vector step.

import type { Layout } from '../backend';
import { gatherStrided, scatterStrided } from '../cpu/strided';
import { expf } from './vecmath';
import { scalarElements } from './iter_geometry';

const f = Math.fround;
/** glibc expf: correctly rounded in practice. */
const expS = (x: number): number => f(Math.exp(x));
/** log1p in float, as the correctly rounded value. The scalar forms call glibc's log1pf (that);
 * the vector forms SLEEF's log1pf_u10, which differs in the last bit for roughly 1 input in 200 —
 * its port would need SLEEF's own coefficients, so those stay 1 ulp apart. */
export const log1pf = (x: number): number => f(Math.log1p(x));

export interface SplitKernel {
  /** The vector op's value for a float32 input `a`; `p` the op's parameters (doubles). */
  readonly vector: (a: number, p: readonly number[]) => number;
  /** The scalar op's value. */
  readonly scalar: (a: number, p: readonly number[]) => number;
  /** 2·Vec::size() of the kernel's build. */
  readonly step: number;
}

/** elu with either exp: params [alpha, scale, input_scale] become floats as ATen's to<float>(). */
const elu = (exp: (x: number) => number) => (a: number, p: readonly number[]): number => {
  if (a > 0) return f(a * f(p[1]));
  return f(f(exp(f(a * f(p[2]))) - 1) * f(f(p[0]) * f(p[1])));
};

/** softplus, params [beta, threshold]: x where x·beta > threshold, else log1p(exp(x·beta)) / beta. */
const softplus = (exp: (x: number) => number) => (a: number, p: readonly number[]): number => {
  const beta = f(p[0]);
  const ab = f(a * beta);
  return ab > f(p[1]) ? a : f(log1pf(exp(ab)) / beta);
};

export const FLOAT32_SPLIT: Readonly<Record<string, SplitKernel>> = {
  sigmoid: { vector: (a) => f(1 / f(expf(f(0 - a)) + 1)), scalar: (a) => f(1 / f(1 + expS(-a))), step: 32 },
  silu: { vector: (a) => f(a / f(1 + expf(-a))), scalar: (a) => f(a / f(1 + expS(-a))), step: 32 },
  elu: { vector: elu(expf), scalar: elu(expS), step: 32 },
  softplus: { vector: softplus(expf), scalar: softplus(expS), step: 32 },
  mish: { vector: (a) => f(a * f(Math.tanh(log1pf(expf(a))))), scalar: (a) => f(a * f(Math.tanh(log1pf(expS(a))))), step: 32 },
};

type Out = { storage: { data: unknown }; shape: readonly number[]; strides: readonly number[]; offset: number };

/** Run a split kernel from the input layout into out (any strides); `allocated`: the op created out. */
export function runFloat32Split(k: SplitKernel, out: Out & Layout, input: Layout, params: readonly number[], allocated: boolean): void {
  const src = input.storage.dataForRead;
  const read = (i: number): number => f(Number(src[i]));
  // the scalar elements first: in place, out may be the input
  const tail = scalarElements(out, [input], allocated, k.step);
  const tailValues = tail.inputs[0].map((i) => k.scalar(read(i), params));
  const n = out.shape.reduce((a, b) => a * b, 1);
  const vals = src instanceof BigInt64Array ? new BigInt64Array(n) : new Float64Array(n);
  gatherStrided(src, input.offset, out.shape, input.strides, vals);
  const res = new Float32Array(n);
  for (let i = 0; i < n; i++) res[i] = k.vector(f(Number(vals[i])), params);
  const dst = out.storage.data as Float32Array;
  scatterStrided(res, 0, dst, out.offset, out.shape, out.strides);
  for (let j = 0; j < tail.out.length; j++) dst[tail.out[j]] = tailValues[j];
}
