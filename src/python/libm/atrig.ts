// Correctly rounded atan, asin, acos, atan2 (libm/, under the `math` module).
//
// atan of a double-double X: one Newton step from Math.atan — atan X = y0 + atan(d) with
// d = (X - tan y0) / (1 + X tan y0), |d| ~ 2^-53 so atan d = d to 2^-159; tan y0 in double-double
// from trig.ts's reduction and series (exact reduction keeps it accurate near pi/2, where X is
// large). asin, acos, atan2 reduce to it: asin x = atan(x / sqrt(1 - x^2)), acos x = atan of
// sqrt(1 - x^2) / x (plus pi for x < 0), atan2 from the ratio with C99's signed zeros and infinities.

import { type DD, add, div, fastTwoSum, mul, neg, sqrt, sub, twoProd, twoSum } from './dd';
import { PI, PIO2, sinCosDD } from './trig';

/** atan of a double-double, as a double-double (|X| < 2^60: beyond, atan X = ±pi/2 - 1/X). */
function atanDD(X: DD): DD {
  const ax = Math.abs(X[0]);
  if (ax > 2 ** 60) {
    const inv = div([1, 0], X);
    return sub(X[0] > 0 ? PIO2 : neg(PIO2), inv);
  }
  const y0 = Math.atan(X[0]);
  if (y0 === 0) return X;
  const [s, c] = sinCosDD(y0);
  // d = (X c - s) / (c + X s): tan y0 = s / c without dividing twice
  const num = sub(mul(X, c), s);
  const den = add(c, mul(X, s));
  return add([y0, 0], [num[0] / den[0], 0]);
}

export function crAtan(x: number): number {
  if (x !== x) return x;
  if (!Number.isFinite(x)) return x > 0 ? PIO2[0] : -PIO2[0];
  if (Math.abs(x) < 2 ** -27) return tinyAtan(x);
  const v = atanDD([x, 0]);
  return v[0] + v[1];
}

// atan x = x - x^3/3 for tiny x: the correction decides the rounding only through its sign
function tinyAtan(x: number): number {
  if (x === 0) return x;
  const v = fastTwoSum(x, -(x * x * x) / 3);
  return v[0] + v[1];
}

/** 1 - x^2 = (1 - x)(1 + x), both factors exact for |x| <= 1. */
const oneMinusSq = (x: number): DD => {
  const a = twoSum(1, -x), b = twoSum(1, x);
  return mul(a, b);
};

export function crAsin(x: number): number {
  if (x !== x || Math.abs(x) > 1) return NaN;
  if (Math.abs(x) === 1) return x * PIO2[0];
  if (Math.abs(x) < 2 ** -27) {
    if (x === 0) return x;
    const v = fastTwoSum(x, (x * x * x) / 6);
    return v[0] + v[1];
  }
  const v = atanDD(div([x, 0], sqrt(oneMinusSq(x))));
  return v[0] + v[1];
}

export function crAcos(x: number): number {
  if (x !== x || Math.abs(x) > 1) return NaN;
  if (x === 1) return 0;
  if (x === -1) return PI[0];
  if (x === 0) return PIO2[0];
  const a = atanDD(div(sqrt(oneMinusSq(x)), [x, 0]));
  const v = x > 0 ? a : add(PI, a);
  return v[0] + v[1];
}

/** C99 atan2, correctly rounded. */
export function crAtan2(y: number, x: number): number {
  if (x !== x || y !== y) return NaN;
  const negY = y < 0 || Object.is(y, -0);
  const negX = x < 0 || Object.is(x, -0);
  const sgn = (v: number): number => (negY ? -v : v);
  if (y === 0) return sgn(negX ? PI[0] : 0);
  if (x === 0) return sgn(PIO2[0]);
  if (!Number.isFinite(x)) {
    if (!Number.isFinite(y)) return sgn(negX ? (3 * PI[0]) / 4 : PI[0] / 4);
    return sgn(negX ? PI[0] : 0);
  }
  if (!Number.isFinite(y)) return sgn(PIO2[0]);
  const ay = Math.abs(y), ax = Math.abs(x);
  // the quotient in double-double (scaled to dodge over/underflow of the quotient's parts)
  const e = Math.max(Math.floor(Math.log2(ay)), -1000) - Math.max(Math.floor(Math.log2(ax)), -1000);
  if (e > 60) return sgn(PIO2[0]); // pi/2 -+ |x/y| < 2^-59: still rounds to pi/2
  let a: DD;
  if (e < -1080) a = [0, 0];
  else if (ay <= ax) a = atanDD(ratio(ay, ax));
  else a = sub(PIO2, atanDD(ratio(ax, ay)));
  if (negX) a = sub(PI, a);
  if (a[0] === 0) {
    // |y/x| below the double range: atan2 = y/x, rounded once
    return sgn(negX ? PI[0] : ay / ax);
  }
  return sgn(a[0] + a[1]);
}

/** p / q as a double-double for 0 < p <= q (the quotient may be subnormal: then a double). */
function ratio(p: number, q: number): DD {
  const r = p / q;
  if (r < 2 ** -969) return [r, 0];
  const t = twoProd(r, q);
  return fastTwoSum(r, (p - t[0] - t[1]) / q);
}
