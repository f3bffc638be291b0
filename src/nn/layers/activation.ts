// Parameter-free layers (torch.nn.modules.activation / dropout / flatten): ReLU, GELU, Tanh,
// Sigmoid, SiLU, LeakyReLU, ELU, Softmax, LogSoftmax, Flatten, Dropout — their constructor
// arguments, extra_repr texts and forwards through the engine's kernels. They draw no random
// numbers at construction (Dropout draws in forward, in training mode only).

import { valueError } from '../../errors';
import type { PyValue } from '../../python/object';
import type { Module } from '../module';
import { asFloat, asInt, attr, defineMethod, fmt, layerType, reprStr, tensorArg, truthy } from './common';
import { nnKernels } from './kernels';
import { alphaDropout, featureAlphaDropout, featureDropout } from '../../tensor/ops/nn/dropout';
import type { Tensor } from '../../tensor/tensor';

const ACT = 'torch.nn.modules.activation';

function simple(name: string, init: string, store: string[], extra: (m: Module) => string, forward: (m: Module, x: PyValue) => PyValue) {
  const T = layerType(name, name === 'Flatten' ? 'torch.nn.modules.flatten' : name.includes('Dropout') ? 'torch.nn.modules.dropout' : ACT);
  defineMethod(T, `${name}.__init__(self${init ? ', ' + init : ''})`, (self, v) => {
    self.init();
    store.forEach((k, i) => self.dict!.set(k, v[i + 1]));
    return null;
  });
  defineMethod(T, `${name}.extra_repr(self)`, (self) => extra(self));
  defineMethod(T, `${name}.forward(self, input)`, (self, v) => forward(self, v[1]));
  return T;
}

const inplaceOnly = (m: Module): string => (truthy(attr(m, 'inplace')) ? 'inplace=True' : '');
const inplaceSuffix = (m: Module): string => (truthy(attr(m, 'inplace')) ? ', inplace=True' : '');
const k = nnKernels;

export const ReLUType = simple('ReLU', 'inplace=False', ['inplace'], inplaceOnly, (m, x) =>
  k().relu(tensorArg(x, 'relu'), truthy(attr(m, 'inplace'))),
);
export const GELUType = simple('GELU', "approximate='none'", ['approximate'], (m) => `approximate=${reprStr(String(attr(m, 'approximate')))}`, (m, x) =>
  k().gelu(tensorArg(x, 'gelu'), String(attr(m, 'approximate'))),
);
export const TanhType = simple('Tanh', '', [], () => '', (_m, x) => k().tanh(tensorArg(x, 'tanh')));
export const SigmoidType = simple('Sigmoid', '', [], () => '', (_m, x) => k().sigmoid(tensorArg(x, 'sigmoid')));
export const SiLUType = simple('SiLU', 'inplace=False', ['inplace'], inplaceOnly, (m, x) =>
  k().silu(tensorArg(x, 'silu'), truthy(attr(m, 'inplace'))),
);
export const LeakyReLUType = simple(
  'LeakyReLU',
  'negative_slope=0.01, inplace=False',
  ['negative_slope', 'inplace'],
  (m) => `negative_slope=${fmt(attr(m, 'negative_slope'))}${inplaceSuffix(m)}`,
  (m, x) => k().leakyRelu(tensorArg(x, 'leaky_relu'), asFloat(attr(m, 'negative_slope')), truthy(attr(m, 'inplace'))),
);
export const ELUType = simple(
  'ELU',
  'alpha=1.0, inplace=False',
  ['alpha', 'inplace'],
  (m) => `alpha=${fmt(attr(m, 'alpha'))}${inplaceSuffix(m)}`,
  (m, x) => k().elu(tensorArg(x, 'elu'), asFloat(attr(m, 'alpha')), truthy(attr(m, 'inplace'))),
);

