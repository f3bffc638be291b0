// Pooling layers (torch.nn.modules.pooling): MaxPool1d/2d, AvgPool1d/2d, AdaptiveAvgPool1d/2d,
// AdaptiveMaxPool1d/2d. No parameters or buffers; the constructor arguments are stored as PyTorch
// stores them (MaxPool/AvgPool2d keep values as given, AvgPool1d wraps them with _single, stride
// None means the kernel size) because extra_repr formats them back with str(). Each forward is the
// F.* function PyTorch's forward calls (nn/functional_pool.ts), with the stored values.

import { PyList, PyTuple, type PyValue } from '../../python/object';
import type { Module } from '../module';
import { pyStr } from '../pyproto';
import {
  fAdaptiveAvgPool1d, fAdaptiveAvgPool2d, fAdaptiveMaxPool1d, fAdaptiveMaxPool2d, fAvgPool1d, fAvgPool2d, fMaxPool1d, fMaxPool2d,
} from '../functional_pool';
import { attr, defineMethod, layerType } from './common';

const MOD = 'torch.nn.modules.pooling';

/** torch.nn.modules.utils._single: an iterable becomes a tuple, anything else a 1-tuple. */
const single = (v: PyValue): PyValue => (v instanceof PyTuple ? v : v instanceof PyList ? new PyTuple([...v.items]) : new PyTuple([v]));

/** `'{a}, {b}'.format(**self.__dict__)`-style extra_repr: `name=str(value)` joined. */
async function fields(m: Module, names: readonly string[]): Promise<string> {
  const parts: string[] = [];
  for (const n of names) parts.push(`${n}=${await pyStr(attr(m, n))}`);
  return parts.join(', ');
}
const get = (m: Module, names: readonly string[]): PyValue[] => names.map((n) => attr(m, n));

function maxPoolType(nd: 1 | 2) {
  const name = `MaxPool${nd}d`;
  const T = layerType(name, MOD);
  defineMethod(T, `${name}.__init__(self, kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False)`, (self, v) => {
    self.init();
    const d = self.dict!;
    d.set('kernel_size', v[1]);
    d.set('stride', v[2] !== null ? v[2] : v[1]);
    d.set('padding', v[3]);
    d.set('dilation', v[4]);
    d.set('return_indices', v[5]);
    d.set('ceil_mode', v[6]);
    return null;
  });
  defineMethod(T, `${name}.extra_repr(self)`, (self) => fields(self, ['kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode']));
  const f = nd === 1 ? fMaxPool1d : fMaxPool2d;
  defineMethod(T, `${name}.forward(self, input)`, (self, v) =>
    f([v[1], ...get(self, ['kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode', 'return_indices'])]));
  return T;
}

export const MaxPool1dType = maxPoolType(1);
export const MaxPool2dType = maxPoolType(2);

export const AvgPool1dType = layerType('AvgPool1d', MOD);
defineMethod(AvgPool1dType, 'AvgPool1d.__init__(self, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True)', (self, v) => {
  self.init();
  const d = self.dict!;
  d.set('kernel_size', single(v[1]));
  d.set('stride', single(v[2] !== null ? v[2] : v[1]));
  d.set('padding', single(v[3]));
  d.set('ceil_mode', v[4]);
  d.set('count_include_pad', v[5]);
  return null;
});
defineMethod(AvgPool1dType, 'AvgPool1d.forward(self, input)', (self, v) =>
  fAvgPool1d([v[1], ...get(self, ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad'])]));

export const AvgPool2dType = layerType('AvgPool2d', MOD);
defineMethod(
  AvgPool2dType,
  'AvgPool2d.__init__(self, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None)',
  (self, v) => {
    self.init();
    const d = self.dict!;
    d.set('kernel_size', v[1]);
    d.set('stride', v[2] !== null ? v[2] : v[1]);
    d.set('padding', v[3]);
    d.set('ceil_mode', v[4]);
    d.set('count_include_pad', v[5]);
    d.set('divisor_override', v[6]);
    return null;
  },
);
defineMethod(AvgPool2dType, 'AvgPool2d.forward(self, input)', (self, v) =>
  fAvgPool2d([v[1], ...get(self, ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override'])]));
for (const T of [AvgPool1dType, AvgPool2dType]) defineMethod(T, `${T.name}.extra_repr(self)`, (self) => fields(self, ['kernel_size', 'stride', 'padding']));

function adaptiveType(kind: 'Avg' | 'Max', nd: 1 | 2) {
  const name = `Adaptive${kind}Pool${nd}d`;
  const T = layerType(name, MOD);
  defineMethod(T, kind === 'Avg' ? `${name}.__init__(self, output_size)` : `${name}.__init__(self, output_size, return_indices=False)`, (self, v) => {
    self.init();
    self.dict!.set('output_size', v[1]);
    if (kind === 'Max') self.dict!.set('return_indices', v[2]);
    return null;
  });
  defineMethod(T, `${name}.extra_repr(self)`, (self) => fields(self, ['output_size']));
  const f = kind === 'Avg' ? (nd === 1 ? fAdaptiveAvgPool1d : fAdaptiveAvgPool2d) : nd === 1 ? fAdaptiveMaxPool1d : fAdaptiveMaxPool2d;
  defineMethod(T, `${name}.forward(self, input)`, (self, v) => f([v[1], ...get(self, kind === 'Avg' ? ['output_size'] : ['output_size', 'return_indices'])]));
  return T;
}

export const AdaptiveAvgPool1dType = adaptiveType('Avg', 1);
export const AdaptiveAvgPool2dType = adaptiveType('Avg', 2);
export const AdaptiveMaxPool1dType = adaptiveType('Max', 1);
export const AdaptiveMaxPool2dType = adaptiveType('Max', 2);
