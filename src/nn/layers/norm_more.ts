// GroupNorm, InstanceNorm1d/2d and RMSNorm (torch.nn.modules.normalization / instancenorm).
// GroupNorm and RMSNorm call the engine's kernels; instance norm is ATen's own recipe — batch norm
// over the input viewed as (1, N·C, *), with weight, bias and running stats repeated N times, the
// averaged stats copied back into the module's buffers (a copy_, so their `_version` moves on every
// forward that passes them, as in PyTorch), and the result viewed back (ViewBackward0).
// num_batches_tracked exists on a tracking InstanceNorm but, as in PyTorch, is never incremented.
// Every layer's reset_parameters runs in __init__ (ones_/zeros_: `_version` 1).

import { valueError } from '../../errors';
import { PyList, PyTuple, type PyValue, callMethod } from '../../python/object';
import { withNoGrad } from '../../tensor/grad';
import { copy_ } from '../../tensor/ops/copy';
import { mean } from '../../tensor/ops/reduce';
import { repeat } from '../../tensor/ops/reorder';
import { contiguous, squeeze, unsqueeze, view } from '../../tensor/ops/views';
import { batchNorm, groupNorm, rmsNorm } from '../../tensor/ops/nn/normalization';
import { Tensor } from '../../tensor/tensor';
import type { Module } from '../module';
import { resetRunningStats } from './norm';
import {
  asFloat, asInt, attr, defineMethod, factoryDtype, fillConst, fmt, layerType, newParameter, tensorArg, tensorAttr, truthy,
} from './common';

const affineReset = (self: Module): null => {
  fillConst(self.params().get('weight') as Tensor | null, 1);
  fillConst(self.params().get('bias') as Tensor | null, 0);
  return null;
};

export const GroupNormType = layerType('GroupNorm', 'torch.nn.modules.normalization');
defineMethod(GroupNormType, 'GroupNorm.__init__(self, num_groups, num_channels, eps=1e-05, affine=True, device=None, dtype=None)', async (self, v) => {
  const g = asInt(v[1], 'num_groups');
  const c = asInt(v[2], 'num_channels');
  if (c % g !== 0) throw valueError('num_channels must be divisible by num_groups');
  self.init();
  const d = self.dict!;
  d.set('num_groups', v[1]);
  d.set('num_channels', v[2]);
  d.set('eps', v[3]);
  d.set('affine', v[4]);
  const dtype = factoryDtype(v[6], false);
  await self.registerParameter('weight', truthy(v[4]) ? newParameter([c], dtype) : null);
  await self.registerParameter('bias', truthy(v[4]) ? newParameter([c], dtype) : null);
  await callMethod(self, 'reset_parameters', []);
  return null;
});
defineMethod(GroupNormType, 'GroupNorm.reset_parameters(self)', (self) => (truthy(attr(self, 'affine')) ? affineReset(self) : null));
defineMethod(GroupNormType, 'GroupNorm.extra_repr(self)', (self) =>
  `${fmt(attr(self, 'num_groups'))}, ${fmt(attr(self, 'num_channels'))}, eps=${fmt(attr(self, 'eps'))}, affine=${fmt(attr(self, 'affine'))}`,
);
defineMethod(GroupNormType, 'GroupNorm.forward(self, input)', async (self, v) =>
  groupNorm(
    tensorArg(v[1], 'group_norm'), asInt(attr(self, 'num_groups'), 'num_groups'),
    await tensorAttr(self, 'weight'), await tensorAttr(self, 'bias'), asFloat(attr(self, 'eps')),
  ),
);

/** F.instance_norm(input, running_mean, running_var, weight, bias, use_input_stats, momentum, eps). */
export function instanceNorm(
  x: Tensor, rm: Tensor | null, rv: Tensor | null, w: Tensor | null, b: Tensor | null, useInputStats: boolean, momentum: number, eps: number,
): Tensor {
  const [n, c] = x.shape;
  const rep = (t: Tensor | null): Tensor | null => (t === null ? null : repeat(t, [n]));
  const rmRep = rep(rm);
  const rvRep = rep(rv);
  const flat = view(contiguous(x), [1, n * c, ...x.shape.slice(2)]);
  const out = batchNorm(flat, rmRep, rvRep, rep(w), rep(b), { training: useInputStats, momentum, eps });
  withNoGrad(() => {
    if (rm !== null && rmRep !== null) copy_(rm, mean(view(rmRep, [n, c]), 0));
    if (rv !== null && rvRep !== null) copy_(rv, mean(view(rvRep, [n, c]), 0));
  });
  return view(out, x.shape);
}

