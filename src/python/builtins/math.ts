// The `math` module: constants, the float functions scripts use, and the integer functions
// (floor/ceil returning ints, gcd, factorial, comb, perm, isqrt, prod, fsum) with CPython's
// domain errors ("math domain error", "factorial() not defined for negative values", ...).
// The float functions compute what CPython's glibc libm does (libm/: correctly rounded, or glibc's
// own fdlibm formulas where glibc is not correctly rounded), since printed floats show every bit.

import { PyError } from '../../errors';
import { type PyValue, PyBuiltinFunction, PyFloat, PyModule, PyCallable, typeOf, call } from '../object';
import { asFloat, norm } from './numbers';
import { toArray } from './iter';
import { binop } from './ops';
import { registerModule } from '../interp/modules';
import { params } from './args';
import * as libm from '../libm';

function num(v: PyValue, fname: string): number {
  const x = asFloat(v);
  if (x !== undefined) return x;
  const f = typeOf(v).lookup('__float__');
  if (f instanceof PyCallable) throw new PyError('TypeError', `${fname}: __float__ objects are not supported here`);
  throw new PyError('TypeError', `must be real number, not ${typeOf(v).name}`);
}
const domain = (): PyError => new PyError('ValueError', 'math domain error');
function toInt(x: number): number | bigint {
  if (Number.isNaN(x)) throw new PyError('ValueError', 'cannot convert float NaN to integer');
  if (!Number.isFinite(x)) throw new PyError('OverflowError', 'cannot convert float infinity to integer');
  return Number.isSafeInteger(x) ? (x === 0 ? 0 : x) : norm(BigInt(x));
}
function intOnly(v: PyValue, fname: string): bigint {
  if (typeof v === 'number' || typeof v === 'bigint') return BigInt(v);
  if (typeof v === 'boolean') return v ? 1n : 0n;
  throw new PyError('TypeError', `'${typeOf(v).name}' object cannot be interpreted as an integer`);
  void fname;
}

