// sinh, cosh, tanh and hypot (libm/, under the `math` module).
//
// glibc's sinh/cosh/tanh are not correctly rounded: they are fdlibm's (e_sinh.c, e_cosh.c,
// s_tanh.c — Sun's freely licensed code, also what V8's ieee754.cc ports), built on glibc's exp
// (correctly rounded in all but rare cases) and fdlibm's expm1. A correctly rounded sinh matches
// CPython on only ~80% of arguments; the same formulas on crExp and Math.expm1 (V8's fdlibm expm1,
// which agrees with glibc's on ~99.9%) match on ~99.5+% (see libm.test.ts). hypot: glibc's is
// correctly rounded; here x^2 + y^2 exactly in double-double after scaling by a power of two, then
// a double-double square root.

import { type DD, add, ilogb, ldexpRound, scale, sqrt, twoProd } from './dd';
import { crExp } from './explog';

/** fdlibm's sinh (|x| < 22: from expm1; below log(DBL_MAX): exp/2; up to the overflow threshold:
 * (exp(|x|/2)/2) * exp(|x|/2)). */
export function sinh(x: number): number {
  if (!Number.isFinite(x)) return x;
  const ax = Math.abs(x);
  const h = x < 0 ? -0.5 : 0.5;
  if (ax < 22) {
    if (ax < 2 ** -28) return x;
    const t = Math.expm1(ax);
    if (ax < 1) return h * (2 * t - (t * t) / (t + 1));
    return h * (t + t / (t + 1));
  }
  if (ax < 709.7822265625) return h * crExp(ax); // high word < 0x40862e42
  if (ax <= 710.4758600739439) {
    const w = crExp(0.5 * ax);
    return h * w * w;
  }
  return x * 1e307 * 1e307; // overflow, signed
}

/** fdlibm's cosh (|x| < ln2/2: 1 + expm1^2/(2 e^x); below 22: (e^x + e^-x)/2; then as sinh). */
export function cosh(x: number): number {
  if (x !== x) return x;
  const ax = Math.abs(x);
  if (ax < 22) {
    if (ax < 0.3465735912322998) { // high word < 0x3fd62e43
      if (ax < 2 ** -55) return 1;
      const t = Math.expm1(ax);
      const w = 1 + t;
      return 1 + (t * t) / (w + w);
    }
    const t = crExp(ax);
    return 0.5 * t + 0.5 / t;
  }
  if (ax < 709.7822265625) return 0.5 * crExp(ax);
  if (ax <= 710.4758600739439) {
    const w = crExp(0.5 * ax);
    return 0.5 * w * w;
  }
  return Infinity;
}

/** fdlibm's tanh (from expm1 of 2|x|; ±1 beyond 22). */
export function tanh(x: number): number {
  if (x !== x) return x;
  const ax = Math.abs(x);
  let z: number;
  if (ax >= 22) z = 1;
  else {
    if (ax < 2 ** -55) return x * (1 + x);
    if (ax >= 1) z = 1 - 2 / (Math.expm1(2 * ax) + 2);
    else {
      const t = Math.expm1(-2 * ax);
      z = -t / (t + 2);
    }
  }
  return x < 0 ? -z : z;
}

/** sqrt(x^2 + y^2), correctly rounded. */
export const crHypot = (x: number, y: number): number => crHypotN([x, y]);

/** sqrt of the sum of squares (CPython's math.hypot of any number of coordinates, which it computes
 * to correct rounding in all but rare cases): an infinity wins over NaN; the squares are summed
 * exactly in double-double after scaling the largest near 1 (a square that underflows there is
 * below 2^-106 of the sum and cannot matter). */
export function crHypotN(xs: number[]): number {
  let max = 0;
  let nan = false;
  for (const v of xs) {
    const a = Math.abs(v);
    if (a === Infinity) return Infinity;
    if (a !== a) nan = true;
    else if (a > max) max = a;
  }
  if (nan) return NaN;
  if (max === 0) return 0;
  const e = ilogb(max);
  let s: DD = [0, 0];
  for (const v of xs) {
    const a = scale(Math.abs(v), -e);
    s = add(s, twoProd(a, a));
  }
  const r = sqrt(s);
  return ldexpRound(r[0], r[1], e);
}
