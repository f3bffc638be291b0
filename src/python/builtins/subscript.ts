// Membership (`in`) and subscription (get/set/del) for builtin containers and anything with
// `__contains__` / `__getitem__` (tensors, user classes), with dict subclasses' `__missing__`,
// class subscription for annotations (`list[int]`) and CPython's error texts. Part of the
// operator layer (ops.ts re-exports it).

import { PyError } from '../../errors';
import {
  type MaybeP, type PyValue, PyCallable, PyDict, PyList, PySet, PySlice, PyTuple, PyType, Builtins, call, callMaybe, typeOf,
} from '../object';
import { toArray } from './iter';
import { PyRange, rangeContains, rangeGet } from './range';
import { assignSlice, deleteSlice, seqIndex, sliceArray, viaIndex } from './slice';
import { reprSync } from './repr';
import { eqBool } from './compare';
import { truthy } from './truth';

const ERR = (t: string, m: string): PyError => new PyError(t, m);

// ---- membership -------------------------------------------------------------------------------

export async function contains(container: PyValue, item: PyValue): Promise<boolean> {
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw ERR('TypeError', `'in <string>' requires string as left operand, not ${typeOf(item).name}`);
    return container.includes(item);
  }
  if (container instanceof PyDict || container instanceof PySet) return container.has(item);
  if (container instanceof PyList || container instanceof PyTuple) {
    for (const x of container.items) if (await eqBool(x, item)) return true;
    return false;
  }
  if (container instanceof PyRange) return rangeContains(container, item);
  const t = typeOf(container);
  const c = t.lookup('__contains__');
  if (c instanceof PyCallable) return truthy(await call(c, [container, item]));
  if (t.lookup('__iter__') instanceof PyCallable || t.lookup('__getitem__') instanceof PyCallable) {
    for (const x of await toArray(container)) if (await eqBool(x, item)) return true;
    return false;
  }
  throw ERR('TypeError', `argument of type '${t.name}' is not iterable`);
}

// ---- subscription -----------------------------------------------------------------------------

export async function getitem(obj: PyValue, key: PyValue): Promise<PyValue> {
  return getitemMaybe(obj, key);
}

/** obj[key], synchronous unless `__getitem__`/`__missing__` has to wait. */
export function getitemMaybe(obj: PyValue, key: PyValue): MaybeP<PyValue> {
  if (obj instanceof PyList) {
    if (key instanceof PySlice) return new PyList(sliceArray(obj.items, key));
    return obj.items[seqIndex(key, obj.items.length, 'list', 'list')];
  }
  if (obj instanceof PyDict) {
    const v = obj.get(key);
    if (v !== undefined) return v;
    if (obj.has(key)) return v as unknown as PyValue;
    return dictMissing(obj, key);
  }
  if (obj instanceof PyTuple && obj.cls === null) {
    if (key instanceof PySlice) return new PyTuple(sliceArray(obj.items, key));
    return obj.items[seqIndex(key, obj.items.length, 'tuple', 'tuple')];
  }
  if (typeof obj === 'string') {
    if (key instanceof PySlice) return sliceArray(Array.from(obj), key).join('');
    if (typeof key !== 'number' && typeof key !== 'boolean') {
      const ix = viaIndex(key);
      if (ix === undefined) throw ERR('TypeError', `string indices must be integers, not '${typeOf(key).name}'`);
      return getitemMaybe(obj, ix);
    }
    const chars = obj.length < 64 && !/[\ud800-\udfff]/.test(obj) ? obj : Array.from(obj);
    return chars[seqIndex(key, chars.length, 'string', 'string')];
  }
  if (obj instanceof PyRange) return rangeGet(obj, key);
  const t = typeOf(obj);
  const f = t.lookup('__getitem__');
  // A tuple subclass that does not override __getitem__ indexes natively (tuple's own
  // __getitem__ calls back here, so calling it would recurse).
  if (f instanceof PyCallable && !(obj instanceof PyTuple && f === Builtins.tuple.dict!.get('__getitem__'))) return f.callMaybe([obj, key], null);
  if (obj instanceof PyTuple) {
    if (key instanceof PySlice) return new PyTuple(sliceArray(obj.items, key));
    return obj.items[seqIndex(key, obj.items.length, 'tuple', 'tuple')];
  }
  if (obj instanceof PyType) {
    const cg = obj.lookup('__class_getitem__');
    if (cg instanceof PyCallable) return callMaybe(cg, [obj, key]);
    if (obj.module === 'builtins' || obj.name === 'Tensor') return obj; // `list[int]`, `dict[str, Tensor]` in annotations
    throw ERR('TypeError', `type '${obj.name}' is not subscriptable`);
  }
  throw ERR('TypeError', `'${t.name}' object is not subscriptable`);
}

function dictMissing(d: PyDict, key: PyValue): MaybeP<PyValue> {
  const t = typeOf(d);
  if (t.name !== 'dict') {
    const m = t.lookup('__missing__');
    if (m instanceof PyCallable) return m.callMaybe([d, key], null);
  }
  throw new PyError('KeyError', reprSync(key), [key]);
}

export async function setitem(obj: PyValue, key: PyValue, value: PyValue): Promise<void> {
  await setitemMaybe(obj, key, value);
}

/** obj[key] = value, synchronous unless `__setitem__` has to wait. */
export function setitemMaybe(obj: PyValue, key: PyValue, value: PyValue): MaybeP<unknown> {
  if (obj instanceof PyList) {
    if (key instanceof PySlice) return toArray(value).then((xs) => assignSlice(obj.items, key, xs));
    obj.items[seqIndex(key, obj.items.length, 'list assignment', 'list')] = value;
    return;
  }
  if (obj instanceof PyDict) {
    obj.set(key, value);
    return;
  }
  const t = typeOf(obj);
  const f = t.lookup('__setitem__');
  if (f instanceof PyCallable) return f.callMaybe([obj, key, value], null);
  throw ERR('TypeError', `'${t.name}' object does not support item assignment`);
}

export async function delitem(obj: PyValue, key: PyValue): Promise<void> {
  if (obj instanceof PyList) {
    if (key instanceof PySlice) return deleteSlice(obj.items, key);
    obj.items.splice(seqIndex(key, obj.items.length, 'list assignment', 'list'), 1);
    return;
  }
  if (obj instanceof PyDict) {
    if (!obj.delete(key)) throw new PyError('KeyError', reprSync(key), [key]);
    return;
  }
  const t = typeOf(obj);
  const f = t.lookup('__delitem__');
  if (f instanceof PyCallable) {
    await call(f, [obj, key]);
    return;
  }
  throw ERR('TypeError', `'${t.name}' object doesn't support item deletion`);
}
