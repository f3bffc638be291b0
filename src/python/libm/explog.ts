// Correctly rounded exp, log, log2, and glibc's log10 (libm/ sits under the interpreter's float
// `**` and the `math` module; see dd.ts for why double-double). Also the double-double kernels the
// rest of libm/ builds on: expCore (exp of a double-double, for pow), expm1DD and log1pDD (relative
// accuracy near zero, for log near 1). expm1 and log1p are not here: glibc's are fdlibm's, not
// correctly rounded, and V8's Math.expm1/Math.log1p (fdlibm too) match them on ~99.95%.
//
// exp: x = (256m + j) ln2/256 + r with |r| <= ln2/512, exp x = 2^m * 2^(j/256) * e^r, the table
// 2^(j/256) in double-double (built once from square roots of 2), e^r by a degree-10 polynomial
// whose small terms are summed in plain doubles. log: one Newton step from Math.log1p through that
// exp, log(1+f) = y0 + log1p(t) with 1+t = (1+f)e^-y0 — |t| ~ 2^-53, so log1p(t) = t - t^2/2.
// Results carry ~2^-100 relative error; one final rounding then gives the correctly rounded double.

import {
  type DD, INV_FACT, LN2, add, addD, fastTwoSum, ilogb, ldexpRound, mul, mulD, pow2, scale, sqrt, twoProd, twoSum,
} from './dd';
import { fastExp, fastLog, fastLog2 } from './fastpath';

export { LN2 };
const LN2_3 = 5.707708438416212e-34;
const INV_LN2: DD = [1.4426950408889634, 2.0355273740931033e-17];

// ln2/256 in three parts; N * part is exact-ish via twoProd
const C1 = LN2[0] / 256, C2 = LN2[1] / 256, C3 = LN2_3 / 256;
const INV_C = 256 / LN2[0];

/** 2^(j/256), j = 0..255: products of 2^(2^-i), each a chain of double-double square roots of 2
 * (≤ 8 factors, so ~2^-103 relative). */
export const T: DD[] = (() => {
  const roots: DD[] = []; // roots[i] = 2^(2^-(i+1))
  let r: DD = [2, 0];
  for (let i = 0; i < 8; i++) roots.push((r = sqrt(r)));
  const out: DD[] = [];
  for (let j = 0; j < 256; j++) {
    let v: DD = [1, 0];
    for (let b = 0; b < 8; b++) if (j & (1 << b)) v = mul(v, roots[7 - b]);
    out.push(v);
  }
  return out;
})();

const C5 = 1 / 120, C6 = 1 / 720, C7 = 1 / 5040, C8 = 1 / 40320, C9 = 1 / 362880, C10 = 1 / 3628800;

/** 1 + r S(r) where S(r) = (e^r - 1)/r, for |r| <= ~ln2/512 (so e^r = 1 + r*this, expm1(r) = r*this).
 * Terms from r^3/120 on are summed in doubles: they are < 2^-35 and only need ~2^-53 of themselves. */
function expPoly1(r: DD): DD {
  const rh = r[0];
  const q = C5 + rh * (C6 + rh * (C7 + rh * (C8 + rh * (C9 + rh * C10))));
  let acc = addD(INV_FACT[4], rh * q);
  acc = add(mul(acc, r), INV_FACT[3]);
  acc = add(mul(acc, r), INV_FACT[2]);
  return addD(mul(acc, r), 1);
}

/** exp(x) for a double-double x with |x| <= ~745, as [hi, lo, m]: exp x = (hi + lo) 2^m, with
 * hi + lo in [0.7, 1.42] (kept unscaled so a tiny result keeps its low part). */
export function expCore(xh: number, xl: number): [number, number, number] {
  const N = Math.round(xh * INV_C);
  const j = N & 255; // two's complement: also right for negative N
  const m = (N - j) / 256;
  const p1 = twoProd(N, C1);
  let r = add(twoSum(xh, -p1[0]), twoSum(xl, -p1[1]));
  r = add(r, twoProd(-N, C2));
  r = addD(r, -N * C3);
  const er = addD(mul(expPoly1(r), r), 1);
  const v = mul(T[j], er);
  return [v[0], v[1], m];
}

