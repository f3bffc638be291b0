// More element-wise layers (torch.nn.modules.activation / flatten): Hardtanh, ReLU6, Softplus,
// SELU, CELU, Mish, Hardswish, Hardsigmoid, LogSigmoid, Softsign, Tanhshrink, Threshold, Softmin,
// PReLU (the one with a parameter: `weight`, filled with `init` by reset_parameters — one in-place
// write, so `_version` 1 as in PyTorch) and Unflatten. Like engine_kernels.ts, this file calls the
// engine's element-wise ops directly: each is one line, a kernel-table entry per op would add
// nothing. Softsign, Tanhshrink and Threshold are composites of engine ops here, so their results
// show the composite's grad_fn (PyTorch's are their own kernels').

import { PyError } from '../../errors';
import { pyf } from '../../tensor/scalar';
import * as E from '../../tensor';
import { softmax } from '../../tensor/ops/nn/softmax';
import { prelu } from '../../tensor/ops/nn/prelu';
import { PyFloat, PyList, PyTuple, type PyValue, callMethod } from '../../python/object';
import type { Tensor } from '../../tensor/tensor';
import type { Module } from '../module';
import {
  asFloat, asInt, attr, defineMethod, factoryDtype, fillConst, fmt, layerType, newParameter, tensorArg, tensorAttr, truthy,
} from './common';

const ACT = 'torch.nn.modules.activation';
const inplaceOnly = (m: Module): string => (truthy(attr(m, 'inplace')) ? 'inplace=True' : '');
const inplaceSuffix = (m: Module): string => (truthy(attr(m, 'inplace')) ? ', inplace=True' : '');
const flt = (m: Module, k: string): number => asFloat(attr(m, k));

function act(name: string, init: string, store: string[], extra: (m: Module) => string, forward: (m: Module, x: Tensor) => Tensor, module = ACT) {
  const T = layerType(name, module);
  defineMethod(T, `${name}.__init__(self${init ? ', ' + init : ''})`, (self, v) => {
    self.init();
    store.forEach((k, i) => self.dict!.set(k, v[i + 1]));
    return null;
  });
  defineMethod(T, `${name}.extra_repr(self)`, (self) => extra(self));
  defineMethod(T, `${name}.forward(self, input)`, (self, v) => forward(self, tensorArg(v[1], name.toLowerCase())));
  return T;
}

export const HardtanhType = act(
  'Hardtanh',
  'min_val=-1.0, max_val=1.0, inplace=False',
  ['min_val', 'max_val', 'inplace'],
  (m) => `min_val=${fmt(attr(m, 'min_val'))}, max_val=${fmt(attr(m, 'max_val'))}${inplaceSuffix(m)}`,
  (m, x) => E.hardtanh(x, pyf(flt(m, 'min_val')), pyf(flt(m, 'max_val')), truthy(attr(m, 'inplace'))),
);
export const ReLU6Type = act('ReLU6', 'inplace=False', ['inplace'], inplaceOnly, (m, x) => E.relu6(x, truthy(attr(m, 'inplace'))));
// ReLU6 is Hardtanh(0., 6.) in PyTorch: scripts read min_val/max_val from it.
defineMethod(ReLU6Type, 'ReLU6.__init__(self, inplace=False)', (self, v) => {
  self.init();
  self.dict!.set('min_val', new PyFloat(0));
  self.dict!.set('max_val', new PyFloat(6));
  self.dict!.set('inplace', v[1]);
  return null;
});
export const SoftplusType = act(
  'Softplus',
  'beta=1.0, threshold=20.0',
  ['beta', 'threshold'],
  (m) => `beta=${fmt(attr(m, 'beta'))}, threshold=${fmt(attr(m, 'threshold'))}`,
  (m, x) => E.softplus(x, pyf(flt(m, 'beta')), pyf(flt(m, 'threshold'))),
);
export const SELUType = act('SELU', 'inplace=False', ['inplace'], inplaceOnly, (m, x) => E.selu(x, truthy(attr(m, 'inplace'))));
export const CELUType = act(
  'CELU',
  'alpha=1.0, inplace=False',
  ['alpha', 'inplace'],
  (m) => `alpha=${fmt(attr(m, 'alpha'))}${inplaceSuffix(m)}`,
  (m, x) => E.celu(x, pyf(flt(m, 'alpha'))),
);
export const MishType = act('Mish', 'inplace=False', ['inplace'], inplaceOnly, (m, x) => (truthy(attr(m, 'inplace')) ? E.mish_(x) : E.mish(x)));
export const HardswishType = act('Hardswish', 'inplace=False', ['inplace'], () => '', (m, x) =>
  truthy(attr(m, 'inplace')) ? E.hardswish_(x) : E.hardswish(x),
);
export const HardsigmoidType = act('Hardsigmoid', 'inplace=False', ['inplace'], () => '', (m, x) =>
  truthy(attr(m, 'inplace')) ? E.hardsigmoid_(x) : E.hardsigmoid(x),
);
export const LogSigmoidType = act('LogSigmoid', '', [], () => '', (_m, x) => E.logsigmoid(x));
export const SoftsignType = act('Softsign', '', [], () => '', (_m, x) => E.div(x, E.add(E.abs(x), 1)));
export const TanhshrinkType = act('Tanhshrink', '', [], () => '', (_m, x) => E.sub(x, E.tanh(x)));
export const ThresholdType = act(
  'Threshold',
  'threshold, value, inplace=False',
  ['threshold', 'value', 'inplace'],
  (m) => `threshold=${fmt(attr(m, 'threshold'))}, value=${fmt(attr(m, 'value'))}${inplaceSuffix(m)}`,
  (m, x) => E.where(E.gt(x, flt(m, 'threshold')), x, flt(m, 'value')),
);
export const SoftminType = act('Softmin', 'dim=None', ['dim'], (m) => `dim=${fmt(attr(m, 'dim'))}`, (m, x) => {
  const d = attr(m, 'dim');
  return softmax(E.neg(x), d === null ? (x.ndim === 0 || x.ndim === 1 || x.ndim === 3 ? 0 : 1) : asInt(d, 'dim'));
});

