// The iteration builtins: iter (incl. the two-argument callable form), next, enumerate, zip
// (strict=), map, filter, reversed and sorted. The lazy ones return iterator objects driven by an
// async step, so a generator argument advances only as far as the consumer pulls. Part of the
// builtins directory (functions.ts).

import { PyError } from '../../errors';
import {
  type KwArgs, type PyValue, MISSING, PyBuiltinFunction, PyCallable, PyDict, PyList, PyTuple, PyType, call, typeOf,
} from '../object';
import { BUILTINS } from '../interp/builtinsTable';
import { argRange, exactlyOne, intArg, params } from './args';
import { PyIterBase, SeqIter, getIter, iteratorType, nextOrStop, toArray } from './iter';
import { eqBool, truthy } from './ops';
import { PyRange as PyRange_ } from './range';
import { sortValues } from './containerMethods';

const fn = (name: string, f: (a: PyValue[], kw: KwArgs) => PyValue | Promise<PyValue>): void => {
  BUILTINS.set(name, new PyBuiltinFunction(name, f));
};
fn('iter', async (a) => {
  argRange('iter', a, 1, 2);
  if (a.length === 2) {
    if (!isCallable(a[0])) throw new PyError('TypeError', 'iter(v, w): v must be callable');
    return new CallIter(a[0], a[1]);
  }
  return getIter(a[0]);
});

const isCallable = (v: PyValue): boolean => v instanceof PyCallable || v instanceof PyType || typeOf(v).lookup('__call__') !== undefined;

/** iter(callable, sentinel): call until the result equals the sentinel. */
class CallIter extends PyIterBase {
  private done = false;
  constructor(private readonly fn: PyValue, private readonly sentinel: PyValue) {
    super(iteratorType('callable_iterator'));
  }
  async next(): Promise<PyValue | typeof MISSING> {
    if (this.done) return MISSING;
    const r = await call(this.fn, []);
    if (await eqBool(r, this.sentinel)) {
      this.done = true;
      return MISSING;
    }
    return r;
  }
}
fn('next', async (a) => {
  argRange('next', a, 1, 2);
  const it = a[0];
  if (!(it instanceof PyIterBase)) {
    const nx = typeOf(it).lookup('__next__');
    if (!(nx instanceof PyCallable)) throw new PyError('TypeError', `'${typeOf(it).name}' object is not an iterator`);
    if (a.length === 1) return call(nx, [it]);
    try {
      return await call(nx, [it]);
    } catch (e) {
      if (e instanceof PyError && e.isInstanceOf('StopIteration')) return a[1];
      throw e;
    }
  }
  if (a.length === 2) {
    let x = it.next();
    if (x instanceof Promise) x = await x;
    return x === MISSING ? a[1] : x;
  }
  return nextOrStop(it);
});
fn('enumerate', async (a, kw) => {
  const [it, start] = params('enumerate', a, kw, 0, ['iterable', 'start']);
  if (it === undefined) throw new PyError('TypeError', "enumerate() missing required argument 'iterable'");
  const src = await getIter(it);
  let i = start === undefined ? 0 : intArg(start);
  return new LazyIter(iteratorType('enumerate'), async () => {
    let x = src.next();
    if (x instanceof Promise) x = await x;
    if (x === MISSING) return MISSING;
    return new PyTuple([i++, x]);
  });
});
fn('zip', async (a, kw) => {
  const [strict] = params('zip', [], kw, 0, ['strict']);
  const its: PyIterBase[] = [];
  for (const x of a) its.push(await getIter(x));
  const isStrict = strict !== undefined && (await truthy(strict));
  let done = false;
  return new LazyIter(iteratorType('zip'), async () => {
    if (done || its.length === 0) return MISSING;
    const row: PyValue[] = [];
    for (let k = 0; k < its.length; k++) {
      let x = its[k].next();
      if (x instanceof Promise) x = await x;
      if (x === MISSING) {
        done = true;
        if (isStrict) {
          if (k > 0) throw new PyError('ValueError', `zip() argument ${k + 1} is shorter than argument${k > 1 ? `s 1-${k}` : ' 1'}`);
          for (let m = 1; m < its.length; m++) {
            let y = its[m].next();
            if (y instanceof Promise) y = await y;
            if (y !== MISSING) throw new PyError('ValueError', `zip() argument ${m + 1} is longer than argument${m > 1 ? `s 1-${m}` : ' 1'}`);
          }
        }
        return MISSING;
      }
      row.push(x);
    }
    return new PyTuple(row);
  });
});
fn('map', async (a) => {
  if (a.length < 2) throw new PyError('TypeError', 'map() must have at least two arguments.');
  const f = a[0];
  const its: PyIterBase[] = [];
  for (const x of a.slice(1)) its.push(await getIter(x));
  return new LazyIter(iteratorType('map'), async () => {
    const args: PyValue[] = [];
    for (const it of its) {
      let x = it.next();
      if (x instanceof Promise) x = await x;
      if (x === MISSING) return MISSING;
      args.push(x);
    }
    return call(f, args);
  });
});
fn('filter', async (a) => {
  if (a.length !== 2) throw new PyError('TypeError', `filter expected 2 arguments, got ${a.length}`);
  const f = a[0];
  const it = await getIter(a[1]);
  return new LazyIter(iteratorType('filter'), async () => {
    for (;;) {
      let x = it.next();
      if (x instanceof Promise) x = await x;
      if (x === MISSING) return MISSING;
      const keep = f === null ? x : await call(f, [x]);
      if (await truthy(keep)) return x;
    }
  });
});
fn('reversed', async (a) => {
  exactlyOne('reversed', a);
  const v = a[0];
  if (v instanceof PyList || v instanceof PyTuple || typeof v === 'string' || v instanceof PyRange_) {
    const items = await toArray(v);
    return new SeqIter(iteratorType(v instanceof PyList ? 'list_reverseiterator' : 'reversed'), items.reverse());
  }
  if (v instanceof PyDict) return new SeqIter(iteratorType('dict_reversekeyiterator'), [...v.keys()].reverse());
  const r = typeOf(v).lookup('__reversed__');
  if (r instanceof PyCallable) return call(r, [v]);
  if (typeOf(v).lookup('__getitem__') && typeOf(v).lookup('__len__')) {
    const items = await toArray(v);
    return new SeqIter(iteratorType('reversed'), items.reverse());
  }
  throw new PyError('TypeError', `'${typeOf(v).name}' object is not reversible`);
});
fn('sorted', async (a, kw) => {
  if (a.length !== 1) throw new PyError('TypeError', a.length === 0 ? 'sorted expected 1 argument, got 0' : `sorted expected 1 argument, got ${a.length}`);
  const [key, reverse] = params('sorted', [], kw, 0, ['key', 'reverse']);
  const items = await toArray(a[0]);
  return new PyList(await sortValues(items, key ?? null, reverse !== undefined && (await truthy(reverse))));
});

/** An iterator driven by an async step function (enumerate, zip, map, filter). */
export class LazyIter extends PyIterBase {
  constructor(cls: PyType, private readonly step: () => Promise<PyValue | typeof MISSING>) {
    super(cls);
  }
  next(): Promise<PyValue | typeof MISSING> {
    return this.step();
  }
}
