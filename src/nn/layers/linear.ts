// nn.Identity, nn.Linear, nn.Bilinear (torch.nn.modules.linear): constructor arguments, default
// initialisation through the torch-parity RNG (weight first, then bias, exactly torch's draws —
// tensor/random/layers.ts), extra_repr, and forwards that read `self.weight` / `self.bias` through
// Python getattr so functional_call overrides and parametrizations are seen.

import { callMethod, type PyValue } from '../../python/object';
import { defaultGenerator, initBilinear, initLinear } from '../../tensor/random';
import { Module } from '../module';
import { asInt, attr, defineMethod, factoryDtype, fill, fmt, initDtype, layerType, newParameter, required, tensorAttr, tensorArg, truthy } from './common';
import type { Tensor } from '../../tensor/tensor';
import { nnKernels } from './kernels';

const MOD = 'torch.nn.modules.linear';

export const IdentityType = layerType('Identity', MOD);
defineMethod(IdentityType, 'Identity.__init__(self, *args, **kwargs)', (self) => (self.init(), null));
defineMethod(IdentityType, 'Identity.forward(self, input)', (_self, v) => v[1]);

export const LinearType = layerType('Linear', MOD);
defineMethod(LinearType, 'Linear.__init__(self, in_features, out_features, bias=True, device=None, dtype=None)', async (self, v) => {
  self.init();
  const inF = asInt(v[1], 'in_features');
  const outF = asInt(v[2], 'out_features');
  const dtype = factoryDtype(v[5]);
  self.dict!.set('in_features', v[1]);
  self.dict!.set('out_features', v[2]);
  await self.registerParameter('weight', newParameter([outF, inF], dtype));
  await self.registerParameter('bias', truthy(v[3]) ? newParameter([outF], dtype) : null);
  await callMethod(self, 'reset_parameters', []);
  return null;
});
defineMethod(LinearType, 'Linear.reset_parameters(self)', (self) => {
  const w = self.params().get('weight');
  const b = self.params().get('bias');
  const inF = asInt(attr(self, 'in_features'), 'in_features');
  const outF = asInt(attr(self, 'out_features'), 'out_features');
  const init = initLinear(defaultGenerator, inF, outF, b != null, initDtype(w as Tensor | null));
  if (w) fill(w as never, init.weight.data);
  if (b && init.bias) fill(b as never, init.bias.data);
  return null;
});
defineMethod(LinearType, 'Linear.extra_repr(self)', (self) =>
  `in_features=${fmt(attr(self, 'in_features'))}, out_features=${fmt(attr(self, 'out_features'))}, bias=${fmt(self.params().get('bias') != null)}`,
);
defineMethod(LinearType, 'Linear.forward(self, input)', async (self, v) => {
  const x = tensorArg(v[1], 'linear');
  return nnKernels().linear(x, required(await tensorAttr(self, 'weight'), 'linear', 'weight', 2), await tensorAttr(self, 'bias'));
});

export const BilinearType = layerType('Bilinear', MOD);
defineMethod(
  BilinearType,
  'Bilinear.__init__(self, in1_features, in2_features, out_features, bias=True, device=None, dtype=None)',
  async (self, v) => {
    self.init();
    const [in1, in2, out] = [asInt(v[1], 'in1_features'), asInt(v[2], 'in2_features'), asInt(v[3], 'out_features')];
    self.dict!.set('in1_features', v[1]);
    self.dict!.set('in2_features', v[2]);
    self.dict!.set('out_features', v[3]);
    const dtype = factoryDtype(v[6]);
    await self.registerParameter('weight', newParameter([out, in1, in2], dtype));
    await self.registerParameter('bias', truthy(v[4]) ? newParameter([out], dtype) : null);
    await callMethod(self, 'reset_parameters', []);
    return null;
  },
);
defineMethod(BilinearType, 'Bilinear.reset_parameters(self)', (self) => {
  const w = self.params().get('weight');
  const b = self.params().get('bias');
  const init = initBilinear(
    defaultGenerator,
    asInt(attr(self, 'in1_features'), 'in1_features'),
    asInt(attr(self, 'in2_features'), 'in2_features'),
    asInt(attr(self, 'out_features'), 'out_features'),
    b != null,
    initDtype(w as Tensor | null),
  );
  if (w) fill(w as never, init.weight.data);
  if (b && init.bias) fill(b as never, init.bias.data);
  return null;
});
defineMethod(BilinearType, 'Bilinear.extra_repr(self)', (self) =>
  `in1_features=${fmt(attr(self, 'in1_features'))}, in2_features=${fmt(attr(self, 'in2_features'))}, ` +
  `out_features=${fmt(attr(self, 'out_features'))}, bias=${fmt(self.params().get('bias') != null)}`,
);
defineMethod(BilinearType, 'Bilinear.forward(self, input1, input2)', async (self, v) => {
  const a = tensorArg(v[1], 'bilinear', 'input1');
  const b = tensorArg(v[2], 'bilinear', 'input2', 2);
  return nnKernels().bilinear(a, b, required(await tensorAttr(self, 'weight'), 'bilinear', 'weight', 3), await tensorAttr(self, 'bias'));
});

export type { Module, PyValue };
