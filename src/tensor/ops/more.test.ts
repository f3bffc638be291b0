// Engine twins of the cases in fixtures/gen_more.py (reorder, sort/select, unique/search, scans,
// index updates, histograms, extra reductions), compared with real PyTorch's records: values,
// dtype, shape, strides, requires_grad, grad_fn, error texts and the warnings each call raised.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fixture from './fixtures/more.json';
import { PyError } from '../../errors';
import { pyf } from '../scalar';
import { Tensor } from '../tensor';
import { tensorMismatch, type TensorRecord } from '../testutil';
import { resetEngineWarnings, setEngineWarningHandler } from '../warnings';
import * as E from '../index';

type Rec = TensorRecord & { items?: Rec[]; warnings?: { category: string; message: string }[] };
const records = fixture as Record<string, Rec>;
type Out = Tensor | Out[] | E.ValuesIndices | void;

const f = (v: number) => pyf(v);
const A = () => E.reshape(E.arange(f(12)), [3, 4]);
const G = () => E.reshape(E.arange(f(12), undefined, 1, { requiresGrad: true }), [3, 4]);
const I = () => E.reshape(E.arange(12), [3, 4]);
const B = () => E.tensor([0, 1, 2].map(() => [true, false, true, false]));
const V = () => E.tensor([3, -1, 2, 5, 0].map(f));
const W = () => E.tensor([3, NaN, 1, 3, -Infinity, 2, NaN, 1, Infinity, -0, 0].map(f));
/** Tie-heavy data: (arange(n) * 37) % 11 % m, as the generator builds it. */
const R = (n: number, m: number, dtype: E.DType = 'float32') =>
  E.tensor(Array.from({ length: n }, (_, i) => ((i * 37) % 11) % m), { dtype });
const ver = (t: Tensor) => E.tensor(t.version);
const idx = (...xs: number[]) => E.tensor(xs);
const S = (a: number | null, b: number | null = null, c: number | null = null) => new E.Slice(a, b, c);
const vi = (r: E.ValuesIndices): Out => [r.values, r.indices];
const uq = (r: E.UniqueResult): Out => [r.values, ...[r.inverse, r.counts].filter((x): x is Tensor => x !== null)];
const mm = (r: E.MinMax): Out => [r.min, r.max];
const fx = (r: E.Frexp): Out => [r.mantissa, r.exponent];
const inplace = (t: Tensor, fn: (t: Tensor) => void): Out => {
  fn(t);
  return [t, ver(t)];
};

