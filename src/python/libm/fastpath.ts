// The first phase of Ziv's strategy for exp, log and pow (libm/): a cheap evaluation in doubles with
// a few exact products and sums, ~2^-66 relative error with an explicit bound, and a rounding
// test — when the bound leaves the rounding undecided (about 1 call in 1000 for exp, a few % for
// log near table boundaries) it returns undefined and the caller runs the double-double phase
// (explog.ts, pow.ts). The double-double phase costs ~0.3-0.8 µs; this one ~20-40 ns, which is what
// a Python float operation in the interpreter can afford.
//
// exp: x = (256m + j) ln2/256 + r as in explog.ts, e^r = 1 + r + r^2 P(r) in doubles, times the
// double-double 2^(j/256) with one exact product. log: x = 2^e m, m in [0.75, 1.5), c = 1/invc the
// table point nearest m (c = 1 exactly around 1, so log near 1 keeps its relative accuracy),
// r = m invc - 1 exactly (twoProd), log x = e ln2 - log(invc) + log1p(r).

import { LN2, fastTwoSum, twoProd, twoSum } from './dd';
import { T, logDD } from './explog';

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** Whether s = fl(s1 + a) is the correctly rounded value of s1 + a + δ for every |δ| <= E
 * (rounding is monotone, and a ± E are computed with an error far below E). */
const certain = (s: number, s1: number, a: number, E: number): boolean => s === s1 + (a + E) && s === s1 + (a - E);

// ln2/256 as C1 (34 bits: N C1 exact for |N| < 2^19) + C2 (LN2 from dd.ts: explog.ts imports
// this file, so its own constants are not ready while this one loads)
const INV_C = 256 / LN2[0];
const C1 = Math.round((LN2[0] / 256) * 2 ** 42) / 2 ** 42;
const C2 = LN2[0] / 256 - C1 + LN2[1] / 256;

/** e^(xh + xl) with the input known to ±inErr (absolute), or undefined when the rounding is not
 * certain or the result is not a normal double. |xh| <= 708. */
export function fastExp(xh: number, xl: number, inErr: number): number | undefined {
  const N = Math.round((xh + xl) * INV_C);
  const j = N & 255;
  const m = (N - j) / 256;
  // r = rh + rl exactly (but for N*C2's rounding, ~2^-77)
  const r = twoSum(xh - N * C1, -N * C2 + xl);
  const rh = r[0], rl = r[1];
  // e^r = 1 + rh + B, B = rl(1 + rh) + rh^2 (1/2 + rh/6 + ...), |B| < 2^-20
  const B = rl * (1 + rh) + rh * rh * (0.5 + rh * (1 / 6 + rh * (1 / 24 + rh * (1 / 120 + rh * (1 / 720)))));
  const Th = T[j][0], Tl = T[j][1];
  const p = twoProd(Th, rh);
  const s1e = fastTwoSum(Th, p[0]);
  const a = s1e[1] + (p[1] + Th * B + Tl * (1 + rh + B));
  const s = s1e[0] + a;
  const E = s1e[0] * (2 ** -66 + 1.01 * inErr);
  if (!certain(s, s1e[0], a, E)) return undefined;
  if (m < -1021 || m > 1023) return undefined;
  F64[0] = 0;
  U32[HI] = (m + 1023) << 20;
  return s * F64[0];
}

// log table: for m in [0.75, 1.5), i = round((m - 0.75) 128), invc = 1/(0.75 + i/128) rounded to
// a double (1 exactly at i = 32), and -log(invc) as a double-double (from explog.ts's logDD)
const INVC: number[] = [];
const LOGC_HI: number[] = [];
const LOGC_LO: number[] = [];
function logTable(): void {
  for (let i = 0; i <= 96; i++) {
    const invc = 1 / (0.75 + i / 128);
    const l = logDD(invc);
    INVC.push(invc);
    LOGC_HI.push(-l[0]);
    LOGC_LO.push(-l[1]);
  }
}
const LN2_HI = Math.round(LN2[0] * 2 ** 40) / 2 ** 40; // 40 bits: e LN2_HI exact for |e| < 2^13
const LN2_LO = LN2[0] - LN2_HI + LN2[1];

