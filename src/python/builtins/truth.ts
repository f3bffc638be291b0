// Truthiness and len() of Python values: builtin values answer synchronously, anything else
// goes through `__bool__` / `__len__` with CPython's checks on what they return. Part of the
// operator layer (ops.ts re-exports it).

import { PyError } from '../../errors';
import { type PyValue, PyCallable, PyDict, PyFloat, PyList, PySet, PyTuple, call, typeOf } from '../object';
import { PyRange } from './range';

const ERR = (t: string, m: string): PyError => new PyError(t, m);

// ---- truthiness -------------------------------------------------------------------------------

/** bool(v). Sync for builtin values; a Promise when __bool__/__len__ must run. */
export function truthy(v: PyValue): boolean | Promise<boolean> {
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'string':
      return v.length > 0;
    case 'bigint':
      return v !== 0n;
  }
  if (v === null) return false;
  if (v instanceof PyFloat) return v.v !== 0;
  if (v instanceof PyList) return v.items.length > 0;
  if (v instanceof PyTuple) return v.items.length > 0;
  if (v instanceof PyDict || v instanceof PySet) return v.size > 0;
  if (v instanceof PyRange) return v.length > 0;
  return truthySlow(v);
}

async function truthySlow(v: PyValue): Promise<boolean> {
  const t = typeOf(v);
  const b = t.lookup('__bool__');
  if (b instanceof PyCallable) {
    const r = await call(b, [v]);
    if (typeof r !== 'boolean') throw ERR('TypeError', `__bool__ should return bool, returned ${typeOf(r).name}`);
    return r;
  }
  const l = t.lookup('__len__');
  if (l instanceof PyCallable) return (await lenOf(v)) > 0;
  return true;
}

export async function truthyAsync(v: PyValue): Promise<boolean> {
  return truthy(v);
}

// ---- len ----------------------------------------------------------------------------------------

export async function lenOf(v: PyValue): Promise<number> {
  if (typeof v === 'string') return v.length;
  if (v instanceof PyList) return v.items.length;
  if (v instanceof PyTuple) return v.items.length;
  if (v instanceof PyDict || v instanceof PySet) return v.size;
  if (v instanceof PyRange) return v.length;
  const l = typeOf(v).lookup('__len__');
  if (l instanceof PyCallable) {
    const r = await call(l, [v]);
    if (typeof r === 'boolean') return r ? 1 : 0;
    if (typeof r !== 'number') {
      if (typeof r === 'bigint') throw ERR('OverflowError', "cannot fit 'int' into an index-sized integer");
      throw ERR('TypeError', `'${typeOf(r).name}' object cannot be interpreted as an integer`);
    }
    if (r < 0) throw ERR('ValueError', '__len__() should return >= 0');
    return r;
  }
  throw ERR('TypeError', `object of type '${typeOf(v).name}' has no len()`);
}
