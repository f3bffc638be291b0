// Correctly rounded float64 `pow` and `cos` for the optimizers' and LR schedulers' Python-float
// arithmetic (bias corrections `beta ** step`, NAdam's `0.96 ** (step * momentum_decay)`, cosine
// annealing's `math.cos(math.pi * t / T)`). PyTorch computes these with CPython, i.e. glibc's libm;
// V8's Math.pow is far off for integer exponents (it multiplies repeatedly: 0.9 ** 4 gives
// 0.6561000000000001, glibc 0.6561 — 7% of `beta ** k` for k ≤ 3000 differ) and Math.cos differs in
// ~4% of cosine-annealing arguments. Printed learning rates are Python floats shown with repr, so
// every last bit shows.
//
// glibc itself is not correctly rounded: its pow is off on ~0.06% of `beta ** k` and its cos on
// ~0.13% of `pi * k / T`; matching those would need glibc's own tables and polynomials (a licensing
// question, not taken here). Correct rounding is the closest we can get from first principles.
//
// Method: double-double arithmetic (~106 bits). exp by ln2 reduction, a 2^-10 scaling, a Taylor
// series and ten squarings; log by one Newton step on Math.log through that exp; cos by reduction
// modulo pi/2 with a three-part pi/2 and Taylor series for sin/cos. The final hi+lo sum rounds once,
// so the result is correctly rounded unless the exact value lies within ~2^-100 relative of a
// rounding midpoint.

type DD = [number, number];

const SPLIT = 134217729; // 2^27 + 1: Dekker's splitter for exact products without FMA

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

function twoProd(a: number, b: number): DD {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

function norm(hi: number, lo: number): DD {
  return twoSum(hi, lo);
}

function add(a: DD, b: DD): DD {
  const [s, e] = twoSum(a[0], b[0]);
  return norm(s, e + a[1] + b[1]);
}

function mul(a: DD, b: DD): DD {
  const [p, e] = twoProd(a[0], b[0]);
  return norm(p, e + a[0] * b[1] + a[1] * b[0]);
}

function mulD(a: DD, b: number): DD {
  const [p, e] = twoProd(a[0], b);
  return norm(p, e + a[1] * b);
}

function divD(a: DD, b: number): DD {
  const q = a[0] / b;
  const [p, e] = twoProd(q, b);
  const r = (a[0] - p - e + a[1]) / b;
  return norm(q, r);
}

const LN2: DD = [0.6931471805599453, 2.3190468138462996e-17];
const LN2_3 = 5.707708438416212e-34;
const PIO2 = [1.5707963267948966, 6.123233995736766e-17, -1.4973849048591698e-33] as const;

/** 1/n! as double-doubles, n = 0..30. */
const INV_FACT: DD[] = (() => {
  const out: DD[] = [[1, 0]];
  for (let n = 1; n <= 30; n++) out.push(divD(out[n - 1], n));
  return out;
})();

/** exp of a double-double as m * 2^k (m a double-double near 1, unscaled so its low part keeps
 * full precision even when the result is tiny). */
function expParts(x: DD): { m: DD; k: number } {
  const k = Math.round(x[0] / LN2[0]);
  // r = x - k*ln2, exact products keep the reduction accurate to ~2^-106 absolute
  const kl = twoProd(k, LN2[0]);
  let r = add(x, [-kl[0], -kl[1]]);
  r = add(r, [-k * LN2[1], -k * LN2_3]);
  const s = divD(r, 1024);
  // Taylor series of exp(s), |s| < 3.4e-4: twelve terms leave < 1e-45
  let sum: DD = INV_FACT[12];
  for (let n = 11; n >= 0; n--) sum = add(mul(sum, s), INV_FACT[n]);
  for (let i = 0; i < 10; i++) sum = mul(sum, sum);
  return { m: sum, k };
}

/** v * 2^k in two exact steps (k may exceed the exponent range of one power of two). */
function scale(v: number, k: number): number {
  const k1 = Math.trunc(k / 2);
  return v * 2 ** k1 * 2 ** (k - k1);
}

function expDD(x: DD): DD {
  const { m, k } = expParts(x);
  return [scale(m[0], k), scale(m[1], k)];
}

/** Natural log of a positive finite double, as a double-double. */
function logDD(x: number): DD {
  const l0 = Math.log(x);
  // log x = l0 + log(x e^-l0) = l0 + t - t^2/2 with t = x e^-l0 - 1 (|t| ~ 1e-16)
  const e = expDD([-l0, 0]);
  const t = add(mulD(e, x), [-1, 0]);
  const corr = t[0] - (t[0] * t[0]) / 2;
  return add([l0, 0], [corr, t[1]]);
}

/** Python's `x ** y` for floats (glibc's pow), correctly rounded. Special values go through
 * Math.pow, which is exact for them (0, 1, infinities, NaN, negative bases). */
export function crPow(x: number, y: number): number {
  if (!Number.isFinite(x) || !Number.isFinite(y) || x === 0 || y === 0 || x === 1) return Math.pow(x, y);
  if (x < 0) {
    if (!Number.isInteger(y)) return NaN;
    const m = crPow(-x, y);
    return Math.abs(y % 2) === 1 ? -m : m;
  }
  const l = mulD(logDD(x), y);
  if (l[0] > 709.78) return Infinity;
  // results in the subnormal range would round twice; Math.pow is as good as anything there
  if (l[0] < -708) return Math.pow(x, y);
  // round once at full precision, then scale: exact for a normal result
  const { m, k } = expParts(l);
  return scale(m[0] + m[1], k);
}

function sinCosDD(r: DD): [DD, DD] {
  const r2 = mul(r, r);
  let s: DD = INV_FACT[29];
  let c: DD = INV_FACT[30];
  for (let n = 27; n >= 1; n -= 2) {
    s = add(mul(s, r2), n % 4 === 1 ? INV_FACT[n] : [-INV_FACT[n][0], -INV_FACT[n][1]]);
  }
  for (let n = 28; n >= 0; n -= 2) {
    c = add(mul(c, r2), n % 4 === 0 ? INV_FACT[n] : [-INV_FACT[n][0], -INV_FACT[n][1]]);
  }
  return [mul(s, r), c];
}

/** math.cos, correctly rounded, for |x| up to ~2^30 (beyond that Math.cos). */
export function crCos(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 2 ** -27) return 1;
  if (ax > 2 ** 30) return Math.cos(x);
  const k = Math.round(ax * 0.6366197723675814);
  // r = ax - k*pi/2 with exact products of k and each part of pi/2
  let r: DD = [ax, 0];
  for (const part of PIO2) {
    const p = twoProd(k, part);
    r = add(r, [-p[0], -p[1]]);
  }
  const [s, c] = sinCosDD(r);
  const v = [c, [-s[0], -s[1]] as DD, [-c[0], -c[1]] as DD, s][k % 4];
  return v[0] + v[1];
}
