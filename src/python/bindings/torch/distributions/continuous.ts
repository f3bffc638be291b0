// The other one-parameter-family continuous distributions, op for op as PyTorch's uniform.py,
// exponential.py and laplace.py: Uniform (rsample `low + rand * (high - low)` with torch.rand),
// Exponential (rsample `rate.new(shape).exponential_() / rate`) and Laplace (rsample from
// `uniform_(eps - 1, 1)` and `loc - scale * u.sign() * log1p(-u.abs())`).

import { PyError } from '../../../../errors';
import { truthyAsync } from '../../../builtins/truth';
import { PyTuple } from '../../../object';
import { C, dependent, interval } from './constraints';
import { constraintDict, defineDistribution } from './define';
import { ExponentialFamilyType, distInit, extendedShape, get, maybeValidate, set, validating } from './distribution';
import { expandParams, initLocScale } from './normal';
import { type V, add, attr, broadcastAll, div, f, finfo, isNumber, m, mul, neg, newLike, size, sub, tensor, torch } from './ops';

const both = async (s: V, a: string, b: string): Promise<[V, V]> => [await get(s, a), await get(s, b)];

export const UniformType = defineDistribution({
  name: 'Uniform',
  module: 'torch.distributions.uniform',
  attrs: { arg_constraints: constraintDict({ low: dependent(false, 0), high: dependent(false, 0) }), has_rsample: true },
  props: {
    mean: async (s) => { const [lo, hi] = await both(s, 'low', 'high'); return div(await add(hi, lo), 2); },
    mode: async (s) => mul(f(NaN), await get(s, 'high')),
    stddev: async (s) => { const [lo, hi] = await both(s, 'low', 'high'); return div(await sub(hi, lo), f(Math.sqrt(12))); },
    variance: async (s) => { const [lo, hi] = await both(s, 'low', 'high'); return div(await m(await sub(hi, lo), 'pow', [2]), 12); },
    support: async (s) => { const [lo, hi] = await both(s, 'low', 'high'); return interval(lo, hi); },
  },
  methods: {
    '__init__(self, low, high, validate_args=None)': async (self, [low, high, va]) => {
      await initLocScale(self, ['low', 'high'], low, high, va);
      if (await validating(self)) {
        const [lo, hi] = await both(self, 'low', 'high');
        if (!(await truthyAsync(await m(await torch('lt', [lo, hi]), 'all')))) throw new PyError('ValueError', 'Uniform is not defined when low>= high');
      }
      return null;
    },
    'expand(self, batch_shape, _instance=None)': expandParams(['low', 'high'], () => UniformType),
    'rsample(self, sample_shape=None)': async (self, [s]) => {
      const shape = await extendedShape(self, s);
      const [lo, hi] = await both(self, 'low', 'high');
      const rand = await torch('rand', [shape], { dtype: await attr(lo, 'dtype'), device: await attr(lo, 'device') });
      return add(lo, await mul(rand, await sub(hi, lo)));
    },
    'log_prob(self, value)': async (self, [value]) => {
      await maybeValidate(self, value);
      const [lo, hi] = await both(self, 'low', 'high');
      const lb = await m(await m(lo, 'le', [value]), 'to', [await attr(lo, 'dtype')]);
      const ub = await m(await m(hi, 'gt', [value]), 'to', [await attr(lo, 'dtype')]);
      return sub(await torch('log', [await m(lb, 'mul', [ub])]), await torch('log', [await sub(hi, lo)]));
    },
    'cdf(self, value)': async (self, [value]) => {
      await maybeValidate(self, value);
      const [lo, hi] = await both(self, 'low', 'high');
      return m(await div(await sub(value, lo), await sub(hi, lo)), 'clamp', [], { min: 0, max: 1 });
    },
    'icdf(self, value)': async (self, [value]) => {
      const [lo, hi] = await both(self, 'low', 'high');
      return add(await mul(value, await sub(hi, lo)), lo);
    },
    'entropy(self)': async (self) => { const [lo, hi] = await both(self, 'low', 'high'); return torch('log', [await sub(hi, lo)]); },
  },
});