const CASES: Record<string, () => Out> = {
  // --- more errors and edge cases ---
  nanmedian_dim_G: () => vi(E.nanmedianDim(G(), 1)), err_bincount_float: () => E.bincount(E.tensor([1, 2].map(f))),
  err_bincount_minlength: () => E.bincount(idx(1), null, -1), err_bincount_weights: () => E.bincount(idx(0, 1), E.ones([3])),
  err_take_dtype: () => E.take(A(), E.tensor([0], { dtype: 'int32' })),
  err_tad_dtype: () => E.takeAlongDim(A(), E.tensor([[0]], { dtype: 'int32' }), 1),
  err_tril_indices: () => E.trilIndices(-1, 3), err_histc_bins: () => E.histc(V(), 0), err_histc_minmax: () => E.histc(V(), 2, 3, 1),
  err_quantile_qdtype: () => E.quantile(V(), E.tensor([0.5], { dtype: 'float64' })),
  err_quantile_qt: () => E.quantile(V(), E.tensor([0.5, 1.5].map(f))),
  err_quantile_interp: () => E.quantile(V(), 0.5, null, false, 'foo' as E.QuantileInterpolation),
  err_quantile_q2d: () => E.quantile(V(), E.tensor([[f(0.5)]])),
  err_cart_2d: () => E.cartesianProd([A(), idx(1)]), err_meshgrid_2d: () => E.meshgrid([A(), idx(1)], 'ij'),
  err_movedim_dst_dup: () => E.movedim(A(), [0, 1], [1, 1]), err_diff_neg: () => E.diff(V(), -1),
  err_ms_mask: () => E.maskedScatter(A(), A(), A()), err_index_fill_t: () => E.indexFill(A(), 0, idx(0), E.ones([2])),
  err_index_add_idx: () => E.indexAdd(A(), 0, E.tensor([[0]]), E.ones([1, 4])),
  err_index_copy_shape: () => E.indexCopy(A(), 0, idx(0), E.ones([2, 4])),
  err_repeat_neg: () => E.repeat(V(), [-1]), err_ri_t: () => E.repeatInterleaveIndices(E.tensor([[1]])),
  err_logcumsumexp_int: () => E.logcumsumexp(I(), 0), err_aminmax_dim: () => mm(E.aminmax(E.zeros([2, 0]), 1)),
  err_median_dim_empty: () => vi(E.medianDimOf(E.zeros([2, 0]), 1)), err_sort_dim: () => vi(E.sort(A(), 2)),
  sort_empty: () => vi(E.sort(E.zeros([0]))), err_take_oob_neg: () => E.take(A(), idx(-13)),
  flip_t: () => E.flip(E.t_(G()), 0), tril_t: () => E.tril(E.t_(G())), cummax_0d: () => vi(E.cummax(E.tensor(f(2)), 0)),
  topk_0d: () => vi(E.topk(E.tensor(f(2)), 1)), unique_empty: () => uq(E.unique(E.tensor([], { dtype: 'int64' }), { returnCounts: true })),
  nanmean_all_nan: () => E.nanmean(E.tensor([NaN, NaN].map(f))), quantile_empty: () => E.quantile(E.zeros([0]), 0.5),
  isin_bool: () => E.isin(B(), E.tensor([true])), diff_n0: () => E.diff(G(), 0),
  idx_uint8: () => E.getitem(A(), [E.tensor([1, 0, 1], { dtype: 'uint8' })]),
  where_uint8: () => E.where(E.tensor([1, 0], { dtype: 'uint8' }), E.ones([2]), E.zeros([2])),
  tril_: () => inplace(E.clone(G()), (t) => E.tril_(t)), triu__1: () => inplace(A(), (t) => E.triu_(t, 1)),
  ss_sorter: () => E.searchsorted(idx(5, 1, 3), idx(2, 4), { sorter: idx(1, 2, 0) }),
  unique_unsorted: () => uq(E.unique(idx(3, 1, 2, 3, 1, 7, 0), { sorted: false, returnInverse: true, returnCounts: true })),
  sort_perm: () => vi(E.sort(E.remainder(E.mul(E.arange(f(100)), 37), 101), -1, true)),
  err_set_uint8: () => E.setitem(A(), [E.tensor([1, 0, 1], { dtype: 'uint8' })], f(0)),
  // --- reorder ---
  flip_neg: () => E.flip(G(), -1), flip_3d: () => E.flip(E.view(G(), [3, 2, 2]), [0, 2]), flip_int: () => E.flip(I(), 1),
  flip_none: () => E.flip(G(), []), fliplr: () => E.fliplr(G()), flipud: () => E.flipud(G()),
  err_fliplr: () => E.fliplr(V()), err_flipud_0d: () => E.flipud(E.tensor(f(1))),
  err_flip_dup: () => E.flip(A(), [0, 0]), err_flip_dim: () => E.flip(A(), 2),
  roll_multi: () => E.roll(G(), [1, 2], [0, 1]), roll_neg_flat: () => E.roll(G(), -5), roll_big: () => E.roll(V(), 7),
  roll_t: () => E.roll(E.t_(G()), 1, 1), roll_tuple1: () => E.roll(E.view(G(), [3, 2, 2]), [1], [2]),
  err_roll: () => E.roll(A(), [1, 2], [0]), err_roll_nodim: () => E.roll(A(), [1, 2]),
  repeat_3: () => E.repeat(G(), [1, 2, 2]), repeat_int: () => E.repeat(I(), [2, 1]), repeat_0: () => E.repeat(V(), [0]),
  repeat_bool: () => E.repeat(B(), [1, 2]), repeat_t: () => E.repeat(E.t_(G()), [2, 1]),
  tile_2d: () => E.tile(G(), [2]), tile_more: () => E.tile(V(), [2, 1, 2]), tile_t: () => E.tile(E.t_(G()), [2, 1]),
  ri: () => E.repeatInterleave(V(), 2), ri_dim: () => E.repeatInterleave(G(), 2, 0),
  ri_dim1: () => E.repeatInterleave(G(), 3, 1), ri_tensor: () => E.repeatInterleave(G(), idx(1, 0, 2), 0),
  ri_only: () => E.repeatInterleaveIndices(idx(2, 0, 3)), ri_flat: () => E.repeatInterleave(G(), 2),
  ri_t1: () => E.repeatInterleave(V(), idx(2)), err_ri: () => E.repeatInterleave(G(), idx(1, 2), 0),
  err_ri_neg: () => E.repeatInterleave(V(), -1),
  triu: () => E.triu(G()), tril_big: () => E.tril(G(), 5), triu_neg_big: () => E.triu(G(), -5),
  triu_batch: () => E.triu(E.expand(E.view(G(), [1, 3, 4]), [2, 3, 4]), -1), tril_int: () => E.tril(I(), 1),
  tril_bool: () => E.tril(B()), err_tril_1d: () => E.tril(V()),
  movedim_list: () => E.movedim(E.view(G(), [3, 2, 2]), [0, 1], [2, 0]), moveaxis: () => E.moveaxis(E.view(G(), [3, 2, 2]), -1, 0),
  swapaxes: () => E.swapaxes(G(), 0, 1), swapdims: () => E.swapdims(E.view(G(), [3, 2, 2]), 0, 2),
  err_movedim_dup: () => E.movedim(A(), [0, 0], [1, 0]), err_movedim_len: () => E.movedim(A(), [0, 1], [1]),
  T_3d: () => E.T(E.view(G(), [3, 2, 2])), T_0d: () => E.T(E.tensor(f(2))),
  // --- sort / select ---
  sort_nan: () => vi(E.sort(W())), sort_nan_desc: () => vi(E.sort(W(), -1, true)),
  sort_stable: () => vi(E.sort(R(40, 4), -1, false, true)), sort_unstable: () => vi(E.sort(R(40, 4))),
  sort_unstable_desc: () => vi(E.sort(R(40, 4), -1, true)), sort_big: () => vi(E.sort(R(200, 3, 'int64'))),
  sort_2d: () => vi(E.sort(G(), 0, true)), sort_int: () => vi(E.sort(idx(3, 1, 2, 3, 1))),
  sort_bool: () => vi(E.sort(B(), 1)), sort_dim0: () => vi(E.sort(E.view(R(60, 5), [20, 3]), 0)),
  sort_0d: () => vi(E.sort(E.tensor(f(3)))), sort_stable_desc: () => vi(E.sort(R(40, 4), -1, true, true)),
  argsort_desc: () => E.argsort(W(), -1, true), argsort_dim0: () => E.argsort(A(), 0, true),
  argsort_stable: () => E.argsort(R(40, 4), -1, false, true), argsort_unstable: () => E.argsort(R(40, 4)),
  topk: () => vi(E.topk(W(), 3)), topk_small_nan: () => vi(E.topk(W(), 3, -1, false)), topk_2d: () => vi(E.topk(G(), 2, 0)),
  topk_ties: () => vi(E.topk(R(40, 4), 5)), topk_ties_small: () => vi(E.topk(R(40, 4), 5, -1, false)),
  topk_partial: () => vi(E.topk(R(400, 7), 3)), topk_partial_small: () => vi(E.topk(R(400, 7), 2, -1, false)),
  topk_int: () => vi(E.topk(R(40, 4, 'int64'), 6)), err_topk: () => vi(E.topk(V(), 6)), topk_0: () => vi(E.topk(V(), 0)),
  kthvalue: () => vi(E.kthvalue(V(), 2)), kth_dim: () => vi(E.kthvalue(G(), 2, 1)), kth_keep: () => vi(E.kthvalue(G(), 1, 0, true)),
  kth_nan: () => vi(E.kthvalue(W(), 10)), kth_ties: () => vi(E.kthvalue(R(40, 4), 20)), err_kth: () => vi(E.kthvalue(V(), 6)),
  err_kth0: () => vi(E.kthvalue(V(), 0)),
  median: () => E.median(V()), median_even: () => E.median(E.tensor([1, 4, 2, 3].map(f))),
  median_dim: () => vi(E.medianDimOf(G(), 1)), median_keep: () => vi(E.medianDimOf(G(), 0, true)), median_nan: () => E.median(W()),
  median_nan_dim: () => vi(E.medianDimOf(E.view(W(), [1, 11]), 1)), median_ties_dim: () => vi(E.medianDimOf(E.view(R(40, 4), [2, 20]), 1)),
  median_int: () => E.median(I()), nanmedian: () => E.nanmedian(W()), nanmedian_dim: () => vi(E.nanmedianDim(E.view(W(), [1, 11]), 1)),
  median_empty: () => E.median(E.zeros([0])),
  mode: () => vi(E.mode(idx(1, 2, 2, 3, 3))), mode_dim: () => vi(E.mode(E.view(R(40, 4), [2, 20]), 1)), mode_G: () => vi(E.mode(G(), 1)),
  mode_small: () => vi(E.mode(R(12, 3))),
  quantile: () => E.quantile(V(), 0.5), quantile_t: () => E.quantile(V(), E.tensor([0.25, 0.75].map(f))),
  quantile_dim: () => E.quantile(G(), 0.3, 1, true), quantile_lower: () => E.quantile(V(), 0.4, null, false, 'lower'),
  quantile_higher: () => E.quantile(V(), 0.4, null, false, 'higher'), quantile_nearest: () => E.quantile(V(), 0.4, null, false, 'nearest'),
  quantile_midpoint: () => E.quantile(V(), 0.4, null, false, 'midpoint'), quantile_nan: () => E.quantile(W(), 0.5),
  nanquantile: () => E.nanquantile(W(), 0.5), err_quantile_int: () => E.quantile(I(), 0.5),
  err_quantile_q: () => E.quantile(V(), 1.5), quantile_dim0: () => E.quantile(G(), E.tensor([0.1, 0.9].map(f)), 0),
  quantile_nearest_half: () => E.quantile(E.tensor([1, 2, 3, 4].map(f)), E.tensor([1 / 6, 0.5, 5 / 6].map(f)), null, false, 'nearest'),
  // --- unique ---
  unique_inverse: () => uq(E.unique(idx(3, 1, 2, 3, 1), { returnInverse: true })),
  unique_all: () => uq(E.unique(idx(3, 1, 2, 3, 1), { returnInverse: true, returnCounts: true })),
  unique_nan: () => E.unique(E.tensor([2, NaN, 1, NaN, 2].map(f))).values, unique_2d: () => uq(E.unique(E.remainder(I(), 3), { returnInverse: true })),
  unique_bool: () => uq(E.unique(B(), { returnCounts: true })), unique_grad: () => E.unique(G()).values,
  unique_consecutive: () => E.uniqueConsecutive(idx(1, 1, 2, 2, 3, 1, 1, 2)).values,
  uc_all: () => uq(E.uniqueConsecutive(idx(1, 1, 2, 2, 3, 1, 1, 2), true, true)),
  uc_2d: () => uq(E.uniqueConsecutive(E.floorDivide(I(), 5), true)),
  unique_dim: () => uq(E.unique(E.tensor([[1, 2], [1, 2], [0, 3]]), { dim: 0, returnInverse: true, returnCounts: true })),
  // --- search ---
  searchsorted: () => E.searchsorted(idx(1, 3, 5, 7, 9), idx(3, 6, 9)),
  ss_right: () => E.searchsorted(idx(1, 3, 5, 7, 9), idx(3, 6, 9), { right: true }),
  ss_side: () => E.searchsorted(idx(1, 3, 5, 7, 9), idx(3, 6, 9), { side: 'right' }),
  ss_2d: () => E.searchsorted(E.tensor([[1, 3, 5], [2, 4, 6]]), E.tensor([[3, 6], [1, 7]])),
  ss_scalar: () => E.searchsorted(E.tensor([1, 2, 3].map(f)), f(2.5)),
  ss_int32: () => E.searchsorted(idx(1, 3, 5), idx(4), { outInt32: true }),
  ss_mixed: () => E.searchsorted(E.tensor([1, 2.5, 3].map(f)), idx(2, 3)),
  ss_nan: () => E.searchsorted(E.tensor([1, 2, NaN].map(f)), E.tensor([NaN, 1.5].map(f))),
  err_ss_shape: () => E.searchsorted(E.tensor([[1, 3], [2, 4]]), idx(1, 2)),
  err_ss_side: () => E.searchsorted(idx(1, 3), idx(2), { side: 'left', right: true }),
  bucketize: () => E.bucketize(idx(3, 6, 9), idx(1, 3, 5, 7, 9)),
  bucketize_right: () => E.bucketize(idx(3, 6, 9), idx(1, 3, 5, 7, 9), false, true),
  bucketize_2d: () => E.bucketize(A(), E.tensor([2, 5, 8].map(f))), err_bucketize: () => E.bucketize(A(), A()),
  // --- scans ---
  cummax: () => vi(E.cummax(V(), 0)), cummin_G: () => vi(E.cummin(G(), 1)), cummax_nan: () => vi(E.cummax(W(), 0)),
  cummin_nan: () => vi(E.cummin(W(), 0)), cummax_int: () => vi(E.cummax(R(12, 4, 'int64'), 0)), cummax_ties: () => vi(E.cummax(R(12, 3), 0)),
  cummin_ties: () => vi(E.cummin(R(12, 3), 0)), logcumsumexp: () => E.logcumsumexp(G(), 1),
  diff: () => E.diff(V()), diff_0: () => E.diff(G(), 1, 0), diff_n2: () => E.diff(G(), 2),
  diff_prepend: () => E.diff(G(), 1, -1, E.zeros([3, 1]), E.ones([3, 2])), diff_bool: () => E.diff(B()),
  diff_int: () => E.diff(I(), 1, 0), diff_n_big: () => E.diff(V(), 6), err_diff_0d: () => E.diff(E.tensor(f(1))),
  // --- combine / index ---
  meshgrid_ij: () => E.meshgrid([E.arange(3), idx(1, 2)], 'ij'), meshgrid_xy: () => E.meshgrid([E.arange(3), idx(1, 2)], 'xy'),
  meshgrid_default: () => E.meshgrid([E.arange(f(3)), E.tensor([1, 2].map(f))]),
  meshgrid_grad: () => E.meshgrid([E.getitem(G(), [0]), E.getitem(G(), [1, S(null, 3)])], 'xy'),
  err_meshgrid_dtype: () => E.meshgrid([E.arange(3), E.tensor([1, 2].map(f))], 'ij'),
  err_meshgrid_idx: () => E.meshgrid([E.arange(3), idx(1, 2)], 'ab'),
  cartesian_prod: () => E.cartesianProd([idx(1, 2), idx(3, 4, 5)]), cart_3: () => E.cartesianProd([idx(1, 2), idx(3), idx(4, 5)]),
  cart_1: () => E.cartesianProd([idx(1, 2)]), cart_grad: () => E.cartesianProd([E.getitem(G(), [0]), E.getitem(G(), [1, S(null, 2)])]),
  take: () => E.take(G(), idx(0, 5, -1)), take_2d_idx: () => E.take(E.t_(G()), E.tensor([[0, 1], [2, 3]])), err_take: () => E.take(A(), idx(12)),
  take_along_dim: () => E.takeAlongDim(G(), E.tensor([[1], [2], [0]]), 1),
  tad_none: () => E.takeAlongDim(G(), idx(1, 11)), tad_bcast: () => E.takeAlongDim(G(), E.tensor([[0, 2, 1, 0]]), 0),
  index_add: () => E.indexAdd(A(), 0, idx(0, 2, 0), E.ones([3, 4]), 2),
  index_add_1: () => E.indexAdd(G(), 1, idx(3, 1), E.getitem(G(), [S(null), S(null, 2)])),
  index_add_: () => inplace(A(), (t) => E.indexAdd_(t, 1, idx(0), E.ones([3, 1]))),
  index_add_int: () => E.indexAdd(I(), 0, idx(1), E.ones([1, 4], { dtype: 'int64' })),
  err_index_add_shape: () => E.indexAdd(A(), 0, idx(0), E.ones([2, 4])),
  err_index_add_dtype: () => E.indexAdd(A(), 0, idx(0), E.ones([1, 4], { dtype: 'float64' })),
  index_copy: () => E.indexCopy(A(), 0, idx(2, 0), E.neg(E.getitem(A(), [S(null, 2)]))),
  index_copy_: () => inplace(A(), (t) => E.indexCopy_(t, 1, idx(3), E.zeros([3, 1]))),
  index_copy_grad: () => E.indexCopy(G(), 1, idx(0, 2), E.getitem(G(), [S(null), S(null, 2)])),
  index_fill: () => E.indexFill(A(), 1, idx(0, 3), f(-1)), index_fill_t: () => E.indexFill(G(), 0, idx(1), E.tensor(f(5))),
  index_fill_int: () => E.indexFill(I(), 0, idx(1), 2.5), index_fill_neg: () => E.indexFill(A(), 0, idx(-1), f(7)),
  index_fill_: () => inplace(A(), (t) => E.indexFill_(t, 0, idx(0), f(0))),
  err_index_fill_oob: () => E.indexFill(A(), 0, idx(3), f(0)),
  masked_scatter: () => E.maskedScatter(A(), B(), E.neg(E.arange(f(12)))),
  ms_grad: () => E.maskedScatter(G(), B(), E.mul(G(), 2)),
  ms_bcast: () => E.maskedScatter(A(), E.tensor([true, false, true, false]), E.arange(f(100))),
  ms_: () => inplace(A(), (t) => E.maskedScatter_(t, B(), E.zeros([6]))),
  err_ms_small: () => E.maskedScatter(A(), B(), E.ones([2])),
  err_ms_dtype: () => E.maskedScatter(A(), B(), E.ones([12], { dtype: 'float64' })),
  where_single: () => E.whereCond(E.gt(A(), 5)), where_single_1d: () => E.whereCond(V()),
  argwhere: () => E.argwhere(E.gt(A(), 5)), argwhere_float: () => E.argwhere(V()),
  nonzero_tuple: () => E.nonzeroTuple(E.gt(A(), 5)),
  isin: () => E.isin(I(), idx(1, 5, 7)), isin_invert: () => E.isin(I(), idx(1, 5, 7), true),
  isin_scalar: () => E.isin(I(), 5), isin_float: () => E.isin(V(), E.tensor([2, NaN, 5].map(f))),
  isin_mixed: () => E.isin(V(), idx(2, 5)),
  bincount: () => E.bincount(idx(0, 1, 1, 3)), bincount_w: () => E.bincount(idx(0, 1, 1, 3), E.tensor([0.5, 1, 1, 2].map(f))),
  bincount_min: () => E.bincount(idx(0, 1, 1, 3), null, 7),
  bincount_wd: () => E.bincount(idx(0, 1), E.tensor([0.5, 1].map(f), { dtype: 'float64' })),
  bincount_wi: () => E.bincount(idx(0, 1), idx(2, 3)),
  err_bincount_neg: () => E.bincount(idx(0, -1)), err_bincount_2d: () => E.bincount(I()),
  bincount_empty: () => E.bincount(E.tensor([], { dtype: 'int64' })),
  histc: () => E.histc(V(), 4, -1, 5), histc_auto: () => E.histc(V(), 3),
  histc_out: () => E.histc(V(), 2, 0, 2.5), histc_same: () => E.histc(E.ones([3]), 2),
  err_histc_int: () => E.histc(I(), 2), histc_grad: () => E.histc(G(), 3),
  triu_indices: () => E.triuIndices(3, 4, 1), tril_indices: () => E.trilIndices(4, 3, -1),
  tril_indices_0: () => E.trilIndices(3, 3), triu_indices_neg: () => E.triuIndices(4, 4, -2),
  // --- reductions ---
  nanmean: () => E.nanmean(W()), nanmean_dim: () => E.nanmean(E.tensor([[1, NaN], [NaN, NaN]].map((r) => r.map(f))), 1),
  nanmean_G: () => E.nanmean(G(), 0), nansum: () => E.nansum(W()), nansum_v: () => E.nansum(E.tensor([1, NaN, 2].map(f))),
  nansum_dim: () => E.nansum(E.tensor([[1, NaN], [NaN, NaN]].map((r) => r.map(f))), 0, true), nansum_int: () => E.nansum(I()),
  nansum_G: () => E.nansum(G(), 1), err_nanmean_int: () => E.nanmean(I()),
  aminmax: () => mm(E.aminmax(G())), aminmax_dim: () => mm(E.aminmax(G(), 1, true)),
  aminmax_int: () => mm(E.aminmax(I(), 0)), aminmax_nan: () => mm(E.aminmax(W())),
  err_aminmax_empty: () => mm(E.aminmax(E.zeros([0]))),
  std_mean: () => E.stdMean(G(), 1), var_mean: () => E.varMean(G()),
  var_mean_c: () => E.varMean(G(), 0, { correction: 0, keepdim: true }),
  std_mean_dof: () => E.stdMean(E.ones([1])), var_dof: () => E.variance(E.ones([2, 1]), 1),
  std_dof_c: () => E.std(E.ones([3]), null, { correction: 3 }),
  frexp: () => fx(E.frexp(G())), frexp_special: () => fx(E.frexp(E.tensor([0, -0, Infinity, NaN, -3.5, 1e-40].map(f)))),
  frexp_d: () => fx(E.frexp(E.tensor([6.25, -1e-310].map(f), { dtype: 'float64' }))), err_frexp_int: () => fx(E.frexp(I())),
};

