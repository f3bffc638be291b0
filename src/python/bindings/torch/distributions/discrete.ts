// The discrete distributions, op for op as PyTorch's bernoulli.py, categorical.py and
// one_hot_categorical.py. Each keeps whichever of `probs` / `logits` it was given in the instance
// dict and derives the other lazily (clamped log for logits, sigmoid / softmax for probs).
// Sampling is torch.bernoulli(probs.expand(shape)) and torch.multinomial(probs_2d, n, True).T,
// so the draws are the engine's torch-parity samplers; log_prob and entropy go through
// binary_cross_entropy_with_logits and gather as PyTorch does.

import { PyError } from '../../../../errors';
import { setitem } from '../../../builtins/ops';
import { PyTuple, call, type PyType } from '../../../object';
import { C, integerInterval } from './constraints';
import { constraintDict, defineDistribution } from './define';
import {
  DistributionType, ExponentialFamilyType, batchShape, checkedInstance, distInit, eventShape, extendedShape, finishExpand, get, maybeValidate, own, sampleShapeArg, set,
} from './distribution';
import {
  type V, F, add, attr, div, torchAttr, broadcastAll, broadcastTensors, f, finfo, isNumber, lastDimHead, logitsToProbs, m, mul, neg, probsToLogits, shapeOf, size, sub, tensor, toSize, torch, withGrad,
} from './ops';

const bothGiven = (probs: V, logits: V): void => {
  if ((probs === null) === (logits === null)) throw new PyError('ValueError', 'Either `probs` or `logits` must be specified, but not both.');
};

/** `if 'probs' in self.__dict__: new.probs = self.probs.expand(shape); new._param = new.probs` (same for logits). */
async function expandProbsLogits(self: V, inst: V, shape: PyTuple): Promise<void> {
  for (const k of ['probs', 'logits']) {
    const v = own(self).get(k);
    if (v === undefined) continue;
    const e = await m(v, 'expand', [shape]);
    await set(inst, k, e);
    await set(inst, '_param', e);
  }
}

/** enumerate_support's `values.view((-1,) + (1,) * len(batch))` and optional expand. */
async function enumerateValues(values: V, batch: number[], expand: V, event: number[] = []): Promise<V> {
  const n = shapeOf(values)[0];
  let v = await m(values, 'view', [size([event.length ? n : -1, ...batch.map(() => 1), ...event])]);
  if (expand !== false && expand !== null && expand !== 0) v = await m(v, 'expand', [size([event.length ? n : -1, ...batch, ...event])]);
  return v;
}

export const BernoulliType = defineDistribution({
  name: 'Bernoulli',
  module: 'torch.distributions.bernoulli',
  base: ExponentialFamilyType,
  attrs: { arg_constraints: constraintDict({ probs: C.unitInterval, logits: C.real }), support: C.boolean, has_enumerate_support: true, _mean_carrier_measure: 0 },
  lazy: {
    logits: async (s) => probsToLogits(await get(s, 'probs'), true),
    probs: async (s) => logitsToProbs(await get(s, 'logits'), true),
  },
  props: {
    mean: (s) => get(s, 'probs'),
    mode: async (s) => {
      const probs = await get(s, 'probs');
      const mode = await m(await m(probs, 'ge', [f(0.5)]), 'to', [probs]);
      await setitem(mode, await m(probs, 'eq', [f(0.5)]), f(NaN));
      return mode;
    },
    variance: async (s) => { const p = await get(s, 'probs'); return mul(p, await sub(1, p)); },
    param_shape: async (s) => m(await get(s, '_param'), 'size'),
    _natural_params: async (s) => new PyTuple([await torch('logit', [await get(s, 'probs')])]),
  },
  methods: {
    '__init__(self, probs=None, logits=None, validate_args=None)': async (self, [probs, logits, va]) => {
      bothGiven(probs, logits);
      const given = probs !== null ? probs : logits;
      const [p] = await broadcastAll([given]);
      await set(self, probs !== null ? 'probs' : 'logits', p);
      await set(self, '_param', p);
      await distInit(self, isNumber(given) ? size([]) : await m(p, 'size'), size([]), va);
      return null;
    },
    'expand(self, batch_shape, _instance=None)': async (self, [b, instance]) => {
      const inst = await checkedInstance(self, BernoulliType, instance);
      const batch = await toSize(b);
      await expandProbsLogits(self, inst, batch);
      return finishExpand(self, inst, batch);
    },
    'sample(self, sample_shape=None)': async (self, [s]) => {
      const shape = await extendedShape(self, s);
      return withGrad(false, async () => torch('bernoulli', [await m(await get(self, 'probs'), 'expand', [shape])]));
    },
    'log_prob(self, value)': async (self, [value]) => {
      await maybeValidate(self, value);
      const [logits, v] = await broadcastAll([await get(self, 'logits'), value]);
      return neg(await F('binary_cross_entropy_with_logits', [logits, v], { reduction: 'none' }));
    },
    'entropy(self)': async (self) => F('binary_cross_entropy_with_logits', [await get(self, 'logits'), await get(self, 'probs')], { reduction: 'none' }),
    'enumerate_support(self, expand=True)': async (self, [expand]) => {
      const param = await get(self, '_param');
      const values = await torch('arange', [2], { dtype: await attr(param, 'dtype'), device: await attr(param, 'device') });
      return enumerateValues(values, batchShape(self), expand);
    },
    '_log_normalizer(self, x)': async (_s, [x]) => torch('log1p', [await torch('exp', [x])]),
  },
});

