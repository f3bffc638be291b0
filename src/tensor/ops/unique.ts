// Set-like ops over tensor values: unique (sorted, inverse, counts; flattened or along a dim),
// unique_consecutive, searchsorted / bucketize (PyTorch's lower/upper-bound loops, so NaN lands
// where PyTorch puts it) and isin. Values are compared exactly in the input's typed array
// (bigints for int64); every NaN is distinct, as in PyTorch.

import { PyError } from '../../errors';
import { recordOp } from '../grad';
import { isScalar, scalarWrappedDtype, type Scalar } from '../scalar';
import { shapeList, wrapDim } from '../shape';
import { Tensor } from '../tensor';
import { type Key } from '../cpu/stl';
import { packedSort } from '../cpu/packed_sort';
import { scalarTensor } from './elementwise';
import { tensorOf } from './dimrows';
import { toRows, fromRows, placeLike } from './dimrows';

export interface UniqueResult {
  values: Tensor;
  inverse: Tensor | null;
  counts: Tensor | null;
}

const keysOf = (t: Tensor): Key[] => Array.from(t.dataSync() as ArrayLike<Key>);
const longs = (xs: readonly number[], shape: readonly number[] = [xs.length]): Tensor => tensorOf(xs.map(BigInt), 'int64', shape);

/** torch.unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None). */
export function unique(t: Tensor, opts: { sorted?: boolean; returnInverse?: boolean; returnCounts?: boolean; dim?: number | null } = {}): UniqueResult {
  if (opts.dim !== undefined && opts.dim !== null) return uniqueDim(t, opts.dim, opts.returnInverse ?? false, opts.returnCounts ?? false);
  const data = t.dataSync();
  const v = Array.from(data as ArrayLike<Key>);
  // NaN sorts last; ties keep input order (any order gives the same values/inverse/counts)
  const packed = packedSort(data, 0, v.length, false);
  let order: ArrayLike<number>;
  if (packed !== null) order = packed.order;
  else {
    const nan = (x: Key): boolean => typeof x === 'number' && x !== x;
    order = v.map((_, i) => i).sort((i, j) => (nan(v[i]) ? (nan(v[j]) ? i - j : 1) : nan(v[j]) ? -1 : v[i] < v[j] ? -1 : v[i] > v[j] ? 1 : i - j));
  }
  const vals: Key[] = [];
  const counts: number[] = [];
  const inverse = new Array<number>(v.length);
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const x = v[i];
    if (vals.length === 0 || !(vals[vals.length - 1] === x)) {
      vals.push(x);
      counts.push(0);
    }
    counts[counts.length - 1]++;
    inverse[i] = vals.length - 1;
  }
  const values = placeLike(tensorOf(vals, t.dtype), t);
  recordOp('Unique2Backward0', [t], [values]);
  return {
    values,
    inverse: opts.returnInverse ? placeLike(longs(inverse, t.shape), t) : null,
    counts: opts.returnCounts ? placeLike(longs(counts), t) : null,
  };
}

/** unique(dim=d): unique slices along d, in lexicographic order. */
function uniqueDim(t: Tensor, dim: number, returnInverse: boolean, returnCounts: boolean): UniqueResult {
  const d = wrapDim(dim, t.ndim);
  const n = t.shape[d];
  // slice k's elements, in row-major order of the other dims
  const rows = toRows(t, d); // [outer, n] — slice k is column k
  const slice = (k: number): Key[] => Array.from({ length: rows.outer }, (_, r) => rows.data[r * n + k] as Key);
  const slices = Array.from({ length: n }, (_, k) => slice(k));
  const cmp = (a: Key[], b: Key[]): number => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
  };
  const order = slices.map((_, i) => i).sort((i, j) => cmp(slices[i], slices[j]) || i - j);
  const kept: number[] = [];
  const counts: number[] = [];
  const inverse = new Array<number>(n);
  for (const i of order) {
    if (kept.length === 0 || cmp(slices[kept[kept.length - 1]], slices[i]) !== 0) {
      kept.push(i);
      counts.push(0);
    }
    counts[counts.length - 1]++;
    inverse[i] = kept.length - 1;
  }
  const outRows: Key[] = new Array(rows.outer * kept.length);
  for (let r = 0; r < rows.outer; r++) kept.forEach((k, j) => (outRows[r * kept.length + j] = slices[k][r]));
  const values = fromRows(tensorOf(outRows, t.dtype).storage.data, t.dtype, t.shape, d, kept.length);
  return {
    values: placeLike(values, t),
    inverse: returnInverse ? placeLike(longs(inverse), t) : null,
    counts: returnCounts ? placeLike(longs(counts), t) : null,
  };
}

