// Methods of list, tuple, dict and set (append/extend/pop/sort/index/count, get/setdefault/update/
// items/keys/values, add/discard/union, ...) and their constructors, with CPython's error texts.
// Views (dict.keys() etc.) are returned as lists wrapped in light view types that print like
// CPython's (`dict_keys(['a'])`).

import { PyError } from '../../errors';
import {
  type KwArgs, type PyValue, Builtins, MISSING, PyBuiltinFunction, PyDict, PyList, PyObject,
  PySet, PyTuple, PyType, makeType, typeOf, PyClassMethod, NotImplemented,
} from '../object';
import { argRange, intArg, methodArgs, noKw, params } from './args';
import { JsIter, MapIter, getIter, iteratorType, nativeIterables, toArray } from './iter';
import { delitem, eqBool, getitem, lessThan, setitem, truthy } from './ops';
import { repr, reprSync } from './repr';
import { mappingEntriesHook } from './mapping';
import { call } from '../object';

function def<T>(type: PyType, cls: abstract new (...a: never[]) => T, name: string, fn: (self: T, a: PyValue[], kw: KwArgs) => PyValue | Promise<PyValue>): void {
  type.dict!.set(name, new PyBuiltinFunction(name, (a, kw) => {
    const s = a[0];
    if (!(s instanceof (cls as unknown as new () => T))) {
      throw new PyError('TypeError', `descriptor '${name}' for '${type.name}' objects doesn't apply to a '${typeOf(s).name}' object`);
    }
    return fn(s as T, a, kw);
  }, `${type.name}.${name}`));
}

// ---- list ---------------------------------------------------------------------------------------

const L = Builtins.list;
L.slots.create = async (_c, a, kw) => {
  noKw('list', kw);
  argRange('list', a, 0, 1);
  return new PyList(a.length ? await toArray(a[0]) : []);
};
def(L, PyList, 'append', (l, a) => (methodArgs('list.append', a, 1, 1), l.items.push(a[1]), null));
def(L, PyList, 'extend', async (l, a) => (methodArgs('list.extend', a, 1, 1), l.items.push(...(await toArray(a[1]))), null));
def(L, PyList, 'insert', (l, a) => {
  methodArgs('insert', a, 2, 2);
  let i = intArg(a[1]);
  const n = l.items.length;
  if (i < 0) i = Math.max(0, i + n);
  l.items.splice(Math.min(i, n), 0, a[2]);
  return null;
});
def(L, PyList, 'pop', (l, a) => {
  methodArgs('pop', a, 0, 1);
  if (l.items.length === 0) throw new PyError('IndexError', 'pop from empty list');
  let i = a.length > 1 ? intArg(a[1]) : -1;
  if (i < 0) i += l.items.length;
  if (i < 0 || i >= l.items.length) throw new PyError('IndexError', 'pop index out of range');
  return l.items.splice(i, 1)[0];
});
def(L, PyList, 'remove', async (l, a) => {
  methodArgs('list.remove', a, 1, 1);
  for (let i = 0; i < l.items.length; i++) {
    if (await eqBool(l.items[i], a[1])) {
      l.items.splice(i, 1);
      return null;
    }
  }
  throw new PyError('ValueError', 'list.remove(x): x not in list');
});
def(L, PyList, 'clear', (l) => ((l.items.length = 0), null));
def(L, PyList, 'copy', (l) => new PyList(l.items.slice()));
def(L, PyList, 'reverse', (l) => (l.items.reverse(), null));
def(L, PyList, 'index', async (l, a) => {
  methodArgs('index', a, 1, 3);
  const n = l.items.length;
  let start = a.length > 2 ? intArg(a[2]) : 0;
  let end = a.length > 3 ? intArg(a[3]) : n;
  if (start < 0) start = Math.max(0, start + n);
  if (end < 0) end = Math.max(0, end + n);
  for (let i = start; i < Math.min(end, n); i++) if (await eqBool(l.items[i], a[1])) return i;
  throw new PyError('ValueError', `${await repr(a[1])} is not in list`);
});
def(L, PyList, 'count', async (l, a) => {
  methodArgs('list.count', a, 1, 1);
  let c = 0;
  for (const x of l.items) if (await eqBool(x, a[1])) c++;
  return c;
});
def(L, PyList, 'sort', async (l, a, kw) => {
  if (a.length > 1) throw new PyError('TypeError', 'sort() takes no positional arguments');
  const [key, reverse] = params('sort', [], kw, 0, ['key', 'reverse']);
  l.items = await sortValues(l.items, key ?? null, reverse !== undefined && (await truthy(reverse)));
  return null;
});
def(L, PyList, '__len__', (l) => l.items.length);
def(L, PyList, '__iter__', (l) => getIter(l));

