// Adaptive pooling, as ATen's ops: adaptive_avg_pool1d/2d/3d and adaptive_max_pool1d/2d (the latter
// always with indices; F.* drops them unless return_indices; 3-d average pooling serves
// F.interpolate's 'area' mode on 5-d inputs). Output cell a of n over an input
// of length L covers [floor(a·L/n), ceil((a+1)·L/n)) — AdaptivePooling.h's start/end_index. The
// 1-d ops are the 2-d ones on (…, 1, L), squeezed back (SqueezeBackward1); adaptive average
// pooling to 1×1 is ATen's mean over the last two dims (MeanBackward1). The CPU kernels' float
// arithmetic is kept: the average sums in float and divides by the window height, then its width.
// Checks and texts follow ATen in order (pool_checks.ts holds the shared ones).

import { PyError } from '../../../errors';
import { recordOp } from '../../grad';
import { registerFormula } from '../../autograd/registry';
import { savedTensor } from '../../autograd/meta';
import { shapeList } from '../../shape';
import { Tensor } from '../../tensor';
import { mean } from '../reduce';
import { squeeze, unsqueeze } from '../views';
import { type Planes, check1d, checkDimRange, checkDispatch, planesOf, poolOutput, poolValues } from './pool_checks';

const fail = (msg: string): never => {
  throw new PyError('RuntimeError', msg);
};

const startIndex = (a: number, out: number, len: number): number => Math.floor((a * len) / out);
const endIndex = (a: number, out: number, len: number): number => Math.ceil(((a + 1) * len) / out);

/** torch/nn/functional.py's _list_with_default: None entries of a tuple output_size take the
 * input's trailing sizes (an int passes through). */
export function listWithDefault(size: number | readonly (number | null)[], inputShape: readonly number[]): number | number[] {
  if (typeof size === 'number') return size;
  if (inputShape.length <= size.length) throw new PyError('ValueError', `Input dimension should be at least ${size.length + 1}`);
  const tail = inputShape.slice(inputShape.length - size.length);
  return size.map((v, i) => (v === null ? tail[i] : v));
}

const resolve = (input: Tensor, size: readonly (number | null)[]): number[] =>
  size.map((v, i) => (v === null ? input.shape[input.ndim - size.length + i] : v));

function nonEmpty(input: Tensor, fn: string, from: number): void {
  for (let i = from; i < input.ndim; i++)
    if (!(input.shape[i] > 0))
      fail(`${fn}(): Expected input to have non-zero size for non-batch dimensions, but input has sizes ${shapeList(input.shape)} with dimension ${i} being empty`);
}

/** Visit each output cell's window: f(outIndex, planeBase, y0, y1, x0, x1). */
function eachWindow(p: Planes, oh: number, ow: number, f: (o: number, base: number, y0: number, y1: number, x0: number, x1: number) => void): void {
  for (let c = 0; c < p.planes; c++)
    for (let y = 0; y < oh; y++) {
      const y0 = startIndex(y, oh, p.h), y1 = endIndex(y, oh, p.h);
      for (let z = 0; z < ow; z++) f((c * oh + y) * ow + z, c * p.h * p.w, y0, y1, startIndex(z, ow, p.w), endIndex(z, ow, p.w));
    }
}

/** torch._C._nn.adaptive_avg_pool2d (a null entry keeps that input size). */
export function adaptiveAvgPool2d(input: Tensor, size: readonly (number | null)[]): Tensor {
  if (size.length !== 2) fail('adaptive_avg_pool2d: output_size must be 2');
  const [oh, ow] = resolve(input, size);
  if (!(oh >= 0 && ow >= 0))
    fail(`adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {${oh}, ${ow}}`);
  if (oh === 1 && ow === 1) return mean(input, [-1, -2], true);
  if (input.ndim !== 3 && input.ndim !== 4) fail(`adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got ${shapeList(input.shape)}`);
  for (const i of [-2, -1])
    if (!(input.shape[input.ndim + i] > 0))
      fail(`adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes ${shapeList(input.shape)} with dimension ${input.ndim + i} being empty`);
  checkDispatch(input, 'adaptive_avg_pool2d', 'none');
  const p = planesOf(input);
  const x = poolValues(input);
  const r = input.dtype === 'float64' ? (v: number) => v : Math.fround;
  const vals = new Float64Array(p.planes * oh * ow);
  eachWindow(p, oh, ow, (o, base, y0, y1, x0, x1) => {
    let s = 0;
    for (let iy = y0; iy < y1; iy++) for (let ix = x0; ix < x1; ix++) s = r(s + x[base + iy * p.w + ix]);
    vals[o] = r(r(s / (y1 - y0)) / (x1 - x0));
  });
  const out = poolOutput(input, [...p.lead, oh, ow], vals);
  const node = recordOp('AdaptiveAvgPool2DBackward0', [input], [out]);
  if (node) node.save(input);
  return out;
}

