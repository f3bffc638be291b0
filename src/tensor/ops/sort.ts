// Sorting and selection along a dim: sort / argsort / msort, topk, kthvalue, median / nanmedian,
// mode. Each lays the input out as rows (dimrows.ts) and runs, per row, the algorithm PyTorch's CPU
// kernel runs — libstdc++'s std::sort / nth_element / partial_sort (cpu/stl.ts) or TH's
// quick-select — with the same comparators (NaN above everything), so values *and* the indices of
// tied elements come out as PyTorch's. grad_fn names and saved indices are PyTorch's.

import { PyError } from '../../errors';
import { allocStorageArray, isFloating, type DType, type StorageArray } from '../dtype';
import { recordOp } from '../grad';
import { scalarTypeName } from '../promotion';
import { Storage } from '../storage';
import { Tensor } from '../tensor';
import { packedSort } from '../cpu/packed_sort';
import { ascNanLast, descNanFirst, Seq, stableAsc, stableDesc, type Key, type Less } from '../cpu/stl';
import { fromRows, placeLike, rowKeys, toRows, without, type Rows } from './dimrows';
import { clone } from './copy';
import { withNoGrad } from '../grad';
import { view } from './views';
import type { ValuesIndices } from './reduce';


const isNan = (x: Key): boolean => typeof x === 'number' && x !== x;

/** Collects k (value, index) pairs per row and builds the two result tensors. */
class RowOut {
  readonly vals: StorageArray;
  readonly idx: BigInt64Array;
  constructor(
    readonly rows: Rows,
    readonly dtype: DType,
    readonly k: number,
    /** The input (its device is the results' device). */
    readonly src: Tensor,
  ) {
    this.vals = allocStorageArray(dtype, rows.outer * k);
    this.idx = new BigInt64Array(rows.outer * k);
  }
  set(r: number, j: number, v: Key, i: number): void {
    (this.vals as unknown as Key[])[r * this.k + j] = v;
    this.idx[r * this.k + j] = BigInt(i);
  }
  /** Results shaped like `like` with dim of size k (or dropped when !keep). */
  build(like: readonly number[], keep: boolean): ValuesIndices {
    const d = this.rows.dim;
    let values = fromRows(this.vals, this.dtype, like, d, this.k);
    let indices = fromRows(this.idx, 'int64', like, d, this.k);
    if (!keep && like.length > 0) {
      const s = without(like, d);
      values = new Tensor(values.storage, s);
      indices = new Tensor(indices.storage, s);
    }
    return { values: placeLike(values, this.src), indices: placeLike(indices, this.src) };
  }
}

function record(name: string, t: Tensor, r: ValuesIndices, ctx: Record<string, unknown>): ValuesIndices {
  const node = recordOp(name, [t], [r.values]);
  if (node !== null) {
    node.save(r.indices);
    Object.assign(node.ctx, ctx);
  }
  return r;
}

// --- sort ------------------------------------------------------------------------------------

/** torch.sort(input, dim=-1, descending=False, stable=False). */
export function sort(t: Tensor, dim = -1, descending = false, stable = false): ValuesIndices {
  const rows = toRows(t, dim);
  const out = new RowOut(rows, t.dtype, rows.R, t);
  const less: Less = stable ? (descending ? stableDesc : stableAsc) : descending ? descNanFirst : ascNanLast;
  for (let r = 0; r < rows.outer; r++) {
    // fast exact path: the packed stable sort is std::sort's answer too when nothing ties
    const fast = packedSort(rows.data, r * rows.R, rows.R, descending);
    if (fast !== null && (stable || !fast.ties)) {
      const base = r * rows.R;
      for (let j = 0; j < rows.R; j++) out.set(r, j, rows.data[base + fast.order[j]], fast.order[j]);
      continue;
    }
    const s = new Seq(rowKeys(rows, r), Array.from({ length: rows.R }, (_, i) => i), less);
    s.sort(0, rows.R);
    for (let j = 0; j < rows.R; j++) out.set(r, j, s.k[j], s.ix[j]);
  }
  return record('SortBackward0', t, out.build(t.shape, true), { dim: rows.dim });
}