/** Stable sort with Python's rules: keys computed once, only `<` used, reverse keeps stability. */
export async function sortValues(items: PyValue[], key: PyValue, reverse: boolean): Promise<PyValue[]> {
  const keys: PyValue[] = [];
  for (const x of items) keys.push(key === null ? x : await call(key, [x]));
  const idx = items.map((_, i) => i);
  if (reverse) idx.reverse();
  // merge sort with async comparisons
  const lt = (i: number, j: number) => lessThan(keys[i], keys[j]);
  const sorted = await mergeSort(idx, lt);
  if (reverse) sorted.reverse();
  return sorted.map((i) => items[i]);
}
async function mergeSort(a: number[], lt: (i: number, j: number) => Promise<boolean>): Promise<number[]> {
  if (a.length <= 1) return a;
  const mid = a.length >> 1;
  const l = await mergeSort(a.slice(0, mid), lt);
  const r = await mergeSort(a.slice(mid), lt);
  const out: number[] = [];
  let i = 0, j = 0;
  while (i < l.length && j < r.length) {
    if (await lt(r[j], l[i])) out.push(r[j++]);
    else out.push(l[i++]);
  }
  while (i < l.length) out.push(l[i++]);
  while (j < r.length) out.push(r[j++]);
  return out;
}

// ---- tuple --------------------------------------------------------------------------------------

const Tu = Builtins.tuple;
Tu.slots.create = async (cls, a, kw) => {
  noKw('tuple', kw);
  argRange('tuple', a, 0, 1);
  const items = a.length ? await toArray(a[0]) : [];
  return new PyTuple(items, cls === Tu ? null : cls);
};
def(Tu, PyTuple, 'index', async (t, a) => {
  methodArgs('index', a, 1, 3);
  for (let i = 0; i < t.items.length; i++) if (await eqBool(t.items[i], a[1])) return i;
  throw new PyError('ValueError', 'tuple.index(x): x not in tuple');
});
def(Tu, PyTuple, 'count', async (t, a) => {
  let c = 0;
  for (const x of t.items) if (await eqBool(x, a[1])) c++;
  return c;
});
def(Tu, PyTuple, '__len__', (t) => t.items.length);
// Explicit for subclasses (a plain tuple takes the fast path in ops.ts): the result is a plain tuple.
def(Tu, PyTuple, '__add__', (t, a) => (a[1] instanceof PyTuple ? new PyTuple(t.items.concat(a[1].items)) : NotImplemented));

// ---- dict ---------------------------------------------------------------------------------------