/** torch.adaptive_avg_pool1d. */
export function adaptiveAvgPool1dOp(input: Tensor, size: readonly number[]): Tensor {
  checkDimRange(input, 'adaptive_avg_pool1d', 2, 4);
  check1d(size, 'adaptive_avg_pool1d', 'output_size');
  return squeeze(adaptiveAvgPool2d(unsqueeze(input, -2), [1, size[0]]), -2);
}
export const adaptiveAvgPool1d = (input: Tensor, size: number): Tensor => adaptiveAvgPool1dOp(input, [size]);

/** torch.adaptive_max_pool2d → (values, int64 flat per-plane indices). */
export function adaptiveMaxPool2dWithIndices(input: Tensor, size: readonly (number | null)[]): [Tensor, Tensor] {
  if (input.ndim !== 3 && input.ndim !== 4) fail(`adaptive_max_pool2d(): Expected 3D or 4D tensor, but got: ${shapeList(input.shape)}`);
  nonEmpty(input, 'adaptive_max_pool2d', 1);
  if (size.length !== 2) fail('adaptive_max_pool2d(): internal error: output_size.size() must be 2');
  const [oh, ow] = resolve(input, size);
  const p = planesOf(input);
  for (const d of [oh, ow])
    if (d < 0) fail(`Trying to create tensor with negative dimension ${d}: ${shapeList([...p.lead, oh, ow])}`);
  checkDispatch(input, 'adaptive_max_pool2d', 'none');
  const x = poolValues(input);
  const vals = new Float64Array(p.planes * oh * ow);
  const idx = new BigInt64Array(p.planes * oh * ow);
  eachWindow(p, oh, ow, (o, base, y0, y1, x0, x1) => {
    let best = -Infinity;
    let at = y0 * p.w + x0;
    for (let iy = y0; iy < y1; iy++)
      for (let ix = x0; ix < x1; ix++) {
        const v = x[base + iy * p.w + ix];
        if (v > best || Number.isNaN(v)) {
          best = v;
          at = iy * p.w + ix;
        }
      }
    vals[o] = best;
    idx[o] = BigInt(at);
  });
  const out = poolOutput(input, [...p.lead, oh, ow], vals);
  const ind = Tensor.empty([...p.lead, oh, ow], 'int64', input.device);
  (ind.storage.data as BigInt64Array).set(idx);
  const node = recordOp('AdaptiveMaxPool2DBackward0', [input], [out]);
  if (node) node.save(input, ind);
  return [out, ind];
}

/** torch.adaptive_max_pool1d → (values, indices). */
export function adaptiveMaxPool1dWithIndices(input: Tensor, size: readonly number[]): [Tensor, Tensor] {
  checkDimRange(input, 'adaptive_max_pool1d', 2, 4);
  check1d(size, 'adaptive_max_pool1d', 'output_size');
  nonEmpty(input, 'adaptive_max_pool1d', 1);
  const [v, i] = adaptiveMaxPool2dWithIndices(unsqueeze(input, -2), [1, size[0]]);
  return [squeeze(v, -2), squeeze(i, -2)];
}

// ---- backward ---------------------------------------------------------------------------------

registerFormula('AdaptiveMaxPool2DBackward0', (node, grads) => {
  const x = savedTensor(node, 0);
  const idx = savedTensor(node, 1);
  const g = grads[0]!.dataSync();
  const ids = idx.dataSync() as BigInt64Array;
  const plane = x.shape[x.ndim - 2] * x.shape[x.ndim - 1];
  const outPlane = idx.shape[idx.ndim - 2] * idx.shape[idx.ndim - 1];
  const gx = new Float64Array(x.numel());
  for (let o = 0; o < ids.length; o++) gx[Math.floor(o / outPlane) * plane + Number(ids[o])] += Number(g[o]);
  return [poolOutput(x, x.shape, gx)];
});