/** Fixture cases not implemented yet (the test fails if one gains a twin without leaving the list). */
const NOT_IMPLEMENTED: string[] = [];

function compare(label: string, got: Out, rec: Rec): string | null {
  if (rec.items !== undefined) {
    const arr = Array.isArray(got) ? got : null;
    if (arr === null || arr.length !== rec.items.length) return `${label}: expected ${rec.items.length} results`;
    for (let k = 0; k < arr.length; k++) {
      const m = compare(`${label}[${k}]`, arr[k], rec.items[k]);
      if (m !== null) return m;
    }
    return null;
  }
  if (!(got instanceof Tensor)) return `${label}: expected a tensor`;
  const m = tensorMismatch(got, rec);
  return m === null ? null : `${label}: ${m}`;
}

describe('more engine ops vs PyTorch', () => {
  let warned: { category: string; message: string }[] = [];
  beforeEach(() => {
    warned = [];
    resetEngineWarnings();
    setEngineWarningHandler((category, message) => warned.push({ category, message }));
  });
  afterEach(() => setEngineWarningHandler(null));

  it('every fixture case has an engine twin or is listed as missing', () => {
    const keys = Object.keys(records);
    expect(keys.filter((k) => !(k in CASES) && !NOT_IMPLEMENTED.includes(k))).toEqual([]);
    expect(Object.keys(CASES).filter((k) => !(k in records))).toEqual([]);
    expect(NOT_IMPLEMENTED.filter((k) => k in CASES)).toEqual([]);
  });
  for (const [name, fn] of Object.entries(CASES)) {
    it(name, () => {
      const rec = records[name];
      let got: Out;
      try {
        got = fn();
      } catch (e) {
        if (!(e instanceof PyError)) throw e;
        expect(`${e.pyType}: ${e.message}`).toBe(rec.error ? `${rec.error.type}: ${rec.error.message}` : 'no error');
        return;
      }
      expect(rec.error, `expected ${rec.error?.type}: ${rec.error?.message}`).toBeUndefined();
      expect(compare(name, got, rec)).toBeNull();
      expect(warned).toEqual(rec.warnings ?? []);
    });
  }
});


