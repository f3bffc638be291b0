// The iteration protocol: iter() over builtin containers (live list iteration, dict size checks),
// ranges, user classes with __iter__/__next__ (StopIteration ends them), and the one iterator
// shape the evaluator's for-loops consume: `next()` returns a value or MISSING, possibly async.
// Generators (interp/) and the bindings' iterators extend PyIterBase too.

import { PyError } from '../../errors';
import {
  type MaybeP, type Missing, type PyValue, MISSING, ObjectType, PyBuiltinFunction, PyCallable, PyDict, PyList,
  PyObject, PySet, PyTuple, PyType, call, callMaybe, makeType, typeOf,
} from '../object';
import { PyException, exceptionType, newException, toPyException } from './exceptions';

export const IteratorBaseType = makeType('iterator');
const iterTypes = new Map<string, PyType>();
/** A builtin iterator type by name (`list_iterator`, `dict_keyiterator`, `generator`, ...). */
export function iteratorType(name: string): PyType {
  let t = iterTypes.get(name);
  if (!t) iterTypes.set(name, (t = makeType(name, [IteratorBaseType])));
  return t;
}

/** Every iterator the interpreter drives. `next()` returns MISSING when exhausted. */
export abstract class PyIterBase extends PyObject {
  constructor(cls: PyType) {
    super(cls, null);
  }
  abstract next(): PyValue | Missing | Promise<PyValue | Missing>;
}

/** An iterator over a JS iterator (sync, no user code). */
export class JsIter extends PyIterBase {
  constructor(
    cls: PyType,
    private readonly it: Iterator<PyValue>,
  ) {
    super(cls);
  }
  next(): PyValue | Missing {
    const r = this.it.next();
    return r.done ? MISSING : r.value;
  }
}

export class ListIter extends PyIterBase {
  private i = 0;
  constructor(private readonly list: PyList) {
    super(iteratorType('list_iterator'));
  }
  next(): PyValue | Missing {
    const items = this.list.items;
    return this.i < items.length ? items[this.i++] : MISSING;
  }
}

export class SeqIter extends PyIterBase {
  private i = 0;
  constructor(cls: PyType, private readonly items: readonly PyValue[]) {
    super(cls);
  }
  next(): PyValue | Missing {
    return this.i < this.items.length ? this.items[this.i++] : MISSING;
  }
}

/** Iterates a live Map and raises CPython's error when its size changes. */
export class MapIter<T> extends PyIterBase {
  private readonly it: Iterator<T>;
  private readonly size: number;
  constructor(cls: PyType, private readonly map: Map<unknown, T>, private readonly pick: (e: T) => PyValue, private readonly what: string) {
    super(cls);
    this.it = map.values();
    this.size = map.size;
  }
  next(): PyValue | Missing {
    if (this.map.size !== this.size) throw new PyError('RuntimeError', `${this.what} changed size during iteration`);
    const r = this.it.next();
    return r.done ? MISSING : this.pick(r.value);
  }
}

/** A user iterator object: calls its __next__ and turns StopIteration into exhaustion. */
export class UserIter extends PyIterBase {
  constructor(private readonly obj: PyValue, private readonly nextFn: PyValue) {
    super(typeOf(obj));
  }
  next(): MaybeP<PyValue | Missing> {
    let r: MaybeP<PyValue>;
    try {
      r = callMaybe(this.nextFn, [this.obj]);
    } catch (e) {
      return stopToMissing(e);
    }
    return r instanceof Promise ? r.then(undefined, stopToMissing) : r;
  }
}

/** StopIteration ends an iteration (MISSING); any other error propagates. */
function stopToMissing(e: unknown): Missing {
  if (e instanceof PyError && e.pyType === 'StopIteration') return MISSING;
  const exc = toPyException(e);
  if (exc && exc.cls.isSubtypeOf(exceptionType('StopIteration'))) return MISSING;
  throw e;
}

/** Hook for range objects and other natively iterable values defined elsewhere. */
export const nativeIterables: ((v: PyValue) => PyIterBase | undefined)[] = [];

export async function getIter(v: PyValue): Promise<PyIterBase> {
  return getIterMaybe(v);
}

