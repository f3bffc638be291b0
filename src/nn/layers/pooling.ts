// Pooling layers (torch.nn.modules.pooling): MaxPool1d/2d, AvgPool1d/2d, AdaptiveAvgPool1d/2d,
// AdaptiveMaxPool2d. No parameters or buffers; the constructor arguments are stored as PyTorch
// stores them (MaxPool keeps ints as given, AvgPool1d wraps them in 1-tuples, stride None means the
// kernel size) because extra_repr prints them back verbatim. Forwards call the engine's pooling
// kernels (tensor/ops/nn/pool.ts) through the layer kernel table.

import { PyList, PyTuple, type PyValue } from '../../python/object';
import type { Module } from '../module';
import { asInt, attr, defineMethod, fmt, layerType, tensorArg, truthy } from './common';
import { nnKernels } from './kernels';

const MOD = 'torch.nn.modules.pooling';

/** An int-or-tuple argument as `n` ints. */
function ints(v: PyValue, n: number, what: string): number[] {
  if (v instanceof PyTuple || v instanceof PyList) {
    const xs = v.items.map((x) => asInt(x, what));
    return xs.length === 1 ? new Array<number>(n).fill(xs[0]) : xs;
  }
  return new Array<number>(n).fill(asInt(v, what));
}
const single = (v: PyValue): PyValue => (v instanceof PyTuple ? v : new PyTuple([v]));
const withIndices = (r: [unknown, unknown], m: Module): PyValue => (truthy(attr(m, 'return_indices')) ? new PyTuple(r as PyValue[]) : (r[0] as PyValue));

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
  defineMethod(T, `${name}.extra_repr(self)`, (self) =>
    `kernel_size=${fmt(attr(self, 'kernel_size'))}, stride=${fmt(attr(self, 'stride'))}, padding=${fmt(attr(self, 'padding'))}, ` +
    `dilation=${fmt(attr(self, 'dilation'))}, ceil_mode=${fmt(attr(self, 'ceil_mode'))}`,
  );
  defineMethod(T, `${name}.forward(self, input)`, (self, v) => {
    const x = tensorArg(v[1], `max_pool${nd}d`);
    const r = nnKernels().maxPool(
      x, nd, ints(attr(self, 'kernel_size'), nd, 'kernel_size'), ints(attr(self, 'stride'), nd, 'stride'),
      ints(attr(self, 'padding'), nd, 'padding'), ints(attr(self, 'dilation'), nd, 'dilation'), truthy(attr(self, 'ceil_mode')),
    );
    return withIndices(r, self);
  });
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
for (const [T, nd] of [[AvgPool1dType, 1], [AvgPool2dType, 2]] as const) {
  defineMethod(T, `${T.name}.extra_repr(self)`, (self) =>
    `kernel_size=${fmt(attr(self, 'kernel_size'))}, stride=${fmt(attr(self, 'stride'))}, padding=${fmt(attr(self, 'padding'))}`,
  );
  defineMethod(T, `${T.name}.forward(self, input)`, (self, v) => {
    const div = nd === 2 ? attr(self, 'divisor_override') : null;
    return nnKernels().avgPool(
      tensorArg(v[1], `avg_pool${nd}d`), nd, ints(attr(self, 'kernel_size'), nd, 'kernel_size'), ints(attr(self, 'stride'), nd, 'stride'),
      ints(attr(self, 'padding'), nd, 'padding'), truthy(attr(self, 'ceil_mode')), truthy(attr(self, 'count_include_pad')),
      div === null ? null : asInt(div, 'divisor_override'),
    );
  });
}

/** An adaptive output_size: an int, or a tuple whose None entries keep the input's size. */
function outputSize(v: PyValue, nd: number): (number | null)[] {
  if (v instanceof PyTuple || v instanceof PyList) return v.items.map((x) => (x === null ? null : asInt(x, 'output_size')));
  return new Array<number | null>(nd).fill(asInt(v, 'output_size'));
}

function adaptiveType(kind: 'Avg' | 'Max', nd: 1 | 2) {
  // (AdaptiveMaxPool1d is not provided: only the 2-d max kernel exists.)
  const name = `Adaptive${kind}Pool${nd}d`;
  const T = layerType(name, MOD);
  defineMethod(T, kind === 'Avg' ? `${name}.__init__(self, output_size)` : `${name}.__init__(self, output_size, return_indices=False)`, (self, v) => {
    self.init();
    self.dict!.set('output_size', v[1]);
    if (kind === 'Max') self.dict!.set('return_indices', v[2]);
    return null;
  });
  defineMethod(T, `${name}.extra_repr(self)`, (self) => `output_size=${fmt(attr(self, 'output_size'))}`);
  defineMethod(T, `${name}.forward(self, input)`, (self, v) => {
    const x = tensorArg(v[1], `adaptive_${kind.toLowerCase()}_pool${nd}d`);
    const size = outputSize(attr(self, 'output_size'), nd);
    if (kind === 'Avg') return nnKernels().adaptiveAvgPool(x, nd, size);
    return withIndices(nnKernels().adaptiveMaxPool2d(x, size), self);
  });
  return T;
}

export const AdaptiveAvgPool1dType = adaptiveType('Avg', 1);
export const AdaptiveAvgPool2dType = adaptiveType('Avg', 2);
export const AdaptiveMaxPool2dType = adaptiveType('Max', 2);
