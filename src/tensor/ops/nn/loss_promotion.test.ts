// The pointwise losses promote input and target as TensorIterator does (mse_loss(float, int64)
// works; the backward of mse/huber then fails on the mixed dtypes), and cross_entropy reads a
// target of the input's shape as class probabilities, any other as class indices
// (fixtures/loss_promotion.oracle.py).

import { describe, expect, it } from 'vitest';
import { dict, loadOracle } from '../linalg/fixtures/oracle';
import { caseOutcome, expectClose, expectOutcome, toTensor, toTensors } from '../linalg/fixtures/tensors';
import { Tensor } from '../../tensor';
import { backward } from '../../autograd';
import { crossEntropy, huberLoss, l1Loss, mseLoss, smoothL1Loss } from './loss';

const v = loadOracle(new URL('./fixtures/loss_promotion.oracle.json', import.meta.url)).vars;
const I = toTensors(dict(v.inputs));
const results = dict(v.results);

const cases: Record<string, () => Tensor> = {
  mse_long_target: () => mseLoss(I.x, I.ti),
  mse_long_target_none: () => mseLoss(I.x, I.ti, 'none'),
  mse_double_long: () => mseLoss(I.xd, I.ti, 'sum'),
  mse_long_input: () => mseLoss(I.xi, I.tf),
  mse_long_long: () => mseLoss(I.xi, I.ti),
  mse_float_double: () => mseLoss(I.x, I.xd),
  l1_long_target: () => l1Loss(I.x, I.ti),
  smooth_l1_long_target: () => smoothL1Loss(I.x, I.ti),
  huber_long_target: () => huberLoss(I.x, I.ti),
  ce_float_index: () => crossEntropy(I.logits, I.cls_f),
  ce_double_index: () => crossEntropy(I.logits, I.cls_d),
  ce_float_index_smooth: () => crossEntropy(I.logits, I.cls_f, { labelSmoothing: 0.1 }),
  ce_long_probs: () => crossEntropy(I.logits, I.probs_i),
  ce_probs: () => crossEntropy(I.logits, I.probs_f),
  ce_index: () => crossEntropy(I.logits, I.cls_i),
  ce_unbatched_float_scalar: () => crossEntropy(I.v3, I.s_f),
};

describe('loss dtype rules match PyTorch', () => {
  for (const [name, fn] of Object.entries(cases)) it(name, () => expectOutcome(fn, caseOutcome(dict(results[name])), name));
});

const losses = { mse: mseLoss, smooth_l1: smoothL1Loss, huber: huberLoss, l1: l1Loss };
const backwardCases: Record<string, [keyof typeof losses, string]> = {
  mse: ['mse', 'ti'],
  smooth_l1: ['smooth_l1', 'ti'],
  huber: ['huber', 'ti'],
  mse_double_target: ['mse', 'xd'],
  l1: ['l1', 'ti'],
};

describe('loss backward with a promoted target matches PyTorch', () => {
  const want = dict(v.backward);
  for (const [name, [kind, target]] of Object.entries(backwardCases))
    it(name, async () => {
      const x = toTensor(dict(v.inputs).x);
      x.requiresGrad = true;
      const w = dict(want[name]);
      const run = backward([losses[kind](x, I[target])]);
      if ('error' in w) {
        const e = w.error as { type: string; message: string };
        await expect(run).rejects.toMatchObject({ pyType: e.type, message: e.message });
      } else {
        await run;
        expectClose(x.grad!, w.grad, name);
      }
    });
});
