// Bottom of the number-formatting pipeline: turns a double into decimal digits the way CPython's
// `_Py_dg_dtoa` does, before any layout happens. Three modes, named as dtoa names them:
//   mode 0  shortest digits that round-trip (what repr(float) uses),
//   mode 2  `ndigits` significant digits (the 'e' and 'g' presentations),
//   mode 3  `ndigits` digits after the decimal point (the 'f' presentation).
// Modes 2 and 3 round the *exact* binary value half-to-even, which native toFixed/toExponential do
// not (they round exact ties away from zero), so they work on BigInt: |x| = mant * 2^exp2.
// Like dtoa, the digit string carries no trailing zeros, zero is ("0", decpt 1), and a fixed-mode
// value that rounds to zero yields no digits at all.

/** A dtoa result: the value is 0.<digits> * 10^decpt (sign separate). */
export interface DtoaDigits {
  digits: string;
  decpt: number;
  negative: boolean;
}

const view = new DataView(new ArrayBuffer(8));

/** |x| = mant * 2^exp2 exactly, for finite x (mant is 0 for zeros). */
export function decompose(x: number): { mant: bigint; exp2: number } {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (bexp === 0) return { mant, exp2: -1074 }; // subnormal (or zero)
  mant |= 1n << 52n;
  return { mant, exp2: bexp - 1075 };
}

/** True when the sign bit is set (so -0.0 counts as negative, as in C's signbit). */
export const signBit = (x: number): boolean => x < 0 || Object.is(x, -0);

const pow10Cache: bigint[] = [1n];
export function pow10(n: number): bigint {
  for (let i = pow10Cache.length; i <= n; i++) pow10Cache.push(pow10Cache[i - 1] * 10n);
  return pow10Cache[n];
}

/** round(n / d) with ties to even, n >= 0, d > 0. */
function divRoundHalfEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r2 = (n - q * d) * 2n;
  if (r2 > d || (r2 === d && (q & 1n) === 1n)) return q + 1n;
  return q;
}

/** round(mant * 2^exp2 * 10^scale) to an integer, ties to even. */
function scaleRound(mant: bigint, exp2: number, scale: number): bigint {
  let num = mant;
  let den = 1n;
  if (scale >= 0) num *= pow10(scale);
  else den = pow10(-scale);
  if (exp2 >= 0) num <<= BigInt(exp2);
  else den <<= BigInt(-exp2);
  return den === 1n ? num : divRoundHalfEven(num, den);
}

/** Sign of mant * 2^exp2 - 10^k. */
function cmpPow10(mant: bigint, exp2: number, k: number): number {
  let lhs = mant;
  let rhs = 1n;
  if (exp2 >= 0) lhs <<= BigInt(exp2);
  else rhs <<= BigInt(-exp2);
  if (k >= 0) rhs *= pow10(k);
  else lhs *= pow10(-k);
  return lhs > rhs ? 1 : lhs < rhs ? -1 : 0;
}

/** floor(log10(|x|)) exactly, for finite nonzero x. */
function exactLog10(x: number, mant: bigint, exp2: number): number {
  let k = Math.floor(Math.log10(Math.abs(x)));
  // Math.log10 can be off by one next to powers of ten; settle it exactly.
  while (cmpPow10(mant, exp2, k) < 0) k--;
  while (cmpPow10(mant, exp2, k + 1) >= 0) k++;
  return k;
}

function stripTrailingZeros(s: string): string {
  let end = s.length;
  while (end > 1 && s.charCodeAt(end - 1) === 48) end--;
  return s.slice(0, end);
}

/** Shortest round-trip digits (dtoa mode 0). The JS engine's own Number-to-string already picks
 * the shortest digit string closest to the value, which is dtoa's rule too. */
export function shortestDigits(x: number): DtoaDigits {
  const negative = signBit(x);
  if (x === 0) return { digits: '0', decpt: 1, negative };
  const [m, e] = Math.abs(x).toExponential().split('e');
  const digits = m.replace('.', '');
  return { digits: stripTrailingZeros(digits), decpt: Number(e) + 1, negative };
}

/** `ndigits` (>= 1) significant digits, correctly rounded (dtoa mode 2). */
export function significantDigits(x: number, ndigits: number): DtoaDigits {
  const negative = signBit(x);
  if (x === 0) return { digits: '0', decpt: 1, negative };
  const { mant, exp2 } = decompose(x);
  let k = exactLog10(x, mant, exp2);
  let q = scaleRound(mant, exp2, ndigits - 1 - k);
  if (q === pow10(ndigits)) {
    // rounding carried into a new leading digit (9.99 -> 10.0)
    q = pow10(ndigits - 1);
    k++;
  }
  return { digits: stripTrailingZeros(q.toString()), decpt: k + 1, negative };
}

/** `ndigits` (>= 0) digits after the decimal point, correctly rounded (dtoa mode 3). */
export function fixedDigits(x: number, ndigits: number): DtoaDigits {
  const negative = signBit(x);
  if (x === 0) return { digits: '0', decpt: 1, negative };
  const { mant, exp2 } = decompose(x);
  const q = scaleRound(mant, exp2, ndigits);
  if (q === 0n) return { digits: '', decpt: -ndigits, negative };
  const s = q.toString();
  return { digits: stripTrailingZeros(s), decpt: s.length - ndigits, negative };
}
