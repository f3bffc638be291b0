// Constructors and methods of int, float, bool and str as types: int('x7') with CPython's
// "invalid literal" texts, int(x, base), float('nan'), str(x) → __str__, bool(x) → truthiness, and
// the few numeric methods scripts use (is_integer, bit_length, conjugate, as_integer_ratio).

import { PyError } from '../../errors';
import { pyStrRepr } from '../../errors';
import { type PyValue, Builtins, PyBuiltinFunction, PyCallable, PyFloat, PyTuple, call, typeOf, nativeProperty } from '../object';
import { argRange, params } from './args';
import { norm } from './numbers';
import { truthy } from './ops';
import { INT_MAX_STR_DIGITS, str } from './repr';

const I = Builtins.int;
const F = Builtins.float;

/** CPython's limit on decimal (non-power-of-two base) strings parsed by int(). */
function checkParseDigits(s: string, base: number): void {
  if ((base & (base - 1)) === 0 && base !== 0) return;
  const digits = s.replace(/[\s_+-]/g, '').length;
  if (digits > INT_MAX_STR_DIGITS) {
    throw new PyError('ValueError', `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion: value has ${digits} digits; use sys.set_int_max_str_digits() to increase the limit`);
  }
}

function parseIntLiteral(s: string, base: number): number | bigint | null {
  let t = s.trim().replace(/_/g, (m, i: number, all: string) => (i > 0 && /[0-9a-zA-Z]/.test(all[i - 1]) && /[0-9a-zA-Z]/.test(all[i + 1] ?? '') ? '' : '#'));
  let neg = false;
  if (t[0] === '+' || t[0] === '-') {
    neg = t[0] === '-';
    t = t.slice(1);
  }
  if (base === 0) {
    const m = /^0([xob])/i.exec(t);
    base = m ? { x: 16, o: 8, b: 2 }[m[1].toLowerCase() as 'x' | 'o' | 'b'] : 10;
    if (m) t = t.slice(2);
    else if (/^0+[1-9]/.test(t)) return null;
  } else if ((base === 16 && /^0x/i.test(t)) || (base === 8 && /^0o/i.test(t)) || (base === 2 && /^0b/i.test(t))) t = t.slice(2);
  if (t === '') return null;
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, base);
  let r = 0n;
  const B = BigInt(base);
  for (const ch of t.toLowerCase()) {
    const d = digits.indexOf(ch);
    if (d < 0) return null;
    r = r * B + BigInt(d);
  }
  return norm(neg ? -r : r);
}

I.slots.create = async (_c, a, kw) => {
  const [x, b] = params('int', a, kw, 0, ['x', 'base']);
  if (x === undefined) return 0;
  if (b !== undefined) {
    if (typeof x !== 'string') throw new PyError('TypeError', "int() can't convert non-string with explicit base");
    const base = Number(b);
    checkParseDigits(x, base);
    const r = parseIntLiteral(x, base);
    if (r === null) throw new PyError('ValueError', `invalid literal for int() with base ${base}: ${pyStrRepr(x)}`);
    return r;
  }
  if (typeof x === 'number' || typeof x === 'bigint') return x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (x instanceof PyFloat) {
    if (Number.isNaN(x.v)) throw new PyError('ValueError', 'cannot convert float NaN to integer');
    if (!Number.isFinite(x.v)) throw new PyError('OverflowError', 'cannot convert float infinity to integer');
    const t = Math.trunc(x.v);
    return Number.isSafeInteger(t) ? (t === 0 ? 0 : t) : norm(BigInt(t));
  }
  if (typeof x === 'string') {
    checkParseDigits(x, 10);
    const r = parseIntLiteral(x, 10);
    if (r === null) throw new PyError('ValueError', `invalid literal for int() with base 10: ${pyStrRepr(x)}`);
    return r;
  }
  for (const m of ['__int__', '__index__', '__trunc__']) {
    const f = typeOf(x).lookup(m);
    if (f instanceof PyCallable) return call(f, [x]);
  }
  throw new PyError('TypeError', `int() argument must be a string, a bytes-like object or a real number, not '${typeOf(x).name}'`);
};