function makeMath(): PyModule {
  const m = new PyModule('math');
  const d = m.dict!;
  // CPython's math_1: NaN from a non-NaN argument is a domain error; an infinity from a finite one
  // is OverflowError where the function can overflow, else a domain error (a pole: log1p(-1)).
  const f1 = (name: string, f: (x: number) => number, canOverflow = false, check?: (x: number) => boolean) =>
    d.set(name, new PyBuiltinFunction(name, (a) => {
      if (a.length !== 1) throw new PyError('TypeError', `math.${name}() takes exactly one argument (${a.length} given)`);
      const x = num(a[0], name);
      if (check && !check(x)) throw domain();
      const r = f(x);
      if (Number.isNaN(r) && !Number.isNaN(x)) throw domain();
      if (!Number.isFinite(r) && Number.isFinite(x)) {
        if (canOverflow) throw new PyError('OverflowError', 'math range error');
        throw domain();
      }
      return new PyFloat(r);
    }));
  d.set('pi', new PyFloat(Math.PI));
  d.set('e', new PyFloat(Math.E));
  d.set('tau', new PyFloat(2 * Math.PI));
  d.set('inf', new PyFloat(Infinity));
  d.set('nan', new PyFloat(NaN));
  f1('sqrt', Math.sqrt);
  f1('exp', libm.crExp, true);
  f1('exp2', (x) => libm.crPow(2, x), true);
  f1('expm1', Math.expm1, true); // glibc's expm1 is fdlibm's, as V8's is
  f1('log1p', Math.log1p); // likewise
  f1('sin', libm.crSin);
  f1('cos', libm.crCos);
  f1('tan', libm.crTan);
  f1('asin', libm.crAsin);
  f1('acos', libm.crAcos);
  f1('atan', libm.crAtan);
  f1('sinh', libm.sinh, true);
  f1('cosh', libm.cosh, true);
  f1('tanh', libm.tanh);
  for (const n of ['asinh', 'acosh', 'atanh', 'cbrt'] as const) f1(n, Math[n]); // fdlibm's, as glibc's (not measured)
  f1('fabs', Math.abs);
  // CPython multiplies by the constants 180/pi and pi/180 (each rounded once)
  f1('degrees', (x) => x * (180 / Math.PI));
  f1('radians', (x) => x * (Math.PI / 180));
  f1('erf', erf);
  f1('erfc', (x) => 1 - erf(x));
  f1('gamma', gamma, true, (x) => !(x <= 0 && Number.isInteger(x)));
  f1('lgamma', (x) => Math.log(Math.abs(gamma(x))), true);
  // CPython's loghelper: an int is converted to float (correctly rounded); one too large for a
  // float is frexp'd, log(x) = func(m) + func(2.0) * e; zero/negative ints are domain errors.
  const logOf = (v: PyValue, func: (x: number) => number): number => {
    if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') {
      const n = typeof v === 'boolean' ? (v ? 1 : 0) : v;
      if (n <= 0) throw domain();
      const x = Number(n);
      if (Number.isFinite(x)) return func(x);
      const big = BigInt(n);
      const e = big.toString(2).length;
      let top = big >> BigInt(e - 60); // 60 leading bits, the rest as a sticky bit: rounds once
      if (top << BigInt(e - 60) !== big) top |= 1n;
      return func(Number(top) / 2 ** 60) + func(2) * e;
    }
    const x = num(v, 'log');
    const r = func(x);
    if (Number.isNaN(r) && !Number.isNaN(x)) throw domain();
    if (!Number.isFinite(r) && Number.isFinite(x)) throw domain();
    return r;
  };
  for (const [name, func] of [['log2', libm.crLog2], ['log10', libm.log10]] as const) {
    d.set(name, new PyBuiltinFunction(name, (a) => {
      if (a.length !== 1) throw new PyError('TypeError', `math.${name}() takes exactly one argument (${a.length} given)`);
      return new PyFloat(logOf(a[0], func));
    }));
  }
  d.set('log', new PyBuiltinFunction('log', (a) => {
    if (a.length < 1 || a.length > 2) throw new PyError('TypeError', `log expected 1 or 2 arguments, got ${a.length}`);
    const r = logOf(a[0], libm.crLog);
    if (a.length === 1) return new PyFloat(r);
    const b = logOf(a[1], libm.crLog);
    if (b === 0) throw new PyError('ZeroDivisionError', 'float division by zero');
    return new PyFloat(r / b);
  }));
  // CPython's math_pow: IEEE specials by hand, pow for finite ** finite; NaN is a domain error,
  // an infinity is a domain error for 0 ** negative and OverflowError otherwise
  d.set('pow', new PyBuiltinFunction('pow', (a) => {
    if (a.length !== 2) throw new PyError('TypeError', `pow expected 2 arguments, got ${a.length}`);
    const x = num(a[0], 'pow'), y = num(a[1], 'pow');
    const r = libm.crPow(x, y);
    if (Number.isFinite(x) && Number.isFinite(y)) {
      if (Number.isNaN(r)) throw domain();
      if (!Number.isFinite(r)) {
        if (x === 0) throw domain();
        throw new PyError('OverflowError', 'math range error');
      }
    }
    return new PyFloat(r);
  }));
  d.set('atan2', new PyBuiltinFunction('atan2', (a) => new PyFloat(libm.crAtan2(num(a[0], 'atan2'), num(a[1], 'atan2')))));
  d.set('hypot', new PyBuiltinFunction('hypot', (a) => new PyFloat(libm.crHypotN(a.map((v) => num(v, 'hypot'))))));
  d.set('copysign', new PyBuiltinFunction('copysign', (a) => {
    const x = Math.abs(num(a[0], 'copysign'));
    const y = num(a[1], 'copysign');
    return new PyFloat(y < 0 || Object.is(y, -0) ? -x : x);
  }));
  d.set('fmod', new PyBuiltinFunction('fmod', (a) => {
    const y = num(a[1], 'fmod');
    if (y === 0) throw domain();
    return new PyFloat(num(a[0], 'fmod') % y);
  }));
  for (const [name, f] of [['floor', Math.floor], ['ceil', Math.ceil], ['trunc', Math.trunc]] as const) {
    d.set(name, new PyBuiltinFunction(name, async (a) => {
      const v = a[0];
      if (typeof v === 'number' || typeof v === 'bigint') return v;
      if (typeof v === 'boolean') return v ? 1 : 0;
      if (!(v instanceof PyFloat)) {
        const dunder = typeOf(v).lookup(`__${name}__`);
        if (dunder instanceof PyCallable) return call(dunder, [v]);
      }
      return toInt(f(num(v, name)));
    }));
  }
  d.set('isnan', new PyBuiltinFunction('isnan', (a) => Number.isNaN(num(a[0], 'isnan'))));
  d.set('isinf', new PyBuiltinFunction('isinf', (a) => {
    const x = num(a[0], 'isinf');
    return !Number.isFinite(x) && !Number.isNaN(x);
  }));
  d.set('isfinite', new PyBuiltinFunction('isfinite', (a) => Number.isFinite(num(a[0], 'isfinite'))));
  d.set('isclose', new PyBuiltinFunction('isclose', (a, kw) => {
    const [x, y, rt, at] = params('isclose', a, kw, 0, ['a', 'b', 'rel_tol', 'abs_tol']);
    const A = num(x as PyValue, 'isclose'), B = num(y as PyValue, 'isclose');
    const rel = rt === undefined ? 1e-9 : num(rt, 'isclose');
    const abs = at === undefined ? 0 : num(at, 'isclose');
    if (rel < 0 || abs < 0) throw new PyError('ValueError', 'tolerances must be non-negative');
    if (A === B) return true;
    if (!Number.isFinite(A) || !Number.isFinite(B)) return false;
    const diff = Math.abs(B - A);
    return diff <= Math.abs(rel * B) || diff <= Math.abs(rel * A) || diff <= abs;
  }));
  d.set('fsum', new PyBuiltinFunction('fsum', async (a) => {
    // Neumaier summation: exact enough to match CPython's correctly rounded fsum in practice.
    let s = 0, c = 0;
    for (const v of await toArray(a[0])) {
      const x = num(v, 'fsum');
      const t = s + x;
      c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
      s = t;
    }
    return new PyFloat(s + c);
  }));
  d.set('prod', new PyBuiltinFunction('prod', async (a, kw) => {
    const [, start] = params('prod', [], kw, 0, ['iterable', 'start']);
    let acc: PyValue = start === undefined ? 1 : start;
    for (const v of await toArray(a[0])) acc = await binop('Mult', acc, v);
    return acc;
  }));
  d.set('gcd', new PyBuiltinFunction('gcd', (a) => {
    let g = 0n;
    for (const v of a) {
      let x = intOnly(v, 'gcd');
      if (x < 0n) x = -x;
      let y = g;
      while (y) [x, y] = [y, x % y];
      g = x;
    }
    return norm(g);
  }));
  d.set('lcm', new PyBuiltinFunction('lcm', (a) => {
    let l = 1n;
    for (const v of a) {
      let x = intOnly(v, 'lcm');
      if (x < 0n) x = -x;
      if (x === 0n) return 0;
      let p = l, q = x;
      while (q) [p, q] = [q, p % q];
      l = (l / p) * x;
    }
    return norm(l);
  }));
  d.set('factorial', new PyBuiltinFunction('factorial', (a) => {
    const n = intOnly(a[0], 'factorial');
    if (n < 0n) throw new PyError('ValueError', 'factorial() not defined for negative values');
    let r = 1n;
    for (let i = 2n; i <= n; i++) r *= i;
    return norm(r);
  }));
  d.set('comb', new PyBuiltinFunction('comb', (a) => {
    const n = intOnly(a[0], 'comb'), k = intOnly(a[1], 'comb');
    if (n < 0n) throw new PyError('ValueError', 'n must be a non-negative integer');
    if (k < 0n) throw new PyError('ValueError', 'k must be a non-negative integer');
    if (k > n) return 0;
    let r = 1n;
    const kk = k < n - k ? k : n - k;
    for (let i = 1n; i <= kk; i++) r = (r * (n - kk + i)) / i;
    return norm(r);
  }));
  d.set('perm', new PyBuiltinFunction('perm', (a) => {
    const n = intOnly(a[0], 'perm'), k = a.length > 1 && a[1] !== null ? intOnly(a[1], 'perm') : n;
    if (n < 0n) throw new PyError('ValueError', 'n must be a non-negative integer');
    if (k < 0n) throw new PyError('ValueError', 'k must be a non-negative integer');
    if (k > n) return 0;
    let r = 1n;
    for (let i = 0n; i < k; i++) r *= n - i;
    return norm(r);
  }));
  d.set('isqrt', new PyBuiltinFunction('isqrt', (a) => {
    const n = intOnly(a[0], 'isqrt');
    if (n < 0n) throw new PyError('ValueError', 'isqrt() argument must be nonnegative');
    if (n < 2n) return norm(n);
    let x = BigInt(Math.floor(Math.sqrt(Number(n))));
    while (x * x > n) x--;
    while ((x + 1n) * (x + 1n) <= n) x++;
    return norm(x);
  }));
  return m;
}

function erf(x: number): number {
  // Abramowitz-Stegun 7.1.26 is too coarse; use a series / continued fraction split.
  const ax = Math.abs(x);
  if (ax < 2.5) {
    let sum = x, term = x;
    const x2 = x * x;
    for (let n = 1; n < 100; n++) {
      term *= -x2 / n;
      const t = term / (2 * n + 1);
      sum += t;
      if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  // continued fraction for erfc
  let f = 0;
  for (let n = 60; n >= 1; n--) f = n / 2 / (ax + f);
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f);
  return x > 0 ? 1 - erfc : erfc - 1;
}
function gamma(x: number): number {
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  if (Number.isInteger(x) && x <= 171) {
    let r = 1;
    for (let i = 2; i < x; i++) r *= i;
    return r;
  }
  const g = 7;
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  x -= 1;
  let a = c[0];
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i] / (x + i);
  return Math.sqrt(2 * Math.PI) * Math.pow(t, x + 0.5) * Math.exp(-t) * a;
}

registerModule('math', makeMath);