export const ExponentialType = defineDistribution({
  name: 'Exponential',
  module: 'torch.distributions.exponential',
  base: ExponentialFamilyType,
  attrs: { arg_constraints: constraintDict({ rate: C.positive }), support: C.nonnegative, has_rsample: true, _mean_carrier_measure: 0 },
  props: {
    mean: async (s) => m(await get(s, 'rate'), 'reciprocal'),
    mode: async (s) => torch('zeros_like', [await get(s, 'rate')]),
    stddev: async (s) => m(await get(s, 'rate'), 'reciprocal'),
    variance: async (s) => m(await get(s, 'rate'), 'pow', [-2]),
    _natural_params: async (s) => new PyTuple([await neg(await get(s, 'rate'))]),
  },
  methods: {
    '__init__(self, rate, validate_args=None)': async (self, [rate, va]) => {
      const [r] = await broadcastAll([rate]);
      await set(self, 'rate', r);
      await distInit(self, isNumber(rate) ? size([]) : await m(r, 'size'), size([]), va);
      return null;
    },
    'expand(self, batch_shape, _instance=None)': expandParams(['rate'], () => ExponentialType),
    'rsample(self, sample_shape=None)': async (self, [s]) => {
      const shape = await extendedShape(self, s);
      const rate = await get(self, 'rate');
      return div(await m(await newLike(rate, shape), 'exponential_'), rate);
    },
    'log_prob(self, value)': async (self, [value]) => {
      await maybeValidate(self, value);
      const rate = await get(self, 'rate');
      return sub(await m(rate, 'log'), await mul(rate, value));
    },
    'cdf(self, value)': async (self, [value]) => {
      await maybeValidate(self, value);
      return sub(1, await torch('exp', [await mul(await neg(await get(self, 'rate')), value)]));
    },
    'icdf(self, value)': async (self, [value]) => div(await neg(await torch('log1p', [await neg(value)])), await get(self, 'rate')),
    'entropy(self)': async (self) => sub(f(1), await torch('log', [await get(self, 'rate')])),
    '_log_normalizer(self, x)': async (_s, [x]) => neg(await torch('log', [await neg(x)])),
  },
});

export const LaplaceType = defineDistribution({
  name: 'Laplace',
  module: 'torch.distributions.laplace',
  attrs: { arg_constraints: constraintDict({ loc: C.real, scale: C.positive }), support: C.real, has_rsample: true },
  props: {
    mean: (s) => get(s, 'loc'),
    mode: (s) => get(s, 'loc'),
    variance: async (s) => mul(2, await m(await get(s, 'scale'), 'pow', [2])),
    stddev: async (s) => mul(f(Math.SQRT2), await get(s, 'scale')),
  },
  methods: {
    '__init__(self, loc, scale, validate_args=None)': async (self, [loc, scale, va]) => {
      await initLocScale(self, ['loc', 'scale'], loc, scale, va);
      return null;
    },
    'expand(self, batch_shape, _instance=None)': expandParams(['loc', 'scale'], () => LaplaceType),
    'rsample(self, sample_shape=None)': async (self, [s]) => {
      const shape = await extendedShape(self, s);
      const [loc, scale] = await both(self, 'loc', 'scale');
      const eps = finfo(tensor(loc).dtype).eps;
      const u = await m(await newLike(loc, shape), 'uniform_', [f(eps - 1), 1]);
      const t = await mul(await mul(scale, await m(u, 'sign')), await torch('log1p', [await neg(await m(u, 'abs'))]));
      return sub(loc, t);
    },
    'log_prob(self, value)': async (self, [value]) => {
      await maybeValidate(self, value);
      const [loc, scale] = await both(self, 'loc', 'scale');
      const a = await neg(await torch('log', [await mul(2, scale)]));
      return sub(a, await div(await torch('abs', [await sub(value, loc)]), scale));
    },
    'cdf(self, value)': async (self, [value]) => {
      await maybeValidate(self, value);
      const [loc, scale] = await both(self, 'loc', 'scale');
      const d = await sub(value, loc);
      const e = await torch('expm1', [await div(await neg(await m(d, 'abs')), scale)]);
      return sub(f(0.5), await mul(await mul(f(0.5), await m(d, 'sign')), e));
    },
    'icdf(self, value)': async (self, [value]) => {
      const [loc, scale] = await both(self, 'loc', 'scale');
      const term = await sub(value, f(0.5));
      const l = await torch('log1p', [await mul(-2, await m(term, 'abs'))]);
      return sub(loc, await mul(await mul(scale, await m(term, 'sign')), l));
    },
    'entropy(self)': async (self) => add(1, await torch('log', [await mul(2, await get(self, 'scale'))])),
  },
});
