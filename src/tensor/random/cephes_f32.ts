// The float32 log and sin/cos that torch's vectorised normal fill evaluates (the Cephes-style
// polynomials of avx_mathfun, with exactly the multiply-adds GCC contracts into FMAs in torch's
// AVX2 build). Only normal.ts uses them, on inputs the fill produces: log on (0, 1], sin/cos on
// [0, 2π). Every step is one float32 rounding; `fmaF32` marks the fused ones. See RNG.md §3.3.

import { f32Bits as f32BitsImported, f32FromBits as f32FromBitsImported, fmaF32 as fmaF32Imported } from './fma';

// Module-local bindings: some loaders (tsx, vite-node) turn imported names into getter calls,
// which dominated the hot loops; a const read once at load avoids that.
const fmaF32 = fmaF32Imported;
const f32Bits = f32BitsImported;
const f32FromBits = f32FromBitsImported;

const fr = Math.fround;

const SQRTHF = fr(0.707106781186547524);
const P0 = fr(7.0376836292e-2);
const P1 = fr(-1.151461031e-1);
const P2 = fr(1.167699874e-1);
const P3 = fr(-1.2420140846e-1);
const P4 = fr(1.4249322787e-1);
const P5 = fr(-1.6668057665e-1);
const P6 = fr(2.0000714765e-1);
const P7 = fr(-2.4999993993e-1);
const P8 = fr(3.3333331174e-1);
const Q1 = fr(-2.1219444e-4);
const Q2 = fr(0.693359375);
const MIN_NORM = f32FromBits(0x00800000);

/** log(x) for float32 x in (0, 1], bit-exact with torch's AVX2 `log256_ps`. */
export function logF32(x: number): number {
  if (x < MIN_NORM) x = MIN_NORM;
  const b = f32Bits(x);
  let e = fr((b >>> 23) - 127 + 1);
  let m = f32FromBits((b & 0x807fffff) | 0x3f000000); // mantissa in [0.5, 1)
  if (m < SQRTHF) {
    e = fr(e - 1);
    m = fr(fr(m - 1) + m);
  } else {
    m = fr(m - 1);
  }
  const z = fr(m * m);
  let y = fmaF32(P0, m, P1);
  y = fmaF32(y, m, P2);
  y = fmaF32(y, m, P3);
  y = fmaF32(y, m, P4);
  y = fmaF32(y, m, P5);
  y = fmaF32(y, m, P6);
  y = fmaF32(y, m, P7);
  y = fmaF32(y, m, P8);
  y = fr(y * m);
  y = fmaF32(y, z, fr(e * Q1)); // y*z fused, e*Q1 rounded first
  y = fmaF32(-z, 0.5, y); // y - z*0.5, fused
  m = fr(m + y);
  return fmaF32(e, Q2, m);
}

const FOPI = fr(1.27323954473516);
const DP1 = fr(-0.78515625);
const DP2 = fr(-2.4187564849853515625e-4);
const DP3 = fr(-3.77489497744594108e-8);
const S0 = fr(-1.9515295891e-4);
const S1 = fr(8.3321608736e-3);
const S2 = fr(-1.6666654611e-1);
const C0 = fr(2.443315711809948e-5);
const C1 = fr(-1.388731625493765e-3);
const C2 = fr(4.166664568298827e-2);

/** Results of the last sincosF32 call (avoids allocating a pair per element). */
export const sincosOut = { sin: 0, cos: 0 };

/** sin and cos of float32 x in [0, 2π), bit-exact with torch's AVX2 `sincos256_ps`;
 * results land in `sincosOut`. */
export function sincosF32(x: number): void {
  // The fill never passes negative angles; the sign handling of the original is kept for them.
  const neg = x < 0;
  if (neg) x = -x;
  let j = Math.trunc(fr(x * FOPI));
  j = (j + 1) & ~1;
  const y = j;
  x = fmaF32(y, DP1, x);
  x = fmaF32(y, DP2, x);
  x = fmaF32(y, DP3, x);
  const sinNeg = neg !== ((j & 4) !== 0);
  const cosNeg = (~(j - 2) & 4) !== 0;
  const z = fr(x * x);
  let c = fmaF32(C0, z, C1);
  c = fmaF32(c, z, C2);
  c = fr(c * z);
  c = fmaF32(c, z, -fr(z * 0.5)); // c*z fused, z*0.5 rounded first
  c = fr(c + 1);
  let s = fmaF32(S0, z, S1);
  s = fmaF32(s, z, S2);
  s = fr(s * z);
  s = fmaF32(s, x, x);
  let sn: number;
  let cs: number;
  if ((j & 2) === 0) {
    sn = s;
    cs = c;
  } else {
    sn = c;
    cs = s;
  }
  sincosOut.sin = sinNeg ? -sn : sn;
  sincosOut.cos = cosNeg ? -cs : cs;
}
