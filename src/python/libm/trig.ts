// Correctly rounded sin, cos, tan (libm/, under the `math` module), and the double-double
// kernels atrig.ts reuses: argument reduction to r in [-pi/4, pi/4] with a quadrant, and sin/cos
// of a double-double r.
//
// Reduction: for |x| < 2^20 pi/2, r = x - k pi/2 with pi/2 in four parts and each k * part exact
// (twoProd) — the error k 2^-212 is far below any r a double can produce there. Beyond, Payne-Hanek
// with a BigInt 2/pi (1300 bits, computed once with Machin's formula): x 2/pi = integer + fraction
// to ~200 bits whatever the exponent. sin/cos of r: Taylor series in r^2, the terms below 2^-53 in
// plain doubles, the rest in double-double — the second phase: sin and cos first try fasttrig.ts's
// table-driven first phase (~0.15 µs with the reduction), which settles all but ~1 in 1000 roundings.

import { type DD, INV_FACT, add, addD, div, fastTwoSum, ilogb, mul, neg, scale, twoProd, twoSum } from './dd';
import { fastSinCos } from './fasttrig';

const PIO2_PARTS = [1.5707963267948966, 6.123233995736766e-17, -1.4973849048591698e-33, 5.562271104316826e-50];
export const PIO2: DD = [PIO2_PARTS[0], PIO2_PARTS[1]];
export const PI: DD = [3.141592653589793, 1.2246467991473532e-16];

// ---- 2/pi in binary, for huge arguments ----------------------------------------------------

const TWO_OVER_PI_BITS = 1300;
let twoOverPi: bigint | undefined;

/** floor(2/pi * 2^TWO_OVER_PI_BITS), via pi = 16 atan(1/5) - 4 atan(1/239) with guard bits. */
function twoOverPiBig(): bigint {
  if (twoOverPi !== undefined) return twoOverPi;
  const P = BigInt(TWO_OVER_PI_BITS + 64);
  const one = 1n << P;
  const atanInv = (n: bigint): bigint => {
    let sum = 0n, term = one / n, k = 1n, sign = 1n;
    const n2 = n * n;
    while (term !== 0n) {
      sum += (sign * term) / k;
      term /= n2;
      k += 2n;
      sign = -sign;
    }
    return sum;
  };
  const pi = 16n * atanInv(5n) - 4n * atanInv(239n); // pi * 2^P
  twoOverPi = ((2n << P) << BigInt(TWO_OVER_PI_BITS)) / pi;
  return twoOverPi;
}

/** x = k pi/2 + r with |r| <= ~pi/4: [k mod 4, r as a double-double]. x finite. */
export function reduce(x: number): [number, DD] {
  const ax = Math.abs(x);
  if (ax <= 0.7853981633974483) return [0, [x, 0]];
  if (ax < 1647099) {
    // k < 2^20: every k * part is exact as a double-double
    const k = Math.round(x * 0.6366197723675814);
    const p0 = twoProd(k, PIO2_PARTS[0]);
    let r = add(twoSum(x, -p0[0]), [-p0[1], 0]);
    r = add(r, twoProd(-k, PIO2_PARTS[1]));
    r = add(r, twoProd(-k, PIO2_PARTS[2]));
    r = addD(r, -k * PIO2_PARTS[3]);
    return [k & 3, r];
  }
  return reduceHuge(x);
}

/** Payne-Hanek: x = M 2^E exactly (M a 53-bit integer); x 2/pi = M * (2/pi 2^B) 2^(E-B). Only the
 * bits from 2 above the binary point to ~200 below matter (higher bits are multiples of 4); a
 * double's fraction never comes closer to an integer than ~2^-62, so ~138 significant bits remain. */