export function parseFloatLiteral(s: string): number | null {
  const t = s.trim().replace(/(?<=\d)_(?=\d)/g, '').toLowerCase();
  if (/^[+-]?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(t)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return null;
  return Number(t);
}
F.slots.create = async (_c, a, kw) => {
  if (kw && kw.size) throw new PyError('TypeError', 'float() takes no keyword arguments');
  argRange('float', a, 0, 1);
  if (a.length === 0) return new PyFloat(0);
  const x = a[0];
  if (x instanceof PyFloat) return x;
  if (typeof x === 'number') return new PyFloat(x);
  if (typeof x === 'bigint') {
    const v = Number(x);
    if (!Number.isFinite(v)) throw new PyError('OverflowError', 'int too large to convert to float');
    return new PyFloat(v);
  }
  if (typeof x === 'boolean') return new PyFloat(x ? 1 : 0);
  if (typeof x === 'string') {
    const r = parseFloatLiteral(x);
    if (r === null) throw new PyError('ValueError', `could not convert string to float: ${pyStrRepr(x)}`);
    return new PyFloat(r);
  }
  const f = typeOf(x).lookup('__float__');
  if (f instanceof PyCallable) return call(f, [x]);
  const ix = typeOf(x).lookup('__index__');
  if (ix instanceof PyCallable) return new PyFloat(Number(await call(ix, [x])));
  throw new PyError('TypeError', `float() argument must be a string or a real number, not '${typeOf(x).name}'`);
};
Builtins.bool.slots.create = async (_c, a) => {
  argRange('bool', a, 0, 1);
  return a.length ? truthy(a[0]) : false;
};
Builtins.str.slots.create = async (_c, a, kw) => {
  const [x] = params('str', a, kw, 0, ['object', 'encoding', 'errors']);
  return x === undefined ? '' : str(x);
};
Builtins.NoneType.dict!.set('__repr__', Object.assign(new PyBuiltinFunction('__repr__', () => 'None'), { syncRepr: () => 'None' }));

const m = (t: typeof I, name: string, f: (a: PyValue[]) => PyValue | Promise<PyValue>) => t.dict!.set(name, new PyBuiltinFunction(name, f, `${t.name}.${name}`));
m(F, 'is_integer', (a) => Number.isInteger((a[0] as PyFloat).v));
m(F, 'conjugate', (a) => a[0]);
m(F, '__float__', (a) => a[0]);
m(F, '__int__', (a) => call(I, [a[0]]));
m(F, 'as_integer_ratio', (a) => {
  const x = (a[0] as PyFloat).v;
  if (!Number.isFinite(x)) throw new PyError(Number.isNaN(x) ? 'ValueError' : 'OverflowError', Number.isNaN(x) ? 'cannot convert NaN to integer ratio' : 'cannot convert Infinity to integer ratio');
  let den = 1n;
  let v = x;
  while (!Number.isInteger(v)) {
    v *= 2;
    den *= 2n;
  }
  return new PyTuple([norm(BigInt(v)), norm(den)]);
});
m(I, 'bit_length', (a) => {
  const v = a[0] as number | bigint;
  const b = BigInt(v);
  return (b < 0n ? -b : b).toString(2).replace(/^0$/, '').length;
});
m(I, 'conjugate', (a) => a[0]);
m(I, '__index__', (a) => a[0]);
m(I, '__int__', (a) => a[0]);
m(I, '__float__', (a) => new PyFloat(Number(a[0])));
m(I, 'is_integer', () => true);
I.dict!.set('real', nativeProperty('real', (v) => v));
I.dict!.set('imag', nativeProperty('imag', () => 0));
F.dict!.set('real', nativeProperty('real', (v) => v));
F.dict!.set('imag', nativeProperty('imag', () => new PyFloat(0)));
