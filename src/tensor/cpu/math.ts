// Scalar math helpers the generated CPU kernels call as `H.name(...)` (kernels.generated.ts):
// the functions JS's Math lacks (erf, round-half-even, PyTorch's floor division and remainder,
// half-precision rounding) written to match PyTorch's CPU definitions.

import { PyError } from '../../errors';
import { fmaF32, fmaF64 } from '../random/fma';

// Fused multiply-add rounded once, per family: the table writes `H.fma(x, y, z)` and the generator
// (codegen.ts) calls the one for the loop's precision (PyTorch's AVX512 kernels fuse a + alpha·b,
// lerp and addcmul in float for float32 tensors and in double for float64).
export { fmaF32, fmaF64 };

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Round a double to the nearest bfloat16 (round-to-nearest-even on the top 16 bits of f32). */
export function bf16(v: number): number {
  f32[0] = v;
  const x = u32[0];
  if (Number.isNaN(f32[0])) return NaN;
  u32[0] = ((x + 0x7fff + ((x >>> 16) & 1)) & 0xffff0000) >>> 0;
  return f32[0];
}

/** Round a double to the nearest float16 value (returned as a double). */
export function f16(v: number): number {
  if (!Number.isFinite(v) || v === 0) return v;
  const a = Math.abs(v);
  if (a >= 65520) return v > 0 ? Infinity : -Infinity;
  // spacing of float16 at this magnitude: 2^(e-10), subnormals below 2^-14 use 2^-24
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e -= 1; // log2 rounding guard
  // subnormals (below 2^-14) share the spacing 2^-24
  const q = 2 ** (Math.max(e, -14) - 10);
  const r = rint(a / q) * q;
  return v < 0 ? -r : r;
}

/** Round half to even (C's nearbyint in the default mode), keeping -0. */
export function rint(a: number): number {
  const r = Math.round(a);
  if (Math.abs(a - Math.trunc(a)) === 0.5 && r % 2 !== 0) return r - 1;
  return r === 0 && (a < 0 || Object.is(a, -0)) ? -0 : r;
}

/** torch.round(x, decimals=d). */
export function roundDecimals(a: number, d: number): number {
  if (d >= 0) {
    const p = 10 ** d;
    return rint(a * p) / p;
  }
  const p = 10 ** -d;
  return rint(a / p) * p;
}

/** PyTorch's div_floor_floating. */
export function floorDivF(a: number, b: number): number {
  if (b === 0) return a / b;
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) div -= 1;
  let fl: number;
  if (div !== 0) {
    fl = Math.floor(div);
    if (div - fl > 0.5) fl += 1;
  } else fl = (a / b) * 0; // signed zero like copysign(0, a/b)
  return fl;
}

export function floorDivI(a: number, b: number): number {
  if (b === 0) throw new PyError('RuntimeError', 'ZeroDivisionError');
  return Math.floor(a / b);
}

export function floorDivL(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new PyError('RuntimeError', 'ZeroDivisionError');
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

export function truncDivI(a: number, b: number): number {
  if (b === 0) throw new PyError('RuntimeError', 'ZeroDivisionError');
  return Math.trunc(a / b);
}

export function truncDivL(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new PyError('RuntimeError', 'ZeroDivisionError');
  return a / b;
}

/** Python-style remainder (sign of the divisor) for floats: a - floor(a/b)*b as PyTorch does. */
export function remF(a: number, b: number): number {
  const m = a % b;
  return m !== 0 && b < 0 !== m < 0 ? m + b : m;
}

export function remI(a: number, b: number): number {
  if (b === 0) throw new PyError('RuntimeError', 'ZeroDivisionError');
  const m = a % b;
  return m !== 0 && b < 0 !== m < 0 ? m + b : m;
}

export function remL(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new PyError('RuntimeError', 'ZeroDivisionError');
  const m = a % b;
  return m !== 0n && (b < 0n) !== (m < 0n) ? m + b : m;
}

export function fmodI(a: number, b: number): number {
  if (b === 0) throw new PyError('RuntimeError', 'ZeroDivisionError');
  return a % b;
}

export function fmodL(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new PyError('RuntimeError', 'ZeroDivisionError');
  return a % b;
}

/** Integer power (exact while it fits a double); negative exponents are rejected by the op. */
export function powI(a: number, b: number): number {
  if (b < 0) return a === 1 ? 1 : a === -1 ? (b % 2 === 0 ? 1 : -1) : 0;
  let r = 1;
  let base = a;
  let e = b;
  while (e > 0) {
    if (e & 1) r *= base;
    base *= base;
    e = Math.floor(e / 2);
  }
  return r;
}

export function powL(a: bigint, b: bigint): bigint {
  if (b < 0n) return a === 1n ? 1n : a === -1n ? (b % 2n === 0n ? 1n : -1n) : 0n;
  return BigInt.asIntN(64, a ** b);
}

/** A double to int64 the way a C cast does on x86 (trunc; NaN/out of range → INT64_MIN). */
export function toI64(v: number): bigint {
  if (!Number.isFinite(v) || Math.abs(v) >= 9223372036854775808) return -9223372036854775808n;
  return BigInt(Math.trunc(v));
}

// erf: power series near 0, continued fraction for erfc in the tails (|err| ~1e-15).
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 2.5) {
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let n = 1; n < 100; n++) {
      term *= -x2 / n;
      const t = term / (2 * n + 1);
      sum += t;
      if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  const c = erfcLarge(ax);
  return x > 0 ? 1 - c : c - 1;
}

