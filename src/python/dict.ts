// Python dict and set: insertion-ordered maps keyed by Python equality. Each key gets a JS map key
// (keyOf): ints, floats and bools numerically (1 == 1.0 == True), str by value, tuples and
// frozensets by content, everything else (tensors, modules) by identity, as PyTorch hashes
// tensors. Objects with a user `__hash__` (alone or inside a tuple) land in a bucket named by their
// hash, and a key joins an entry of its bucket only if Python's `==` says so — equal hashes with
// unequal `__eq__` stay distinct entries, as in CPython. Part of the object model (object.ts
// re-exports it); keyEquality.ts holds the synchronous `==` the buckets use.

import { PyError, typeError } from '../errors';
import {
  type MaybeP, type PyValue, PyBuiltinFunction, PyCallable, PyFloat, PyList, PyObject, PyTuple, PyType, typeOf,
} from './object';
import { keysEqual } from './keyEquality';

/** Composite JS keys (tuples, frozensets, hash buckets, bigints) start with NUL, and so do
 * escaped user strings that themselves start with NUL — so no str can collide with them. Every
 * other str is its own JS key (nn/ looks parameter names up by the bare string). */
const ESC = '\u0000';

/** Where a key must be compared with `==` to find its entry: the bucket of its user hash. */
class EqBucket {
  constructor(readonly base: string) {}
}

/** Hash key of a Python value for dict/set: equal Python values map to the same JS key, except
 * for values with a user `__hash__`, where it names their hash bucket (see PyDict.find). */
export function hashKey(v: PyValue): unknown {
  const k = keyOf(v);
  return k instanceof EqBucket ? k.base : k;
}

function keyOf(v: PyValue): unknown {
  switch (typeof v) {
    case 'string':
      return v.length > 0 && v.charCodeAt(0) === 0 ? `${ESC}s${v}` : v;
    case 'number':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    case 'bigint':
      return bigKey(v);
  }
  if (v === null) return NONE_KEY;
  if (v instanceof PyFloat) return Number.isNaN(v.v) ? v : v.v;
  if (v instanceof PyTuple) return composite('t(', v.items, ')', false);
  if (v instanceof PyList || v instanceof PyDict || (v instanceof PySet && !v.frozen)) {
    throw typeError(`unhashable type: '${typeOf(v).name}'`);
  }
  if (v instanceof PySet) return composite('f{', [...v.values()], '}', true);
  if (v instanceof PyObject && !(v instanceof PyType)) {
    const hf = v.cls.lookup('__hash__');
    if (hf === null) throw typeError(`unhashable type: '${v.cls.name}'`);
    if (hf instanceof PyCallable && !(hf instanceof PyBuiltinFunction)) return new EqBucket(`${ESC}h${userHash(hf, v)}`);
  }
  return v;
}

/** An int outside ±2^53 is a bigint; when a double holds it exactly, the double is its key (so
 * 2**60 and 2.0**60 are one key), else the bigint itself (Map compares bigints by value). */
function bigKey(v: bigint): unknown {
  const n = Number(v);
  return BigInt(n) === v ? n : v;
}

/** The key of a tuple or frozenset from its items' keys; a bucket when any item needs `==`. */
function composite(open: string, items: readonly PyValue[], close: string, unordered: boolean): unknown {
  let eq = false;
  const parts = items.map((x) => {
    const k = keyOf(x);
    if (k instanceof EqBucket) eq = true;
    return keyString(k);
  });
  if (unordered) parts.sort();
  const s = `${ESC}${open}${parts.join(',')}${close}`;
  return eq ? new EqBucket(s) : s;
}

/** While > 0, Python calls must finish synchronously (no forced trip through the microtask
 * queue): dict/set hashing and key comparison happen inside synchronous code. */
export const syncCalls = { depth: 0 };

/** Call a user dunder that dict/set internals need at once (`__hash__`, `__eq__`). */
export function callSync(f: PyCallable, args: PyValue[], what: string): PyValue {
  syncCalls.depth++;
  let r: MaybeP<PyValue>;
  try {
    r = f.callMaybe(args, null);
  } finally {
    syncCalls.depth--;
  }
  if (r instanceof Promise) {
    r.catch(() => {});
    throw new PyError('NotImplementedError', `${what} waited for data; dict keys and set elements need a ${what.split('.').pop()} that returns at once`);
  }
  return r;
}

/** A user `__hash__` result, as the text that names its bucket. */
function userHash(hf: PyCallable, v: PyValue): string {
  return String(hashResult(callSync(hf, [v], `${typeOf(v).name}.__hash__`)));
}

const HASH_MODULUS = (1n << 61n) - 1n;

/** CPython's hash of an int: reduced modulo 2^61 - 1 keeping the sign, and -1 (an error code in
 * C) becomes -2. */
export function hashInt(v: bigint): number | bigint {
  const neg = v < 0n;
  let r = (neg ? -v : v) % HASH_MODULUS;
  if (neg) r = -r;
  if (r === -1n) r = -2n;
  return Number.isSafeInteger(Number(r)) ? Number(r) : r;
}

/** What `hash(x)` makes of the value a user `__hash__` returned: an int hashed as ints are
 * (so `__hash__` returning -1 or 2**64 gives -2 or 8), a bool as 0/1, anything else refused. */
