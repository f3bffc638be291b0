// The `functools` module: partial (with CPython's repr), reduce, wraps / update_wrapper,
// lru_cache / cache (hits/misses/cache_info/cache_clear, LRU eviction; cached results keyed by the
// call's arguments with Python hashing and equality), cached_property, total_ordering and
// cmp_to_key. The cache wrapper is a PyCallable so that, like CPython's, it binds as a method when
// it decorates one.

import { PyError } from '../../errors';
import {
  type KwArgs, type MaybeP, type PyValue, ObjectType, PyCallable, PyDict, PyObject, PyProperty, PyTuple, PyType,
  call, getattrOrMissing, instanceDict, makeType, MISSING, setattr, typeOf, nativeProperty,
} from '../object';
import { toArray } from '../builtins/iter';
import { compare, eq, truthy } from '../builtins/ops';
import { repr } from '../builtins/repr';
import { registerModule } from '../interp/modules';
import { bindArgs, parseSignature } from '../bindings/args';
import { collectionsModule } from '../bindings/nn/collections';
import { fn, makeModule, method, typeError, isCallable } from './native';

// ---- partial -----------------------------------------------------------------------------------

export const PartialType = makeType('partial', [], 'functools');
class PartialObj extends PyObject {
  constructor(cls: PyType, readonly func: PyValue, readonly args: PyValue[], readonly kw: Map<string, PyValue>) {
    super(cls, new Map());
  }
}
PartialType.slots.create = (cls, a, kw) => {
  if (a.length === 0) throw typeError('type \'partial\' takes at least one argument');
  let [f, ...args] = a;
  const merged = new Map<string, PyValue>();
  if (f instanceof PartialObj) {
    args = [...f.args, ...args];
    for (const [k, v] of f.kw) merged.set(k, v);
    f = f.func;
  }
  if (!isCallable(f)) throw typeError('the first argument must be callable');
  for (const [k, v] of kw ?? []) merged.set(k, v);
  return new PartialObj(cls, f, args, merged);
};
method(PartialType, '__call__', (s, a, kw) => {
  const p = s as PartialObj;
  const k = new Map(p.kw);
  for (const [n, v] of kw ?? []) k.set(n, v);
  return call(p.func, [...p.args, ...a], k.size ? k : null);
});
PartialType.dict!.set('func', nativeProperty('func', (s) => (s as PartialObj).func));
PartialType.dict!.set('args', nativeProperty('args', (s) => new PyTuple((s as PartialObj).args)));
PartialType.dict!.set('keywords', nativeProperty('keywords', (s) => PyDict.fromEntries((s as PartialObj).kw)));
method(PartialType, '__repr__', async (s) => {
  const p = s as PartialObj;
  const parts = [await repr(p.func)];
  for (const a of p.args) parts.push(await repr(a));
  for (const [k, v] of p.kw) parts.push(`${k}=${await repr(v)}`);
  const t = typeOf(p);
  return `${t === PartialType ? 'functools.partial' : t.qualname}(${parts.join(', ')})`;
});

// ---- reduce ------------------------------------------------------------------------------------

const reduceFn = fn('reduce', async (a) => {
  if (a.length < 2 || a.length > 3) throw typeError(`reduce expected at least 2 arguments, got ${a.length}`);
  const items = await toArray(a[1]);
  let acc: PyValue;
  let i = 0;
  if (a.length === 3) acc = a[2];
  else {
    if (items.length === 0) throw typeError('reduce() of empty iterable with no initial value');
    acc = items[i++];
  }
  for (; i < items.length; i++) acc = await call(a[0], [acc, items[i]]);
  return acc;
}, 'functools.reduce');

// ---- wraps / update_wrapper -----------------------------------------------------------------------

const ASSIGNED = ['__module__', '__name__', '__qualname__', '__doc__', '__annotations__', '__type_params__'];

/** An attribute of a wrapped callable; functions' names come from the object when the
 * interpreter does not expose them as attributes. */
async function wrappedAttr(w: PyValue, name: string): Promise<PyValue | typeof MISSING> {
  let v: PyValue | typeof MISSING = MISSING;
  try {
    v = await getattrOrMissing(w, name);
  } catch (e) {
    if (!(e instanceof PyError && e.isInstanceOf('AttributeError'))) throw e;
  }
  if (v !== MISSING) return v;
  if (w instanceof PyCallable) {
    const f = w as PyCallable & { qualname?: string; module?: string };
    if (name === '__name__') return f.name;
    if (name === '__qualname__') return typeof f.qualname === 'string' ? f.qualname : f.name;
    if (name === '__module__' && typeof f.module === 'string') return f.module;
  }
  return MISSING;
}