const D = Builtins.dict;
async function dictUpdate(d: PyDict, a: PyValue[], kw: KwArgs, name: string): Promise<void> {
  if (a.length > 1) throw new PyError('TypeError', `${name} expected at most 1 argument, got ${a.length}`);
  if (a.length === 1) {
    const src = a[0];
    if (src instanceof PyDict) for (const [k, v] of src.entries()) d.set(k, v);
    else if (src !== null && typeof src === 'object' && !(src instanceof PyList) && !(src instanceof PyTuple) && (await mappingEntriesHook.hasKeys(src))) {
      for (const [k, v] of await mappingEntriesHook.entries(src)) d.set(k, v);
    } else {
      const items = await toArray(src);
      for (let i = 0; i < items.length; i++) {
        let pair: PyValue[];
        try {
          pair = await toArray(items[i]);
        } catch {
          throw new PyError('TypeError', `cannot convert dictionary update sequence element #${i} to a sequence`);
        }
        if (pair.length !== 2) {
          throw new PyError('ValueError', `dictionary update sequence element #${i} has length ${pair.length}; 2 is required`);
        }
        d.set(pair[0], pair[1]);
      }
    }
  }
  if (kw) for (const [k, v] of kw) d.set(k, v);
}
D.slots.create = async (_c, a, kw) => {
  const d = new PyDict();
  await dictUpdate(d, a, kw, 'dict');
  return d;
};
D.dict!.set('fromkeys', new PyClassMethod(new PyBuiltinFunction('fromkeys', async (a) => {
  const d = new PyDict();
  for (const k of await toArray(a[1])) d.set(k, a.length > 2 ? a[2] : null);
  return d;
}, 'dict.fromkeys')));
def(D, PyDict, 'get', (d, a) => {
  methodArgs('get', a, 1, 2);
  const v = d.get(a[1]);
  return v === undefined ? (a.length > 2 ? a[2] : null) : v;
});
def(D, PyDict, 'setdefault', (d, a) => {
  methodArgs('setdefault', a, 1, 2);
  const v = d.get(a[1]);
  if (v !== undefined || d.has(a[1])) return v as PyValue;
  const dv = a.length > 2 ? a[2] : null;
  d.set(a[1], dv);
  return dv;
});
def(D, PyDict, 'pop', (d, a) => {
  methodArgs('pop', a, 1, 2);
  const v = d.get(a[1]);
  if (v !== undefined || d.has(a[1])) {
    d.delete(a[1]);
    return v as PyValue;
  }
  if (a.length > 2) return a[2];
  throw new PyError('KeyError', reprSync(a[1]), [a[1]]);
});
def(D, PyDict, 'popitem', (d) => {
  const last = [...d.entries()].pop();
  if (!last) throw new PyError('KeyError', "'popitem(): dictionary is empty'", ['popitem(): dictionary is empty']);
  d.delete(last[0]);
  return new PyTuple(last);
});
def(D, PyDict, 'update', async (d, a, kw) => (await dictUpdate(d, a.slice(1), kw, 'update'), null));
def(D, PyDict, 'clear', (d) => (d.map.clear(), null));
def(D, PyDict, 'copy', (d) => PyDict.fromEntries(d.entries()));
export const DictKeysType = makeType('dict_keys');
export const DictValuesType = makeType('dict_values');
export const DictItemsType = makeType('dict_items');
/** A live view on a dict (keys/values/items). */
export class DictView extends PyObject {
  constructor(cls: PyType, readonly d: PyDict, readonly kind: 'keys' | 'values' | 'items') {
    super(cls, null);
  }
  snapshot(): PyValue[] {
    if (this.kind === 'keys') return [...this.d.keys()];
    if (this.kind === 'values') return [...this.d.values()];
    return [...this.d.entries()].map((e) => new PyTuple(e));
  }
}
def(D, PyDict, 'keys', (d) => new DictView(DictKeysType, d, 'keys'));
def(D, PyDict, 'values', (d) => new DictView(DictValuesType, d, 'values'));
def(D, PyDict, 'items', (d) => new DictView(DictItemsType, d, 'items'));
def(D, PyDict, '__len__', (d) => d.size);
def(D, PyDict, '__contains__', (d, a) => d.has(a[1]));
def(D, PyDict, '__iter__', (d) => getIter(d));
nativeIterables.push((v) => {
  if (!(v instanceof DictView)) return undefined;
  const pick = v.kind === 'keys' ? (e: { key: PyValue }) => e.key : v.kind === 'values' ? (e: { value: PyValue }) => e.value : (e: { key: PyValue; value: PyValue }) => new PyTuple([e.key, e.value]);
  return new MapIter(iteratorType(`dict_${v.kind === 'keys' ? 'key' : v.kind === 'values' ? 'value' : 'item'}iterator`), v.d.map, pick as (e: { key: PyValue; value: PyValue }) => PyValue, 'dictionary');
});
for (const vt of [DictKeysType, DictValuesType, DictItemsType]) {
  vt.dict!.set('__repr__', new PyBuiltinFunction('__repr__', async (a) => `${vt.name}(${await repr(new PyList((a[0] as DictView).snapshot()))})`));
  vt.dict!.set('__len__', new PyBuiltinFunction('__len__', (a) => (a[0] as DictView).d.size));
  vt.dict!.set('__contains__', new PyBuiltinFunction('__contains__', async (a) => {
    const v = a[0] as DictView;
    if (v.kind === 'keys') return v.d.has(a[1]);
    for (const x of v.snapshot()) if (await eqBool(x, a[1])) return true;
    return false;
  }));
  vt.dict!.set('__eq__', new PyBuiltinFunction('__eq__', async (a) => {
    const v = a[0] as DictView;
    const o = a[1];
    if (v.kind === 'values') return v === o;
    const other = o instanceof DictView ? o.snapshot() : o instanceof PySet ? [...o.values()] : null;
    if (other === null) return false;
    const mine = new PySet(v.snapshot());
    return other.length === mine.size && other.every((x) => mine.has(x));
  }));
}

