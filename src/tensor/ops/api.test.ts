// Engine twins of the cases in fixtures/gen_api.py (views, creation, conversions, reductions,
// joins, indexing, in-place + versions, promotion, errors), compared with real PyTorch's records:
// values, dtype, shape, strides, storage offset, contiguity, requires_grad, grad_fn, error texts.

import { describe, expect, it } from 'vitest';
import fixture from './fixtures/api.json';
import { PyError } from '../../errors';
import { pyf } from '../scalar';
import { Tensor } from '../tensor';
import { tensorMismatch, type TensorRecord } from '../testutil';
import * as E from '../index';

type Rec = TensorRecord & { offset?: number; items?: Rec[]; none?: boolean };
const records = fixture as Record<string, Rec>;
type Out = Tensor | Out[] | { values: Tensor; indices: Tensor } | void;

const f = (v: number) => pyf(v);
const A = () => E.reshape(E.arange(f(12)), [3, 4]);
const G = () => E.reshape(E.arange(f(12), undefined, 1, { requiresGrad: true }), [3, 4]);
const I = () => E.reshape(E.arange(12), [3, 4]);
const B = () => E.tensor([0, 1, 2].map(() => [true, false, true, false]));
const V = () => E.tensor([3, -1, 2, 5, 0].map(f));
const ver = (t: Tensor) => E.tensor(t.version);
const S = (a: number | null, b: number | null = null, c: number | null = null) => new E.Slice(a, b, c);
const idx = (...xs: number[]) => E.tensor(xs);