const numEvents = (s: V): number => Number(own(s).get('_num_events'));

export const CategoricalType = defineDistribution({
  name: 'Categorical',
  module: 'torch.distributions.categorical',
  attrs: { arg_constraints: constraintDict({ probs: C.simplex, logits: C.realVector }), has_enumerate_support: true },
  lazy: {
    logits: async (s) => probsToLogits(await get(s, 'probs')),
    probs: async (s) => logitsToProbs(await get(s, 'logits')),
  },
  props: {
    support: async (s) => integerInterval(0, numEvents(s) - 1),
    param_shape: async (s) => m(await get(s, '_param'), 'size'),
    mean: async (s) => nanFull(s),
    variance: async (s) => nanFull(s),
    mode: async (s) => m(await get(s, 'probs'), 'argmax', [], { axis: -1 }),
  },
  methods: {
    '__init__(self, probs=None, logits=None, validate_args=None)': async (self, [probs, logits, va]) => {
      bothGiven(probs, logits);
      if (probs !== null) {
        if (Number(await m(probs, 'dim')) < 1) throw new PyError('ValueError', '`probs` parameter must be at least one-dimensional.');
        await set(self, 'probs', await div(probs, await m(probs, 'sum', [-1], { keepdim: true })));
      } else {
        if (Number(await m(logits, 'dim')) < 1) throw new PyError('ValueError', '`logits` parameter must be at least one-dimensional.');
        await set(self, 'logits', await sub(logits, await m(logits, 'logsumexp', [], { dim: -1, keepdim: true })));
      }
      const param = await get(self, probs !== null ? 'probs' : 'logits');
      await set(self, '_param', param);
      const shape = shapeOf(param);
      await set(self, '_num_events', shape[shape.length - 1]);
      await distInit(self, size(shape.length > 1 ? shape.slice(0, -1) : []), size([]), va);
      return null;
    },
    'expand(self, batch_shape, _instance=None)': async (self, [b, instance]) => {
      const inst = await checkedInstance(self, CategoricalType, instance);
      const batch = await toSize(b);
      await expandProbsLogits(self, inst, size([...shapeOf(batch), numEvents(self)]));
      await set(inst, '_num_events', numEvents(self));
      return finishExpand(self, inst, batch);
    },
    'sample(self, sample_shape=None)': async (self, [s]) => {
      const shape = await sampleShapeArg(s);
      const n = shapeOf(shape).reduce((a, b) => a * b, 1);
      const probs2d = await m(await get(self, 'probs'), 'reshape', [-1, numEvents(self)]);
      const samples2d = await attr(await torch('multinomial', [probs2d, n, true]), 'T');
      return m(samples2d, 'reshape', [await extendedShape(self, shape)]);
    },
    'log_prob(self, value)': async (self, [value]) => {
      await maybeValidate(self, value);
      const idx = await m(await m(value, 'long'), 'unsqueeze', [-1]);
      const [v, logPmf] = broadcastTensors([tensor(idx), tensor(await get(self, 'logits'))]);
      return m(await m(logPmf, 'gather', [-1, await lastDimHead(v)]), 'squeeze', [-1]);
    },
    'entropy(self)': async (self) => {
      const logits0 = tensor(await get(self, 'logits'));
      const logits = await torch('clamp', [logits0], { min: f(finfo(logits0.dtype).min) });
      const pLogP = await mul(logits, await get(self, 'probs'));
      return neg(await m(pLogP, 'sum', [-1]));
    },
    'enumerate_support(self, expand=True)': async (self, [expand]) => {
      const param = await get(self, '_param');
      const values = await torch('arange', [numEvents(self)], { dtype: await torchAttr('long'), device: await attr(param, 'device') });
      return enumerateValues(values, batchShape(self), expand);
    },
  },
});

