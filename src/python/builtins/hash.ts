// hash(): CPython's numeric hash for ints/floats/bools (so hash(1) == hash(1.0) == hash(True)),
// str hashes (stable per run, not CPython's randomized values), tuples by content, __hash__ for
// user classes, and the unhashable-type error.

import { PyError } from '../../errors';
import { type MaybeP, type PyValue, PyCallable, PyDict, PyFloat, PyList, PySet, PyTuple, typeOf, ObjectType } from '../object';
import { objectId } from './repr';
import { hashInt, hashResult } from '../dict';

/** hash(v): synchronous unless a user `__hash__` has to wait. */
export function hashValue(v: PyValue): MaybeP<PyValue> {
  switch (typeof v) {
    case 'number':
      return hashInt(BigInt(v));
    case 'bigint':
      return hashInt(v);
    case 'boolean':
      return v ? 1 : 0;
    case 'string': {
      let h = 0;
      for (let i = 0; i < v.length; i++) h = (Math.imul(h, 1000003) ^ v.charCodeAt(i)) | 0;
      return h === -1 ? -2 : h;
    }
  }
  if (v === null) return 0x7f0000000010 >> 4;
  if (v instanceof PyFloat) {
    if (Number.isInteger(v.v)) return hashInt(BigInt(v.v));
    if (Number.isNaN(v.v)) return objectId(v) >> 4;
    if (!Number.isFinite(v.v)) return v.v > 0 ? 314159 : -314159;
    return Math.trunc(v.v * 2 ** 20) | 0;
  }
  if (v instanceof PyTuple) {
    const hs = v.items.map(hashValue);
    const combine = (xs: PyValue[]): number => {
      let h = 0x345678;
      for (const x of xs) h = (Math.imul(h ^ Number(x), 1000003) + 82520) | 0;
      return h === -1 ? -2 : h;
    };
    return hs.some((x) => x instanceof Promise) ? Promise.all(hs).then(combine) : combine(hs as PyValue[]);
  }
  if (v instanceof PyList || v instanceof PyDict || (v instanceof PySet && !v.frozen)) {
    throw new PyError('TypeError', `unhashable type: '${typeOf(v).name}'`);
  }
  const t = typeOf(v);
  const hf = t.lookup('__hash__');
  if (hf === null) throw new PyError('TypeError', `unhashable type: '${t.name}'`);
  if (hf instanceof PyCallable && hf !== ObjectType.dict!.get('__hash__')) {
    const h = hf.callMaybe([v], null);
    return h instanceof Promise ? h.then(hashResult) : hashResult(h);
  }
  return Math.floor(objectId(v) / 16);
}