/** erfc(x) for x ≥ 2.5 by Lentz's continued fraction. */
function erfcLarge(x: number): number {
  if (x > 27) return 0;
  // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...))))
  let f = x;
  let C = x;
  let D = 0;
  for (let i = 1; i < 300; i++) {
    const an = i / 2;
    D = x + an * D;
    D = D === 0 ? 1e-300 : 1 / D;
    C = x + an / C;
    if (C === 0) C = 1e-300;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

export const sigmoid = (a: number): number => 1 / (1 + Math.exp(-a));

/** log(sigmoid(a)) computed stably as PyTorch does. */
export function logSigmoid(a: number): number {
  const m = Math.min(0, a);
  return m - Math.log1p(Math.exp(-Math.abs(a)));
}

export function sign(a: number): number {
  return a > 0 ? 1 : a < 0 ? -1 : a === 0 ? 0 : a;
}

export function nanToNum(a: number, nan: number, pos: number, neg: number): number {
  if (Number.isNaN(a)) return nan;
  if (a === Infinity) return pos;
  if (a === -Infinity) return neg;
  return a;
}

/** maximum/minimum propagate NaN (unlike Math.max on -0/+0 ordering, which matches C++ here). */
export const maximum = (a: number, b: number): number => (a !== a || b !== b ? NaN : a > b ? a : b);
export const minimum = (a: number, b: number): number => (a !== a || b !== b ? NaN : a < b ? a : b);

/** clamp as PyTorch: min(max(a, lo), hi), NaN in a propagates; NaN bounds propagate too. */
export function clamp(a: number, lo: number, hi: number): number {
  if (a !== a) return a;
  let r = a;
  if (lo === lo) r = r < lo ? lo : r;
  else return lo;
  if (hi === hi) r = r > hi ? hi : r;
  else return hi;
  return r;
}

export const bmax = (a: bigint, b: bigint): bigint => (a > b ? a : b);
export const bmin = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/** C's pow for doubles: pow(1, y) = 1 and pow(x, 0) = 1 even for NaN, pow(-1, ±inf) = 1. */
export function powF(a: number, b: number): number {
  if (b === 0 || a === 1) return 1;
  if (a === -1 && (b === Infinity || b === -Infinity)) return 1;
  return a ** b;
}

// --- special functions for the op table's special-math entries --------------------------------

/** erfc without cancellation in the tails. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x >= 2.5) return erfcLarge(x);
  if (x <= -2.5) return 2 - erfcLarge(-x);
  return 1 - erf(x);
}

/** Inverse error function: Giles' single-precision start refined by Newton steps on erf. */
export function erfinv(y: number): number {
  if (Number.isNaN(y) || y < -1 || y > 1) return NaN;
  if (y === 1) return Infinity;
  if (y === -1) return -Infinity;
  let w = -Math.log((1 - y) * (1 + y));
  let x: number;
  if (w < 5) {
    w -= 2.5;
    let p = 2.81022636e-8;
    for (const c of [3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 0.00021858087, -0.00125372503, -0.00417768164, 0.246640727, 1.50140941]) p = c + p * w;
    x = p * y;
  } else {
    w = Math.sqrt(w) - 3;
    let p = -0.000200214257;
    for (const c of [0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613, 0.00943887047, 1.00167406, 2.83297682]) p = c + p * w;
    x = p * y;
  }
  // Newton on erf(x) - y; erf' = 2/sqrt(pi) exp(-x^2)
  for (let k = 0; k < 3; k++) {
    const err = erf(x) - y;
    const d = (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x);
    if (d === 0) break;
    x -= err / d;
  }
  return x;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log|Γ(x)| (Lanczos g=7, reflection for x < 0.5); +inf at non-positive integers. */
export function lgamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (!Number.isFinite(x)) return Infinity;
  if (x <= 0 && x === Math.floor(x)) return Infinity;
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** PyTorch's calc_digamma (Cephes): reflection below 0, recurrence up to 10, asymptotic series. */
export function digamma(x: number): number {
  if (x === 0) return Object.is(x, -0) ? Infinity : -Infinity;
  if (Number.isNaN(x)) return NaN;
  if (x < 0) {
    if (x === Math.trunc(x)) return NaN;
    const r = x - Math.trunc(x);
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * r);
  }
  let result = 0;
  while (x < 10) {
    result -= 1 / x;
    x += 1;
  }
  if (x === 10) return result + 2.25175258906672110764;
  const A = [8.33333333333333333333e-2, -2.10927960927960927961e-2, 7.57575757575757575758e-3, -4.16666666666666666667e-3, 3.96825396825396825397e-3, -8.33333333333333333333e-3, 8.33333333333333333333e-2];
  let y = 0;
  if (x < 1e17) {
    const z = 1 / (x * x);
    let p = 0;
    for (const c of A) p = p * z + c;
    y = z * p;
  }
  return result + Math.log(x) - 0.5 / x - y;
}

const f64 = new Float64Array(1);
const u32hi = new Uint32Array(f64.buffer);

/** nextafter in float64, or in float32 when `single` is 1. */
export function nextafter(a: number, b: number, single: number): number {
  if (a !== a || b !== b) return NaN;
  if (a === b) return b;
  if (single) {
    if (a === 0) return b > 0 ? 1.401298464324817e-45 : -1.401298464324817e-45;
    f32[0] = a;
    u32[0] += (b > a) === (a > 0) ? 1 : -1;
    return f32[0];
  }
  if (a === 0) return b > 0 ? 5e-324 : -5e-324;
  f64[0] = a;
  const lo = u32hi[0];
  const hi = u32hi[1];
  if ((b > a) === (a > 0)) {
    u32hi[0] = (lo + 1) >>> 0;
    if (u32hi[0] === 0) u32hi[1] = hi + 1;
  } else {
    u32hi[0] = (lo - 1) >>> 0;
    if (lo === 0) u32hi[1] = hi - 1;
  }
  return f64[0];
}
