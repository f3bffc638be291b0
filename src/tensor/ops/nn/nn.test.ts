// The nn and linalg ops against the oracle (fixtures/nn_cases.oracle.py): softmax family,
// layer/batch/group norm (with running-stat updates), embedding, dropout (seeded, bit-parity
// masks), conv1d/conv2d, losses, norms, weight_norm, matrix_exp, qr/det/inv/solve, isclose —
// values within compare.py's tolerance, grad_fn names, warnings, and PyTorch's exact errors.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dict, items, loadOracle, type OracleValue } from '../linalg/fixtures/oracle';
import { expectClose, expectOutcome, toTensors } from '../linalg/fixtures/tensors';
import { allocStorageArray, type DType } from '../../dtype';
import { defaultGenerator } from '../../random/generator';
import { Tensor } from '../../tensor';
import { detach, narrow, reshape, select, T } from '../views';
import { allclose, isclose } from '../linalg/compare';
import { eye } from '../creation';
import { det, inv, qr, solve } from '../linalg/decomp';
import { matrixExp } from '../linalg/matrix_exp';
import { matrixNorm, normalize, normExceptDim, vectorNorm, weightNorm } from '../linalg/norms';
import { conv1d, conv2d } from './conv';
import { alphaDropout, dropout, featureDropout } from './dropout';
import { embedding } from './embedding';
import {
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  crossEntropy,
  huberLoss,
  klDiv,
  l1Loss,
  mseLoss,
  nllLoss,
  smoothL1Loss,
} from './loss';
import { batchNorm, groupNorm, layerNorm } from './normalization';
import { implicitSoftmaxDim, logSoftmax, logsumexp, softmax } from './softmax';
import { setNnWarningHandler } from './warnings';

const dump = loadOracle(new URL('./fixtures/nn_cases.oracle.json', import.meta.url));
const I = toTensors(dict(dump.vars.inputs));
const results = dict(dump.vars.results);

function tensorOf(values: number[], shape: number[], dtype: DType = 'float32'): Tensor {
  const data = allocStorageArray(dtype, values.length);
  values.forEach((v, i) => (data instanceof BigInt64Array ? (data[i] = BigInt(v)) : (data[i] = v)));
  return Tensor.fromArray(data, shape, dtype);
}
/** A float32 tensor shaped like a with f(a[i], b[i], i), in float32 — test inputs built without
 * the engine's elementwise ops (those have their own tests). */
function mapPairs(a: Tensor, b: Tensor, f: (x: number, y: number, i: number) => number): Tensor {
  const av = a.dataSync() as Float32Array;
  const bv = b.dataSync() as Float32Array;
  const t = Tensor.fromArray(Float32Array.from(av, (x, i) => f(x, bv[i], i)), a.shape, 'float32');
  t.requiresGrad = a.requiresGrad || b.requiresGrad;
  return t;
}
const seeded = <T>(seed: number, fn: () => T): T => {
  defaultGenerator.manualSeed(seed);
  return fn();
};

let rm = tensorOf([0, 0, 0], [3]);
let rv = tensorOf([1, 1, 1], [3]);
let warned: string[] = [];
beforeEach(() => {
  warned = [];
  setNnWarningHandler((cat, msg) => warned.push(`${cat}: ${msg}`));
});
afterEach(() => setNnWarningHandler(null));

