// nn.LayerNorm and nn.BatchNorm1d/2d (torch.nn.modules.normalization / batchnorm): weights 1,
// biases 0, running_mean 0, running_var 1, num_batches_tracked 0 (int64) — no random draws.
// BatchNorm's forward follows _BatchNorm.forward: in training with tracked stats it bumps
// num_batches_tracked in place, picks the momentum (None → cumulative average 1/n), and lets the
// kernel update whatever running_mean/running_var objects the module holds *now* — which is why a
// functional_call override of only running_mean leaves the module's own running_var updated
// (SEMANTICS §9.2.1).

import { valueError } from '../../errors';
import { PyList, PyTuple, type PyValue, callMethod } from '../../python/object';
import { Tensor } from '../../tensor/tensor';
import { Module } from '../module';
import { asFloat, asInt, attr, defineMethod, factoryDtype, fillConst, fmt, layerType, newParameter, tensorArg, tensorAttr, truthy } from './common';
import { nnKernels } from './kernels';

export const LayerNormType = layerType('LayerNorm', 'torch.nn.modules.normalization');
defineMethod(
  LayerNormType,
  'LayerNorm.__init__(self, normalized_shape, eps=1e-05, elementwise_affine=True, bias=True, device=None, dtype=None)',
  async (self, v) => {
    self.init();
    const shapeArg = v[1];
    const shape =
      typeof shapeArg === 'number'
        ? [shapeArg]
        : shapeArg instanceof PyTuple || shapeArg instanceof PyList
          ? shapeArg.items.map((d) => asInt(d, 'normalized_shape'))
          : [asInt(shapeArg, 'normalized_shape')];
    self.dict!.set('normalized_shape', new PyTuple(shape));
    self.dict!.set('eps', v[2]);
    self.dict!.set('elementwise_affine', v[3]);
    const dtype = factoryDtype(v[6], false);
    if (truthy(v[3])) {
      await self.registerParameter('weight', newParameter(shape, dtype));
      await self.registerParameter('bias', truthy(v[4]) ? newParameter(shape, dtype) : null);
    } else {
      await self.registerParameter('weight', null);
      await self.registerParameter('bias', null);
    }
    await callMethod(self, 'reset_parameters', []);
    return null;
  },
);
defineMethod(LayerNormType, 'LayerNorm.reset_parameters(self)', (self) => {
  if (truthy(attr(self, 'elementwise_affine'))) {
    fillConst(self.params().get('weight') as Tensor | null, 1);
    fillConst(self.params().get('bias') as Tensor | null, 0);
  }
  return null;
});
defineMethod(LayerNormType, 'LayerNorm.extra_repr(self)', (self) =>
  `${fmt(attr(self, 'normalized_shape'))}, eps=${fmt(attr(self, 'eps'))}, elementwise_affine=${fmt(attr(self, 'elementwise_affine'))}`,
);
defineMethod(LayerNormType, 'LayerNorm.forward(self, input)', async (self, v) => {
  const x = tensorArg(v[1], 'layer_norm');
  const shape = (attr(self, 'normalized_shape') as PyTuple).items as number[];
  return nnKernels().layerNorm(x, shape, await tensorAttr(self, 'weight'), await tensorAttr(self, 'bias'), asFloat(attr(self, 'eps')));
});

function batchNormType(name: string, allowedDims: number[]) {
  const T = layerType(name, 'torch.nn.modules.batchnorm');
  defineMethod(
    T,
    `${name}.__init__(self, num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None)`,
    async (self, v) => {
      self.init();
      const n = asInt(v[1], 'num_features');
      const d = self.dict!;
      d.set('num_features', v[1]);
      d.set('eps', v[2]);
      d.set('momentum', v[3]);
      d.set('affine', v[4]);
      d.set('track_running_stats', v[5]);
      const dtype = factoryDtype(v[7], false);
      if (truthy(v[4])) {
        await self.registerParameter('weight', newParameter([n], dtype));
        await self.registerParameter('bias', newParameter([n], dtype));
      } else {
        await self.registerParameter('weight', null);
        await self.registerParameter('bias', null);
      }
      if (truthy(v[5])) {
        await self.registerBuffer('running_mean', Tensor.empty([n], dtype));
        await self.registerBuffer('running_var', Tensor.empty([n], dtype));
        await self.registerBuffer('num_batches_tracked', Tensor.empty([], 'int64'));
      } else {
        await self.registerBuffer('running_mean', null);
        await self.registerBuffer('running_var', null);
        await self.registerBuffer('num_batches_tracked', null);
      }
      await callMethod(self, 'reset_parameters', []);
      return null;
    },
  );
  defineMethod(T, `${name}.reset_running_stats(self)`, (self) => resetRunningStats(self));
  defineMethod(T, `${name}.reset_parameters(self)`, async (self) => {
    await callMethod(self, 'reset_running_stats', []);
    if (truthy(attr(self, 'affine'))) {
      fillConst(self.params().get('weight') as Tensor | null, 1);
      fillConst(self.params().get('bias') as Tensor | null, 0);
    }
    return null;
  });
  defineMethod(T, `${name}.extra_repr(self)`, (self) =>
    `${fmt(attr(self, 'num_features'))}, eps=${fmt(attr(self, 'eps'))}, momentum=${fmt(attr(self, 'momentum'))}, ` +
    `affine=${fmt(attr(self, 'affine'))}, track_running_stats=${fmt(attr(self, 'track_running_stats'))}`,
  );
  defineMethod(T, `${name}.forward(self, input)`, async (self, v) => {
    const x = tensorArg(v[1], 'batch_norm');
    if (!allowedDims.includes(x.ndim)) {
      throw valueError(`expected ${allowedDims.map((k) => `${k}D`).join(' or ')} input (got ${x.ndim}D input)`);
    }
    return batchNormForward(self, x);
  });
  return T;
}

/** _NormBase.reset_running_stats: running_mean.zero_(), running_var.fill_(1),
 * num_batches_tracked.zero_() — in place (each bumps `_version`), only when stats are tracked. */
export function resetRunningStats(self: Module): null {
  if (truthy(attr(self, 'track_running_stats'))) {
    const b = self.buffers();
    fillConst(b.get('running_mean') as Tensor | null, 0);
    fillConst(b.get('running_var') as Tensor | null, 1);
    fillConst(b.get('num_batches_tracked') as Tensor | null, 0);
  }
  return null;
}

async function batchNormForward(self: Module, x: Tensor): Promise<PyValue> {
  const momentum = attr(self, 'momentum');
  let eaf = momentum === null ? 0 : asFloat(momentum);
  const training = self.training;
  const track = truthy(attr(self, 'track_running_stats'));
  if (training && track) {
    const nbt = await tensorAttr(self, 'num_batches_tracked');
    if (nbt !== null) {
      nnKernels().increment(nbt);
      if (momentum === null) eaf = 1 / Number(nbt.item());
    }
  }
  const rm = await tensorAttr(self, 'running_mean');
  const rv = await tensorAttr(self, 'running_var');
  const bnTraining = training ? true : rm === null && rv === null;
  const useStats = !training || track;
  return nnKernels().batchNorm(
    x,
    useStats ? rm : null,
    useStats ? rv : null,
    await tensorAttr(self, 'weight'),
    await tensorAttr(self, 'bias'),
    bnTraining,
    eaf,
    asFloat(attr(self, 'eps')),
  );
}

export const BatchNorm1dType = batchNormType('BatchNorm1d', [2, 3]);
export const BatchNorm2dType = batchNormType('BatchNorm2d', [4]);

