// The numeric and reducing builtins: min/max (key=, default=), sum, any, all, abs, round (with
// CPython's half-even rounding of floats), divmod, pow (three-argument form), chr/ord and
// hex/oct/bin. Part of the builtins directory (functions.ts).

import { PyError } from '../../errors';
import { type KwArgs, type PyValue, MISSING, PyBuiltinFunction, PyCallable, PyFloat, PyTuple, call, typeOf } from '../object';
import { formatSpec } from '../numfmt';
import { BUILTINS } from '../interp/builtinsTable';
import { exactlyOne, intArg, params } from './args';
import { getIter, toArray } from './iter';
import { intAdd, intFloorDiv, intMod, roundHalfEven, norm } from './numbers';
import { binop, lessThan, truthy } from './ops';

const fn = (name: string, f: (a: PyValue[], kw: KwArgs) => PyValue | Promise<PyValue>): void => {
  BUILTINS.set(name, new PyBuiltinFunction(name, f));
};
async function minmax(name: 'min' | 'max', a: PyValue[], kw: KwArgs): Promise<PyValue> {
  const [key, dflt] = params(name, [], kw, 0, ['key', 'default']);
  let items: PyValue[];
  if (a.length === 0) throw new PyError('TypeError', `${name} expected at least 1 argument, got 0`);
  if (a.length === 1) items = await toArray(a[0]);
  else {
    if (dflt !== undefined) throw new PyError('TypeError', `Cannot specify a default for ${name}() with multiple positional arguments`);
    items = a;
  }
  if (items.length === 0) {
    if (dflt !== undefined) return dflt;
    throw new PyError('ValueError', `${name}() iterable argument is empty`);
  }
  let best = items[0];
  let bestKey = key && key !== null ? await call(key, [best]) : best;
  for (let i = 1; i < items.length; i++) {
    const k = key && key !== null ? await call(key, [items[i]]) : items[i];
    if (name === 'min' ? await lessThan(k, bestKey) : await lessThan(bestKey, k)) {
      best = items[i];
      bestKey = k;
    }
  }
  return best;
}
fn('min', (a, kw) => minmax('min', a, kw));
fn('max', (a, kw) => minmax('max', a, kw));
fn('sum', async (a, kw) => {
  const [start] = params('sum', a.slice(1), kw, 0, ['start']);
  if (a.length === 0) throw new PyError('TypeError', 'sum() takes at least 1 positional argument (0 given)');
  let acc: PyValue = start === undefined ? 0 : start;
  if (typeof acc === 'string') throw new PyError('TypeError', "sum() can't sum strings [use ''.join(seq) instead]");
  const it = await getIter(a[0]);
  for (;;) {
    let x = it.next();
    if (x instanceof Promise) x = await x;
    if (x === MISSING) return acc;
    if (typeof acc === 'number' && typeof x === 'number') acc = intAdd(acc, x);
    else acc = await binop('Add', acc, x);
  }
});
fn('any', async (a) => {
  exactlyOne('any', a);
  const it = await getIter(a[0]);
  for (;;) {
    let x = it.next();
    if (x instanceof Promise) x = await x;
    if (x === MISSING) return false;
    if (await truthy(x)) return true;
  }
});
fn('all', async (a) => {
  exactlyOne('all', a);
  const it = await getIter(a[0]);
  for (;;) {
    let x = it.next();
    if (x instanceof Promise) x = await x;
    if (x === MISSING) return true;
    if (!(await truthy(x))) return false;
  }
});

// ---- numbers ------------------------------------------------------------------------------------

