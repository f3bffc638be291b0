// torch.distributions.Independent: reinterprets the rightmost batch dimensions of a base
// distribution as event dimensions (log_prob and entropy summed over them with _sum_rightmost),
// delegating sampling and moments to the base, as PyTorch's independent.py; plus its
// kl_divergence(Independent, Independent) registration.

import { PyError } from '../../../../errors';
import { repr, str } from '../../../builtins/repr';
import { PyDict } from '../../../object';
import { independent as independentConstraint } from './constraints';
import { defineDistribution } from './define';
import { checkedInstance, distInit, finishExpand, get, own, set } from './distribution';
import { klIndependent, registerNativeKl } from './kl';
import { type V, m, shapeOf, size, sumRightmost, toSize } from './ops';

const base = (s: V): V => own(s).get('base_dist')!;
const ndims = async (s: V): Promise<number> => Number(await get(s, 'reinterpreted_batch_ndims'));

export const IndependentType = defineDistribution({
  name: 'Independent',
  module: 'torch.distributions.independent',
  attrs: { arg_constraints: new PyDict() },
  props: {
    has_rsample: (s) => get(base(s), 'has_rsample'),
    has_enumerate_support: async (s) => ((await ndims(s)) > 0 ? false : get(base(s), 'has_enumerate_support')),
    support: async (s) => {
      const result = await get(base(s), 'support');
      const n = await ndims(s);
      return n ? independentConstraint(result, n) : result;
    },
    mean: (s) => get(base(s), 'mean'),
    mode: (s) => get(base(s), 'mode'),
    variance: (s) => get(base(s), 'variance'),
  },
  methods: {
    '__init__(self, base_distribution, reinterpreted_batch_ndims, validate_args=None)': async (self, [b, n, va]) => {
      const bs = shapeOf(await get(b, 'batch_shape'));
      const es = shapeOf(await get(b, 'event_shape'));
      if (Number(n) > bs.length)
        throw new PyError('ValueError', `Expected reinterpreted_batch_ndims <= len(base_distribution.batch_shape), actual ${await str(n)} vs ${bs.length}`);
      const shape = [...bs, ...es];
      const eventDim = Number(n) + es.length;
      await set(self, 'base_dist', b);
      await set(self, 'reinterpreted_batch_ndims', n);
      await distInit(self, size(shape.slice(0, shape.length - eventDim)), size(shape.slice(shape.length - eventDim)), va);
      return null;
    },
    'expand(self, batch_shape, _instance=None)': async (self, [b, instance]) => {
      const inst = await checkedInstance(self, IndependentType, instance);
      const batch = await toSize(b);
      const n = await ndims(self);
      const ev = shapeOf(own(self).get('_event_shape')!);
      await set(inst, 'base_dist', await m(base(self), 'expand', [size([...shapeOf(batch), ...ev.slice(0, n)])]));
      await set(inst, 'reinterpreted_batch_ndims', await get(self, 'reinterpreted_batch_ndims'));
      return finishExpand(self, inst, batch);
    },
    'sample(self, sample_shape=None)': async (self, [s]) => m(base(self), 'sample', s === null ? [] : [s]),
    'rsample(self, sample_shape=None)': async (self, [s]) => m(base(self), 'rsample', s === null ? [] : [s]),
    'log_prob(self, value)': async (self, [value]) => sumRightmost(await m(base(self), 'log_prob', [value]), await ndims(self)),
    'entropy(self)': async (self) => sumRightmost(await m(base(self), 'entropy'), await ndims(self)),
    'enumerate_support(self, expand=True)': async (self, [expand]) => {
      if ((await ndims(self)) > 0) throw new PyError('NotImplementedError', 'Enumeration over cartesian product is not implemented');
      return m(base(self), 'enumerate_support', [], { expand });
    },
    '__repr__(self)': async (self) => `${(self as { cls: { name: string } }).cls.name}(${await str(base(self))}, ${await repr(await get(self, 'reinterpreted_batch_ndims'))})`,
  },
});

registerNativeKl(() => IndependentType, () => IndependentType, klIndependent);
