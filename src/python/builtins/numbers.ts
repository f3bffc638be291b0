// Python int and float arithmetic on the fixed representation (int = number | bigint, float =
// PyFloat): exact integer results with promotion to bigint outside ±2^53 and demotion back, floor
// division and modulo with the sign of the divisor, int ** int exactness, true division to float,
// and CPython's ZeroDivisionError texts. Float `**` follows CPython's float_pow (its special cases,
// then libm's pow — here libm/'s correctly rounded crPow, as glibc's is in all but rare cases).
// Pure functions, no user code: the operator layer calls these for the numeric fast paths.

import { PyError } from '../../errors';
import { type PyValue, PyFloat } from '../object';
import { crPow } from '../libm';

const MAX = BigInt(Number.MAX_SAFE_INTEGER);
/** bigint back to number when it fits (ints are numbers whenever they can be). */
export const norm = (b: bigint): number | bigint => (b >= -MAX && b <= MAX ? Number(b) : b);
export const big = (a: number | bigint): bigint => (typeof a === 'bigint' ? a : BigInt(a));
export type Int = number | bigint;

export const zeroDiv = (msg: string): PyError => new PyError('ZeroDivisionError', msg);

/** An int operand (bool counts as int), or undefined. */
export function asInt(v: PyValue): Int | undefined {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

/** A float view of an int/bool/float operand, or undefined. */
export function asFloat(v: PyValue): number | undefined {
  if (v instanceof PyFloat) return v.v;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  return undefined;
}

export function intAdd(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return norm(big(a) + big(b));
}
export function intSub(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return norm(big(a) - big(b));
}
export function intMul(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
  }
  return norm(big(a) * big(b));
}
export function intFloorDiv(a: Int, b: Int): Int {
  if (b === 0 || b === 0n) throw zeroDiv('integer division or modulo by zero');
  if (typeof a === 'number' && typeof b === 'number' && Math.abs(a) < 2 ** 31 && Math.abs(b) < 2 ** 31) {
    const r = Math.floor(a / b);
    return r === 0 ? 0 : r;
  }
  const A = big(a), B = big(b);
  let q = A / B;
  if ((A % B !== 0n) && ((A < 0n) !== (B < 0n))) q -= 1n;
  return norm(q);
}
export function intMod(a: Int, b: Int): Int {
  if (b === 0 || b === 0n) throw zeroDiv('integer modulo by zero');
  if (typeof a === 'number' && typeof b === 'number') {
    let r = a % b;
    if (r !== 0 && (r < 0) !== (b < 0)) r += b;
    return r === 0 ? 0 : r;
  }
  const A = big(a), B = big(b);
  let r = A % B;
  if (r !== 0n && (r < 0n) !== (B < 0n)) r += B;
  return norm(r);
}
export function intPow(a: Int, b: Int): PyValue {
  if ((typeof b === 'number' ? b : Number(b)) < 0) {
    // CPython: a negative exponent makes it float ** float
    return new PyFloat(floatPow(intToFloat(a), intToFloat(b)));
  }
  if (typeof a === 'number' && typeof b === 'number') {
    const r = Math.pow(a, b);
    if (Math.abs(r) < 2 ** 52) return r === 0 ? 0 : r;
  }
  return norm(big(a) ** big(b));
}
/** int -> float as CPython's PyLong_AsDouble: correctly rounded, OverflowError beyond the range. */
export function intToFloat(a: Int): number {
  const x = Number(a);
  if (!Number.isFinite(x)) throw new PyError('OverflowError', 'int too large to convert to float');
  return x;
}
export function intTrueDiv(a: Int, b: Int): PyFloat {
  if (b === 0 || b === 0n) throw zeroDiv('division by zero');
  if (typeof a === 'number' && typeof b === 'number') return new PyFloat(a / b);
  return new PyFloat(bigDiv(big(a), big(b)));
}
function bigDiv(a: bigint, b: bigint): number {
  // Correct enough for huge ints: scale to keep 60+ significant bits.
  const q = a / b;
  const r = a % b;
  return Number(q) + Number(r) / Number(b);
}
export function intBitOp(op: string, a: Int, b: Int): Int {
  if (op === 'LShift' || op === 'RShift') {
    if ((typeof b === 'number' ? b : Number(b)) < 0) throw new PyError('ValueError', 'negative shift count');
    return norm(op === 'LShift' ? big(a) << big(b) : big(a) >> big(b));
  }
  if (typeof a === 'number' && typeof b === 'number' && (a | 0) === a && (b | 0) === b) {
    return op === 'BitAnd' ? a & b : op === 'BitOr' ? a | b : a ^ b;
  }
  const A = big(a), B = big(b);
  return norm(op === 'BitAnd' ? A & B : op === 'BitOr' ? A | B : A ^ B);
}

