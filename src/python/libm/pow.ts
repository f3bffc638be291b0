// Correctly rounded C99 pow(x, y) — what glibc (and so CPython's float `**` and math.pow, after
// their own special-case handling) computes, in all but rare cases. Pure function: no Python
// errors here (the callers in builtins/ map inf/NaN results to CPython's exceptions).
//
// pow(x, y) = exp(y log x) with log x in double-double (~2^-100 relative); |y log x| <= 745 leaves
// ~2^-90 relative error, far below half an ulp. Exact results are fine (they are not midpoints);
// exact midpoints — x = M 2^E with M odd and M^y of exactly 54 bits, e.g. 100000001.0 ** 2 — are
// detected by roundingCertain and settled with BigInt arithmetic. Fast paths: y = 1, 2, -1, 1/2
// (one IEEE operation, correctly rounded) and integer powers of two (exact).

import { ilogb, ldexpRound, mulD, pow2, roundingCertain, scale } from './dd';
import { expCore, logDD } from './explog';
import { fastPow } from './fastpath';

const isOddInt = (y: number): boolean => Number.isInteger(y) && Math.abs(y) % 2 === 1;

/** C99 pow with correct rounding (special values as in C99 Annex F). */
export function crPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (x !== x || y !== y) return NaN;
  if (!Number.isFinite(y)) {
    const ax = Math.abs(x);
    if (ax === 1) return 1;
    return y > 0 === ax > 1 ? Infinity : 0;
  }
  if (!Number.isFinite(x)) {
    if (y > 0) return x > 0 || !isOddInt(y) ? Infinity : -Infinity;
    return x < 0 && isOddInt(y) ? -0 : 0;
  }
  if (x === 0) {
    const odd = isOddInt(y);
    if (y > 0) return odd ? x : 0;
    return odd ? 1 / x : Infinity;
  }
  if (x < 0) {
    if (!Number.isInteger(y)) return NaN;
    const r = powPositive(-x, y);
    return isOddInt(y) ? -r : r;
  }
  return powPositive(x, y);
}

/** pow for finite x > 0, x != 1, finite y != 0. */
function powPositive(x: number, y: number): number {
  // one IEEE operation: already correctly rounded
  if (y === 2) return x * x;
  if (y === 1) return x;
  if (y === -1) return 1 / x;
  if (y === 0.5) return Math.sqrt(x);
  const e = ilogb(x);
  if (Number.isInteger(y) && x === pow2(e)) {
    // an integer power of two is exact: 2^(e y), or beyond the range (2^-1075 is a tie, to 0)
    const k = e * y;
    return k > 1023 ? Infinity : k < -1074 ? 0 : pow2(k);
  }
  if (x >= 2 ** -1022) {
    const q = fastPow(x, y);
    if (q !== undefined) return q;
  }
  const L = logDD(x);
  const P = mulD(L, y);
  if (P[0] > 709.79) return Infinity;
  if (P[0] < -745.2) return 0;
  const [h, l, m] = expCore(P[0], P[1]);
  if (y > 0 && y <= 64 && Number.isInteger(y) && m > -1020 && !roundingCertain(h, l, (Math.abs(P[0]) + 1) * 2 ** -95)) {
    return exactIntPow(x, e, y);
  }
  return ldexpRound(h, l, m);
}

/** x^n exactly in BigInt (x = M 2^(e-52), n a small positive integer), rounded once. */
function exactIntPow(x: number, e: number, n: number): number {
  const M = BigInt(scale(x, 52 - e)); // x's 53-bit integer significand
  let B = M ** BigInt(n);
  let k = (e - 52) * n;
  // keep 100 bits (a sticky bit stands for what is dropped): hi + lo below then holds it exactly
  const bits = B.toString(2).length;
  if (bits > 100) {
    const shift = bits - 100;
    const kept = B >> BigInt(shift);
    B = (kept << BigInt(shift)) === B ? kept : kept | 1n;
    k += shift;
  }
  const hi = Number(B);
  return ldexpRound(hi, Number(B - BigInt(hi)), k);
}
