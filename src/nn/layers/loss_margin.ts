// The margin / embedding losses of torch.nn.modules.loss whose forward takes more than
// (input, target): MarginRankingLoss(input1, input2, target), HingeEmbeddingLoss(input, target),
// CosineEmbeddingLoss(input1, input2, target), TripletMarginLoss(anchor, positive, negative). Each
// stores its options and `reduction` (legacy size_average/reduce folded in, as in loss.ts) and
// forwards to its torch.nn.functional function, so values and errors are F's.

import { type PyValue, call, getattr } from '../../python/object';
import { importModule } from '../../python/interp/modules';
import { attr, defineMethod, layerType } from './common';
import { reductionOf } from './loss';

interface MarginLossSpec {
  name: string;
  fn: string;
  /** Options before size_average/reduce/reduction, as `name=default`. */
  options: string[];
  /** The forward's tensor arguments, in order. */
  inputs: string[];
}

function marginLoss(s: MarginLossSpec) {
  const T = layerType(s.name, 'torch.nn.modules.loss');
  const names = s.options.map((o) => o.split('=')[0]);
  defineMethod(T, `${s.name}.__init__(self, ${[...s.options, 'size_average=None', 'reduce=None', "reduction='mean'"].join(', ')})`, (self, v) => {
    self.init();
    const n = names.length;
    names.forEach((k, i) => self.dict!.set(k, v[i + 1]));
    self.dict!.set('reduction', reductionOf(v[n + 1], v[n + 2], v[n + 3]));
    return null;
  });
  defineMethod(T, `${s.name}.forward(self, ${s.inputs.join(', ')})`, async (self, v) => {
    const kw = new Map<string, PyValue>(names.map((k) => [k, attr(self, k)]));
    kw.set('reduction', attr(self, 'reduction'));
    return call(await getattr(importModule('torch.nn.functional'), s.fn), v.slice(1, 1 + s.inputs.length), kw);
  });
  return T;
}

export const MARGIN_LOSSES = [
  marginLoss({ name: 'MarginRankingLoss', fn: 'margin_ranking_loss', options: ['margin=0.0'], inputs: ['input1', 'input2', 'target'] }),
  marginLoss({ name: 'HingeEmbeddingLoss', fn: 'hinge_embedding_loss', options: ['margin=1.0'], inputs: ['input', 'target'] }),
  marginLoss({ name: 'CosineEmbeddingLoss', fn: 'cosine_embedding_loss', options: ['margin=0.0'], inputs: ['input1', 'input2', 'target'] }),
  marginLoss({ name: 'TripletMarginLoss', fn: 'triplet_margin_loss', options: ['margin=1.0', 'p=2.0', 'eps=1e-06', 'swap=False'], inputs: ['anchor', 'positive', 'negative'] }),
];