function instanceNormType(nd: 1 | 2) {
  const name = `InstanceNorm${nd}d`;
  const T = layerType(name, 'torch.nn.modules.instancenorm');
  defineMethod(
    T,
    `${name}.__init__(self, num_features, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False, device=None, dtype=None)`,
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
      await self.registerParameter('weight', truthy(v[4]) ? newParameter([n], dtype) : null);
      await self.registerParameter('bias', truthy(v[4]) ? newParameter([n], dtype) : null);
      const track = truthy(v[5]);
      await self.registerBuffer('running_mean', track ? Tensor.empty([n], dtype) : null);
      await self.registerBuffer('running_var', track ? Tensor.empty([n], dtype) : null);
      await self.registerBuffer('num_batches_tracked', track ? Tensor.empty([], 'int64') : null);
      await callMethod(self, 'reset_parameters', []);
      return null;
    },
  );
  defineMethod(T, `${name}.reset_running_stats(self)`, (self) => resetRunningStats(self));
  defineMethod(T, `${name}.reset_parameters(self)`, async (self) => {
    await callMethod(self, 'reset_running_stats', []);
    return truthy(attr(self, 'affine')) ? affineReset(self) : null;
  });
  defineMethod(T, `${name}.extra_repr(self)`, (self) =>
    `${fmt(attr(self, 'num_features'))}, eps=${fmt(attr(self, 'eps'))}, momentum=${fmt(attr(self, 'momentum'))}, ` +
    `affine=${fmt(attr(self, 'affine'))}, track_running_stats=${fmt(attr(self, 'track_running_stats'))}`,
  );
  defineMethod(T, `${name}.forward(self, input)`, async (self, v) => {
    const x = tensorArg(v[1], 'instance_norm');
    if (x.ndim !== nd + 1 && x.ndim !== nd + 2) throw valueError(`expected ${nd + 1}D or ${nd + 2}D input (got ${x.ndim}D input)`);
    const unbatched = x.ndim === nd + 1;
    const input = unbatched ? unsqueeze(x, 0) : x;
    const track = truthy(attr(self, 'track_running_stats'));
    const momentum = attr(self, 'momentum');
    const out = instanceNorm(
      input,
      track ? await tensorAttr(self, 'running_mean') : null,
      track ? await tensorAttr(self, 'running_var') : null,
      await tensorAttr(self, 'weight'),
      await tensorAttr(self, 'bias'),
      self.training || !track,
      momentum === null ? 0.1 : asFloat(momentum),
      asFloat(attr(self, 'eps')),
    );
    return unbatched ? squeeze(out, 0) : out;
  });
  return T;
}

export const InstanceNorm1dType = instanceNormType(1);
export const InstanceNorm2dType = instanceNormType(2);

const shapeOf = (v: PyValue): number[] =>
  v instanceof PyTuple || v instanceof PyList ? v.items.map((d) => asInt(d, 'normalized_shape')) : [asInt(v, 'normalized_shape')];

export const RMSNormType = layerType('RMSNorm', 'torch.nn.modules.normalization');
defineMethod(RMSNormType, 'RMSNorm.__init__(self, normalized_shape, eps=None, elementwise_affine=True, device=None, dtype=None)', async (self, v) => {
  self.init();
  const shape = shapeOf(v[1]);
  self.dict!.set('normalized_shape', new PyTuple(shape));
  self.dict!.set('eps', v[2]);
  self.dict!.set('elementwise_affine', v[3]);
  await self.registerParameter('weight', truthy(v[3]) ? newParameter(shape, factoryDtype(v[5], false)) : null);
  await callMethod(self, 'reset_parameters', []);
  return null;
});
defineMethod(RMSNormType, 'RMSNorm.reset_parameters(self)', (self) => {
  if (truthy(attr(self, 'elementwise_affine'))) fillConst(self.params().get('weight') as Tensor | null, 1);
  return null;
});
defineMethod(RMSNormType, 'RMSNorm.extra_repr(self)', (self) =>
  `${fmt(attr(self, 'normalized_shape'))}, eps=${fmt(attr(self, 'eps'))}, elementwise_affine=${fmt(attr(self, 'elementwise_affine'))}`,
);
defineMethod(RMSNormType, 'RMSNorm.forward(self, x)', async (self, v) => {
  const x = tensorArg(v[1], 'rms_norm');
  const eps = attr(self, 'eps');
  return rmsNorm(x, (attr(self, 'normalized_shape') as PyTuple).items as number[], await tensorAttr(self, 'weight'), eps === null ? null : asFloat(eps));
});