export async function updateWrapper(wrapper: PyValue, wrapped: PyValue): Promise<PyValue> {
  for (const name of ASSIGNED) {
    const v = await wrappedAttr(wrapped, name);
    if (v !== MISSING) await setattr(wrapper, name, v);
  }
  const src = instanceDict(wrapped);
  const dst = instanceDict(wrapper);
  if (src && dst) for (const [k, v] of src) if (!ASSIGNED.includes(k)) dst.set(k, v);
  await setattr(wrapper, '__wrapped__', wrapped);
  return wrapper;
}

const wrapsFn = fn('wraps', (a) => {
  const wrapped = a[0];
  return fn('decorating_function', (b) => updateWrapper(b[0], wrapped), 'functools.wraps.<locals>.decorating_function');
}, 'functools.wraps');

// ---- lru_cache / cache ----------------------------------------------------------------------------

const LruType = makeType('_lru_cache_wrapper', [], 'functools');
let cacheInfoType: PyValue | null = null;

class LruWrapper extends PyCallable {
  hits = 0;
  misses = 0;
  cache = new PyDict();
  constructor(readonly func: PyValue, readonly maxsize: number | null) {
    super(LruType, new Map());
  }
  get name(): string {
    return this.func instanceof PyCallable ? this.func.name : 'lru_cache';
  }
  call(args: PyValue[], kwargs: KwArgs): Promise<PyValue> {
    return this.run(args, kwargs);
  }
  override callMaybe(args: PyValue[], kwargs: KwArgs): MaybeP<PyValue> {
    return this.run(args, kwargs);
  }
  private async run(args: PyValue[], kwargs: KwArgs): Promise<PyValue> {
    if (this.maxsize === 0) {
      this.misses++;
      return call(this.func, args, kwargs);
    }
    const parts: PyValue[] = [...args];
    if (kwargs && kwargs.size) {
      parts.push(KW_MARK);
      for (const [k, v] of kwargs) parts.push(k, v);
    }
    const key = args.length === 1 && !kwargs?.size && (typeof args[0] === 'string' || typeof args[0] === 'number') ? args[0] : new PyTuple(parts);
    if (this.cache.has(key)) {
      this.hits++;
      const v = this.cache.get(key) as PyValue;
      if (this.maxsize !== null) {
        this.cache.delete(key);
        this.cache.set(key, v);
      }
      return v;
    }
    this.misses++;
    const v = await call(this.func, args, kwargs);
    if (this.maxsize !== null && this.cache.size >= this.maxsize) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(key, v);
    return v;
  }
}
const KW_MARK = new PyObject(makeType('_HashedSeq_kwd_mark', [], 'functools'), null);

method(LruType, 'cache_info', async (s) => {
  const w = s as LruWrapper;
  if (cacheInfoType === null) {
    cacheInfoType = await call(collectionsModule().dict!.get('namedtuple')!, ['CacheInfo', new PyTuple(['hits', 'misses', 'maxsize', 'currsize'])]);
  }
  return call(cacheInfoType, [w.hits, w.misses, w.maxsize, w.cache.size]);
});
method(LruType, 'cache_clear', (s) => {
  const w = s as LruWrapper;
  w.cache = new PyDict();
  w.hits = w.misses = 0;
  return null;
});

async function makeCache(f: PyValue, maxsize: number | null): Promise<PyValue> {
  const w = new LruWrapper(f, maxsize);
  await updateWrapper(w, f);
  return w;
}

const lruSig = parseSignature('lru_cache(maxsize=128, typed=False)');
const lruCacheFn = fn('lru_cache', (a, kw) => {
  if (a.length && isCallable(a[0]) && !(typeof a[0] === 'number')) return makeCache(a[0], 128);
  const v = bindArgs(lruSig, a, kw).values;
  const m = v[0];
  if (m !== null && typeof m !== 'number') throw typeError('Expected first argument to be an integer, a callable, or None');
  const maxsize = m === null ? null : Math.max(0, m);
  return fn('decorating_function', (b) => makeCache(b[0], maxsize), 'functools.lru_cache.<locals>.decorating_function');
}, 'functools.lru_cache');

// ---- cached_property ----------------------------------------------------------------------------

/** A property whose getter stores its first result in the instance dict and serves it from
 * there afterwards (CPython's is a non-data descriptor; a property reading the dict first acts
 * the same for scripts). */
