// range objects: lazy arithmetic sequences with CPython's len/index/slice/contains/repr, and a
// fast iterator (the evaluator's hottest loop is `for i in range(n)`).

import { PyError } from '../../errors';
import { type Missing, type PyValue, MISSING, PyBuiltinFunction, PyObject, PySlice, makeType, nativeProperty, typeOf } from '../object';
import { PyIterBase, iteratorType, nativeIterables } from './iter';
import { sliceIndices, sliceLength, viaIndex } from './slice';

export const RangeType = makeType('range');

export class PyRange extends PyObject {
  readonly length: number;
  constructor(readonly start: number, readonly stop: number, readonly step: number) {
    super(RangeType, null);
    this.length = sliceLength(start, stop, step);
  }
  at(i: number): number {
    return this.start + i * this.step;
  }
}

export class RangeIter extends PyIterBase {
  private cur: number;
  private left: number;
  constructor(private readonly r: PyRange) {
    super(iteratorType('range_iterator'));
    this.cur = r.start;
    this.left = r.length;
  }
  next(): PyValue | Missing {
    if (this.left <= 0) return MISSING;
    this.left--;
    const v = this.cur;
    this.cur += this.r.step;
    return v;
  }
}
nativeIterables.push((v) => (v instanceof PyRange ? new RangeIter(v) : undefined));

function rangeArg(v: PyValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  throw new PyError('TypeError', `'${typeOf(v).name}' object cannot be interpreted as an integer`);
}

export function makeRange(args: PyValue[]): PyRange {
  if (args.length === 0) throw new PyError('TypeError', 'range expected at least 1 argument, got 0');
  if (args.length > 3) throw new PyError('TypeError', `range expected at most 3 arguments, got ${args.length}`);
  const n = args.map(rangeArg);
  if (n.length === 1) return new PyRange(0, n[0], 1);
  const step = n.length === 3 ? n[2] : 1;
  if (step === 0) throw new PyError('ValueError', 'range() arg 3 must not be zero');
  return new PyRange(n[0], n[1], step);
}
RangeType.slots.create = (_cls, args) => makeRange(args);

export function rangeGet(r: PyRange, key: PyValue): PyValue {
  if (key instanceof PySlice) {
    const [start, stop, step] = sliceIndices(key, r.length);
    return new PyRange(r.at(start), r.at(stop), step * r.step);
  }
  let i: PyValue = typeof key === 'boolean' ? (key ? 1 : 0) : key;
  if (typeof i !== 'number' && typeof i !== 'bigint') i = viaIndex(i) ?? i;
  if (typeof i === 'boolean') i = i ? 1 : 0;
  if (typeof i !== 'number') throw new PyError('TypeError', `range indices must be integers or slices, not ${typeOf(key).name}`);
  if (i < 0) i += r.length;
  if (i < 0 || i >= r.length) throw new PyError('IndexError', 'range object index out of range');
  return r.at(i);
}

export function rangeContains(r: PyRange, v: PyValue): boolean {
  if (typeof v !== 'number' && typeof v !== 'boolean') return false;
  const x = Number(v);
  if (!Number.isInteger(x)) return false;
  if (r.step > 0 ? x < r.start || x >= r.stop : x > r.start || x <= r.stop) return false;
  return (x - r.start) % r.step === 0;
}

export function rangeRepr(r: PyRange): string {
  return r.step === 1 ? `range(${r.start}, ${r.stop})` : `range(${r.start}, ${r.stop}, ${r.step})`;
}
const rd = RangeType.dict!;
rd.set('__repr__', Object.assign(new PyBuiltinFunction('__repr__', (a) => rangeRepr(a[0] as PyRange)), { syncRepr: (v: PyValue) => rangeRepr(v as PyRange) }));
rd.set('start', nativeProperty('start', (v) => (v as PyRange).start));
rd.set('stop', nativeProperty('stop', (v) => (v as PyRange).stop));
rd.set('step', nativeProperty('step', (v) => (v as PyRange).step));
rd.set('index', new PyBuiltinFunction('index', (a) => {
  const r = a[0] as PyRange;
  if (!rangeContains(r, a[1])) throw new PyError('ValueError', `${String(a[1])} is not in range`);
  return (Number(a[1]) - r.start) / r.step;
}, 'range.index'));
rd.set('count', new PyBuiltinFunction('count', (a) => (rangeContains(a[0] as PyRange, a[1]) ? 1 : 0), 'range.count'));