const cases: Record<string, () => Tensor> = {
  softmax_1: () => softmax(I.x34, 1),
  softmax_0: () => softmax(I.x34, 0),
  softmax_neg: () => softmax(I.x234, -2),
  softmax_big: () => softmax(I.big, 1),
  softmax_dtype: () => softmax(I.x34, 1, 'float64'),
  softmax_f64: () => softmax(I.x34d, 1),
  softmax_implicit: () => softmax(I.x234, implicitSoftmaxDim('softmax', I.x234.ndim)),
  softmax_implicit_2d: () => softmax(I.x34, implicitSoftmaxDim('softmax', I.x34.ndim)),
  softmax_int: () => softmax(I.i34, 1),
  softmax_int_dtype: () => softmax(I.i34, 1, 'float32'),
  softmax_baddim: () => softmax(I.x34, 2),
  log_softmax_1: () => logSoftmax(I.x34, 1),
  log_softmax_big: () => logSoftmax(I.big, 1),
  log_softmax_0d: () => {
    const s = tensorOf([2], []);
    s.requiresGrad = true;
    return logSoftmax(s, 0);
  },
  logsumexp: () => logsumexp(I.x234, 1),
  layer_norm: () => layerNorm(I.x234, [4], I.w4, I.b4),
  layer_norm_2d_shape: () => layerNorm(I.x234, [3, 4], I.w34, I.b34, 1e-3),
  layer_norm_noaffine: () => layerNorm(I.x234, [4]),
  layer_norm_bad: () => layerNorm(I.x234, [3]),
  layer_norm_bad_w: () => layerNorm(I.x234, [4], I.b34),
  bn_train: () => batchNorm(I.bn_x, rm, rv, I.bn_w, I.bn_b, { training: true, momentum: 0.1 }),
  bn_train_3d: () => batchNorm(I.bn_x3, rm, rv, I.bn_w, I.bn_b, { training: true, momentum: 0.3, eps: 1e-3 }),
  bn_eval: () => batchNorm(I.bn_x, rm, rv, I.bn_w, I.bn_b, { training: false }),
  bn_train_nostats: () => batchNorm(I.bn_x3, null, null, null, null, { training: true }),
  bn_eval_noaffine: () => batchNorm(I.bn_x3, rm, rv),
  bn_one_value: () => batchNorm(narrow(I.bn_x, 0, 0, 1), rm, rv, null, null, { training: true }),
  bn_bad_stats: () => batchNorm(I.bn_x, tensorOf([0, 0, 0, 0], [4]), tensorOf([1, 1, 1, 1], [4]), null, null, { training: false }),
  group_norm: () => groupNorm(I.gn_x, 3, I.gn_w, I.gn_b),
  group_norm_noaffine: () => groupNorm(I.gn_x, 2),
  group_norm_bad: () => groupNorm(I.gn_x, 4),
  embedding: () => embedding(I.idx, I.emb_w),
  embedding_pad: () => embedding(I.idx, I.emb_w, { paddingIdx: 4 }),
  embedding_i32: () => embedding(I.idx_i32, I.emb_w),
  embedding_bad: () => embedding(I.idx_bad, I.emb_w),
  embedding_neg: () => embedding(I.idx_neg, I.emb_w),
  embedding_float: () => embedding(I.idx_f, I.emb_w),
  embedding_bad_pad: () => embedding(I.idx, I.emb_w, { paddingIdx: 10 }),
  embedding_neg_pad: () => embedding(I.idx, I.emb_w, { paddingIdx: -6 }),
  dropout_p0: () => dropout(I.x34, 0.0),
  dropout_p1: () => dropout(I.x34, 1.0),
  dropout_eval: () => dropout(I.x34, 0.5, { training: false }),
  dropout_half: () => seeded(5, () => dropout(I.x234, 0.5)),
  dropout_bad: () => dropout(I.x34, 1.5),
  dropout2d: () => seeded(6, () => featureDropout(I.x2345, 0.4, 2)),
  alpha_dropout: () => seeded(7, () => alphaDropout(I.x234, 0.3, { training: true })),
  conv1d: () => conv1d(I.c1_x, I.c1_w, I.c1_b),
  conv1d_sp: () => conv1d(I.c1_x, I.c1_w, I.c1_b, { stride: 2, padding: 1 }),
  conv1d_dil: () => conv1d(I.c1_x, I.c1_w, null, { dilation: 2, padding: 2 }),
  conv1d_same: () => conv1d(I.c1_x, I.c1_w, I.c1_b, { padding: 'same', dilation: 2 }),
  conv1d_valid: () => conv1d(I.c1_x, I.c1_w, null, { padding: 'valid' }),
  conv1d_groups: () => conv1d(I.c1_x6, I.c1_wg, null, { groups: 6 }),
  conv1d_nograd: () => conv1d(detach(I.c1_x), detach(I.c1_w)),
  conv2d: () => conv2d(I.c2_x, I.c2_w, I.c2_b),
  conv2d_sp: () => conv2d(I.c2_x, I.c2_w, I.c2_b, { stride: [2, 1], padding: [1, 2] }),
  conv2d_same: () => conv2d(I.c2_x, I.c2_w, null, { padding: 'same' }),
  conv2d_dil: () => conv2d(I.c2_x, I.c2_w, I.c2_b, { dilation: [2, 1], stride: 2 }),
  conv2d_groups: () => conv2d(I.c2_x4, I.c2_wg, null, { groups: 4, padding: 1 }),
  conv2d_unbatched: () => conv2d(I.c2_x3d, I.c2_w, I.c2_b),
  conv2d_bad_ch: () => conv2d(I.c2_x4, I.c2_w),
  conv2d_bad_k: () => conv2d(narrow(narrow(I.c2_x, 2, 0, 2), 3, 0, 2), I.c2_w),
  conv2d_same_stride: () => conv2d(I.c2_x, I.c2_w, null, { padding: 'same', stride: 2 }),
  conv2d_bad_dim: () => conv2d(I.x34, I.c2_w),
  mse: () => mseLoss(I.x34, I.tgt34),
  mse_sum: () => mseLoss(I.x34, I.tgt34, 'sum'),
  mse_none: () => mseLoss(I.x34, I.tgt34, 'none'),
  mse_bcast: () => mseLoss(I.x34, select(I.tgt34, 0, 0)),
  mse_bad_red: () => mseLoss(I.x34, I.tgt34, 'avg'),
  l1: () => l1Loss(I.x34, I.tgt34),
  l1_none: () => l1Loss(I.x34, I.tgt34, 'none'),
  smooth_l1: () => smoothL1Loss(I.x34, I.tgt34, 'mean', 0.5),
  huber: () => huberLoss(I.x34, I.tgt34, 'mean', 0.7),
  ce: () => crossEntropy(I.x34, I.cls),
  ce_sum: () => crossEntropy(I.x34, I.cls, { reduction: 'sum' }),
  ce_none: () => crossEntropy(I.x34, I.cls, { reduction: 'none' }),
  ce_ignore: () => crossEntropy(I.x34, I.cls_ign),
  ce_weight: () => crossEntropy(I.x34, I.cls, { weight: tensorOf([1, 2, 0.5, 1.5], [4]) }),
  ce_smooth: () => crossEntropy(I.x34, I.cls, { labelSmoothing: 0.1 }),
  ce_probs: () => crossEntropy(I.x34, I.p34),
  ce_bad_cls: () => crossEntropy(I.x34, tensorOf([0, 4, 1], [3], 'int64')),
  ce_3d: () => crossEntropy(I.x234, tensorOf([0, 1, 2, 0, 2, 2, 1, 0], [2, 4], 'int64')),
  nll: () => nllLoss(I.logp34, I.cls),
  bce: () => binaryCrossEntropy(I.prob34, I.bin34),
  bce_none: () => binaryCrossEntropy(I.prob34, I.bin34, null, 'none'),
  bce_logits: () => binaryCrossEntropyWithLogits(I.x34, I.bin34),
  bce_logits_pw: () => binaryCrossEntropyWithLogits(I.x34, I.bin34, null, 'mean', tensorOf([1, 2, 3, 0.5], [4])),
  kl_batchmean: () => klDiv(I.logp34, I.p34, 'batchmean'),
  kl_mean: () => klDiv(I.x34, I.p34),
  kl_log_target: () => klDiv(I.x34, I.logp34, 'sum', true),
  normalize: () => normalize(I.x34),
  normalize_p1_d0: () => normalize(I.x34, 1, 0),
  vector_norm: () => vectorNorm(I.x34),
  vector_norm_dim: () => vectorNorm(I.x234, { ord: 3, dim: [0, 2], keepdim: true }),
  vector_norm_inf: () => vectorNorm(I.x34, { ord: Infinity, dim: 1 }),
  matrix_norm_fro: () => matrixNorm(I.x234),
  norm_except_dim: () => normExceptDim(I.wn_v, 2, 0),
  weight_norm: () => weightNorm(I.wn_v, I.wn_g, 0),
  weight_norm_dim1: () => weightNorm(I.wn_v, narrow(reshape(I.wn_g, [1, 4]), 1, 0, 3), 1),
  matrix_exp: () => matrixExp(I.sq3),
  matrix_exp_big: () => matrixExp(I.sq4),
  matrix_exp_skew: () => matrixExp(mapPairs(I.sq4, T(I.sq4), (a, b) => a - b)),
  eye: () => eye(3, 4),
  allclose_t: () => tensorOf([allclose(I.x34, mapPairs(I.x34, I.x34, (a) => a + 1e-9)) ? 1 : 0], [], 'bool'),
  isclose: () => isclose(I.x34, mapPairs(I.x34, I.x34, (a, _b, i) => a + [0, 1e-6, 1e-3, 1][i % 4])),
  qr_q: () => qr(I.sq4)[0],
  qr_r: () => qr(I.sq4)[1],
  det: () => det(I.sq4),
  inv: () => inv(I.sq4),
  solve: () => solve(I.sq4, I.x4),
};