export const argsort = (t: Tensor, dim = -1, descending = false, stable = false): Tensor => withNoGrad(() => sort(t, dim, descending, stable).indices);

/** torch.msort: sort along dim 0, values only. */
export const msort = (t: Tensor): Tensor => sort(t, 0).values;

// --- topk ------------------------------------------------------------------------------------

/** torch.topk(input, k, dim=-1, largest=True, sorted=True): PyTorch's topk_impl_loop. */
export function topk(t: Tensor, k: number, dim = -1, largest = true, sorted = true): ValuesIndices {
  const rows = toRows(t, dim);
  if (k < 0 || k > rows.R) throw new PyError('RuntimeError', 'selected index k out of range');
  const out = new RowOut(rows, t.dtype, k, t);
  const less: Less = largest ? descNanFirst : ascNanLast;
  if (k > 0)
    for (let r = 0; r < rows.outer; r++) {
      const s = new Seq(rowKeys(rows, r), Array.from({ length: rows.R }, (_, i) => i), less);
      if (k * 64 <= rows.R) s.partialSort(0, k, rows.R);
      else {
        s.nthElement(0, k - 1, rows.R);
        if (sorted) s.sort(0, k - 1);
      }
      for (let j = 0; j < k; j++) out.set(r, j, s.k[j], s.ix[j]);
    }
  return record('TopkBackward0', t, out.build(t.shape, true), { dim: rows.dim });
}

// --- kthvalue --------------------------------------------------------------------------------

/** TH's quick_select_template with PyTorch's "greater or NaN" comparator; arrays move together. */
function quickSelect(v: Key[], ix: number[], k: number): void {
  const gt = (x: Key, y: Key): boolean => (isNan(x) && !isNan(y)) || x > y;
  const swap = (i: number, j: number): void => {
    [v[i], v[j]] = [v[j], v[i]];
    [ix[i], ix[j]] = [ix[j], ix[i]];
  };
  let L = 0;
  let R = v.length - 1;
  for (;;) {
    if (R <= L) return;
    if (R === L + 1) {
      if (gt(v[L], v[R])) swap(L, R);
      return;
    }
    const P = L + Math.floor((R - L) / 2);
    swap(P, L + 1);
    if (gt(v[L + 1], v[R])) swap(L + 1, R);
    if (gt(v[L], v[R])) swap(L, R);
    if (gt(v[L + 1], v[L])) swap(L + 1, L);
    let i = L + 1;
    let j = R;
    const piv = v[L];
    for (;;) {
      do i++;
      while (gt(piv, v[i]));
      do j--;
      while (gt(v[j], piv));
      if (j < i) break;
      swap(i, j);
    }
    swap(L, j);
    if (j <= k) L = i;
    if (j >= k) R = j - 1;
  }
}

/** torch.kthvalue(input, k, dim=-1, keepdim=False): the k-th smallest (1-based). */
export function kthvalue(t: Tensor, k: number, dim = -1, keepdim = false): ValuesIndices {
  const rows = toRows(t, dim);
  if (k < 1 || k > rows.R) throw new PyError('RuntimeError', `kthvalue(): selected number k out of range for dimension ${rows.dim}`);
  const out = new RowOut(rows, t.dtype, 1, t);
  for (let r = 0; r < rows.outer; r++) {
    const v = rowKeys(rows, r);
    const ix = v.map((_, i) => i);
    quickSelect(v, ix, k - 1);
    out.set(r, 0, v[k - 1], ix[k - 1]);
  }
  return record('KthvalueBackward0', t, out.build(t.shape, keepdim), { dim: rows.dim, keepdim });
}

// --- median ----------------------------------------------------------------------------------

