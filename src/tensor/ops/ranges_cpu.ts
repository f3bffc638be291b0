// The values of torch.linspace / arange / logspace as PyTorch's CPU kernels compute them
// (RangeFactoriesKernel.cpp, RangeFactories.cpp), last bit included: creation.ts builds the tensor
// around them. Every formula here is the C++ expression of the kernel with its types — `start +
// step * idx` in the output's scalar type (linspace), in its accumulate type (arange: double for
// float32), or in double feeding std::pow (logspace) — and GCC's contraction of the multiply-add
// into one fma, which decides the last bit of about a quarter of linspace's float32 values
// (linspace(-3, 3, 7) has 1 ulp errors otherwise). Half types compute each step in float and
// round to the half type (c10::Half's operators), which is a different rounding again.
//
// Measured on the oracle (fixtures/ranges.oracle.py, every length 1..200): linspace's values do
// not depend on their position (its vector fill rounds as the scalar loop does), arange's do: its
// vector lanes add k·step to a base already rounded to the output type (see arangeValues).

import type { DType } from '../dtype';
import { fmaF32, fmaF64 } from '../random/fma';
import { bf16, f16 } from '../cpu/math';
import { crPow } from '../../python/libm';
import { THREADS } from './vecmath';

/** at::internal::GRAIN_SIZE */
const GRAIN_SIZE = 32768;

const f32 = Math.fround;
const id = (x: number): number => x;

/** A half type's rounding of a float value (c10::Half / c10::BFloat16 from float). */
function halfRound(dtype: DType): ((x: number) => number) | null {
  if (dtype === 'float16') return (x) => f16(f32(x));
  if (dtype === 'bfloat16') return (x) => bf16(x);
  return null;
}

/** Scalar::to<scalar_t>() for a float scalar: doubles reach the half types through float. */
function toScalarT(x: number, dtype: DType): number {
  if (dtype === 'float32') return f32(x);
  const h = halfRound(dtype);
  if (h !== null) return h(f32(x));
  if (dtype === 'float64') return x;
  return Math.trunc(x); // integral: the checked C cast
}

/**
 * linspace_kernel: step = (end - start) / (steps - 1) in scalar_t (double for integral outputs),
 * then `start + step * idx` below the halfway index and `end - step * (steps - idx - 1)` from it
 * on, each contracted into one fma in float/double; half types round after every operation.
 * Values are returned as doubles holding the dtype's values (integers truncated as C casts).
 */
export function linspaceValues(start: number, end: number, steps: number, dtype: DType): Float64Array {
  const out = new Float64Array(steps);
  if (steps === 0) return out;
  const a = toScalarT(start, dtype);
  const b = toScalarT(end, dtype);
  if (steps === 1) {
    out[0] = a;
    return out;
  }
  const half = Math.floor(steps / 2);
  const h = halfRound(dtype);
  if (h !== null) {
    // c10::Half arithmetic: operands to float, one float operation, the result back to Half;
    // idx and the step count become Half too (Half * int64_t is Half * Half(int64_t))
    const step = h(f32(h(f32(b - a)) / h(steps - 1)));
    for (let i = 0; i < steps; i++) out[i] = i < half ? h(f32(a + h(f32(step * h(i))))) : h(f32(b - h(f32(step * h(steps - i - 1)))));
    return out;
  }
  if (dtype === 'float32') {
    const step = f32(f32(b - a) / (steps - 1));
    for (let i = 0; i < steps; i++) out[i] = i < half ? fmaF32(step, i, a) : fmaF32(-step, steps - i - 1, b);
    return out;
  }
  const step = (b - a) / (steps - 1);
  for (let i = 0; i < steps; i++) out[i] = i < half ? fmaF64(step, i, a) : fmaF64(-step, steps - i - 1, b);
  if (dtype !== 'float64') for (let i = 0; i < steps; i++) out[i] = Math.trunc(out[i]);
  return out;
}

/**
 * arange_kernel: start and step in acc_type (double for float32 and float64, float for the half
 * types), the scalar loop `start + step * idx` (one fma) rounded to the output type. Contiguous
 * outputs go through cpu_serial_kernel_vec, and arange_stub has no AVX512 registration, so its
 * AVX2 build runs (256-bit vectors: 8 floats, 4 doubles, 16 halfs): pairs of vectors from the front
 * take Vectorized::arange(start + step * idx, step) — a base rounded to the output type first,
 * then `base + k * step` per lane in the acc type (one fma) — and the last n mod 2·lanes elements
 * the scalar form. Integral outputs are exact either way.
 */