export function crExp(x: number): number {
  if (x !== x) return x;
  if (x > 709.79) return Infinity;
  if (x < -745.14) return 0;
  if (Math.abs(x) < 708) {
    const q = fastExp(x, 0, 0);
    if (q !== undefined) return q;
  }
  const [h, l, m] = expCore(x, 0);
  return ldexpRound(h, l, m);
}

/** e^x - 1 as a double-double with relative accuracy (also near 0), |x| <= ~700. */
export function expm1DD(x: number): DD {
  const N = Math.round(x * INV_C);
  if (N === 0) {
    const r: DD = [x, 0];
    return mul(expPoly1(r), r);
  }
  const [h, l, m] = expCore(x, 0);
  const s = pow2(m);
  return add([h * s, l * s], [-1, 0]);
}

/** log(1 + f + ft) for f in ~[-0.3, 0.5] (ft a tiny tail), as a double-double with relative
 * accuracy: y0 = Math.log1p, then log1p(t) with t = (1 + f)(1 + expm1(-y0)) - 1. */
export function log1pDD(f: number, ft = 0): DD {
  const y0 = Math.log1p(f + ft);
  if (y0 === 0) return [f, ft];
  const E = expm1DD(-y0);
  const F: DD = twoSum(f, ft);
  const t = add(add(F, E), mul(F, E));
  return add([y0, 0], fastTwoSum(t[0], t[1] - (t[0] * t[0]) / 2));
}

/** Split a positive finite x as 2^e (1 + f + ft), with 1 + f in [sqrt(1/2), sqrt(2)) exact. */
function split(x: number, xt: number): [number, number, number] {
  let e = ilogb(x);
  let m = scale(x, -e);
  if (m > Math.SQRT2) {
    m /= 2;
    e += 1;
  }
  return [e, m - 1, scale(xt, -e)];
}

/** Natural log of a positive finite double-double: [e, log(mantissa)] with the exponent apart so
 * log2/log10 can scale each exactly. */
function logParts(x: number, xt = 0): [number, DD] {
  const [e, f, ft] = split(x, xt);
  return [e, log1pDD(f, ft)];
}

/** log x as a double-double, x > 0 finite (or a double-double x + xt). */
export function logDD(x: number, xt = 0): DD {
  const [e, L] = logParts(x, xt);
  if (e === 0) return L;
  return add(add(twoProd(e, LN2[0]), [e * LN2[1], e * LN2_3]), L);
}

/** Special values shared by the logs: NaN for negatives and NaN, -inf at 0, +inf at +inf. */
function logSpecial(x: number): number | undefined {
  if (x !== x || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  return undefined;
}

export function crLog(x: number): number {
  const s = logSpecial(x);
  if (s !== undefined) return s;
  if (x >= 2 ** -1022) {
    const q = fastLog(x);
    if (q !== undefined) return q;
  }
  const v = logDD(x);
  return v[0] + v[1];
}

export function crLog2(x: number): number {
  const s = logSpecial(x);
  if (s !== undefined) return s;
  if (x >= 2 ** -1022) {
    const q = fastLog2(x);
    if (q !== undefined) return q;
  }
  return log2Accurate(x);
}

/** log2 of a positive finite x in double-double, rounded once (crLog2's second phase). */
export function log2Accurate(x: number): number {
  const [e, L] = logParts(x);
  const v = addD(mul(L, INV_LN2), e);
  return v[0] + v[1];
}

/** glibc's log10 is fdlibm's e_log10.c, not correctly rounded: x = 2^y m (m in [1, 2), or [1/2, 1)
 * for negative exponents), log10 x = (y log10_2lo + log(m)/ln10) + y log10_2hi, in doubles, on its
 * (correctly rounded) log. Reproduced literally, it matches CPython where a correctly rounded log10
 * would not (~13% of arguments). */
export function log10(x: number): number {
  const s = logSpecial(x);
  if (s !== undefined) return s;
  let k = ilogb(x);
  const i = k < 0 ? 1 : 0;
  const y = k + i;
  k = y; // the exponent taken out
  const m = scale(x, -k);
  const z = y * 3.69423907715893078616e-13 + 4.34294481903251816668e-1 * crLog(m);
  return z + y * 3.01029995663611771306e-1;
}
