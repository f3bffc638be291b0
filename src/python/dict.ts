// Python dict and set: insertion-ordered maps keyed by Python equality. hashKey turns a value into
// a JS map key — ints, floats and bools numerically (1 == 1.0 == True), str by value, tuples by
// content, objects with a user __hash__ by its result, everything else (tensors, modules) by
// identity, as PyTorch hashes tensors. Part of the object model (object.ts re-exports it).

import { PyError, typeError } from '../errors';
import {
  type MaybeP, type PyValue, PyBuiltinFunction, PyCallable, PyFloat, PyList, PyObject, PyTuple, PyType, typeOf,
} from './object';


/** Hash key of a Python value for dict/set: equal Python values map to the same JS key.
 * int/float/bool compare numerically (1 == 1.0 == True); str by value; tuples by content;
 * everything else (tensors, modules, functions, ...) by identity, as in PyTorch. */
export function hashKey(v: PyValue): unknown {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    case 'bigint':
      return `#big:${v}`;
  }
  if (v === null) return NONE_KEY;
  if (v instanceof PyFloat) return Number.isNaN(v.v) ? v : v.v;
  if (v instanceof PyTuple) return `#tuple:(${v.items.map((x) => keyString(hashKey(x))).join(',')})`;
  if (v instanceof PyList || v instanceof PyDict || v instanceof PySet) {
    throw typeError(`unhashable type: '${typeOf(v).name}'`);
  }
  if (v instanceof PyObject && !(v instanceof PyType)) {
    const hf = v.cls.lookup('__hash__');
    if (hf === null) throw typeError(`unhashable type: '${v.cls.name}'`);
    if (hf instanceof PyCallable && !(hf instanceof PyBuiltinFunction)) return `#hash:${userHash(hf, v)}`;
  }
  return v;
}

/** While > 0, Python calls must finish synchronously (no forced trip through the microtask
 * queue): dict/set hashing happens inside synchronous code. */
export const syncCalls = { depth: 0 };

/** A user `__hash__` result. Keys with equal hashes are treated as the same key (their
 * `__eq__` is not consulted): fine for the usual hash-of-the-fields-that-`__eq__`-compares. */
function userHash(hf: PyCallable, v: PyValue): string {
  syncCalls.depth++;
  let h: MaybeP<PyValue>;
  try {
    h = hf.callMaybe([v], null);
  } finally {
    syncCalls.depth--;
  }
  if (h instanceof Promise) {
    h.catch(() => {});
    throw new PyError('NotImplementedError', `${typeOf(v).name}.__hash__ waited for data; dict keys and set elements need a __hash__ that returns at once`);
  }
  if (typeof h === 'boolean') return h ? '1' : '0';
  if (typeof h !== 'number' && typeof h !== 'bigint') throw typeError('__hash__ method should return an integer');
  return String(h);
}
const NONE_KEY = Symbol('None');
const objIds = new WeakMap<object, number>();
let nextObjId = 1;
function keyString(k: unknown): string {
  if (typeof k === 'string') return JSON.stringify(k);
  if (typeof k === 'number') return `n${k}`;
  if (typeof k === 'symbol') return 'None';
  if (typeof k === 'object' && k !== null) {
    let id = objIds.get(k);
    if (id === undefined) objIds.set(k, (id = nextObjId++));
    return `@${id}`;
  }
  return String(k);
}

/** A Python dict: insertion-ordered, keyed by Python equality (see hashKey). */
export class PyDict {
  readonly map = new Map<unknown, { key: PyValue; value: PyValue }>();
  /** Set for dict subclasses made natively (collections.OrderedDict, defaultdict, Counter): typeOf
   * reports it and repr uses its `__repr__`; null means plain dict. (Added by nn/, additive.) */
  cls: PyType | null = null;
  get size(): number {
    return this.map.size;
  }
  get(key: PyValue): PyValue | undefined {
    return this.map.get(hashKey(key))?.value;
  }
  has(key: PyValue): boolean {
    return this.map.has(hashKey(key));
  }
  set(key: PyValue, value: PyValue): void {
    const h = hashKey(key);
    const e = this.map.get(h);
    if (e) e.value = value; // an existing key keeps its original key object and position
    else this.map.set(h, { key, value });
  }
  delete(key: PyValue): boolean {
    return this.map.delete(hashKey(key));
  }
  *keys(): IterableIterator<PyValue> {
    for (const e of this.map.values()) yield e.key;
  }
  *values(): IterableIterator<PyValue> {
    for (const e of this.map.values()) yield e.value;
  }
  *entries(): IterableIterator<[PyValue, PyValue]> {
    for (const e of this.map.values()) yield [e.key, e.value];
  }
  static fromEntries(entries: Iterable<readonly [PyValue, PyValue]>): PyDict {
    const d = new PyDict();
    for (const [k, v] of entries) d.set(k, v);
    return d;
  }
}

export class PySet {
  readonly map = new Map<unknown, PyValue>();
  /** True for a frozenset (added by the interpreter; typeOf reports `frozenset`). */
  frozen = false;
  constructor(items: Iterable<PyValue> = []) {
    for (const v of items) this.add(v);
  }
  get size(): number {
    return this.map.size;
  }
  has(v: PyValue): boolean {
    return this.map.has(hashKey(v));
  }
  add(v: PyValue): void {
    const h = hashKey(v);
    if (!this.map.has(h)) this.map.set(h, v);
  }
  delete(v: PyValue): boolean {
    return this.map.delete(hashKey(v));
  }
  values(): IterableIterator<PyValue> {
    return this.map.values();
  }
}