describe("results stay on the input's device", () => {
  // Without a WebGPU backend a 'webgpu' tensor is host memory labelled with the device, which is
  // enough to check that every op hands its results back on the input's device.
  const X = () => E.tensor([[3, 1, 2], [0, 5, 4]].map((r) => r.map(f)), { device: 'webgpu' });
  const L = () => E.tensor([2, 0, 1], { device: 'webgpu' });
  const outs: Record<string, () => Tensor[]> = {
    sort: () => [E.sort(X(), 1).values, E.sort(X(), 1).indices], topk: () => Object.values(E.topk(X(), 2)),
    kthvalue: () => Object.values(E.kthvalue(X(), 1)), median: () => [E.median(X()), ...Object.values(E.medianDimOf(X(), 1))],
    mode: () => Object.values(E.mode(X())), cummax: () => Object.values(E.cummax(X(), 1)), logcumsumexp: () => [E.logcumsumexp(X(), 1)],
    unique: () => { const r = E.unique(L(), { returnInverse: true, returnCounts: true }); return [r.values, r.inverse!, r.counts!]; },
    searchsorted: () => [E.searchsorted(E.tensor([1, 2, 3], { device: 'webgpu' }), L())], isin: () => [E.isin(L(), L())],
    take: () => [E.take(X(), L())], where: () => E.whereCond(X()), histc: () => [E.histc(X(), 3)], bincount: () => [E.bincount(L())],
    quantile: () => [E.quantile(X(), 0.5)], frexp: () => Object.values(E.frexp(X())), flip: () => [E.flip(X(), 0)],
    roll: () => [E.roll(X(), 1)], repeat: () => [E.repeat(X(), [2, 1])], tril: () => [E.tril(X())], diff: () => [E.diff(X())],
    index_add: () => [E.indexAdd(X(), 0, E.tensor([1], { device: 'webgpu' }), E.ones([1, 3], { device: 'webgpu' }))],
    // the core reductions and index reads keep the device too
    reductions: () => [E.sum(X()), E.mean(X(), 0), ...Object.values(E.maxDim(X(), 1)), E.amax(X(), 1), E.argmax(X()), E.variance(X(), 1), E.norm(X()), E.logsumexp(X(), 1), E.all(X()), E.countNonzero(X()), E.cumsum(X(), 1)],
    index_reads: () => [E.indexSelect(X(), 1, L()), E.gather(X(), 1, E.tensor([[0], [2]], { device: 'webgpu' })), E.nonzero(X()), E.maskedSelect(X(), E.gt(X(), 2)), E.getitem(X(), [E.tensor([1, 0])])],
    scatter: () => [E.scatter(X(), 1, E.tensor([[0], [2]], { device: 'webgpu' }), f(9)), E.scatterAdd(X(), 1, E.tensor([[0], [2]], { device: 'webgpu' }), X())],
    nan_stats: () => [E.nansum(X(), 1), E.nanmean(X(), 1), ...E.stdMean(X(), 1), ...Object.values(E.aminmax(X(), 1))],
  };
  for (const [name, fn] of Object.entries(outs))
    it(name, () => {
      expect(fn().map((t) => t.device)).toEqual(fn().map(() => 'webgpu'));
    });
});