fn('abs', async (a) => {
  exactlyOne('abs', a);
  const v = a[0];
  if (typeof v === 'number') return Math.abs(v);
  if (typeof v === 'bigint') return v < 0n ? -v : v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof PyFloat) return new PyFloat(Math.abs(v.v));
  const f = typeOf(v).lookup('__abs__');
  if (f instanceof PyCallable) return call(f, [v]);
  throw new PyError('TypeError', `bad operand type for abs(): '${typeOf(v).name}'`);
});
fn('round', async (a, kw) => {
  const [x, nd] = params('round', a, kw, 0, ['number', 'ndigits']);
  if (x === undefined) throw new PyError('TypeError', "round() missing required argument 'number' (pos 1)");
  if (typeof x === 'number' || typeof x === 'bigint' || typeof x === 'boolean') {
    const i = typeof x === 'boolean' ? (x ? 1 : 0) : x;
    if (nd === undefined || nd === null) return i;
    const n = intArg(nd);
    if (n >= 0) return i;
    const p = 10 ** -n;
    const q = intFloorDiv(i, p);
    const r = intMod(i, p);
    const twice = Number(r) * 2;
    let qq = Number(q);
    if (twice > p || (twice === p && qq % 2 !== 0)) qq += 1;
    return norm(BigInt(qq) * BigInt(p));
  }
  if (x instanceof PyFloat) {
    if (nd === undefined || nd === null) {
      if (!Number.isFinite(x.v)) throw new PyError(Number.isNaN(x.v) ? 'ValueError' : 'OverflowError', Number.isNaN(x.v) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer');
      const r = roundHalfEven(x.v);
      return Number.isSafeInteger(r) ? r : norm(BigInt(r));
    }
    return new PyFloat(roundFloat(x.v, intArg(nd)));
  }
  const f = typeOf(x).lookup('__round__');
  if (f instanceof PyCallable) return call(f, nd === undefined ? [x] : [x, nd]);
  throw new PyError('TypeError', `type ${typeOf(x).name} doesn't define __round__ method`);
});
/** round(x, n) for floats: CPython rounds the exact decimal expansion half-to-even. */
function roundFloat(x: number, n: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  if (n > 22) return x;
  const s = formatSpec({ kind: 'float', v: x }, n >= 0 ? `.${n}f` : '.0f');
  if (n >= 0) return Number(s);
  const p = 10 ** -n;
  const y = x / p;
  return roundHalfEven(y) * p;
}
fn('divmod', async (a) => {
  if (a.length !== 2) throw new PyError('TypeError', `divmod expected 2 arguments, got ${a.length}`);
  return new PyTuple([await binop('FloorDiv', a[0], a[1]), await binop('Mod', a[0], a[1])]);
});
fn('pow', async (a, kw) => {
  const [b, e, m] = params('pow', a, kw, 0, ['base', 'exp', 'mod']);
  if (m !== undefined && m !== null) {
    let r = 1n;
    let base = BigInt(b as number) % BigInt(m as number);
    let ex = BigInt(e as number);
    const mod = BigInt(m as number);
    while (ex > 0n) {
      if (ex & 1n) r = (r * base) % mod;
      base = (base * base) % mod;
      ex >>= 1n;
    }
    return norm(((r % mod) + mod) % mod);
  }
  return binop('Pow', b as PyValue, e as PyValue);
});
fn('chr', (a) => {
  exactlyOne('chr', a);
  const i = intArg(a[0]);
  if (i < 0 || i > 0x10ffff) throw new PyError('ValueError', 'chr() arg not in range(0x110000)');
  return String.fromCodePoint(i);
});
fn('ord', (a) => {
  exactlyOne('ord', a);
  const s = a[0];
  if (typeof s !== 'string') throw new PyError('TypeError', `ord() expected string of length 1, but ${typeOf(s).name} found`);
  const cps = [...s];
  if (cps.length !== 1) throw new PyError('TypeError', `ord() expected a character, but string of length ${cps.length} found`);
  return cps[0].codePointAt(0)!;
});
for (const [name, base, prefix] of [['hex', 16, '0x'], ['oct', 8, '0o'], ['bin', 2, '0b']] as const) {
  fn(name, (a) => {
    exactlyOne(name, a);
    const v = a[0];
    if (typeof v !== 'number' && typeof v !== 'bigint' && typeof v !== 'boolean') {
      throw new PyError('TypeError', `'${typeOf(v).name}' object cannot be interpreted as an integer`);
    }
    const b = BigInt(typeof v === 'boolean' ? (v ? 1 : 0) : v);
    return (b < 0n ? '-' : '') + prefix + (b < 0n ? -b : b).toString(base);
  });
}