/** log x for a positive normal x as hi + lo with an absolute error bound: [hi, lo, err]. The
 * rounding of hi + lo is certain when certain(...) holds with err. */
export function fastLogParts(x: number): [number, number, number] {
  if (INVC.length === 0) logTable();
  F64[0] = x;
  let e = ((U32[HI] >>> 20) & 0x7ff) - 1023;
  U32[HI] = (U32[HI] & 0x800fffff) | 0x3ff00000; // mantissa in [1, 2)
  let m = F64[0];
  if (m >= 1.5) {
    m *= 0.5;
    e += 1;
  }
  const i = Math.round((m - 0.75) * 128);
  const invc = INVC[i];
  // r = m invc - 1 = rh + pl exactly (ph - 1 is exact: ph is within 2^-7 of 1)
  const p = twoProd(m, invc);
  const rh = p[0] - 1;
  const pl = p[1];
  // log1p(r) = rh - rh^2/2 + pl (1 - rh + rh^2) + Q(rh), Q = rh^3/3 - rh^4/4 + ...: |Q| < 2^-24;
  // rh^2 = zh + zl exactly, so the big terms are exact and only pl's and Q's roundings remain
  const zz = twoProd(rh, rh);
  const z = zz[0];
  const Q = rh * z * (1 / 3 + rh * (-0.25 + rh * (0.2 + rh * (-1 / 6 + rh * (1 / 7 + rh * (-0.125 + rh / 9))))));
  const eh = e * LN2_HI, el = e * LN2_LO;
  const a = twoSum(eh, LOGC_HI[i]);
  const b = twoSum(a[0], rh);
  const c = twoSum(b[0], -0.5 * z);
  const small = pl * (1 - rh + z) - 0.5 * zz[1] + Q;
  const tail = a[1] + b[1] + c[1] + el + LOGC_LO[i] + small;
  const err = 2 ** -48 * (Math.abs(a[1]) + Math.abs(b[1]) + Math.abs(c[1]) + Math.abs(el) + Math.abs(LOGC_LO[i]) + Math.abs(pl) + Math.abs(Q)) +
    2 ** -98 * Math.abs(c[0]) + 2 ** -22 * Math.abs(pl);
  return [c[0], tail, err];
}

/** log x for positive normal x, or undefined when the rounding is not certain. */
export function fastLog(x: number): number | undefined {
  const [h, t, err] = fastLogParts(x);
  const s = h + t;
  return certain(s, h, t, err) ? s : undefined;
}

const INV_LN2_HI = 1.4426950408889634, INV_LN2_LO = 2.0355273740931033e-17;

/** log2 x for positive normal x, or undefined: log x times 1/ln2, the leading product exact. */
export function fastLog2(x: number): number | undefined {
  const [h, t, err] = fastLogParts(x);
  const p = twoProd(h, INV_LN2_HI);
  const a = p[1] + (h * INV_LN2_LO + t * INV_LN2_HI);
  const s = p[0] + a;
  return certain(s, p[0], a, 1.5 * err + 2 ** -100 * Math.abs(p[0]) + 2 ** -52 * Math.abs(a)) ? s : undefined;
}

/** x^y for positive normal x (not 1) and finite y, |y log x| < 700, or undefined. */
export function fastPow(x: number, y: number): number | undefined {
  const [h, t, err] = fastLogParts(x);
  // y (h + t) = ph + (pl + y t): error |y| err, plus the roundings of y t, of its sum with pl and
  // of that with N C2 in fastExp (each within 2^-53 of |xl| or so)
  const p = twoProd(y, h);
  const xl = p[1] + y * t;
  if (!(Math.abs(p[0]) < 700)) return undefined;
  return fastExp(p[0], xl, Math.abs(y) * err + 2 ** -50 * Math.abs(xl) + 2 ** -100 * Math.abs(p[0]));
}