async function nanFull(s: V): Promise<V> {
  const probs = await get(s, 'probs');
  return torch('full', [await extendedShape(s), f(NaN)], { dtype: await attr(probs, 'dtype'), device: await attr(probs, 'device') });
}

const cat = (s: V): V => own(s).get('_categorical')!;

function oneHotSpec(name: string, base: PyType, extra: Record<string, (self: V, a: V[]) => Promise<V>> = {}): PyType {
  const t: PyType = defineDistribution({
    name,
    module: 'torch.distributions.one_hot_categorical',
    base,
    attrs: base === DistributionType ? { arg_constraints: constraintDict({ probs: C.simplex, logits: C.realVector }), support: C.oneHot, has_enumerate_support: true } : { has_rsample: true },
    props: base === DistributionType ? {
      _param: (s) => get(cat(s), '_param'),
      probs: (s) => get(cat(s), 'probs'),
      logits: (s) => get(cat(s), 'logits'),
      mean: (s) => get(cat(s), 'probs'),
      mode: async (s) => {
        const probs = await get(cat(s), 'probs');
        const mode = await m(probs, 'argmax', [], { axis: -1 });
        return m(await F('one_hot', [mode], { num_classes: shapeOf(probs).at(-1)! }), 'to', [probs]);
      },
      variance: async (s) => { const p = await get(cat(s), 'probs'); return mul(p, await sub(1, p)); },
      param_shape: (s) => get(cat(s), 'param_shape'),
    } : {},
    methods: base === DistributionType ? {
      '__init__(self, probs=None, logits=None, validate_args=None)': async (self, [probs, logits, va]) => {
        const c = await call(CategoricalType, [probs, logits]);
        await set(self, '_categorical', c);
        const ps = shapeOf(await get(c, 'param_shape'));
        await distInit(self, await get(c, 'batch_shape'), size(ps.slice(-1)), va);
        return null;
      },
      'expand(self, batch_shape, _instance=None)': async (self, [b, instance]) => {
        const inst = await checkedInstance(self, t, instance);
        const batch = await toSize(b);
        await set(inst, '_categorical', await m(cat(self), 'expand', [batch]));
        return finishExpand(self, inst, batch);
      },
      'sample(self, sample_shape=None)': async (self, [s]) => {
        const shape = await sampleShapeArg(s);
        const probs = await get(cat(self), 'probs');
        const indices = await m(cat(self), 'sample', [shape]);
        return m(await F('one_hot', [indices, numEvents(cat(self))]), 'to', [probs]);
      },
      'log_prob(self, value)': async (self, [value]) => {
        await maybeValidate(self, value);
        const indices = ((await m(value, 'max', [-1])) as PyTuple).items[1];
        return m(cat(self), 'log_prob', [indices]);
      },
      'entropy(self)': async (self) => m(cat(self), 'entropy'),
      'enumerate_support(self, expand=True)': async (self, [expand]) => {
        const n = eventShape(self)[0];
        const param = await get(self, '_param');
        const values = await torch('eye', [n], { dtype: await attr(param, 'dtype'), device: await attr(param, 'device') });
        return enumerateValues(values, batchShape(self), expand, [n]);
      },
      ...extra,
    } : extra,
  });
  return t;
}

export const OneHotCategoricalType = oneHotSpec('OneHotCategorical', DistributionType);
export const OneHotCategoricalStraightThroughType = oneHotSpec('OneHotCategoricalStraightThrough', OneHotCategoricalType, {
  'rsample(self, sample_shape=None)': async (self, [s]) => {
    const samples = await m(self, 'sample', [await sampleShapeArg(s)]);
    const probs = await get(cat(self), 'probs');
    return add(samples, await sub(probs, await m(probs, 'detach')));
  },
});