function reduceHuge(x: number): [number, DD] {
  const e = ilogb(x);
  const M = BigInt(scale(Math.abs(x), 52 - e));
  const E = e - 52; // |x| = M 2^E, E >= -32 here
  const KEEP = 200; // fraction bits kept
  const fracBits = TWO_OVER_PI_BITS - E; // bits of the product below the binary point
  const v = ((M * twoOverPiBig()) >> BigInt(fracBits - KEEP)) & ((1n << BigInt(KEEP + 2)) - 1n);
  // nearest integer k (mod 4) and the fraction f in [-1/2, 1/2), in units of 2^-KEEP
  let k = Number(v >> BigInt(KEEP));
  let f = v & ((1n << BigInt(KEEP)) - 1n);
  if (f >= 1n << BigInt(KEEP - 1)) {
    k = (k + 1) & 3;
    f -= 1n << BigInt(KEEP);
  }
  const negF = f < 0n;
  if (negF) f = -f;
  // the leading 106 bits of f as hi + lo
  const shift = Math.max(f.toString(2).length - 106, 0);
  const top = f >> BigInt(shift);
  const hi = Number(top >> 53n) * 2 ** 53;
  const lo = Number(top & ((1n << 53n) - 1n));
  const t = fastTwoSum(scale(hi, shift - KEEP), scale(lo, shift - KEEP));
  const r = mul(negF ? neg(t) : t, PIO2);
  return x < 0 ? [(4 - k) & 3, neg(r)] : [k, r];
}

const roundDD = (v: DD): number => v[0] + v[1];

// ---- sin / cos of a reduced argument -------------------------------------------------------

const S_DBL = [8, 9, 10, 11, 12, 13, 14].map((n) => ((n % 2 ? -1 : 1) * INV_FACT[2 * n + 1][0]));
const C_DBL = [9, 10, 11, 12, 13, 14].map((n) => ((n % 2 ? -1 : 1) * INV_FACT[2 * n][0]));
const sgn = (n: number, v: DD): DD => (n % 2 ? neg(v) : v);

/** sin r, |r| <= ~pi/4, r double-double. */
export function sinDD(r: DD): DD {
  const r2 = mul(r, r);
  const z = r2[0];
  let q = 0;
  for (let i = S_DBL.length - 1; i >= 0; i--) q = q * z + S_DBL[i]; // sum of (-1)^n z^(n-8) / (2n+1)!, n >= 8
  let acc: DD = [q, 0];
  for (let n = 7; n >= 1; n--) acc = add(mul(acc, r2), sgn(n, INV_FACT[2 * n + 1]));
  return add(mul(mul(acc, r2), r), r);
}

/** cos r, |r| <= ~pi/4, r double-double. */
export function cosDD(r: DD): DD {
  const r2 = mul(r, r);
  const z = r2[0];
  let q = 0;
  for (let i = C_DBL.length - 1; i >= 0; i--) q = q * z + C_DBL[i];
  let acc: DD = [q, 0];
  for (let n = 8; n >= 1; n--) acc = add(mul(acc, r2), sgn(n, INV_FACT[2 * n]));
  return addD(mul(acc, r2), 1);
}

/** sin and cos of x (finite) as double-doubles. */
export function sinCosDD(x: number): [DD, DD] {
  const [q, r] = reduce(x);
  const s = sinDD(r), c = cosDD(r);
  switch (q) {
    case 0: return [s, c];
    case 1: return [c, neg(s)];
    case 2: return [neg(s), neg(c)];
    default: return [neg(c), s];
  }
}

export function crSin(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  if (Math.abs(x) < 2 ** -26) return tinySin(x);
  const [q, r] = reduce(x);
  const f = Math.abs(r[0]) >= 2 ** -30 ? fastSinCos(r, (q & 1) === 1) : undefined;
  const v = f !== undefined ? f : roundDD(q & 1 ? cosDD(r) : sinDD(r));
  return q & 2 ? -v : v;
}

export function crCos(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  const [q, r] = reduce(x);
  const f = Math.abs(r[0]) >= 2 ** -30 ? fastSinCos(r, (q & 1) === 0) : undefined;
  const v = f !== undefined ? f : roundDD(q & 1 ? sinDD(r) : cosDD(r));
  return q === 1 || q === 2 ? -v : v;
}

export function crTan(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  if (Math.abs(x) < 2 ** -26) return tinyTan(x);
  const [q, r] = reduce(x);
  const s = sinDD(r), c = cosDD(r);
  const v = q & 1 ? neg(div(c, s)) : div(s, c);
  return v[0] + v[1];
}

// sin x = x - x^3/6 (1 - ...), tan x = x + x^3/3: for tiny x the correction is below an ulp of x
// but decides the rounding (and can underflow); the double-double x + c x^3 handles both.
function tinySin(x: number): number {
  if (x === 0) return x;
  const v = fastTwoSum(x, -(x * x * x) / 6);
  return v[0] + v[1];
}
function tinyTan(x: number): number {
  if (x === 0) return x;
  const v = fastTwoSum(x, (x * x * x) / 3);
  return v[0] + v[1];
}