// ---- set / frozenset --------------------------------------------------------------------------

const S = Builtins.set;
export const FrozenSetType = Builtins.frozenset;
S.slots.create = async (_c, a, kw) => {
  noKw('set', kw);
  argRange('set', a, 0, 1);
  return new PySet(a.length ? await toArray(a[0]) : []);
};
FrozenSetType.slots.create = async (_c, a) => frozen(new PySet(a.length ? await toArray(a[0]) : []));
/** Mark a PySet as a frozenset (typeOf reads the marker through the native-type registry). */
export function frozen(s: PySet): PySet {
  s.frozen = true;
  return s;
}
for (const T of [S, FrozenSetType]) {
  const mk = (items: Iterable<PyValue>, like: PySet) => (like.frozen ? frozen(new PySet(items)) : new PySet(items));
  def(T, PySet, 'union', async (s, a) => {
    const out = mk(s.values(), s);
    for (const o of a.slice(1)) for (const x of await toArray(o)) out.add(x);
    return out;
  });
  def(T, PySet, 'intersection', async (s, a) => {
    let cur = [...s.values()];
    for (const o of a.slice(1)) {
      const other = new PySet(await toArray(o));
      cur = cur.filter((x) => other.has(x));
    }
    return mk(cur, s);
  });
  def(T, PySet, 'difference', async (s, a) => {
    let cur = [...s.values()];
    for (const o of a.slice(1)) {
      const other = new PySet(await toArray(o));
      cur = cur.filter((x) => !other.has(x));
    }
    return mk(cur, s);
  });
  def(T, PySet, 'symmetric_difference', async (s, a) => {
    const other = new PySet(await toArray(a[1]));
    return mk([...[...s.values()].filter((x) => !other.has(x)), ...[...other.values()].filter((x) => !s.has(x))], s);
  });
  def(T, PySet, 'issubset', async (s, a) => {
    const other = new PySet(await toArray(a[1]));
    return [...s.values()].every((x) => other.has(x));
  });
  def(T, PySet, 'issuperset', async (s, a) => (await toArray(a[1])).every((x) => s.has(x)));
  def(T, PySet, 'isdisjoint', async (s, a) => (await toArray(a[1])).every((x) => !s.has(x)));
  def(T, PySet, 'copy', (s) => mk(s.values(), s));
  def(T, PySet, '__len__', (s) => s.size);
  def(T, PySet, '__contains__', (s, a) => s.has(a[1]));
}
def(S, PySet, 'add', (s, a) => (methodArgs('set.add', a, 1, 1), s.add(a[1]), null));
def(S, PySet, 'discard', (s, a) => (s.delete(a[1]), null));
def(S, PySet, 'remove', (s, a) => {
  if (!s.delete(a[1])) throw new PyError('KeyError', reprSync(a[1]), [a[1]]);
  return null;
});
def(S, PySet, 'pop', (s) => {
  const first = s.values().next();
  if (first.done) throw new PyError('KeyError', "'pop from an empty set'", ['pop from an empty set']);
  s.delete(first.value);
  return first.value;
});
def(S, PySet, 'clear', (s) => (s.map.clear(), null));
def(S, PySet, 'update', async (s, a) => {
  for (const o of a.slice(1)) for (const x of await toArray(o)) s.add(x);
  return null;
});
def(S, PySet, 'intersection_update', async (s, a) => {
  const other = new PySet(await toArray(a[1]));
  for (const x of [...s.values()]) if (!other.has(x)) s.delete(x);
  return null;
});
def(S, PySet, 'difference_update', async (s, a) => {
  for (const x of await toArray(a[1])) s.delete(x);
  return null;
});

void JsIter;
void MISSING;

// Explicit dunder calls (`d.__setitem__(k, v)`, `super().__getitem__(i)` in subclasses).
for (const [T, C] of [[L, PyList], [D, PyDict], [Tu, PyTuple]] as const) {
  def(T, C as abstract new (...a: never[]) => PyValue & object, '__getitem__', (o, a) => getitem(o, a[1]));
  if (T !== Tu) {
    def(T, C as abstract new (...a: never[]) => PyValue & object, '__setitem__', async (o, a) => (await setitem(o, a[1], a[2]), null));
    def(T, C as abstract new (...a: never[]) => PyValue & object, '__delitem__', async (o, a) => (await delitem(o, a[1]), null));
  }
}
