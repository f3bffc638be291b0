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
const inplace = (t: Tensor, fn: (t: Tensor) => void): Out => {
  fn(t);
  return [t, ver(t)];
};

const CASES: Record<string, () => Out> = {
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

void S;
void inplace;
