// nn.ConvTranspose1d / nn.ConvTranspose2d (torch.nn.modules.conv): constructor arguments as
// _ConvNd stores them (tuples, transposed=True, output_padding), weight (in, out/groups, *k) with
// Conv's default init (kaiming_uniform_(a=√5) with the transposed fan, then the bias), the shared
// conv extra_repr, and a forward through the engine's conv_transpose (padding_mode='zeros';
// output_size= picks the output_padding that reaches it, as _output_padding does).

import { valueError } from '../../errors';
import { PyList, PyTuple, type PyValue, callMethod } from '../../python/object';
import { defaultGenerator, initConv } from '../../tensor/random';
import { convTranspose1d, convTranspose2d } from '../../tensor/ops/nn/conv_transpose';
import type { Tensor } from '../../tensor/tensor';
import { asInt, attr, defineMethod, factoryDtype, fill, initDtype, layerType, newParameter, required, tensorArg, tensorAttr, truthy } from './common';
import { convExtraRepr } from './conv';

const tupleOf = (v: PyValue, n: number, what: string): number[] =>
  v instanceof PyTuple ? v.items.map((x) => asInt(x, what)) : new Array<number>(n).fill(asInt(v, what));
const ints = (m: { dict: Map<string, PyValue> | null }, k: string): number[] => (m.dict!.get(k) as PyTuple).items as number[];

function convTransposeType(name: string, nd: 1 | 2) {
  const T = layerType(name, 'torch.nn.modules.conv');
  defineMethod(
    T,
    `${name}.__init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1, bias=True, dilation=1, padding_mode='zeros', device=None, dtype=None)`,
    async (self, v) => {
      self.init();
      const inC = asInt(v[1], 'in_channels');
      const outC = asInt(v[2], 'out_channels');
      const groups = asInt(v[7], 'groups');
      if (groups <= 0) throw valueError('groups must be a positive integer');
      if (inC % groups !== 0) throw valueError('in_channels must be divisible by groups');
      if (outC % groups !== 0) throw valueError('out_channels must be divisible by groups');
      if (v[10] !== 'zeros') throw valueError(`Only "zeros" padding mode is supported for ${name}`);
      const kernel = tupleOf(v[3], nd, 'kernel_size');
      const d = self.dict!;
      d.set('in_channels', v[1]);
      d.set('out_channels', v[2]);
      d.set('kernel_size', new PyTuple(kernel));
      d.set('stride', new PyTuple(tupleOf(v[4], nd, 'stride')));
      d.set('padding', new PyTuple(tupleOf(v[5], nd, 'padding')));
      d.set('dilation', new PyTuple(tupleOf(v[9], nd, 'dilation')));
      d.set('transposed', true);
      d.set('output_padding', new PyTuple(tupleOf(v[6], nd, 'output_padding')));
      d.set('groups', v[7]);
      d.set('padding_mode', v[10]);
      const dtype = factoryDtype(v[12]);
      await self.registerParameter('weight', newParameter([inC, outC / groups, ...kernel], dtype));
      await self.registerParameter('bias', truthy(v[8]) ? newParameter([outC], dtype) : null);
      await callMethod(self, 'reset_parameters', []);
      return null;
    },
  );
  defineMethod(T, `${name}.reset_parameters(self)`, (self) => {
    const w = self.params().get('weight') as Tensor | null;
    const b = self.params().get('bias') as Tensor | null;
    const init = initConv(
      defaultGenerator, asInt(attr(self, 'in_channels'), 'in_channels'), asInt(attr(self, 'out_channels'), 'out_channels'),
      ints(self, 'kernel_size'), asInt(attr(self, 'groups'), 'groups'), b !== null, true, initDtype(w),
    );
    if (w) fill(w, init.weight.data);
    if (b && init.bias) fill(b, init.bias.data);
    return null;
  });
  defineMethod(T, `${name}.extra_repr(self)`, (self) => convExtraRepr(self));
  defineMethod(T, `${name}.forward(self, input, output_size=None)`, async (self, v) => {
    const x = tensorArg(v[1], `conv_transpose${nd}d`);
    const stride = ints(self, 'stride');
    const padding = ints(self, 'padding');
    const dilation = ints(self, 'dilation');
    const kernel = ints(self, 'kernel_size');
    let outputPadding = ints(self, 'output_padding');
    if (v[2] !== null) {
      // _ConvTransposeNd._output_padding: the padding that makes the output exactly output_size.
      const want = (v[2] instanceof PyTuple || v[2] instanceof PyList ? v[2].items : [v[2]]).map((s) => asInt(s, 'output_size')).slice(-nd);
      const spatial = x.shape.slice(x.ndim - nd);
      outputPadding = want.map((s, i) => s - ((spatial[i] - 1) * stride[i] - 2 * padding[i] + dilation[i] * (kernel[i] - 1) + 1));
      if (outputPadding.some((p, i) => p < 0 || p >= Math.max(stride[i], dilation[i]))) {
        throw valueError(`requested an output size of [${want.join(', ')}], but valid sizes range from the minimum to the maximum allowed by stride and padding`);
      }
    }
    const f = nd === 1 ? convTranspose1d : convTranspose2d;
    return f(x, required(await tensorAttr(self, 'weight'), `conv_transpose${nd}d`, 'weight', 2), await tensorAttr(self, 'bias'), {
      stride, padding, outputPadding, groups: asInt(attr(self, 'groups'), 'groups'), dilation,
    });
  });
  return T;
}

export const ConvTranspose1dType = convTransposeType('ConvTranspose1d', 1);
export const ConvTranspose2dType = convTransposeType('ConvTranspose2d', 2);
