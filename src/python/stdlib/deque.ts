// `collections.deque`: a list-backed double-ended queue with CPython 3.13's methods, reprs
// (`deque([1, 2], maxlen=3)`) and error texts. Scripts use it for rolling windows (maxlen) and
// BFS-style queues, never at sizes where an array's O(n) appendleft matters.

import { PyError } from '../../errors';
import { type PyValue, NotImplemented, PyObject, PyType, makeType, nativeProperty, typeOf, PySlice } from '../object';
import { toArray, SeqIter, iteratorType } from '../builtins/iter';
import { eqBool } from '../builtins/ops';
import { repr } from '../builtins/repr';
import { seqIndex } from '../builtins/slice';
import { bindArgs, parseSignature } from '../bindings/args';
import { method, typeError } from './native';

export const DequeType: PyType = makeType('deque', [], 'collections');

export class Deque extends PyObject {
  constructor(cls: PyType, public items: PyValue[], public maxlen: number | null) {
    super(cls, cls === DequeType ? null : new Map());
  }
  /** Drop from the far end after growing at one end, as a bounded deque does. */
  trim(fromLeft: boolean): void {
    if (this.maxlen === null) return;
    while (this.items.length > this.maxlen) {
      if (fromLeft) this.items.shift();
      else this.items.pop();
    }
  }
}

const self = (v: PyValue): Deque => {
  if (!(v instanceof Deque)) throw typeError(`descriptor requires a 'collections.deque' object but received a '${typeOf(v).name}'`);
  return v;
};

const sig = parseSignature('deque(iterable=None, maxlen=None)');
DequeType.slots.create = async (cls, a, kw) => {
  const [it, ml] = bindArgs(sig, a, kw).values;
  let maxlen: number | null = null;
  if (ml !== null) {
    if (typeof ml !== 'number') throw typeError('an integer is required');
    if (ml < 0) throw new PyError('ValueError', 'maxlen must be non-negative');
    maxlen = ml;
  }
  const d = new Deque(cls, [], maxlen);
  if (a.length > 0 || kw?.has('iterable')) {
    d.items = await toArray(it);
    d.trim(true);
  }
  return d;
};

const T = DequeType;
T.dict!.set('maxlen', nativeProperty('maxlen', (s) => self(s).maxlen));
method(T, 'append', (s, [x]) => {
  const d = self(s);
  d.items.push(x);
  d.trim(true);
  return null;
});
method(T, 'appendleft', (s, [x]) => {
  const d = self(s);
  d.items.unshift(x);
  d.trim(false);
  return null;
});
method(T, 'pop', (s) => {
  const d = self(s);
  if (!d.items.length) throw new PyError('IndexError', 'pop from an empty deque');
  return d.items.pop()!;
});
method(T, 'popleft', (s) => {
  const d = self(s);
  if (!d.items.length) throw new PyError('IndexError', 'pop from an empty deque');
  return d.items.shift()!;
});
method(T, 'extend', async (s, [it]) => {
  const d = self(s);
  for (const x of await toArray(it)) {
    d.items.push(x);
    d.trim(true);
  }
  return null;
});
method(T, 'extendleft', async (s, [it]) => {
  const d = self(s);
  for (const x of await toArray(it)) {
    d.items.unshift(x);
    d.trim(false);
  }
  return null;
});
method(T, 'rotate', (s, a) => {
  const d = self(s);
  const n = d.items.length;
  if (n === 0) return null;
  const k = (((a.length ? Number(a[0]) : 1) % n) + n) % n;
  if (k) d.items = [...d.items.slice(n - k), ...d.items.slice(0, n - k)];
  return null;
});
method(T, 'clear', (s) => ((self(s).items = []), null));
method(T, 'copy', (s) => {
  const d = self(s);
  return new Deque(typeOf(d), d.items.slice(), d.maxlen);
});
method(T, 'reverse', (s) => (self(s).items.reverse(), null));
method(T, 'count', async (s, [x]) => {
  let n = 0;
  for (const y of self(s).items.slice()) if (await eqBool(y, x)) n++;
  return n;
});
async function indexOf(d: Deque, x: PyValue): Promise<number> {
  const items = d.items.slice();
  for (let i = 0; i < items.length; i++) if (await eqBool(items[i], x)) return i;
  return -1;
}
method(T, 'index', async (s, [x]) => {
  const i = await indexOf(self(s), x);
  if (i < 0) throw new PyError('ValueError', `${await repr(x)} is not in deque`);
  return i;
});
method(T, 'remove', async (s, [x]) => {
  const d = self(s);
  const i = await indexOf(d, x);
  if (i < 0) throw new PyError('ValueError', `${await repr(x)} is not in deque`);
  d.items.splice(i, 1);
  return null;
});
method(T, 'insert', (s, [i, x]) => {
  const d = self(s);
  if (d.maxlen !== null && d.items.length >= d.maxlen) throw new PyError('IndexError', 'deque already at its maximum size');
  const n = d.items.length;
  let k = Number(i);
  if (k < 0) k = Math.max(0, n + k);
  d.items.splice(Math.min(k, n), 0, x);
  return null;
});
method(T, '__len__', (s) => self(s).items.length);
method(T, '__iter__', (s) => new SeqIter(iteratorType('_collections._deque_iterator'), self(s).items.slice()));
method(T, '__reversed__', (s) => new SeqIter(iteratorType('_collections._deque_reverse_iterator'), self(s).items.slice().reverse()));
method(T, '__contains__', async (s, [x]) => (await indexOf(self(s), x)) >= 0);
method(T, '__getitem__', (s, [k]) => {
  const d = self(s);
  if (k instanceof PySlice) throw typeError('sequence index must be integer, not \'slice\'');
  return d.items[seqIndex(k, d.items.length, 'deque', 'deque')];
});
method(T, '__setitem__', (s, [k, v]) => {
  const d = self(s);
  d.items[seqIndex(k, d.items.length, 'deque', 'deque')] = v;
  return null;
});
method(T, '__delitem__', (s, [k]) => {
  const d = self(s);
  d.items.splice(seqIndex(k, d.items.length, 'deque', 'deque'), 1);
  return null;
});
method(T, '__eq__', async (s, [o]) => {
  const d = self(s);
  if (!(o instanceof Deque)) return NotImplemented;
  if (d.items.length !== o.items.length) return false;
  for (let i = 0; i < d.items.length; i++) if (!(await eqBool(d.items[i], o.items[i]))) return false;
  return true;
});
T.dict!.set('__hash__', null);
method(T, '__iadd__', async (s, [o]) => {
  const d = self(s);
  for (const x of await toArray(o)) {
    d.items.push(x);
    d.trim(true);
  }
  return d;
});
method(T, '__add__', (s, [o]) => {
  const d = self(s);
  if (!(o instanceof Deque)) throw typeError(`can only concatenate deque (not "${typeOf(o).name}") to deque`);
  const out = new Deque(typeOf(d), [...d.items, ...o.items], d.maxlen);
  out.trim(true);
  return out;
});
method(T, '__repr__', async (s) => {
  const d = self(s);
  const parts: string[] = [];
  for (const x of d.items) parts.push(await repr(x));
  return `${typeOf(d).name}([${parts.join(', ')}]${d.maxlen === null ? '' : `, maxlen=${d.maxlen}`})`;
});