/** Softmax(dim=None): dim None uses torch's legacy rule (0 for 0/1/3-d inputs, else 1). */
function softmaxDim(m: Module, ndim: number): number {
  const d = attr(m, 'dim');
  if (d !== null) return asInt(d, 'dim');
  return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
}
export const SoftmaxType = simple('Softmax', 'dim=None', ['dim'], (m) => `dim=${fmt(attr(m, 'dim'))}`, (m, x) => {
  const t = tensorArg(x, 'softmax');
  return k().softmax(t, softmaxDim(m, t.ndim));
});
export const LogSoftmaxType = simple('LogSoftmax', 'dim=None', ['dim'], (m) => `dim=${fmt(attr(m, 'dim'))}`, (m, x) => {
  const t = tensorArg(x, 'log_softmax');
  return k().logSoftmax(t, softmaxDim(m, t.ndim));
});
export const FlattenType = simple(
  'Flatten',
  'start_dim=1, end_dim=-1',
  ['start_dim', 'end_dim'],
  (m) => `start_dim=${fmt(attr(m, 'start_dim'))}, end_dim=${fmt(attr(m, 'end_dim'))}`,
  (m, x) => k().flatten(tensorArg(x, 'flatten'), asInt(attr(m, 'start_dim'), 'start_dim'), asInt(attr(m, 'end_dim'), 'end_dim')),
);
export const DropoutType = simple(
  'Dropout',
  'p=0.5, inplace=False',
  ['p', 'inplace'],
  (m) => `p=${fmt(attr(m, 'p'))}, inplace=${fmt(attr(m, 'inplace'))}`,
  (m, x) => k().dropout(tensorArg(x, 'dropout'), asFloat(attr(m, 'p')), m.training, truthy(attr(m, 'inplace'))),
);
/** The other _DropoutNd layers: channel-wise masks (Dropout1d/2d/3d) and the SELU-preserving
 * alpha variants, each forwarding to its F.* function in training mode. */
const dropoutVariant = (name: string, run: (x: Tensor, p: number, training: boolean, inplace: boolean) => Tensor) =>
  simple(name, 'p=0.5, inplace=False', ['p', 'inplace'], (m) => `p=${fmt(attr(m, 'p'))}, inplace=${fmt(attr(m, 'inplace'))}`, (m, x) =>
    run(tensorArg(x, name), asFloat(attr(m, 'p')), m.training, truthy(attr(m, 'inplace'))),
  );
export const Dropout1dType = dropoutVariant('Dropout1d', (x, p, training, inplace) => featureDropout(x, p, 1, { training, inplace }));
export const Dropout2dType = dropoutVariant('Dropout2d', (x, p, training, inplace) => featureDropout(x, p, 2, { training, inplace }));
export const Dropout3dType = dropoutVariant('Dropout3d', (x, p, training, inplace) => featureDropout(x, p, 3, { training, inplace }));
export const AlphaDropoutType = dropoutVariant('AlphaDropout', (x, p, training) => alphaDropout(x, p, { training }));
export const FeatureAlphaDropoutType = dropoutVariant('FeatureAlphaDropout', (x, p, training) => featureAlphaDropout(x, p, { training }));

// Every _DropoutNd validates p at construction.
for (const [T, name] of [[DropoutType, 'Dropout'], [Dropout1dType, 'Dropout1d'], [Dropout2dType, 'Dropout2d'], [Dropout3dType, 'Dropout3d'], [AlphaDropoutType, 'AlphaDropout'], [FeatureAlphaDropoutType, 'FeatureAlphaDropout']] as const) {
  defineMethod(T, `${name}.__init__(self, p=0.5, inplace=False)`, (self, v) => {
    const p = asFloat(v[1]);
    if (p < 0 || p > 1) throw valueError(`dropout probability has to be between 0 and 1, but got ${fmt(v[1])}`);
    self.init();
    self.dict!.set('p', v[1]);
    self.dict!.set('inplace', v[2]);
    return null;
  });
}
