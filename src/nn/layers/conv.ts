// nn.Conv1d / nn.Conv2d (torch.nn.modules.conv): int-or-tuple arguments expanded to tuples,
// torch's constructor checks and their messages, default init (kaiming_uniform_(a=√5) on the
// weight, then the bias) through the torch-parity RNG, the extra_repr that only lists non-default
// options, and a forward through the engine's conv kernel ('reflect' / 'replicate' padding modes
// pad first, as _ConvNd._conv_forward does).

import { PyError, valueError } from '../../errors';
import { type PadMode, padWithMode } from '../../tensor/ops/nn/pad_modes';
import { PyTuple, type PyValue, callMethod } from '../../python/object';
import { defaultGenerator, initConv } from '../../tensor/random';
import type { Tensor } from '../../tensor/tensor';
import type { Module } from '../module';
import { asInt, attr, defineMethod, factoryDtype, fill, fmt, initDtype, layerType, newParameter, required, tensorArg, tensorAttr, truthy } from './common';
import { nnKernels } from './kernels';

const tupleOf = (v: PyValue, n: number, what: string): number[] =>
  v instanceof PyTuple ? v.items.map((x) => asInt(x, what)) : new Array<number>(n).fill(asInt(v, what));

function convType(name: string, nd: number) {
  const T = layerType(name, 'torch.nn.modules.conv');
  defineMethod(
    T,
    `${name}.__init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros', device=None, dtype=None)`,
    async (self, v) => {
      self.init();
      const inC = asInt(v[1], 'in_channels');
      const outC = asInt(v[2], 'out_channels');
      const groups = asInt(v[7], 'groups');
      if (groups <= 0) throw valueError('groups must be a positive integer');
      if (inC % groups !== 0) throw valueError('in_channels must be divisible by groups');
      if (outC % groups !== 0) throw valueError('out_channels must be divisible by groups');
      const kernel = tupleOf(v[3], nd, 'kernel_size');
      const stride = tupleOf(v[4], nd, 'stride');
      const dilation = tupleOf(v[6], nd, 'dilation');
      let padding: PyValue;
      if (typeof v[5] === 'string') {
        if (v[5] !== 'valid' && v[5] !== 'same') {
          throw valueError(`Invalid padding string '${v[5]}', should be one of {'valid', 'same'}`);
        }
        if (v[5] === 'same' && stride.some((s) => s !== 1)) {
          throw valueError("padding='same' is not supported for strided convolutions");
        }
        padding = v[5];
      } else padding = new PyTuple(tupleOf(v[5], nd, 'padding'));
      const modes = ['zeros', 'reflect', 'replicate', 'circular'];
      if (typeof v[9] !== 'string' || !modes.includes(v[9])) {
        throw valueError(`padding_mode must be one of ${"['zeros', 'reflect', 'replicate', 'circular']"}, but got padding_mode='${String(v[9])}'`);
      }
      const d = self.dict!;
      d.set('in_channels', v[1]);
      d.set('out_channels', v[2]);
      d.set('kernel_size', new PyTuple(kernel));
      d.set('stride', new PyTuple(stride));
      d.set('padding', padding);
      d.set('dilation', new PyTuple(dilation));
      d.set('transposed', false);
      d.set('output_padding', new PyTuple(new Array(nd).fill(0)));
      d.set('groups', v[7]);
      d.set('padding_mode', v[9]);
      const dtype = factoryDtype(v[11]);
      await self.registerParameter('weight', newParameter([outC, inC / groups, ...kernel], dtype));
      await self.registerParameter('bias', truthy(v[8]) ? newParameter([outC], dtype) : null);
      await callMethod(self, 'reset_parameters', []);
      return null;
    },
  );
  defineMethod(T, `${name}.reset_parameters(self)`, (self) => {
    const w = self.params().get('weight') as Tensor | null;
    const b = self.params().get('bias') as Tensor | null;
    const init = initConv(
      defaultGenerator,
      asInt(attr(self, 'in_channels'), 'in_channels'),
      asInt(attr(self, 'out_channels'), 'out_channels'),
      (attr(self, 'kernel_size') as PyTuple).items as number[],
      asInt(attr(self, 'groups'), 'groups'),
      b !== null,
      false,
      initDtype(w),
    );
    if (w) fill(w, init.weight.data);
    if (b && init.bias) fill(b, init.bias.data);
    return null;
  });
  defineMethod(T, `${name}.extra_repr(self)`, (self) => convExtraRepr(self));
  defineMethod(T, `${name}.forward(self, input)`, async (self, v) => {
    let x = tensorArg(v[1], `conv${nd}d`);
    let pad = attr(self, 'padding');
    const mode = attr(self, 'padding_mode');
    if (mode !== 'zeros') {
      // _ConvNd._conv_forward: F.pad with the padding reversed and repeated twice, then no padding
      if (mode === 'circular') throw new PyError('NotImplementedError', "Conv padding_mode='circular' is not supported in this playground");
      const p = typeof pad === 'string' ? null : ((pad as PyTuple).items as number[]);
      if (p === null) throw new PyError('NotImplementedError', `Conv padding='${String(pad)}' with padding_mode='${String(mode)}' is not supported in this playground`);
      x = padWithMode(x, [...p].reverse().flatMap((q) => [q, q]), mode as PadMode);
      pad = new PyTuple(p.map(() => 0));
    }
    return nnKernels().conv(
      x,
      required(await tensorAttr(self, 'weight'), `conv${nd}d`, 'weight', 2),
      await tensorAttr(self, 'bias'),
      (attr(self, 'stride') as PyTuple).items as number[],
      typeof pad === 'string' ? pad : ((pad as PyTuple).items as number[]),
      (attr(self, 'dilation') as PyTuple).items as number[],
      asInt(attr(self, 'groups'), 'groups'),
    );
  });
  return T;
}

export function convExtraRepr(m: Module): string {
  const all = (v: PyValue, x: number): boolean => v instanceof PyTuple && v.items.every((i) => i === x);
  let s = `${fmt(attr(m, 'in_channels'))}, ${fmt(attr(m, 'out_channels'))}, kernel_size=${fmt(attr(m, 'kernel_size'))}, stride=${fmt(attr(m, 'stride'))}`;
  const pad = attr(m, 'padding');
  if (typeof pad === 'string') s += `, padding=${pad}`;
  else if (!all(pad, 0)) s += `, padding=${fmt(pad)}`;
  if (!all(attr(m, 'dilation'), 1)) s += `, dilation=${fmt(attr(m, 'dilation'))}`;
  if (!all(attr(m, 'output_padding'), 0)) s += `, output_padding=${fmt(attr(m, 'output_padding'))}`;
  if (attr(m, 'groups') !== 1) s += `, groups=${fmt(attr(m, 'groups'))}`;
  if (m.params().get('bias') == null) s += ', bias=False';
  if (attr(m, 'padding_mode') !== 'zeros') s += `, padding_mode=${fmt(attr(m, 'padding_mode'))}`;
  return s;
}

export const Conv1dType = convType('Conv1d', 1);
export const Conv2dType = convType('Conv2d', 2);