const CASES: Record<string, () => Out> = {
  view: () => E.view(G(), [4, 3]), view_infer: () => E.view(G(), [-1]), t: () => E.t_(G()), T: () => E.T(G()),
  mT: () => E.mT(G()), transpose: () => E.transpose(G(), 0, 1), permute: () => E.permute(G(), [1, 0]),
  unsqueeze: () => E.unsqueeze(G(), 1), unsqueeze_neg: () => E.unsqueeze(G(), -1),
  squeeze_all: () => E.squeeze(E.view(G(), [3, 1, 4, 1])), squeeze_dim: () => E.squeeze(E.view(G(), [1, 12]), 0),
  squeeze_dims: () => E.squeeze(E.view(G(), [1, 3, 1, 4]), [0, 2]), squeeze_noop: () => E.squeeze(G(), 0),
  expand: () => E.expand(E.getitem(G(), [S(0, 1)]), [3, -1]), expand_new: () => E.expand(G(), [2, 3, 4]),
  narrow: () => E.narrow(G(), 1, 1, 2), select: () => E.select(G(), 1, 2), select_neg: () => E.select(G(), 0, -1),
  slice_step: () => E.getitem(G(), [S(null), S(null, null, 2)]), slice_2d: () => E.getitem(G(), [S(1), S(1, 3)]),
  slice_clamp: () => E.getitem(G(), [S(-10, 10)]),
  reshape_copy: () => E.reshape(E.t_(G()), [12]), reshape_view: () => E.reshape(G(), [2, 6]),
  contig_copy: () => E.contiguous(E.t_(G())), flatten: () => E.flatten(G()), flatten_t: () => E.flatten(E.t_(G())),
  flatten_0d: () => E.flatten(E.tensor(f(3))), unflatten: () => E.unflatten(G(), 1, [2, 2]), unflatten_infer: () => E.unflatten(G(), 1, [-1, 2]),
  diagonal: () => E.diagonal(G()), diagonal_off: () => E.diagonal(G(), 1), diagonal_neg: () => E.diagonal(G(), -1),
  as_strided: () => E.asStrided(G(), [2, 2], [1, 2], 1), unbind: () => E.unbind(G(), 1),
  split: () => E.split(G(), 3, 1), split_sizes: () => E.split(G(), [1, 3], 1), chunk: () => E.chunk(G(), 3, 1),
  chunk_uneven: () => E.chunk(G(), 2, 0), detach: () => E.detach(G()), view_as: () => E.viewAs(G(), E.t_(I())),
  movedim: () => E.movedim(E.view(G(), [3, 2, 2]), 0, 2),
  err_view: () => E.view(E.t_(A()), [12]), err_view_size: () => E.view(A(), [5]), err_view_two: () => E.view(A(), [-1, -1]),
  err_transpose: () => E.transpose(A(), 0, 2), err_permute_dup: () => E.permute(A(), [0, 0]),
  err_expand: () => E.expand(A(), [2, 4]), err_narrow: () => E.narrow(A(), 0, 2, 2), err_select: () => E.select(A(), 0, 3),
  err_t3d: () => E.t_(E.view(A(), [3, 2, 2])), err_unflatten: () => E.unflatten(A(), 1, [3, 2]),
  err_flatten: () => E.flatten(A(), 1, 0), err_split: () => E.split(A(), [1, 1], 0), err_chunk: () => E.chunk(A(), 0),
  err_diag: () => E.diagonal(A(), 0, 1, 1), err_squeeze_dim: () => E.squeeze(A(), 2),
  tensor_nested: () => E.tensor([[1, 2], [3, 4]]), tensor_float: () => E.tensor([1, 2.5]),
  tensor_bool: () => E.tensor([true, false]), tensor_boolint: () => E.tensor([true, 2]),
  tensor_empty: () => E.tensor([]), tensor_scalar: () => E.tensor(3.5),
  tensor_dtype: () => E.tensor([1, 2], { dtype: 'float64' }), tensor_rg: () => E.tensor([f(1), f(2)], { requiresGrad: true }),
  tensor_int8: () => E.tensor([1, -2, 300], { dtype: 'int8' }), tensor_uint8: () => E.tensor([1, -2, 300], { dtype: 'uint8' }),
  err_ragged: () => E.tensor([[1, 2], [3]]), err_not_seq: () => E.tensor([[1, 2], 3]),
  err_int_rg: () => E.tensor([1, 2], { requiresGrad: true }),
  zeros: () => E.zeros([2, 3]), ones_int: () => E.ones([2], { dtype: 'int32' }),
  full_int: () => E.full([2], 7), full_bool: () => E.full([2], true), full_float: () => E.full([2, 2], 1.5),
  empty_0: () => E.zeros([0, 3]),
  arange_int: () => E.arange(5), arange_float: () => E.arange(1, 2.5, 0.5), arange_tenth: () => E.arange(0, 1, 0.1),
  arange_neg: () => E.arange(10, 0, -3), arange_f64: () => E.arange(0, 1, 0.3, { dtype: 'float64' }),
  err_arange_step: () => E.arange(0, 10, 0), err_arange_sign: () => E.arange(10, 0, 1),
  linspace: () => E.linspace(0, 1, 7), linspace_int: () => E.linspace(-2, 3, 5, { dtype: 'int64' }),
  linspace_1: () => E.linspace(2, 5, 1), linspace_odd: () => E.linspace(-1.3, 2.9, 11),
  logspace: () => E.logspace(0, 2, 3), eye: () => E.eye(3), eye_rect: () => E.eye(2, 3),
  zeros_like: () => E.zerosLike(I()), ones_like_f64: () => E.onesLike(A(), { dtype: 'float64' }),
  full_like: () => E.fullLike(E.t_(A()), 2.5), clone_t: () => E.clone(E.t_(A())),
  to_long: () => E.toDtype(E.tensor([-1.7, 2.9, 0.5]), 'int64'), to_int8: () => E.toDtype(E.tensor([-1.7, f(200), 0.5]), 'int8'),
  to_bool: () => E.toDtype(E.tensor([f(0), -0.5, NaN]), 'bool'), to_double_t: () => E.toDtype(E.t_(G()), 'float64'),
  to_half: () => E.toDtype(E.tensor([0.1, 1000.7, 1e-5]), 'float16'), to_same: () => E.toDtype(G(), 'float32'),
  to_uint8: () => E.toDtype(E.tensor([-1, 256, 3]), 'uint8'), bool_to_float: () => E.toDtype(B(), 'float32'),
  sum: () => E.sum(G()), sum_0: () => E.sum(G(), 0), sum_tuple: () => E.sum(G(), [0, 1]),
  sum_keep: () => E.sum(G(), 1, true), sum_int: () => E.sum(I()), sum_bool: () => E.sum(B()),
  sum_neg: () => E.sum(G(), -1), sum_dtype: () => E.sum(I(), null, false, 'float64'), sum_empty: () => E.sum(E.zeros([0])),
  mean: () => E.mean(G()), mean_1: () => E.mean(G(), 1), mean_keep: () => E.mean(G(), [0, 1], true),
  prod_1: () => E.prod(G(), 1), prod_int: () => E.prod(E.getitem(I(), [S(null), S(1, 3)])), prod: () => E.prod(E.getitem(G(), [S(null), S(1, 3)])),
  max: () => E.max(G()), max_dim: () => vi(E.maxDim(G(), 1)), min_dim: () => vi(E.minDim(E.view(V(), [5, 1]), 0)),
  max_keep: () => vi(E.maxDim(G(), 0, true)), amax: () => E.amax(G(), 1), amin_all: () => E.amin(G()),
  argmax: () => E.argmax(G()), argmax_1: () => E.argmax(G(), 1), argmin_v: () => E.argmin(V()),
  argmax_keep: () => E.argmax(G(), 0, true), max_nan: () => E.max(E.tensor([f(1), NaN, f(3)])),
  var: () => E.variance(G()), var_1: () => E.variance(G(), 1), std_c0: () => E.std(G(), 0, { correction: 0 }),
  norm: () => E.norm(G()), norm_p1: () => E.norm(G(), 1, 1), norm_inf: () => E.norm(G(), Infinity),
  logsumexp: () => E.logsumexp(G(), 1), all: () => E.all(B()), any_0: () => E.any(B(), 0), all_1: () => E.all(E.gt(A(), 3), 1),
  all_float: () => E.all(A()), count_nonzero: () => E.countNonzero(A()), count_nonzero_1: () => E.countNonzero(A(), 1),
  cumsum: () => E.cumsum(G(), 1), cumsum_int: () => E.cumsum(I(), 0), cumprod: () => E.cumprod(G(), 1),
  cumsum_t: () => E.cumsum(E.t_(G()), 1),
  err_mean_int: () => E.mean(I()), err_mean_dtype: () => E.mean(A(), null, false, 'int64'), err_var_int: () => E.variance(I()),
  err_norm_int: () => E.norm(I()), err_max_empty: () => E.max(E.zeros([0])), err_max_dim_empty: () => vi(E.maxDim(E.zeros([2, 0]), 1)),
  err_argmax_empty: () => E.argmax(E.zeros([0])), err_sum_dim: () => E.sum(A(), 2), err_sum_dup: () => E.sum(A(), [0, 0]),
  cat: () => E.cat([G(), G()]), cat_1: () => E.cat([G(), A()], 1), cat_promote: () => E.cat([A(), I()]),
  cat_skip_empty: () => E.cat([E.zeros([0]), A()]), stack: () => E.stack([V(), V()]),
  stack_1: () => E.stack([V(), V()], 1), hstack: () => E.hstack([V(), V()]), vstack: () => E.vstack([V(), V()]),
  err_cat_size: () => E.cat([A(), E.zeros([2, 3])]), err_cat_dims: () => E.cat([A(), V()]),
  err_cat_empty: () => E.cat([]), err_stack: () => E.stack([A(), E.t_(A())]),
  idx_int: () => E.getitem(G(), [1]), idx_int2: () => E.getitem(G(), [-1, 2]), idx_col: () => E.getitem(G(), [S(null), 1]),
  idx_ellipsis: () => E.getitem(G(), ['ellipsis', 1]), idx_none: () => E.getitem(G(), [null, 1]), idx_list: () => E.getitem(G(), [idx(0, 2)]),
  idx_tensor_int: () => E.getitem(G(), [idx(0, 2), 1]), idx_col_list: () => E.getitem(G(), [S(null), idx(1, 3)]),
  idx_pairs: () => E.getitem(G(), [idx(0, 1), idx(1, 2)]), idx_mask: () => E.getitem(G(), [B()]),
  idx_mask_gt: () => E.getitem(G(), [E.gt(A(), 5)]), idx_slice_adv: () => E.getitem(G(), [S(1), idx(0, 2)]),
  idx_rowmask: () => E.getitem(G(), [E.tensor([true, false, true])]),
  idx_split_adv: () => E.getitem(E.view(G(), [3, 2, 2]), [idx(0, 1), S(null), idx(1, 0)]), idx_full: () => E.getitem(G(), [S(null)]),
  idx_ell_only: () => E.getitem(G(), ['ellipsis']), idx_bool_true: () => E.getitem(G(), [true]),
  idx_2d_tensor: () => E.getitem(G(), [E.tensor([[0, 1], [2, 2]])]),
  err_idx_oob: () => E.getitem(A(), [5]), err_idx_oob_neg: () => E.getitem(A(), [-4]), err_idx_oob2: () => E.getitem(A(), [0, 4]),
  err_idx_many: () => E.getitem(A(), [0, 0, 0]), err_idx_tensor_oob: () => E.getitem(A(), [idx(3)]),
  err_idx_mask: () => E.getitem(A(), [E.tensor([true, false])]), err_idx_float: () => E.getitem(A(), [E.tensor([f(1)])]),
  set_int: () => set(A(), [0], f(5), true), set_col: () => set(A(), [S(null), 1], E.tensor([f(7), f(8), f(9)]), true),
  set_mask: () => { const c = A(); return set(c, [E.gt(c, 5)], f(0), true); },
  set_list: () => set(A(), [idx(0, 2)], f(-1), true),
  set_grad: () => set(E.clone(G()), [0], f(5), false), set_grad_adv: () => set(E.clone(G()), [idx(0, 2)], f(1), false),
  set_int_into_int: () => set(I(), [1], 2.7, false), err_set_shape: () => set(A(), [0], E.ones([3]), false),
  gather: () => E.gather(G(), 1, E.tensor([[0, 1], [2, 3], [1, 1]])), index_select: () => E.indexSelect(G(), 1, idx(3, 0)),
  scatter_val: () => E.scatter(A(), 1, E.tensor([[0], [1], [2]]), f(9)),
  scatter_src: () => { const g = G(); return E.scatter(g, 0, E.tensor([[2, 1, 0, 0]]), E.neg(g)); },
  scatter_add: () => E.scatterAdd(E.zeros([3, 4]), 0, E.tensor([[0, 1, 2, 0], [0, 0, 0, 0]]), E.ones([2, 4])),
  masked_select: () => E.maskedSelect(G(), B()), nonzero: () => E.nonzero(E.gt(A(), 5)),
  masked_fill: () => E.maskedFill(G(), B(), f(-1)), masked_fill_int: () => E.maskedFill(I(), B(), 2.9),
  where_cond: () => E.where(B(), G(), f(0)),
  err_gather_dtype: () => E.gather(A(), 1, E.tensor([[0]], { dtype: 'int32' })),
  err_gather_oob: () => E.gather(A(), 1, E.tensor([[4]])), err_index_select: () => E.indexSelect(A(), 0, idx(3)),
  err_masked_fill: () => E.maskedFill(A(), A(), f(0)), err_where: () => E.where(A(), f(1), f(0)),
  add_: () => { const x = A(); E.add_(x, 1); return [x, ver(x)]; },
  add_alpha_: () => { const x = A(); E.add_(x, I(), 2); return [x, ver(x)]; },
  mul_bcast_: () => E.mul_(A(), E.getitem(V(), [S(null, 4)])),
  view_inplace: () => { const x = A(); const v = E.getitem(x, [1]); E.mul_(v, 2); return [x, ver(x), ver(v)]; },
  grad_view_inplace: () => { const x = E.clone(G()); const v = E.getitem(x, [1]); E.mul_(v, 2); return [x, v]; },
  inplace_nonleaf: () => E.sub_(E.clone(G()), 1),
  copy_cast: () => { const x = E.zeros([3, 4]); E.copy_(x, I()); return [x, ver(x)]; },
  copy_bcast: () => E.copy_(E.zeros([3, 4]), E.getitem(V(), [S(null, 4)])), copy_grad: () => E.copy_(E.zeros([3, 4]), G()),
  zero_: () => { const x = A(); E.zero_(x); return [x, ver(x)]; }, fill_: () => E.fill_(I(), 2.5),
  clamp_: () => E.clamp_(A(), 2, 9), relu_: () => E.relu_(V()),
  err_inplace_cast: () => E.add_(I(), 1.5), err_inplace_cast2: () => E.mul_(I(), A()),
  err_inplace_bool: () => E.add_(B(), 1), err_inplace_bcast: () => E.add_(V(), A()),
  err_leaf: () => E.add_(E.ones([2], { requiresGrad: true }), 1),
  err_leaf_view: () => E.add_(E.getitem(E.ones([2, 2], { requiresGrad: true }), [0]), 1),
  err_copy_shape: () => E.copy_(E.zeros([2, 3]), E.ones([4])),
  err_item: () => { A().item(); },
  promo_int_float: () => E.mul(I(), 2.5), promo_i8_i16: () => E.add(E.ones([2], { dtype: 'int8' }), E.ones([2], { dtype: 'int16' })),
  promo_u8_i8: () => E.add(E.ones([2], { dtype: 'uint8' }), E.ones([2], { dtype: 'int8' })),
  promo_bool_bool: () => E.add(B(), B()), promo_bool_int: () => E.add(B(), 1), promo_u8_int: () => E.add(E.ones([2], { dtype: 'uint8' }), 300),
  promo_f32_0d_f64: () => E.add(A(), E.tensor(f(1), { dtype: 'float64' })),
  promo_i32_0d_i64: () => E.add(E.ones([2], { dtype: 'int32' }), E.tensor(5)),
  promo_i32_0d_f64: () => E.add(E.ones([2], { dtype: 'int32' }), E.tensor(f(5), { dtype: 'float64' })),
  promo_int_div: () => E.div(I(), 2), promo_bool_mean_err: () => E.mean(B()),
  promo_f16_int: () => E.mul(E.ones([2], { dtype: 'float16' }), 3),
  err_alpha_float: () => E.add(I(), I(), 1.5), err_sub_bool: () => E.sub(B(), B()), err_neg_bool: () => E.neg(B()),
  err_bcast: () => E.add(A(), E.ones([3])),
  flip: () => E.flip(G(), 0), flip_01: () => E.flip(G(), [0, 1]), roll: () => E.roll(G(), 1), roll_dim: () => E.roll(G(), -1, 1),
  repeat: () => E.repeat(G(), [2, 1]), repeat_new: () => E.repeat(V(), [2, 2]), tile: () => E.tile(V(), [2]),
  tril: () => E.tril(G()), triu_1: () => E.triu(G(), 1), tril_neg: () => E.tril(G(), -1),
  sort: () => vi(E.sort(V())), sort_desc: () => vi(E.sort(V(), -1, true)), argsort: () => E.argsort(V()),
  topk: () => vi(E.topk(V(), 2)), topk_small: () => vi(E.topk(V(), 2, -1, false)),
  unique: () => E.unique(E.tensor([3, 1, 2, 3, 1])).values,
  unique_counts: () => { const r = E.unique(E.tensor([3, 1, 2, 3, 1]), { returnCounts: true }); return [r.values, r.counts!]; },
  err_repeat: () => E.repeat(A(), [2]),
};

