// The padding layers of torch.nn.modules.padding — ReflectionPad1d/2d/3d, ReplicationPad1d/2d/3d,
// ZeroPad1d/2d/3d, ConstantPad1d/2d/3d: an int padding becomes a 2·n tuple (a tuple is kept as
// given), the reprs are PyTorch's (`ReflectionPad2d((1, 1, 1, 1))`,
// `ConstantPad1d(padding=(2, 2), value=3.5)`), and forward is F.pad with the layer's mode.

import { type PyValue, PyFloat, PyTuple, call, getattr } from '../../python/object';
import { importModule } from '../../python/interp/modules';
import { asInt, attr, defineMethod, fmt, layerType, tensorArg } from './common';

const MOD = 'torch.nn.modules.padding';

function padLayer(name: string, nd: number, mode: 'reflect' | 'replicate' | 'constant', withValue: boolean) {
  const T = layerType(name, MOD);
  const sig = withValue ? `${name}.__init__(self, padding, value)` : `${name}.__init__(self, padding)`;
  defineMethod(T, sig, (self, v) => {
    self.init();
    const p = v[1];
    const tuple = p instanceof PyTuple ? new PyTuple(p.items.map((x) => asInt(x, 'padding'))) : new PyTuple(new Array<PyValue>(2 * nd).fill(asInt(p, 'padding')));
    self.dict!.set('padding', tuple);
    if (withValue) self.dict!.set('value', v[2]);
    return null;
  });
  defineMethod(T, `${name}.extra_repr(self)`, (self) =>
    withValue ? `padding=${fmt(attr(self, 'padding'))}, value=${fmt(attr(self, 'value'))}` : fmt(attr(self, 'padding')),
  );
  defineMethod(T, `${name}.forward(self, input)`, async (self, v) => {
    const F = importModule('torch.nn.functional');
    const kw = new Map<string, PyValue>([['mode', mode]]);
    if (mode === 'constant') kw.set('value', withValue ? attr(self, 'value') : new PyFloat(0));
    return call(await getattr(F, 'pad'), [tensorArg(v[1], name), attr(self, 'padding')], kw);
  });
  return T;
}

export const PADDING_LAYERS = [1, 2, 3].flatMap((nd) => [
  padLayer(`ReflectionPad${nd}d`, nd, 'reflect', false),
  padLayer(`ReplicationPad${nd}d`, nd, 'replicate', false),
  padLayer(`ZeroPad${nd}d`, nd, 'constant', false),
  padLayer(`ConstantPad${nd}d`, nd, 'constant', true),
]);