/** median()/nanmedian() over all elements: the lower median; NaN if any (median) or all (nan-). */
function medianAll(t: Tensor, ignoreNan: boolean): Tensor {
  const flat = t.dataSync();
  const n = flat.length;
  const out = Tensor.empty([], t.dtype);
  if (n === 0) {
    if (isFloating(t.dtype)) (out.storage.data as Float32Array)[0] = NaN;
  } else {
    const v = Array.from(flat as ArrayLike<Key>);
    let res: Key;
    if (!ignoreNan && v.some(isNan)) res = NaN;
    else {
      const numNan = v.filter(isNan).length;
      const md = Math.trunc((n - numNan - 1) / 2);
      const s = new Seq(v, v.map((_, i) => i), (a, _i, b) => a < b || (isNan(b) && !isNan(a)));
      s.nthElement(0, md, n);
      res = s.k[md];
    }
    (out.storage.data as unknown as Key[])[0] = res;
  }
  const placed = placeLike(out, t);
  const node = recordOp(ignoreNan ? 'NanmedianBackward0' : 'MedianBackward0', [t], [placed]);
  // backward shares the gradient among the elements equal to the result (formulas/stats.ts)
  if (node !== null) node.save(t, placed);
  return placed;
}

function medianDim(t: Tensor, dim: number, keepdim: boolean, ignoreNan: boolean): ValuesIndices {
  const rows = toRows(t, dim);
  if (rows.R === 0 && t.numel() === 0 && t.ndim > 0)
    throw new PyError('IndexError', `${ignoreNan ? 'nanmedian' : 'median'}(): Expected reduction dim ${rows.dim} to have non-zero size.`);
  const out = new RowOut(rows, t.dtype, 1, t);
  for (let r = 0; r < rows.outer; r++) {
    const v = rowKeys(rows, r);
    const firstNan = ignoreNan ? -1 : v.findIndex(isNan);
    if (firstNan >= 0) {
      out.set(r, 0, v[firstNan], firstNan);
      continue;
    }
    const numNan = ignoreNan ? v.filter(isNan).length : 0;
    const md = Math.trunc((rows.R - numNan - 1) / 2);
    // indirect partition of indices, as PyTorch (ties broken by position)
    const less: Less = ignoreNan
      ? (_a, i, _b, j) => v[i] < v[j] || (v[i] === v[j] && i < j) || (isNan(v[j]) && !isNan(v[i]))
      : (_a, i, _b, j) => v[i] < v[j] || (v[i] === v[j] && i < j);
    const ix = v.map((_, i) => i);
    const s = new Seq(ix.slice(), ix, less);
    s.nthElement(0, md, rows.R);
    const at = s.ix[md];
    out.set(r, 0, v[at], at);
  }
  return record(ignoreNan ? 'NanmedianBackward1' : 'MedianBackward1', t, out.build(t.shape, keepdim), { dim: rows.dim, keepdim });
}

/** median() → 0-d lower median; median(dim, keepdim) → values and indices. */
export function median(t: Tensor): Tensor {
  return medianAll(t, false);
}
export const medianDimOf = (t: Tensor, dim: number, keepdim = false): ValuesIndices => medianDim(t, dim, keepdim, false);
export const nanmedian = (t: Tensor): Tensor => medianAll(t, true);
export const nanmedianDim = (t: Tensor, dim: number, keepdim = false): ValuesIndices => medianDim(t, dim, keepdim, true);

// --- mode ------------------------------------------------------------------------------------

/** torch.mode(input, dim=-1, keepdim=False): most frequent value (smallest on ties), PyTorch's index. */
export function mode(t: Tensor, dim = -1, keepdim = false): ValuesIndices {
  const rows = toRows(t, dim);
  const out = new RowOut(rows, t.dtype, 1, t);
  for (let r = 0; r < rows.outer; r++) {
    const s = new Seq(rowKeys(rows, r), Array.from({ length: rows.R }, (_, i) => i), (a, _i, b) => a < b);
    s.sort(0, rows.R);
    let best: Key = 0;
    let bestI = 0;
    let maxFreq = 0;
    let freq = 0;
    for (let i = 0; i < rows.R; i++) {
      freq++;
      if (i === rows.R - 1 || s.k[i] !== s.k[i + 1]) {
        if (freq > maxFreq) {
          best = s.k[i];
          bestI = s.ix[i];
          maxFreq = freq;
        }
        freq = 0;
      }
    }
    out.set(r, 0, best, bestI);
  }
  return record('ModeBackward0', t, out.build(t.shape, keepdim), { dim: rows.dim, keepdim });
}
