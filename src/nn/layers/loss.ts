// Loss modules (torch.nn.modules.loss): MSELoss, L1Loss, SmoothL1Loss, HuberLoss, BCELoss,
// BCEWithLogitsLoss, KLDivLoss, NLLLoss, CrossEntropyLoss. They store `reduction` (and their other
// options) in `__dict__`; the weighted ones register `weight` (and BCEWithLogitsLoss `pos_weight`)
// as buffers exactly as _WeightedLoss does — so a class weight shows in state_dict() and can be
// overridden by functional_call. Forwards read those buffers through getattr and call the engine's
// loss ops (tensor/ops/nn/loss.ts). The legacy size_average/reduce arguments are accepted and
// folded into `reduction` as torch's _Reduction.legacy_get_string does, with its UserWarning.

import {
  binaryCrossEntropy, binaryCrossEntropyWithLogits, crossEntropy, huberLoss, klDiv, l1Loss, mseLoss, nllLoss, smoothL1Loss,
} from '../../tensor/ops/nn/loss';
import type { PyValue } from '../../python/object';
import { engineWarn } from '../../tensor/warnings';
import type { Tensor } from '../../tensor/tensor';
import type { Module } from '../module';
import { asFloat, asInt, attr, defineMethod, layerType, tensorArg, tensorAttr, truthy } from './common';

const MOD = 'torch.nn.modules.loss';

/** _Reduction.legacy_get_string: size_average/reduce (None = True) → 'none' | 'mean' | 'sum'. */
export function reductionOf(sizeAverage: PyValue, reduce: PyValue, reduction: PyValue): PyValue {
  if (sizeAverage === null && reduce === null) return reduction;
  const sa = sizeAverage === null ? true : truthy(sizeAverage);
  const r = reduce === null ? true : truthy(reduce);
  const ret = !r ? 'none' : sa ? 'mean' : 'sum';
  engineWarn('UserWarning', `size_average and reduce args will be deprecated, please use reduction='${ret}' instead.`);
  return ret;
}
const red = (m: Module): string => String(attr(m, 'reduction'));

interface LossSpec {
  name: string;
  /** Extra constructor parameters after the common ones, as `name=default` text. */
  sig: string;
  /** Keys stored in `__dict__` from the bound values (index into the binder's values). */
  store: [string, number][];
  /** Buffers registered from bound values. */
  buffers?: [string, number][];
  /** Index of size_average / reduce / reduction in the bound values (-1, -1, i: no legacy ones). */
  legacy: [number, number, number];
  forward: (m: Module, x: Tensor, y: Tensor) => Promise<Tensor> | Tensor;
}

function lossType(s: LossSpec) {
  const T = layerType(s.name, MOD);
  defineMethod(T, `${s.name}.__init__(self, ${s.sig})`, async (self, v) => {
    self.init();
    const [a, b, c] = s.legacy;
    // a < 0: the class has no legacy size_average/reduce (HuberLoss)
    self.dict!.set('reduction', a < 0 ? v[c] : reductionOf(v[a], v[b], v[c]));
    for (const [k, i] of s.store) self.dict!.set(k, v[i]);
    for (const [k, i] of s.buffers ?? []) await self.registerBuffer(k, v[i]);
    return null;
  });
  defineMethod(T, `${s.name}.forward(self, input, target)`, (self, v) =>
    s.forward(self, tensorArg(v[1], s.name, 'input'), tensorArg(v[2], s.name, 'target', 2)),
  );
  return T;
}

const plain = "size_average=None, reduce=None, reduction='mean'";
export const MSELossType = lossType({ name: 'MSELoss', sig: plain, store: [], legacy: [1, 2, 3], forward: (m, x, y) => mseLoss(x, y, red(m)) });
export const L1LossType = lossType({ name: 'L1Loss', sig: plain, store: [], legacy: [1, 2, 3], forward: (m, x, y) => l1Loss(x, y, red(m)) });
export const SmoothL1LossType = lossType({
  name: 'SmoothL1Loss', sig: `${plain}, beta=1.0`, store: [['beta', 4]], legacy: [1, 2, 3],
  forward: (m, x, y) => smoothL1Loss(x, y, red(m), asFloat(attr(m, 'beta'))),
});
export const HuberLossType = lossType({
  name: 'HuberLoss', sig: "reduction='mean', delta=1.0", store: [['delta', 2]], legacy: [-1, -1, 1],
  forward: (m, x, y) => huberLoss(x, y, red(m), asFloat(attr(m, 'delta'))),
});
export const KLDivLossType = lossType({
  name: 'KLDivLoss', sig: `${plain}, log_target=False`, store: [['log_target', 4]], legacy: [1, 2, 3],
  forward: (m, x, y) => klDiv(x, y, red(m), truthy(attr(m, 'log_target'))),
});
export const BCELossType = lossType({
  name: 'BCELoss', sig: `weight=None, ${plain}`, store: [], buffers: [['weight', 1]], legacy: [2, 3, 4],
  forward: async (m, x, y) => binaryCrossEntropy(x, y, await tensorAttr(m, 'weight'), red(m)),
});
export const BCEWithLogitsLossType = lossType({
  name: 'BCEWithLogitsLoss', sig: `weight=None, ${plain}, pos_weight=None`, store: [], buffers: [['weight', 1], ['pos_weight', 5]],
  legacy: [2, 3, 4],
  forward: async (m, x, y) => binaryCrossEntropyWithLogits(x, y, await tensorAttr(m, 'weight'), red(m), await tensorAttr(m, 'pos_weight')),
});
export const NLLLossType = lossType({
  name: 'NLLLoss', sig: "weight=None, size_average=None, ignore_index=-100, reduce=None, reduction='mean'",
  store: [['ignore_index', 3]], buffers: [['weight', 1]], legacy: [2, 4, 5],
  forward: async (m, x, y) =>
    nllLoss(x, y, { weight: await tensorAttr(m, 'weight'), ignoreIndex: asInt(attr(m, 'ignore_index'), 'ignore_index'), reduction: red(m) }),
});
export const CrossEntropyLossType = lossType({
  name: 'CrossEntropyLoss',
  sig: "weight=None, size_average=None, ignore_index=-100, reduce=None, reduction='mean', label_smoothing=0.0",
  store: [['ignore_index', 3], ['label_smoothing', 6]], buffers: [['weight', 1]], legacy: [2, 4, 5],
  forward: async (m, x, y) =>
    crossEntropy(x, y, {
      weight: await tensorAttr(m, 'weight'),
      ignoreIndex: asInt(attr(m, 'ignore_index'), 'ignore_index'),
      reduction: red(m),
      labelSmoothing: asFloat(attr(m, 'label_smoothing')),
    }),
});
