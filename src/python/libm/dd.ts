// Double-double arithmetic, the core of libm/: a value is an unevaluated sum hi + lo of two doubles
// (~106 significant bits), enough to evaluate exp/log/pow/trig with an error far below half an ulp
// so that one final rounding of hi + lo gives the correctly rounded double (what glibc's libm, and
// so CPython, prints in all but rare cases; V8's fdlibm-based Math.* is off in a few % of
// arguments). No FMA in JavaScript, so exact products use Dekker's split.
//
// Also here: bit-level helpers (frexp, ulp), the final rounding with scaling into the subnormal
// range (ldexpRound), and a check whether a rounding is certain (for pow's exact midpoints).

export type DD = [number, number];

const SPLIT = 134217729; // 2^27 + 1: Dekker's splitter

/** a + b exactly, as (rounded sum, error). */
export function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

/** a + b exactly when |a| >= |b| (or a = 0). */
export function fastTwoSum(a: number, b: number): DD {
  const s = a + b;
  return [s, b - (s - a)];
}

/** a * b exactly (barring over/underflow), as (rounded product, error). */
export function twoProd(a: number, b: number): DD {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

/** Accurate double-double sum (both parts two-summed: right even under cancellation). */
export function add(a: DD, b: DD): DD {
  const s = twoSum(a[0], b[0]);
  const t = twoSum(a[1], b[1]);
  const u = fastTwoSum(s[0], s[1] + t[0]);
  return fastTwoSum(u[0], u[1] + t[1]);
}

export function addD(a: DD, b: number): DD {
  const s = twoSum(a[0], b);
  return fastTwoSum(s[0], s[1] + a[1]);
}

export const neg = (a: DD): DD => [-a[0], -a[1]];
export const sub = (a: DD, b: DD): DD => add(a, [-b[0], -b[1]]);

export function mul(a: DD, b: DD): DD {
  const p = twoProd(a[0], b[0]);
  return fastTwoSum(p[0], p[1] + (a[0] * b[1] + a[1] * b[0]));
}

export function mulD(a: DD, b: number): DD {
  const p = twoProd(a[0], b);
  return fastTwoSum(p[0], p[1] + a[1] * b);
}

export function div(a: DD, b: DD): DD {
  const q = a[0] / b[0];
  // remainder a - q*b, with q*b exact to double-double accuracy
  const r = sub(a, mulD(b, q));
  const q2 = r[0] / b[0];
  const r2 = sub(r, mulD(b, q2));
  return add(fastTwoSum(q, q2), [r2[0] / b[0], 0]);
}

export const divD = (a: DD, b: number): DD => div(a, [b, 0]);

export function sqrt(a: DD): DD {
  if (a[0] <= 0) return [Math.sqrt(a[0]), 0];
  const s = Math.sqrt(a[0]);
  // one Newton step: s + (a - s^2) / (2s)
  const e = sub(a, twoProd(s, s));
  return fastTwoSum(s, e[0] / (2 * s));
}

/** ln 2 as a double-double. */
export const LN2: DD = [0.6931471805599453, 2.3190468138462996e-17];

/** 1/n! as double-doubles, n = 0..30 (Taylor coefficients). */
export const INV_FACT: DD[] = (() => {
  const out: DD[] = [[1, 0]];
  for (let n = 1; n <= 30; n++) out.push(divD(out[n - 1], n));
  return out;
})();

// ---- bits -----------------------------------------------------------------------------------

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // word holding the exponent

/** Unbiased binary exponent e with 2^e <= |x| < 2^(e+1), for finite non-zero x (subnormals too). */
export function ilogb(x: number): number {
  F64[0] = x;
  const be = (U32[HI] >>> 20) & 0x7ff;
  if (be !== 0) return be - 1023;
  F64[0] = x * 2 ** 64;
  return ((U32[HI] >>> 20) & 0x7ff) - 1023 - 64;
}

/** 2^k as a double for -1074 <= k <= 1023. */
export function pow2(k: number): number {
  if (k >= -1022) {
    F64[0] = 0;
    U32[HI] = (k + 1023) << 20;
    return F64[0];
  }
  return 2 ** -1022 * pow2(k + 1022);
}

/** v * 2^k exactly (when representable), k any integer within reason. */
export function scale(v: number, k: number): number {
  const k1 = Math.trunc(k / 2);
  return v * 2 ** k1 * 2 ** (k - k1);
}

/** The spacing of doubles at |x| (x finite): 2^(ilogb(x) - 52), at least 2^-1074. */
export function ulp(x: number): number {
  if (x === 0) return 2 ** -1074;
  return pow2(Math.max(ilogb(x) - 52, -1074));
}

/** Round (hi + lo) * 2^k once to the nearest double, ties to even, including results that land in
 * the subnormal range (where scaling the rounded sum would round twice) or overflow. */
export function ldexpRound(hi: number, lo: number, k: number): number {
  const s = hi + lo;
  if (s === 0 || !Number.isFinite(s)) return scale(s, k);
  const e = ilogb(s) + k;
  if (e >= -1022) return scale(s, k); // normal result: scaling a rounded double is exact (or overflows)
  // subnormal: count in units of 2^-1074; H + L is the exact value, H exact since |H| < 2^53
  const H = scale(hi, k + 1074);
  const L = scale(lo, k + 1074);
  const f = Math.floor(H);
  const t = twoSum(H - f, L); // H - f exact, in [0, 1)
  let n = f + Math.floor(t[0]);
  const a = t[0] - Math.floor(t[0]); // exact, in [0, 1); the value is n + a + t[1], t[1] tiny
  if (a > 0.5 || (a === 0.5 && (t[1] > 0 || (t[1] === 0 && n % 2 !== 0)))) n += 1;
  return n * 2 ** -1074;
}

/** Whether rounding hi + lo to nearest is safe when the true value may differ from hi + lo by up
 * to relErr * |hi|: false when a rounding midpoint lies within that distance. */
export function roundingCertain(hi: number, lo: number, relErr: number): boolean {
  const r = hi + lo;
  if (!Number.isFinite(r) || r === 0) return true;
  const d = hi - r + lo; // exact distance from r to hi + lo (hi - r exact)
  const err = relErr * Math.abs(hi);
  const u = ulp(r);
  // the midpoint on d's side: half an ulp, or a quarter below a power of two
  const half = d !== 0 && Math.sign(d) !== Math.sign(r) && Math.abs(r) === pow2(ilogb(r)) ? u / 4 : u / 2;
  return Math.abs(Math.abs(d) - half) > err;
}
