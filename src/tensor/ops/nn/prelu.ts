// F.prelu(input, weight): x where x > 0, else weight·x, with one weight per channel (dim 1 of an
// input of ≥ 2 dims) or a single shared weight. One kernel recording PreluKernelBackward0, as
// ATen's _prelu_kernel does, and its backward formula (registered here): the input gradient is
// g·(x > 0 ? 1 : w), the weight gradient sums g·x over the x ≤ 0 positions of each channel.

import { PyError } from '../../../errors';
import { registerFormula } from '../../autograd/registry';
import { savedTensor } from '../../autograd/meta';
import { recordOp } from '../../grad';
import { Tensor } from '../../tensor';
import { roundHalf } from '../linalg/layout';
import { floatValues, type FloatArr } from './rows';

/** Channel of flat element i, and the channel count the weight must match. */
function channelMap(x: Tensor, w: Tensor): { channels: number; inner: number } {
  const n = w.numel();
  if (n === 1) return { channels: 1, inner: 1 };
  const channels = x.ndim >= 2 ? x.shape[1] : 1;
  if (n !== channels)
    throw new PyError(
      'RuntimeError',
      `Mismatch of parameter numbers and input channel size. Found parameter numbers = ${n} and channel size = ${channels}.`,
    );
  return { channels, inner: x.shape.slice(2).reduce((a, b) => a * b, 1) };
}

export function prelu(x: Tensor, w: Tensor): Tensor {
  const { channels, inner } = channelMap(x, w);
  const xv = floatValues(x);
  const wv = floatValues(w);
  const out = Tensor.empty(x.shape, x.dtype, x.device);
  const od = out.storage.data as FloatArr;
  for (let i = 0; i < xv.length; i++) {
    const v = xv[i];
    od[i] = v > 0 ? v : wv[channels === 1 ? 0 : Math.floor(i / inner) % channels] * v;
  }
  roundHalf(out);
  const node = recordOp('PreluKernelBackward0', [x, w], [out]);
  if (node) node.save(x, w);
  return out;
}

registerFormula('PreluKernelBackward0', (node, grads, fx) => {
  const x = savedTensor(node, 0);
  const w = savedTensor(node, 1);
  const { channels, inner } = channelMap(x, w);
  const xv = floatValues(x);
  const wv = floatValues(w);
  const g = grads[0]!.dataSync();
  const gx = new Float64Array(xv.length);
  const gw = new Float64Array(wv.length);
  for (let i = 0; i < xv.length; i++) {
    const c = channels === 1 ? 0 : Math.floor(i / inner) % channels;
    const gi = Number(g[i]);
    if (xv[i] > 0) gx[i] = gi;
    else {
      gx[i] = gi * wv[c];
      gw[c] += gi * xv[i];
    }
  }
  const asT = (d: Float64Array, like: Tensor): Tensor => {
    const t = Tensor.empty(like.shape, like.dtype, like.device);
    (t.storage.data as FloatArr).set(d);
    return t;
  };
  return [fx.needs[0] ? asT(gx, x) : null, fx.needs[1] ? asT(gw, w) : null];
});
