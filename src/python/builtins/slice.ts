// Slices and indices of builtin sequences: PySlice.indices(len) with CPython's clamping rules,
// index normalization with the "index out of range" texts, and slice get/set/delete on JS arrays
// (list, tuple and str all go through these).

import { PyError } from '../../errors';
import { type PyValue, PyCallable, PySlice, PyType, typeOf } from '../object';

function sliceInt(v: PyValue): number | null {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return v > 0n ? Number.MAX_SAFE_INTEGER : -Number.MAX_SAFE_INTEGER;
  throw new PyError('TypeError', 'slice indices must be integers or None or have an __index__ method');
}

/** slice.indices(length): [start, stop, step] clamped exactly as CPython does. */
export function sliceIndices(s: PySlice, length: number): [number, number, number] {
  const stepV = sliceInt(s.step);
  const step = stepV === null ? 1 : stepV;
  if (step === 0) throw new PyError('ValueError', 'slice step cannot be zero');
  const lower = step < 0 ? -1 : 0;
  const upper = step < 0 ? length - 1 : length;
  const clamp = (v: number | null, dflt: number): number => {
    if (v === null) return dflt;
    if (v < 0) {
      v += length;
      return v < lower ? lower : v;
    }
    return v > upper ? upper : v;
  };
  const start = clamp(sliceInt(s.start), step < 0 ? upper : lower);
  const stop = clamp(sliceInt(s.stop), step < 0 ? lower : upper);
  return [start, stop, step];
}

export function sliceLength(start: number, stop: number, step: number): number {
  if (step > 0) return start < stop ? Math.floor((stop - start - 1) / step) + 1 : 0;
  return stop < start ? Math.floor((start - stop - 1) / -step) + 1 : 0;
}

export function sliceArray<T>(arr: readonly T[], s: PySlice): T[] {
  const [start, stop, step] = sliceIndices(s, arr.length);
  if (step === 1) return arr.slice(start, Math.max(start, stop));
  const out: T[] = [];
  if (step > 0) for (let i = start; i < stop; i += step) out.push(arr[i]);
  else for (let i = start; i > stop; i += step) out.push(arr[i]);
  return out;
}

/** Normalize an index for a sequence of `len`; throws `<what> index out of range`. */
/**
 * An index that is not an int, converted as CPython does through its `__index__` (a one-element
 * integer tensor has one); undefined when it has none or the method would have to wait (natives
 * and non-waiting Python methods answer synchronously).
 */
export function viaIndex(key: PyValue): PyValue | undefined {
  const ix = typeOf(key).lookup('__index__');
  const r = ix instanceof PyCallable ? ix.callMaybe([key], null) : undefined;
  return r === undefined || r instanceof Promise ? undefined : r;
}

export function seqIndex(key: PyValue, len: number, what: string, typeName: string): number {
  let i: number;
  if (typeof key === 'number') i = key;
  else if (typeof key === 'boolean') i = key ? 1 : 0;
  else if (typeof key === 'bigint') throw new PyError('IndexError', `cannot fit 'int' into an index-sized integer`);
  else {
    const r = viaIndex(key);
    if (r === undefined) throw new PyError('TypeError', `${typeName} indices must be integers or slices, not ${typeOf(key).name}`);
    return seqIndex(r, len, what, typeName);
  }
  if (i < 0) i += len;
  if (i < 0 || i >= len) throw new PyError('IndexError', `${what} index out of range`);
  return i;
}

/** list[a:b:c] = values (values already materialized). */
export function assignSlice(arr: PyValue[], s: PySlice, values: PyValue[]): void {
  const [start, stop, step] = sliceIndices(s, arr.length);
  if (step === 1) {
    arr.splice(start, Math.max(0, stop - start), ...values);
    return;
  }
  const n = sliceLength(start, stop, step);
  if (values.length !== n) {
    throw new PyError('ValueError', `attempt to assign sequence of size ${values.length} to extended slice of size ${n}`);
  }
  for (let k = 0, i = start; k < n; k++, i += step) arr[i] = values[k];
}

export function deleteSlice(arr: PyValue[], s: PySlice): void {
  const [start, stop, step] = sliceIndices(s, arr.length);
  if (step === 1) {
    if (stop > start) arr.splice(start, stop - start);
    return;
  }
  const n = sliceLength(start, stop, step);
  const drop = new Set<number>();
  for (let k = 0, i = start; k < n; k++, i += step) drop.add(i);
  const kept = arr.filter((_, i) => !drop.has(i));
  arr.length = 0;
  arr.push(...kept);
}

export const sliceTypeName = (t: PyType): string => t.name;
