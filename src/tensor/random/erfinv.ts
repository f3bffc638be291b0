// The float32 erfinv behind nn.init.trunc_normal_ (RNG.md §6), and the scalar functions it
// needs: glibc's logf (table-driven; a merely correctly rounded logf is not enough for parity),
// a double erf accurate to a few ulps (its float32 rounding then matches glibc's correctly
// rounded erff except with negligible probability), and expf as fround(exp).

import { f32Bits, f32FromBits, fmaF32 } from './fma';

const fr = Math.fround;

/** Parse a C99 hex float literal such as "-0x1.57bf7808caadep-2" exactly. */
function hexFloat(s: string): number {
  const m = /^(-?)0x([0-9a-f])\.([0-9a-f]*)p([+-]\d+)$/i.exec(s);
  if (!m) throw new Error(`bad hex float ${s}`);
  const frac = m[3];
  const mant = Number.parseInt(m[2] + frac, 16); // ≤ 53 bits: exact
  const v = mant * 2 ** (Number(m[4]) - 4 * frac.length);
  return m[1] ? -v : v;
}

// glibc logf (ARM optimized-routines): 16 subintervals (1/c, log c), then a cubic in double.
const LOGF_TAB: readonly (readonly [number, number])[] = [
  ['0x1.661ec79f8f3bep+0', '-0x1.57bf7808caadep-2'],
  ['0x1.571ed4aaf883dp+0', '-0x1.2bef0a7c06ddbp-2'],
  ['0x1.49539f0f010b0p+0', '-0x1.01eae7f513a67p-2'],
  ['0x1.3c995b0b80385p+0', '-0x1.b31d8a68224e9p-3'],
  ['0x1.30d190c8864a5p+0', '-0x1.6574f0ac07758p-3'],
  ['0x1.25e227b0b8ea0p+0', '-0x1.1aa2bc79c8100p-3'],
  ['0x1.1bb4a4a1a343fp+0', '-0x1.a4e76ce8c0e5ep-4'],
  ['0x1.12358f08ae5bap+0', '-0x1.1973c5a611cccp-4'],
  ['0x1.0953f419900a7p+0', '-0x1.252f438e10c1ep-5'],
  ['0x1.0000000000000p+0', '0x0.0p+0'],
  ['0x1.e608cfd9a47acp-1', '0x1.aa5aa5df25984p-5'],
  ['0x1.ca4b31f026aa0p-1', '0x1.c5e53aa362eb4p-4'],
  ['0x1.b2036576afce6p-1', '0x1.526e57720db08p-3'],
  ['0x1.9c2d163a1aa2dp-1', '0x1.bc2860d224770p-3'],
  ['0x1.886e6037841edp-1', '0x1.1058bc8a07ee1p-2'],
  ['0x1.767dcf5534862p-1', '0x1.4043057b6ee09p-2'],
].map(([a, b]) => [hexFloat(a), hexFloat(b)] as const);
const LOGF_LN2 = hexFloat('0x1.62e42fefa39efp-1');
const LOGF_A0 = hexFloat('-0x1.00ea348b88334p-2');
const LOGF_A1 = hexFloat('0x1.5575b0be00b6ap-2');
const LOGF_A2 = hexFloat('-0x1.ffffef20a4123p-2');

/** glibc's logf for finite float32 x > 0 (float32 in, float32 out). */
export function logfGlibc(x: number): number {
  let ix = f32Bits(x);
  if (ix === 0x3f800000) return 0;
  if (ix < 0x00800000) ix = f32Bits(x * 8388608) - (23 << 23); // subnormal: normalise
  const tmp = (ix - 0x3f330000) >>> 0;
  const i = (tmp >>> 19) & 15;
  const k = (tmp | 0) >> 23; // arithmetic shift of the signed difference
  const iz = (ix - (tmp & (0x1ff << 23))) >>> 0;
  const [invc, logc] = LOGF_TAB[i];
  const z = f32FromBits(iz);
  const r = z * invc - 1;
  const y0 = logc + k * LOGF_LN2;
  const r2 = r * r;
  let y = LOGF_A1 * r + LOGF_A2;
  y = LOGF_A0 * r2 + y;
  y = y * r2 + (y0 + r);
  return fr(y);
}

const TWO_OVER_SQRT_PI = 1.1283791670955126;

/**
 * erf(x) in double to a few ulps. |x| < 2.5: the all-positive series
 * erf(x) = (2/√π)·e^{-x²}·Σ (2x²)^n·x / (1·3·…·(2n+1)), free of cancellation. Beyond, erf is
 * 1 − erfc with erfc from its continued fraction (modified Lentz), which converges fast there.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  const ax = Math.abs(x);
  if (ax > 6) return x > 0 ? 1 : -1;
  const x2 = ax * ax;
  let r: number;
  if (ax < 2.5) {
    let term = ax;
    let sum = ax;
    for (let n = 1; n < 200; n++) {
      term *= (2 * x2) / (2 * n + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    r = TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
  } else {
    // erfc(x) = e^{-x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
    const tiny = 1e-300;
    let f = ax;
    let c = ax;
    let d = 0;
    for (let n = 1; n < 500; n++) {
      const an = n / 2;
      d = ax + an * d;
      d = d === 0 ? tiny : 1 / d;
      c = ax + an / c;
      if (c === 0) c = tiny;
      const delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-17) break;
    }
    r = 1 - (Math.exp(-x2) / Math.sqrt(Math.PI)) / f;
  }
  return x < 0 ? -r : r;
}

const EA = [0.886226899, -1.645349621, 0.914624893, -0.140543331].map(fr);
const EB = [-2.118377725, 1.442710462, -0.329097515, 0.012229801].map(fr);
const EC = [-1.970840454, -1.624906493, 3.429567803, 1.641345311].map(fr);
const ED = [3.5438892, 1.6370678].map(fr);
const CENTRAL = fr(0.7);
const K_2_SQRT_PI = fr(2 / fr(Math.sqrt(Math.PI)));

/** torch's float32 erfinv (calc_erfinv): rational first guess, two float32 Newton steps. */
export function erfinvF32(y: number): number {
  const ya = Math.abs(y);
  if (ya > 1 || Number.isNaN(y)) return NaN;
  if (ya === 1) return y > 0 ? Infinity : -Infinity;
  let x: number;
  if (ya <= CENTRAL) {
    const z = fr(y * y);
    const num = fmaF32(fmaF32(fmaF32(EA[3], z, EA[2]), z, EA[1]), z, EA[0]);
    const dem = fmaF32(fmaF32(fmaF32(fmaF32(EB[3], z, EB[2]), z, EB[1]), z, EB[0]), z, 1);
    x = fr(fr(y * num) / dem);
  } else {
    const z = fr(Math.sqrt(-logfGlibc(fr(fr(1 - ya) / 2))));
    const num = fmaF32(fmaF32(fmaF32(EC[3], z, EC[2]), z, EC[1]), z, EC[0]);
    const dem = fmaF32(fmaF32(ED[1], z, ED[0]), z, 1);
    x = fr((y < 0 ? -Math.abs(num) : Math.abs(num)) / dem); // copysign(num, y)
  }
  for (let i = 0; i < 2; i++) {
    x = fr(x - fr(fr(fr(erf(x)) - y) / fr(K_2_SQRT_PI * fr(Math.exp(fr(-x * x))))));
  }
  return x;
}