export function hashResult(h: PyValue): number | bigint {
  if (typeof h === 'boolean') return h ? 1 : 0;
  if (typeof h === 'number') return h === -1 ? -2 : h; // |h| < 2^53 < 2^61 - 1: nothing to reduce
  if (typeof h === 'bigint') return hashInt(h);
  throw typeError('__hash__ method should return an integer');
}
const NONE_KEY = Symbol('None');
const objIds = new WeakMap<object, number>();
let nextObjId = 1;
function keyString(k: unknown): string {
  if (k instanceof EqBucket) return `q${JSON.stringify(k.base)}`;
  if (typeof k === 'string') return JSON.stringify(k);
  if (typeof k === 'number') return `n${k}`;
  if (typeof k === 'bigint') return `b${k}`;
  if (typeof k === 'symbol') return 'None';
  if (typeof k === 'object' && k !== null) {
    let id = objIds.get(k);
    if (id === undefined) objIds.set(k, (id = nextObjId++));
    return `@${id}`;
  }
  return String(k);
}

/** Marks "no entry" in find (undefined is a fine JS key for nothing, but be explicit). */
const ABSENT: unique symbol = Symbol('absent');

/**
 * The slot of `key` (whose keyOf is the bucket `k`) in `map`, or ABSENT — and with `insert`, the
 * free slot for a new entry. Keys of a bucket occupy `base`, `base#1`, `base#2`, ...; a lookup
 * probes them in turn and stops at the first empty slot past the highest one ever used
 * (`probes`), so deleting an entry leaves the others reachable. Equality is Python's: identity
 * first, then `==` with the stored key on the left.
 */
function probe<E>(map: Map<unknown, E>, k: EqBucket, key: PyValue, storedKey: (e: E) => PyValue, owner: { probes: number }, insert: boolean): unknown {
  let free: string | null = null;
  for (let i = 0; ; i++) {
    const slot = i === 0 ? k.base : `${k.base}#${i}`;
    const e = map.get(slot);
    if (e === undefined && !map.has(slot)) {
      free ??= slot;
      if (i >= owner.probes) break;
      continue;
    }
    if (keysEqual(storedKey(e as E), key)) return slot;
  }
  if (!insert) return ABSENT;
  const n = free === k.base ? 0 : Number(free.slice(k.base.length + 1));
  if (n > owner.probes) owner.probes = n;
  return free;
}

/** The JS key of `key`'s entry in `map` (ABSENT when none); with `insert`, where a new one goes. */
function slotOf<E>(map: Map<unknown, E>, key: PyValue, storedKey: (e: E) => PyValue, owner: { probes: number }, insert: boolean): unknown {
  const k = keyOf(key);
  if (!(k instanceof EqBucket)) return insert || map.has(k) ? k : ABSENT;
  return probe(map, k, key, storedKey, owner, insert);
}

/** One dict entry. Writers may assign `value` in place (nn/ does, for write-back). */
export interface DictEntry {
  key: PyValue;
  value: PyValue;
}
const entryKey = (e: DictEntry): PyValue => e.key;
const itself = (v: PyValue): PyValue => v;

/** A Python dict: insertion-ordered, keyed by Python equality (see keyOf). */
export class PyDict {
  /** Highest collision slot used by a user-hash bucket (see probe). */
  probes = 0;
  /** Set for dict subclasses made natively (collections.OrderedDict, defaultdict, Counter): typeOf
   * reports it and repr uses its `__repr__`; null means plain dict. (Added by nn/, additive.) */
  cls: PyType | null = null;
  /** `map` is the storage: JS key (keyOf) → entry. namespace.ts passes a live view of a name map
   * (an object's attributes, a module's globals) so the dict and the names stay one thing. */
  constructor(readonly map: Map<unknown, DictEntry> = new Map()) {}
  get size(): number {
    return this.map.size;
  }
  get(key: PyValue): PyValue | undefined {
    const k = keyOf(key);
    if (!(k instanceof EqBucket)) return this.map.get(k)?.value; // the hot path: one Map lookup
    const s = probe(this.map, k, key, entryKey, this, false);
    return s === ABSENT ? undefined : this.map.get(s)?.value;
  }
  has(key: PyValue): boolean {
    return slotOf(this.map, key, entryKey, this, false) !== ABSENT;
  }
  set(key: PyValue, value: PyValue): void {
    const h = slotOf(this.map, key, entryKey, this, true);
    const e = this.map.get(h);
    if (e) e.value = value; // an existing key keeps its original key object and position
    else this.map.set(h, { key, value });
  }
  delete(key: PyValue): boolean {
    const s = slotOf(this.map, key, entryKey, this, false);
    return s !== ABSENT && this.map.delete(s);
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
  /** Highest collision slot used by a user-hash bucket (see probe). */
  probes = 0;
  /** True for a frozenset (added by the interpreter; typeOf reports `frozenset`). */
  frozen = false;
  constructor(items: Iterable<PyValue> = []) {
    for (const v of items) this.add(v);
  }
  get size(): number {
    return this.map.size;
  }
  has(v: PyValue): boolean {
    return slotOf(this.map, v, itself, this, false) !== ABSENT;
  }
  add(v: PyValue): void {
    const h = slotOf(this.map, v, itself, this, true);
    if (!this.map.has(h)) this.map.set(h, v);
  }
  delete(v: PyValue): boolean {
    const s = slotOf(this.map, v, itself, this, false);
    return s !== ABSENT && this.map.delete(s);
  }
  values(): IterableIterator<PyValue> {
    return this.map.values();
  }
}