export function floatMod(a: number, b: number): number {
  if (b === 0) throw zeroDiv('float modulo by zero');
  let r = a % b;
  if (r !== 0 && (r < 0) !== (b < 0)) r += b;
  else if (r === 0) r = b < 0 ? -0 : 0;
  return r;
}
export function floatFloorDiv(a: number, b: number): number {
  if (b === 0) throw zeroDiv('float floor division by zero');
  // CPython: div = (a - fmod(a, b)) / b, then adjusted; Math.floor(a / b) differs in rare cases.
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod && (b < 0) !== (mod < 0)) {
    mod += b;
    div -= 1;
  }
  let floordiv: number;
  if (div) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
  } else floordiv = (a / b < 0 ? -0 : 0);
  return floordiv;
}
const isOddInt = (y: number): boolean => Number.isInteger(y) && Math.abs(y) % 2 === 1;

/** CPython's float_pow: its own special cases first (x ** 0 is 1 even for NaN, 1 ** y is 1, ±inf
 * exponents, ±0 and ±inf bases), ZeroDivisionError for 0.0 ** negative, then pow on |x| with the
 * sign put back for odd integer exponents; an infinite result from finite operands is
 * OverflowError (errno ERANGE); underflow to 0 is silent. A negative base with a fractional
 * exponent is complex in CPython, outside our Python subset. */
export function floatPow(a: number, b: number): number {
  if (b === 2) {
    // the commonest power, one correctly rounded product (CPython's special cases agree with it)
    const r = a * a;
    if (r !== Infinity || !Number.isFinite(a)) return r;
    throw new PyError('OverflowError', "(34, 'Numerical result out of range')");
  }
  if (b === 0) return 1;
  if (a !== a) return a;
  if (b !== b) return a === 1 ? 1 : b;
  if (!Number.isFinite(b)) {
    const av = Math.abs(a);
    if (av === 1) return 1;
    return b > 0 === av > 1 ? Infinity : 0;
  }
  if (!Number.isFinite(a)) {
    if (b > 0) return isOddInt(b) ? a : Infinity;
    return isOddInt(b) && a < 0 ? -0 : 0;
  }
  if (a === 0) {
    if (b < 0) throw zeroDiv('0.0 cannot be raised to a negative power');
    return isOddInt(b) ? a : 0;
  }
  let negate = false;
  if (a < 0) {
    if (!Number.isInteger(b)) {
      throw new PyError('NotImplementedError', 'complex results are not supported: a negative number to a fractional power is a complex number in Python, and complex numbers are outside the Python subset');
    }
    a = -a;
    negate = isOddInt(b);
  }
  if (a === 1) return negate ? -1 : 1;
  const r = crPow(a, b);
  if (r === Infinity) throw new PyError('OverflowError', "(34, 'Numerical result out of range')");
  return negate ? -r : r;
}

/** Python's comparison of two numbers that may mix int/bigint/float. */
export function numCmp(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  // mixed: compare exactly when the number is integral, else by float
  const n = (typeof a === 'number' ? a : b) as number;
  if (Number.isNaN(n)) return NaN;
  if (!Number.isFinite(n)) return typeof a === 'number' ? (n > 0 ? 1 : -1) : n > 0 ? -1 : 1;
  if (Number.isInteger(n)) {
    const A = big(a as Int), B = big(b as Int);
    return A < B ? -1 : A > B ? 1 : 0;
  }
  const x = Number(a), y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Round half to even (Python's round() on floats with ndigits None). */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}
