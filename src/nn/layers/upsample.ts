// nn.Upsample, nn.UpsamplingNearest2d, nn.UpsamplingBilinear2d (torch.nn.modules.upsampling):
// arguments stored as PyTorch stores them (scale_factor as a float or a tuple of floats), the
// extra_repr that shows scale_factor or size then mode, and a forward through F.interpolate
// (nn/functional_upsample.ts), as PyTorch's forward calls it.

import { PyFloat, PyTuple, type PyValue } from '../../python/object';
import { fInterpolate } from '../functional_upsample';
import { pyRepr } from '../pyproto';
import { asFloat, attr, defineMethod, layerType, truthy } from './common';

const MOD = 'torch.nn.modules.upsampling';
const floats = (v: PyValue): PyValue =>
  v instanceof PyTuple ? new PyTuple(v.items.map((x) => new PyFloat(asFloat(x)))) : truthy(v) ? new PyFloat(asFloat(v)) : null;

function upsampleType(name: string, sig: string, fixed: { mode?: string; alignCorners?: boolean }) {
  const T = layerType(name, MOD);
  defineMethod(T, `${name}.__init__(self, ${sig})`, (self, v) => {
    self.init();
    const d = self.dict!;
    d.set('name', name);
    d.set('size', v[1]);
    d.set('scale_factor', floats(v[2]));
    d.set('mode', fixed.mode ?? v[3]);
    d.set('align_corners', fixed.alignCorners ?? (fixed.mode ? null : v[4]));
    d.set('recompute_scale_factor', fixed.mode ? null : v[5]);
    return null;
  });
  defineMethod(T, `${name}.extra_repr(self)`, async (self) => {
    const sf = attr(self, 'scale_factor');
    const info = sf !== null ? `scale_factor=${await pyRepr(sf)}` : `size=${await pyRepr(attr(self, 'size'))}`;
    return `${info}, mode=${await pyRepr(attr(self, 'mode'))}`;
  });
  defineMethod(T, `${name}.forward(self, input)`, (self, v) =>
    fInterpolate([v[1], ...['size', 'scale_factor', 'mode', 'align_corners', 'recompute_scale_factor'].map((n) => attr(self, n)), false]));
  return T;
}

export const UpsampleType = upsampleType('Upsample', "size=None, scale_factor=None, mode='nearest', align_corners=None, recompute_scale_factor=None", {});
export const UpsamplingNearest2dType = upsampleType('UpsamplingNearest2d', 'size=None, scale_factor=None', { mode: 'nearest' });
export const UpsamplingBilinear2dType = upsampleType('UpsamplingBilinear2d', 'size=None, scale_factor=None', { mode: 'bilinear', alignCorners: true });
