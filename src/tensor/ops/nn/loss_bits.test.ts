// Loss values against the oracle bit for bit (fixtures/loss_bits.oracle.py): the pointwise kernels
// rounded in the dtype as ATen's (smooth_l1, huber, bce...), reduced by the engine's sum/mean in
// TensorIterator's add order, nll_loss's cascade of partial sums and its weighted mean, the 2-D /
// 3-D / 4-D nll forms, label smoothing and probability targets, float64 and the half types.
// nll_loss and kl_div read PyTorch's own log-probabilities (inputs lp, kx, kl of the fixture).

import { describe, expect, it } from 'vitest';
import { loadOracle, type OracleValue } from '../linalg/fixtures/oracle';
import { Tensor } from '../../tensor';
import type { DType } from '../../dtype';
import { toDtype } from '../copy';
import { flip } from '../reorder';
import { diffWords, f32FromHex, hexOf } from '../fixtures/bits';
import { logSoftmax, softmax } from './softmax';
import { binaryCrossEntropy, binaryCrossEntropyWithLogits, crossEntropy, huberLoss, klDiv, l1Loss, mseLoss, nllLoss, smoothL1Loss } from './loss';

const dump = loadOracle(new URL('./fixtures/loss_bits.oracle.json', import.meta.url));
const items = (v: OracleValue): Record<string, OracleValue> => {
  if (v.kind !== 'dict') throw new Error('expected a dict');
  return v.items;
};
const str = (v: OracleValue): string => (v as { value: string }).value;
const inputs = Object.fromEntries(Object.entries(items(dump.vars.inputs)).map(([k, v]) => [k, f32FromHex(str(v))]));
const targets = Object.fromEntries(Object.entries(items(dump.vars.targets)).map(([k, v]) => [k, (v as { items: { value: number }[] }).items.map((x) => x.value)]));
const results = Object.fromEntries(Object.entries(items(dump.vars.results)).map(([k, v]) => [k, str(v)]));

const T = (name: string, shape: number[]): Tensor => Tensor.fromArray(inputs[name].slice(), shape, 'float32');
const L = (name: string, shape: number[]): Tensor => Tensor.fromArray(BigInt64Array.from(targets[name], BigInt), shape, 'int64');
const a = T('a', [1027]), b = T('b', [1027]), p = T('p', [1027]), q = T('q', [1027]), w = T('w', [1027]);
const logits = T('logits', [300, 7]), cw = T('cw', [7]), img = T('img', [4, 5, 6, 7]), seq = T('seq', [3, 5, 40]);
const tgt = L('tgt', [300]), itgt = L('itgt', [4, 6, 7]), stgt = L('stgt', [3, 40]);
const lp = T('lp', [300, 7]), kx = T('kx', [79, 13]), kt = T('kt', [79, 13]), kl = T('kl', [79, 13]);
const cw5 = Tensor.fromArray(inputs.cw.slice(0, 5), [5], 'float32');
const as = (t: Tensor, d: DType): Tensor => toDtype(t, d);

