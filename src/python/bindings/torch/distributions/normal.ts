// torch.distributions.Normal, op for op as torch/distributions/normal.py: `sample` draws with
// torch.normal(loc.expand(shape), scale.expand(shape)) (a standard normal fill, then `* std` and
// `+ mean` as two float32 roundings — RNG.md §3.6), `rsample` is `loc + eps * scale` with eps from
// `empty(shape).normal_()`, and log_prob / cdf / icdf / entropy combine tensors and Python floats
// in the source's order (the float constants computed in double, as CPython's math module does).

import { crLog } from '../../../libm';
import { PyTuple, type PyType } from '../../../object';
import { C } from './constraints';
import { defineDistribution, constraintDict } from './define';
import { ExponentialFamilyType, checkedInstance, distInit, extendedShape, finishExpand, get, maybeValidate, own, set } from './distribution';
import { type V, add, broadcastAll, div, f, isNumber, m, mul, neg, pow, size, standardNormal, sub, toSize, torch, withGrad } from './ops';

const LOG_SQRT_2PI = crLog(Math.sqrt(2 * Math.PI));
const HALF_LOG_2PI_PLUS_HALF = 0.5 + 0.5 * crLog(2 * Math.PI);

/** `self.loc, self.scale = broadcast_all(loc, scale)` and the batch shape rule shared by the
 * location-scale families (a batch shape only when one argument was a tensor). */
export async function initLocScale(self: V, names: [string, string], a: V, b: V, validateArgs: V): Promise<void> {
  const [x, y] = await broadcastAll([a, b]);
  await set(self, names[0], x);
  await set(self, names[1], y);
  const batch = isNumber(a) && isNumber(b) ? size([]) : await m(x, 'size');
  await distInit(self, batch, size([]), validateArgs);
}

/** `expand` for a class whose parameters are all batch-shaped tensors. */
export function expandParams(names: string[], cls: () => PyType) {
  return async (self: V, [batchShape, instance]: V[]): Promise<V> => {
    const inst = await checkedInstance(self, cls(), instance);
    const batch = await toSize(batchShape);
    for (const n of names) await set(inst, n, await m(own(self).get(n) ?? (await get(self, n)), 'expand', [batch]));
    return finishExpand(self, inst, batch);
  };
}

export const NormalType = defineDistribution({
  name: 'Normal',
  module: 'torch.distributions.normal',
  base: ExponentialFamilyType,
  attrs: { arg_constraints: constraintDict({ loc: C.real, scale: C.positive }), support: C.real, has_rsample: true, _mean_carrier_measure: 0 },
  props: {
    mean: (s) => get(s, 'loc'),
    mode: (s) => get(s, 'loc'),
    stddev: (s) => get(s, 'scale'),
    variance: async (s) => m(await get(s, 'stddev'), 'pow', [2]),
    _natural_params: async (s) => {
      const loc = await get(s, 'loc'), scale = await get(s, 'scale');
      const a = await div(loc, await m(scale, 'pow', [2]));
      const b = await mul(f(-0.5), await m(await m(scale, 'pow', [2]), 'reciprocal'));
      return new PyTuple([a, b]);
    },
  },
  methods: {
    '__init__(self, loc, scale, validate_args=None)': async (self, [loc, scale, va]) => {
      await initLocScale(self, ['loc', 'scale'], loc, scale, va);
      return null;
    },
    'expand(self, batch_shape, _instance=None)': expandParams(['loc', 'scale'], () => NormalType),
    'sample(self, sample_shape=None)': async (self, [s]) => {
      const shape = await extendedShape(self, s);
      return withGrad(false, async () =>
        torch('normal', [await m(await get(self, 'loc'), 'expand', [shape]), await m(await get(self, 'scale'), 'expand', [shape])]));
    },
    'rsample(self, sample_shape=None)': async (self, [s]) => {
      const shape = await extendedShape(self, s);
      const loc = await get(self, 'loc');
      const eps = await standardNormal(shape, loc);
      return add(loc, await mul(eps, await get(self, 'scale')));
    },
    'log_prob(self, value)': async (self, [value]) => {
      await maybeValidate(self, value);
      const loc = await get(self, 'loc'), scale = await get(self, 'scale');
      const v = await pow(scale, 2);
      const logScale = await m(scale, 'log');
      const sq = await neg(await pow(await sub(value, loc), 2));
      return sub(await sub(await div(sq, await mul(2, v)), logScale), f(LOG_SQRT_2PI));
    },
    'cdf(self, value)': async (self, [value]) => {
      await maybeValidate(self, value);
      const loc = await get(self, 'loc'), scale = await get(self, 'scale');
      const z = await div(await mul(await sub(value, loc), await m(scale, 'reciprocal')), f(Math.SQRT2));
      return mul(f(0.5), await add(1, await torch('erf', [z])));
    },
    'icdf(self, value)': async (self, [value]) => {
      const loc = await get(self, 'loc'), scale = await get(self, 'scale');
      const e = await torch('erfinv', [await sub(await mul(2, value), 1)]);
      return add(loc, await mul(await mul(scale, e), f(Math.SQRT2)));
    },
    'entropy(self)': async (self) => add(f(HALF_LOG_2PI_PLUS_HALF), await torch('log', [await get(self, 'scale')])),
    '_log_normalizer(self, x, y)': async (_self, [x, y]) => {
      const a = await div(await mul(f(-0.25), await m(x, 'pow', [2])), y);
      return add(a, await mul(f(0.5), await torch('log', [await div(f(-Math.PI), y)])));
    },
  },
});