/** iter(v), synchronous unless a user `__iter__` has to wait. */
export function getIterMaybe(v: PyValue): MaybeP<PyIterBase> {
  if (v instanceof PyList) return new ListIter(v);
  if (v instanceof PyTuple) return new SeqIter(iteratorType('tuple_iterator'), v.items);
  if (typeof v === 'string') return new SeqIter(iteratorType('str_ascii_iterator'), Array.from(v));
  if (v instanceof PyDict) return new MapIter(iteratorType('dict_keyiterator'), v.map, (e) => e.key, 'dictionary');
  if (v instanceof PySet) return new MapIter(iteratorType('set_iterator'), v.map, (e) => e, 'Set');
  if (v instanceof PyIterBase) return v;
  for (const f of nativeIterables) {
    const r = f(v);
    if (r) return r;
  }
  const t = typeOf(v);
  const it = t.lookup('__iter__');
  if (it instanceof PyCallable) {
    const r = it.callMaybe([v], null);
    return r instanceof Promise ? r.then(userIterator) : userIterator(r);
  }
  const gi = t.lookup('__getitem__');
  if (gi instanceof PyCallable) return new GetItemIter(v, gi);
  throw new PyError('TypeError', `'${t.name}' object is not iterable`);
}

function userIterator(r: PyValue): MaybeP<PyIterBase> {
  if (r instanceof PyIterBase) return r;
  if (r instanceof PyList || r instanceof PyTuple) return getIterMaybe(r);
  const nx = typeOf(r).lookup('__next__');
  if (!(nx instanceof PyCallable)) throw new PyError('TypeError', `iter() returned non-iterator of type '${typeOf(r).name}'`);
  return new UserIter(r, nx);
}

/** The old sequence protocol: __getitem__(0), (1), ... until IndexError. */
class GetItemIter extends PyIterBase {
  private i = 0;
  constructor(private readonly obj: PyValue, private readonly gi: PyValue) {
    super(iteratorType('iterator'));
  }
  async next(): Promise<PyValue | Missing> {
    try {
      return await call(this.gi, [this.obj, this.i++]);
    } catch (e) {
      const exc = toPyException(e);
      if (exc && (exc.cls.isSubtypeOf(exceptionType('IndexError')) || exc.cls.isSubtypeOf(exceptionType('StopIteration')))) return MISSING;
      throw e;
    }
  }
}

/** Longest list an iterable may be drained into (see ops.MAX_SEQ_LENGTH; repeated here to keep
 * this file free of the operators module). */
const MAX_DRAIN = 2 ** 26;

/** Drain any iterable into a JS array. Objects that know their length (ranges) past the limit
 * fail at once with MemoryError; endless iterators fail at the limit, or at the step budget. */
export async function toArray(v: PyValue): Promise<PyValue[]> {
  if (v instanceof PyList) return v.items.slice();
  if (v instanceof PyTuple) return v.items.slice();
  const known = (v as { length?: unknown }).length;
  if (v instanceof PyObject && typeof known === 'number' && known > MAX_DRAIN) throw new PyError('MemoryError', '');
  const it = await getIter(v);
  const out: PyValue[] = [];
  for (;;) {
    let x = it.next();
    if (x instanceof Promise) x = await x;
    if (x === MISSING) return out;
    out.push(x);
    if ((out.length & 0xffff) === 0) {
      if (out.length > MAX_DRAIN) throw new PyError('MemoryError', '');
      drainHooks.tick(0x10000);
    }
  }
}

/** Lets the interpreter charge long drains to the step budget (so `list(itertools-like endless
 * iterator)` ends with the step limit instead of freezing). */
export const drainHooks: { tick: (n: number) => void } = { tick: () => {} };

/** next(it) as Python code sees it: StopIteration when exhausted. */
export async function nextOrStop(it: PyIterBase): Promise<PyValue> {
  let x = it.next();
  if (x instanceof Promise) x = await x;
  if (x === MISSING) throw new PyException(newException(exceptionType('StopIteration'), []));
  return x;
}

const id = IteratorBaseType.dict!;
id.set('__iter__', new PyBuiltinFunction('__iter__', (a) => a[0], 'iterator.__iter__'));
id.set('__next__', new PyBuiltinFunction('__next__', (a) => nextOrStop(a[0] as PyIterBase), 'iterator.__next__'));
void ObjectType;