/** torch.unique_consecutive(input, return_inverse=False, return_counts=False, dim=None). */
export function uniqueConsecutive(t: Tensor, returnInverse = false, returnCounts = false): UniqueResult {
  const v = keysOf(t);
  const vals: Key[] = [];
  const counts: number[] = [];
  const inverse = new Array<number>(v.length);
  v.forEach((x, i) => {
    if (i === 0 || !(v[i - 1] === x)) {
      vals.push(x);
      counts.push(0);
    }
    counts[counts.length - 1]++;
    inverse[i] = vals.length - 1;
  });
  const values = placeLike(tensorOf(vals, t.dtype), t);
  recordOp('UniqueConsecutiveBackward0', [t], [values]);
  return {
    values,
    inverse: returnInverse ? placeLike(longs(inverse, t.shape), t) : null,
    counts: returnCounts ? placeLike(longs(counts), t) : null,
  };
}

// --- searchsorted / bucketize ----------------------------------------------------------------

/** PyTorch's cus_lower_bound / cus_upper_bound over seq[start, end). */
function bound(seq: ArrayLike<Key>, start: number, end: number, val: Key, right: boolean): number {
  const s0 = start;
  while (start < end) {
    const mid = start + ((end - start) >> 1);
    const m = seq[mid];
    if (right ? !(m > val) : !(m >= val)) start = mid + 1;
    else end = mid;
  }
  return start - s0;
}

export interface SearchOptions {
  outInt32?: boolean;
  right?: boolean;
  side?: 'left' | 'right' | null;
  sorter?: Tensor | null;
}

/** torch.searchsorted(sorted_sequence, values, *, out_int32, right, side, sorter). */
export function searchsorted(seq: Tensor, values: Tensor | Scalar, opts: SearchOptions = {}): Tensor {
  const right = opts.right ?? false;
  if (opts.side != null && opts.side === 'left' && right)
    throw new PyError('RuntimeError', "torch.searchsorted(): side and right can't be set to opposites, got side of left while right was True");
  const upper = right || opts.side === 'right';
  const v = isScalar(values) ? scalarTensor(values, scalarWrappedDtype(values)) : values;
  if (seq.ndim > 1 && (seq.ndim !== v.ndim || seq.shape.slice(0, -1).some((s, i) => s !== v.shape[i])))
    throw new PyError(
      'RuntimeError',
      `torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries tensor and input value tensor must match, but we got boundaries tensor ${shapeList(seq.shape)} and input value tensor ${shapeList(v.shape)}`,
    );
  // exact bigints only when both sides are int64; otherwise compare as doubles
  const both = seq.dtype === 'int64' && v.dtype === 'int64';
  const conv = (k: Key): Key => (both ? k : Number(k));
  const raw = Array.from(seq.dataSync() as ArrayLike<Key>, conv);
  const x = Array.from(v.dataSync() as ArrayLike<Key>, conv);
  const L = seq.ndim === 0 ? 1 : seq.shape[seq.ndim - 1];
  const perRow = seq.ndim <= 1 ? x.length : v.shape[v.ndim - 1];
  const sorter = opts.sorter ? Array.from(opts.sorter.dataSync() as ArrayLike<Key>, Number) : null;
  const s = sorter === null ? raw : raw.map((_, k) => raw[Math.floor(k / L) * L + sorter[k]]);
  const out: number[] = new Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const start = seq.ndim <= 1 ? 0 : Math.floor(i / perRow) * L;
    out[i] = bound(s, start, start + L, x[i], upper);
  }
  const dtype = opts.outInt32 ? 'int32' : 'int64';
  return placeLike(tensorOf(dtype === 'int64' ? out.map(BigInt) : out, dtype, v.shape), v.ndim === 0 && seq.ndim > 0 ? seq : v);
}

/** torch.bucketize(input, boundaries, *, out_int32=False, right=False). */
export function bucketize(input: Tensor | Scalar, boundaries: Tensor, outInt32 = false, right = false): Tensor {
  if (boundaries.ndim !== 1) throw new PyError('RuntimeError', `boundaries tensor must be 1 dimension, but got dim(${boundaries.ndim})`);
  return searchsorted(boundaries, input, { outInt32, right });
}

/** torch.isin(elements, test_elements, *, assume_unique=False, invert=False). */
export function isin(elements: Tensor | Scalar, test: Tensor | Scalar, invert = false): Tensor {
  const el = elements instanceof Tensor ? elements : scalarTensor(elements, scalarWrappedDtype(elements));
  const te = test instanceof Tensor ? test : scalarTensor(test, scalarWrappedDtype(test));
  for (const x of [el, te]) if (x.dtype === 'bool') throw new PyError('RuntimeError', 'Unsupported input type encountered for isin(): Bool');
  const both = el.dtype === 'int64' && te.dtype === 'int64';
  const conv = (k: Key): Key => (both ? k : Number(k));
  const set = new Set<Key>(Array.from(te.dataSync() as ArrayLike<Key>, conv).filter((k) => !(typeof k === 'number' && k !== k)));
  const src = Array.from(el.dataSync() as ArrayLike<Key>, conv);
  const out = new Uint8Array(src.length);
  // Set uses SameValueZero: -0 and 0 match, NaN was removed from the set above
  for (let i = 0; i < src.length; i++) out[i] = set.has(src[i]) !== invert ? 1 : 0;
  return placeLike(Tensor.fromArray(out, el.shape, 'bool'), el);
}