function cachedProperty(f: PyValue): PyProperty {
  const name = (): string => prop.name || (f instanceof PyCallable ? f.name : '');
  const prop: PyProperty = new PyProperty(
    fn('__get__', async (a) => {
      const d = instanceDict(a[0]);
      if (d === null) throw typeError(`No '__dict__' attribute on '${typeOf(a[0]).name}' instance to cache '${name()}' property.`);
      if (d.has(name())) return d.get(name()) as PyValue;
      const v = await call(f, [a[0]]);
      d.set(name(), v);
      return v;
    }),
    fn('__set__', (a) => (instanceDict(a[0])?.set(name(), a[1]), null)),
    fn('__delete__', (a) => (instanceDict(a[0])?.delete(name()), null)),
    f instanceof PyCallable ? f.name : '',
  );
  return prop;
}

// ---- total_ordering / cmp_to_key ---------------------------------------------------------------

type Cmp = 'Lt' | 'LtE' | 'Gt' | 'GtE';
const DUNDER: Record<Cmp, string> = { Lt: '__lt__', LtE: '__le__', Gt: '__gt__', GtE: '__ge__' };
/** For each root, how the other three follow from it and ==, as in CPython's _convert table. */
const DERIVE: Record<Cmp, Partial<Record<Cmp, (r: boolean, e: boolean) => boolean>>> = {
  Lt: { Gt: (r, e) => !r && !e, LtE: (r, e) => r || e, GtE: (r) => !r },
  LtE: { GtE: (r, e) => !r || e, Lt: (r, e) => r && !e, Gt: (r) => !r },
  Gt: { Lt: (r, e) => !r && !e, GtE: (r, e) => r || e, LtE: (r) => !r },
  GtE: { LtE: (r, e) => !r || e, Gt: (r, e) => r && !e, Lt: (r) => !r },
};
const totalOrdering = fn('total_ordering', (a) => {
  const cls = a[0] as PyType;
  const roots = (['Lt', 'LtE', 'Gt', 'GtE'] as Cmp[]).filter((c) => cls.mro.some((t) => t !== ObjectType && t.dict!.has(DUNDER[c])));
  if (roots.length === 0) throw new PyError('ValueError', 'must define at least one ordering operation: < > <= >=');
  const root = roots[0];
  for (const [op, f] of Object.entries(DERIVE[root]) as [Cmp, (r: boolean, e: boolean) => boolean][]) {
    if (roots.includes(op)) continue;
    cls.dict!.set(DUNDER[op], fn(DUNDER[op], async (b) => {
      const r = await compare(root, b[0], b[1]);
      if (typeof r !== 'boolean' && typeOf(r).name === 'NotImplementedType') return r;
      return f(await truthy(r), await truthy(await eq(b[0], b[1])));
    }, `${cls.qualname}.${DUNDER[op]}`));
  }
  return cls;
}, 'functools.total_ordering');

const KeyType = makeType('KeyWrapper', [], 'functools');
const cmpToKey = fn('cmp_to_key', (a) => {
  const cmp = a[0];
  return fn('K', (b) => {
    const o = new PyObject(KeyType, null);
    keyed.set(o, { cmp, obj: b[0] });
    return o;
  }, 'functools.KeyWrapper');
}, 'functools.cmp_to_key');
const keyed = new WeakMap<PyObject, { cmp: PyValue; obj: PyValue }>();
for (const [name, test] of [['__lt__', (n: number) => n < 0], ['__gt__', (n: number) => n > 0], ['__le__', (n: number) => n <= 0], ['__ge__', (n: number) => n >= 0], ['__eq__', (n: number) => n === 0]] as const) {
  method(KeyType, name, async (s, [o]) => {
    const x = keyed.get(s as PyObject)!;
    const y = keyed.get(o as PyObject);
    if (!y) throw typeError('other argument must be K instance');
    return test(Number(await call(x.cmp, [x.obj, y.obj])));
  });
}
KeyType.dict!.set('__hash__', null);

function functoolsModule(): PyValue {
  return makeModule('functools', {
    partial: PartialType,
    reduce: reduceFn,
    wraps: wrapsFn,
    update_wrapper: fn('update_wrapper', (a) => updateWrapper(a[0], a[1]), 'functools.update_wrapper'),
    WRAPPER_ASSIGNMENTS: new PyTuple(ASSIGNED),
    WRAPPER_UPDATES: new PyTuple(['__dict__']),
    lru_cache: lruCacheFn,
    cache: fn('cache', (a) => makeCache(a[0], null), 'functools.cache'),
    cached_property: fn('cached_property', (a) => cachedProperty(a[0]), 'functools.cached_property'),
    total_ordering: totalOrdering,
    cmp_to_key: cmpToKey,
  });
}

registerModule('functools', functoolsModule);