describe('nn and linalg ops match PyTorch', () => {
  it('covers every oracle case', () => {
    const missing = Object.keys(results).filter((k) => !(k in cases));
    expect(missing).toEqual([]);
  });
  for (const [name, fn] of Object.entries(cases)) {
    it(name, () => {
      rm = tensorOf([0, 0, 0], [3]);
      rv = tensorOf([1, 1, 1], [3]);
      const want = dict(results[name]);
      const outcome: OracleValue = 'error' in want ? want.error : { kind: 'dict', items: { out: want.out, grad_fn: want.grad_fn } };
      let out: Tensor | null = null;
      expectOutcome(() => (out = fn()), outcome, name);
      expect(warned, `${name} warnings`).toEqual(items(want.warnings).map((w) => (w as { value: string }).value));
      if (out !== null && 'is_input' in want) {
        const isInput = Object.values(I).some((t) => t === out);
        expect(isInput, `${name} returns its input object`).toBe((want.is_input as { value: boolean }).value);
      }
      if ('rm' in want) {
        expectClose(rm, want.rm, `${name} running_mean`);
        expectClose(rv, want.rv, `${name} running_var`);
        expect(rm.version, `${name} running_mean._version`).toBe((want.rm_version as { value: number }).value);
      }
    });
  }
});