/** Not implemented yet (listed so the gap is visible; the test fails if one starts to exist). */
const NOT_IMPLEMENTED: string[] = [];

function vi(r: { values: Tensor; indices: Tensor }): Out {
  return [r.values, r.indices];
}
function set(t: Tensor, ix: E.Index[], v: Tensor | E.Scalar, withVersion: boolean): Out {
  E.setitem(t, ix, v);
  return withVersion ? [t, ver(t)] : t;
}

function compare(label: string, got: Out, rec: Rec): string | null {
  if (rec.items !== undefined) {
    if (!Array.isArray(got) || got.length !== rec.items.length) return `${label}: expected ${rec.items.length} results`;
    for (let k = 0; k < got.length; k++) {
      const m = compare(`${label}[${k}]`, got[k], rec.items[k]);
      if (m !== null) return m;
    }
    return null;
  }
  if (!(got instanceof Tensor)) return `${label}: expected a tensor`;
  const m = tensorMismatch(got, rec);
  if (m !== null) return `${label}: ${m}`;
  if (rec.offset !== undefined && got.offset !== rec.offset) return `${label}: storage_offset ${got.offset} != ${rec.offset}`;
  return null;
}

describe('engine API vs PyTorch', () => {
  it('every fixture case has an engine twin or is listed as missing', () => {
    const keys = Object.keys(records);
    expect(keys.filter((k) => !(k in CASES) && !NOT_IMPLEMENTED.includes(k))).toEqual([]);
    expect(Object.keys(CASES).filter((k) => !(k in records))).toEqual([]);
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
    });
  }
});