const CASES: Record<string, () => Tensor> = {};
for (const red of ['none', 'mean', 'sum']) {
  Object.assign(CASES, {
    [`mse ${red}`]: () => mseLoss(a, b, red),
    [`l1 ${red}`]: () => l1Loss(a, b, red),
    [`smooth_l1 ${red}`]: () => smoothL1Loss(a, b, red),
    [`smooth_l1 beta0.3 ${red}`]: () => smoothL1Loss(a, b, red, 0.3),
    [`huber ${red}`]: () => huberLoss(a, b, red),
    [`huber delta2.5 ${red}`]: () => huberLoss(a, b, red, 2.5),
    [`bce ${red}`]: () => binaryCrossEntropy(p, q, null, red),
    [`bce weight ${red}`]: () => binaryCrossEntropy(p, q, w, red),
    [`bce_logits ${red}`]: () => binaryCrossEntropyWithLogits(a, q, null, red),
    [`bce_logits weight ${red}`]: () => binaryCrossEntropyWithLogits(a, q, w, red),
    [`bce_logits pos_weight ${red}`]: () => binaryCrossEntropyWithLogits(a, q, null, red, w),
    [`kl_div ${red}`]: () => klDiv(kx, kt, red),
    [`nll ${red}`]: () => nllLoss(lp, tgt, { reduction: red }),
    [`nll weight ${red}`]: () => nllLoss(lp, tgt, { weight: cw, reduction: red }),
    [`cross_entropy ${red}`]: () => crossEntropy(logits, tgt, { reduction: red }),
    [`cross_entropy weight ${red}`]: () => crossEntropy(logits, tgt, { weight: cw, reduction: red }),
    [`cross_entropy smoothing ${red}`]: () => crossEntropy(logits, tgt, { weight: cw, reduction: red, labelSmoothing: 0.1 }),
    [`cross_entropy 4d ${red}`]: () => crossEntropy(img, itgt, { reduction: red, ignoreIndex: 2 }),
    [`cross_entropy 4d weight ${red}`]: () => crossEntropy(img, itgt, { weight: cw5, reduction: red }),
    [`cross_entropy 3d weight ${red}`]: () => crossEntropy(seq, stgt, { weight: cw5, reduction: red }),
    [`cross_entropy probs ${red}`]: () => crossEntropy(logits, softmax(flip(logits, 0), 1), { reduction: red }),
  });
}
CASES['kl_div batchmean'] = () => klDiv(kx, kt, 'batchmean');
CASES['kl_div log_target sum'] = () => klDiv(kx, kl, 'sum', true);
for (const red of ['mean', 'sum']) {
  const D = (t: Tensor): Tensor => as(t, 'float64');
  Object.assign(CASES, {
    [`f64 smooth_l1 ${red}`]: () => smoothL1Loss(D(a), D(b), red),
    [`f64 huber ${red}`]: () => huberLoss(D(a), D(b), red),
    [`f64 nll weight ${red}`]: () => nllLoss(D(lp), tgt, { weight: D(cw), reduction: red }),
    [`f64 bce ${red}`]: () => binaryCrossEntropy(D(p), D(q), null, red),
    [`half smooth_l1 ${red}`]: () => smoothL1Loss(as(a, 'float16'), as(b, 'float16'), red),
    [`bf16 huber ${red}`]: () => huberLoss(as(a, 'bfloat16'), as(b, 'bfloat16'), red),
  });
}

/**
 * Unreduced values that pass through SLEEF's logf/log1pf (log_softmax inside cross_entropy,
 * log_sigmoid inside bce_with_logits), which we model by the correctly rounded values: these may
 * be a few ulp off on a few elements (their reductions above still match exactly).
 */
const SLEEF_LOG = new Set(['cross_entropy none', 'cross_entropy weight none', 'bce_logits none', 'bce_logits weight none', 'bce_logits pos_weight none']);

/** Element indices more than 4 ulp apart, and how many are 1..4 ulp apart (float32 dumps): a
 * 1-ulp log difference can grow by cancellation in (1 - t)·x - log_sigmoid(x). */
function ulpMisses(got: string, want: string): { far: number[]; near: number } {
  const x = new Int32Array(f32FromHex(got).buffer);
  const y = new Int32Array(f32FromHex(want).buffer);
  const far: number[] = [];
  let near = 0;
  for (let i = 0; i < y.length; i++) {
    const d = Math.abs(x[i] - y[i]);
    if (d > 4) far.push(i);
    else if (d > 0) near++;
  }
  return { far, near };
}

const width = (name: string): number => (name.startsWith('f64') ? 16 : name.startsWith('half') || name.startsWith('bf16') ? 4 : 8);

describe('binary_cross_entropy range checks', () => {
  for (const [key, msg] of Object.entries(items(dump.vars.errors)).map(([k, v]) => [k, str(v)] as const))
    it(key, () => {
      const [p0, q0] = key.split('] [').map((x) => x.replace(/[[\]]/g, '').split(', ').map(Number));
      const run = (): Tensor => binaryCrossEntropy(Tensor.fromArray(Float32Array.from(p0), [2], 'float32'), Tensor.fromArray(Float32Array.from(q0), [2], 'float32'));
      if (msg === 'ok') expect(run).not.toThrow();
      else expect(run).toThrow(msg);
    });
});

describe('loss values, bit for bit', () => {
  it('covers every fixture case', () => expect(Object.keys(CASES).sort()).toEqual(Object.keys(results).sort()));
  for (const [name, run] of Object.entries(CASES))
    it(name, () => {
      const got = hexOf(run());
      expect(got.length).toBe(results[name].length);
      if (SLEEF_LOG.has(name)) {
        const { far, near } = ulpMisses(got, results[name]);
        expect(far).toEqual([]);
        expect(near).toBeLessThanOrEqual(results[name].length / 8 / 50);
      } else expect(diffWords(got, results[name], width(name))).toEqual([]);
    });
});
