// Argument checking for builtin functions and methods implemented in TypeScript, with CPython's
// texts: `len() takes exactly one argument (2 given)`, `pop expected at most 1 argument, got 2`,
// `split() got an unexpected keyword argument 'x'`, ...

import { PyError } from '../../errors';
import type { KwArgs, PyValue } from '../object';
import { typeOf } from '../object';

export function noKw(name: string, kw: KwArgs): void {
  if (kw !== null && kw.size > 0) throw new PyError('TypeError', `${name}() takes no keyword arguments`);
}

/** `name expected at most N arguments, got M` / `expected at least`. */
export function argRange(name: string, a: PyValue[], min: number, max: number): void {
  if (a.length < min) {
    throw new PyError('TypeError', `${name} expected at least ${min} argument${min === 1 ? '' : 's'}, got ${a.length}`);
  }
  if (a.length > max) {
    throw new PyError('TypeError', `${name} expected at most ${max} argument${max === 1 ? '' : 's'}, got ${a.length}`);
  }
}

/** `name() takes exactly one argument (N given)`. */
export function exactlyOne(name: string, a: PyValue[]): void {
  if (a.length !== 1) throw new PyError('TypeError', `${name}() takes exactly one argument (${a.length} given)`);
}

/** Method arity for `self`-bound methods (a[0] is self): `list.append() takes exactly one argument (0 given)`. */
export function methodArgs(qual: string, a: PyValue[], min: number, max: number): void {
  const n = a.length - 1;
  if (n >= min && n <= max) return;
  if (min === max) {
    if (min === 0) throw new PyError('TypeError', `${qual}() takes no arguments (${n} given)`);
    if (min === 1) throw new PyError('TypeError', `${qual}() takes exactly one argument (${n} given)`);
  }
  const short = qual.split('.').pop()!;
  if (n < min) throw new PyError('TypeError', `${short} expected at least ${min} argument${min === 1 ? '' : 's'}, got ${n}`);
  throw new PyError('TypeError', `${short} expected at most ${max} argument${max === 1 ? '' : 's'}, got ${n}`);
}

/** Pick keyword-or-positional arguments by name: `kwOrPos(a, kw, 1, ['sep', 'maxsplit'])`. */
export function params(fname: string, a: PyValue[], kw: KwArgs, start: number, names: string[]): (PyValue | undefined)[] {
  const out: (PyValue | undefined)[] = names.map((_, i) => a[start + i]);
  if (a.length - start > names.length) {
    throw new PyError('TypeError', `${fname}() takes at most ${names.length} argument${names.length === 1 ? '' : 's'} (${a.length - start} given)`);
  }
  if (kw) {
    for (const [k, v] of kw) {
      const i = names.indexOf(k);
      if (i < 0) throw new PyError('TypeError', `${fname}() got an unexpected keyword argument '${k}'`);
      if (out[i] !== undefined) throw new PyError('TypeError', `argument for ${fname}() given by name ('${k}') and position (${i + 1})`);
      out[i] = v;
    }
  }
  return out;
}

export function intArg(v: PyValue, what = 'integer'): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  throw new PyError('TypeError', `'${typeOf(v).name}' object cannot be interpreted as an ${what}`);
}