export const PReLUType = layerType('PReLU', ACT);
defineMethod(PReLUType, 'PReLU.__init__(self, num_parameters=1, init=0.25, device=None, dtype=None)', async (self, v) => {
  self.init();
  self.dict!.set('num_parameters', v[1]);
  self.dict!.set('init', v[2]);
  await self.registerParameter('weight', newParameter([asInt(v[1], 'num_parameters')], factoryDtype(v[4], false)));
  await callMethod(self, 'reset_parameters', []);
  return null;
});
defineMethod(PReLUType, 'PReLU.reset_parameters(self)', (self) => (fillConst(self.params().get('weight') as Tensor | null, flt(self, 'init')), null));
defineMethod(PReLUType, 'PReLU.extra_repr(self)', (self) => `num_parameters=${fmt(attr(self, 'num_parameters'))}`);
defineMethod(PReLUType, 'PReLU.forward(self, input)', async (self, v) => {
  const w = await tensorAttr(self, 'weight');
  return prelu(tensorArg(v[1], 'prelu'), w as Tensor);
});

export const UnflattenType = layerType('Unflatten', 'torch.nn.modules.flatten');
defineMethod(UnflattenType, 'Unflatten.__init__(self, dim, unflattened_size)', (self, v) => {
  self.init();
  self.dict!.set('dim', v[1]);
  self.dict!.set('unflattened_size', v[2]);
  return null;
});
defineMethod(UnflattenType, 'Unflatten.extra_repr(self)', (self) => `dim=${fmt(attr(self, 'dim'))}, unflattened_size=${fmt(attr(self, 'unflattened_size'))}`);
defineMethod(UnflattenType, 'Unflatten.forward(self, input)', (self, v) => {
  const x = tensorArg(v[1], 'unflatten');
  const sizes = attr(self, 'unflattened_size');
  const s = sizes instanceof PyTuple || sizes instanceof PyList ? sizes.items.map((d) => asInt(d, 'unflattened_size')) : [asInt(sizes, 'unflattened_size')];
  const nd = x.ndim;
  let dim = asInt(attr(self, 'dim'), 'dim');
  if (dim < 0) dim += nd;
  const known = s.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  const full = s.map((d) => (d === -1 ? x.shape[dim] / known : d));
  if (full.reduce((a, b) => a * b, 1) !== x.shape[dim] || !full.every(Number.isInteger))
    throw new PyError('RuntimeError', `unflatten: Provided sizes [${s.join(', ')}] don't multiply up to the size of dim ${dim} (${x.shape[dim]}) in the input tensor`);
  return E.reshape(x, [...x.shape.slice(0, dim), ...full, ...x.shape.slice(dim + 1)]);
});

export type { PyValue };