registerFormula('AdaptiveAvgPool2DBackward0', (node, grads) => {
  const x = savedTensor(node, 0);
  const p = planesOf(x);
  const gt = grads[0]!;
  const [oh, ow] = [gt.shape[gt.ndim - 2], gt.shape[gt.ndim - 1]];
  const g = gt.dataSync();
  const gx = new Float64Array(x.numel());
  eachWindow(p, oh, ow, (o, base, y0, y1, x0, x1) => {
    const v = Number(g[o]) / ((y1 - y0) * (x1 - x0));
    for (let iy = y0; iy < y1; iy++) for (let ix = x0; ix < x1; ix++) gx[base + iy * p.w + ix] += v;
  });
  return [poolOutput(x, x.shape, gx)];
});

// ---- adaptive_avg_pool3d (F.interpolate's 'area' mode on 5-d inputs) -------------------------

/** torch._C._nn.adaptive_avg_pool3d over (C, D, H, W) or (N, C, D, H, W). */
export function adaptiveAvgPool3d(input: Tensor, size: readonly number[]): Tensor {
  if (size.length !== 3) fail('adaptive_avg_pool3d: output_size must be 3');
  const [od, oh, ow] = size;
  if (!(od >= 0 && oh >= 0 && ow >= 0))
    fail(`adaptive_avg_pool3d: elements of output_size must be greater than or equal to 0 but received {${od}, ${oh}, ${ow}}`);
  if (od === 1 && oh === 1 && ow === 1) return mean(input, [-1, -2, -3], true);
  if (input.ndim !== 4 && input.ndim !== 5) fail(`adaptive_avg_pool3d(): Expected 4D or 5D tensor, but got ${shapeList(input.shape)}`);
  checkDispatch(input, 'adaptive_avg_pool3d_cpu', 'none');
  const lead = input.shape.slice(0, input.ndim - 3);
  const [D, H, W] = input.shape.slice(-3);
  const planes = lead.reduce((a, b) => a * b, 1);
  const x = poolValues(input);
  const r = input.dtype === 'float64' ? (v: number) => v : Math.fround;
  const vals = new Float64Array(planes * od * oh * ow);
  let o = 0;
  for (let c = 0; c < planes; c++)
    for (let a = 0; a < od; a++) {
      const d0 = startIndex(a, od, D), d1 = endIndex(a, od, D);
      for (let y = 0; y < oh; y++) {
        const y0 = startIndex(y, oh, H), y1 = endIndex(y, oh, H);
        for (let z = 0; z < ow; z++, o++) {
          const x0 = startIndex(z, ow, W), x1 = endIndex(z, ow, W);
          let s = 0;
          for (let i = d0; i < d1; i++) for (let j = y0; j < y1; j++) for (let k = x0; k < x1; k++) s = r(s + x[((c * D + i) * H + j) * W + k]);
          vals[o] = r(r(r(s / (d1 - d0)) / (y1 - y0)) / (x1 - x0));
        }
      }
    }
  const out = poolOutput(input, [...lead, od, oh, ow], vals);
  const node = recordOp('AdaptiveAvgPool3DBackward0', [input], [out]);
  if (node) node.save(input);
  return out;
}

registerFormula('AdaptiveAvgPool3DBackward0', (node, grads) => {
  const x = savedTensor(node, 0);
  const [D, H, W] = x.shape.slice(-3);
  const gt = grads[0]!;
  const [od, oh, ow] = gt.shape.slice(-3);
  const planes = x.numel() / (D * H * W);
  const g = gt.dataSync();
  const gx = new Float64Array(x.numel());
  let o = 0;
  for (let c = 0; c < planes; c++)
    for (let a = 0; a < od; a++) {
      const d0 = startIndex(a, od, D), d1 = endIndex(a, od, D);
      for (let y = 0; y < oh; y++) {
        const y0 = startIndex(y, oh, H), y1 = endIndex(y, oh, H);
        for (let z = 0; z < ow; z++, o++) {
          const x0 = startIndex(z, ow, W), x1 = endIndex(z, ow, W);
          const v = Number(g[o]) / ((d1 - d0) * (y1 - y0) * (x1 - x0));
          for (let i = d0; i < d1; i++) for (let j = y0; j < y1; j++) for (let k = x0; k < x1; k++) gx[((c * D + i) * H + j) * W + k] += v;
        }
      }
    }
  return [poolOutput(x, x.shape, gx)];
});