export function arangeValues(start: number, step: number, n: number, dtype: DType): Float64Array {
  const out = new Float64Array(n);
  const h = halfRound(dtype);
  // the acc type's fma, and the rounding to the output type
  const fma = h !== null ? fmaF32 : fmaF64;
  const acc = h !== null ? f32 : id;
  const st = acc(step);
  const s0 = acc(start);
  const rnd = h ?? (dtype === 'float32' ? f32 : dtype === 'float64' ? id : Math.trunc);
  for (let i = 0; i < n; i++) out[i] = rnd(fma(st, i, s0));
  const lanes = AVX2_LANES[dtype];
  if (lanes === undefined) return out;
  // at::parallel_for: from GRAIN_SIZE elements on, THREADS equal chunks, each its own vector loop
  const threads = n < GRAIN_SIZE ? 1 : Math.min(THREADS, Math.ceil(n / GRAIN_SIZE));
  const chunk = Math.ceil(n / threads);
  for (let c0 = 0; c0 < n; c0 += chunk) {
    const len = Math.min(chunk, n - c0);
    const vecEnd = c0 + len - (len % (2 * lanes));
    for (let i = c0; i < vecEnd; i += lanes) {
      const base = out[i];
      for (let k = 1; k < lanes; k++) out[i + k] = rnd(fma(k, st, base));
    }
  }
  return out;
}

/** Vectorized<T>::size() in the AVX2 build, for the floating types. */
const AVX2_LANES: Partial<Record<DType, number>> = { float32: 8, float64: 4, float16: 16, bfloat16: 16 };

/**
 * logspace_out (a plain loop): for floating outputs step = double(end - start) / (steps - 1) with
 * end - start in scalar_t, then std::pow(base, start + step * i) (or the end-based form from the
 * halfway index; GCC does not contract these) in double, rounded to the output type. Integral
 * outputs use a float base, the rest in double.
 *
 * Known gap: for float64 outputs about 1 value in 3000 differs from PyTorch by 1 ulp: glibc's pow
 * (std::pow here, math.pow in CPython) is accurate to about 0.52 ulp, not correctly rounded, and
 * where the exact power lies within a hair of a halfway point between two doubles it rounds the
 * other way than crPow (10^-0.6363636363636362: halfway ± 1.4e-17, glibc rounds up). Matching it
 * would take glibc's own table-driven algorithm. Float32 and half outputs round those cases away.
 */
export function logspaceValues(start: number, end: number, steps: number, base: number, dtype: DType): Float64Array {
  const out = new Float64Array(steps);
  if (steps === 0) return out;
  const a = toScalarT(start, dtype);
  const b = toScalarT(end, dtype);
  const half = Math.floor(steps / 2);
  const h = halfRound(dtype);
  const rnd = h ?? (dtype === 'float32' ? f32 : id);
  if (dtype === 'float64' || dtype === 'float32' || h !== null) {
    if (steps === 1) {
      out[0] = rnd(crPow(base, a));
      return out;
    }
    const diff = dtype === 'float64' ? b - a : rnd(b - a);
    const step = diff / (steps - 1);
    for (let i = 0; i < steps; i++) out[i] = rnd(crPow(base, i < half ? a + step * i : b - step * (steps - i - 1)));
    return out;
  }
  // integral: the exponent in double as well (measured: a float step would put 10^(20/3) at
  // 4641587, PyTorch gives 4641588), the power in double, then the C cast (x86's cvttsd2si: out
  // of range gives the most negative integer)
  const fb = f32(base);
  const step = steps === 1 ? 0 : (b - a) / (steps - 1);
  for (let i = 0; i < steps; i++) {
    const x = steps === 1 ? a : i < half ? a + step * i : b - step * (steps - i - 1);
    out[i] = cvtt(crPow(fb, x), dtype === 'int64' ? 63 : 31);
  }
  return out;
}

/** x86's truncating double → int conversion into a `bits`+1-bit signed integer (NaN and out of
 * range give the "integer indefinite" value, -2^bits). */
function cvtt(x: number, bits: number): number {
  const lim = 2 ** bits;
  return x !== x || x >= lim || x < -lim ? -lim : Math.trunc(x);
}
