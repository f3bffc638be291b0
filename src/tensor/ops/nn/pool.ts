// Max and average pooling, as ATen's ops: max_pool1d / max_pool1d_with_indices, max_pool2d /
// max_pool2d_with_indices, avg_pool1d, avg_pool2d, over (C, H, W) or (N, C, H, W) inputs with each
// plane pooled independently (adaptive pooling lives in pool_adaptive.ts and is re-exported here).
// Arguments arrive as int lists (an IntArrayRef: one int already expanded by the caller or not, a
// stride of [] meaning the kernel size) and are checked by pool_checks.ts in ATen's order. The 1-d
// forms go through the 2-d kernels on an unsqueezed input and squeeze back, as ATen does, so their
// results show SqueezeBackward1. Arithmetic follows the CPU kernels: max keeps the last NaN of a
// window; average sums in the input's float type (float32 for float32) and divides once.

import { PyError } from '../../../errors';
import { isGradEnabled, recordOp } from '../../grad';
import { registerFormula } from '../../autograd/registry';
import { savedTensor, ctxField } from '../../autograd/meta';
import { shapeList } from '../../shape';
import { Tensor } from '../../tensor';
import { squeeze, unsqueeze } from '../views';
import {
  type Planes, type Window2d, check1d, checkDimRange, checkDispatch, pairArg, planesOf, pool2dShapeCheck, poolOutput,
  poolValues, poolingOutputShape,
} from './pool_checks';

export * from './pool_adaptive';

/** A pooling call's int-list arguments (IntArrayRef each; stride [] means the kernel). */
export interface PoolArgs {
  kernel: readonly number[];
  stride?: readonly number[];
  padding?: readonly number[];
  dilation?: readonly number[];
  ceilMode?: boolean;
}

export interface AvgPoolArgs extends PoolArgs {
  countIncludePad?: boolean;
  divisorOverride?: number | null;
}

const fail = (msg: string): never => {
  throw new PyError('RuntimeError', msg);
};

// ---- max_pool2d ---------------------------------------------------------------------------------

/** max_pool2d_with_indices' meta checks → the resolved window and output size. */
function maxWindow(input: Tensor, a: PoolArgs): { w: Window2d; oh: number; ow: number } {
  const kernel = pairArg(a.kernel, 'max_pool2d', 'kernel_size', 'must either be a single int, or a tuple of two ints')!;
  const stride = pairArg(a.stride ?? [], 'max_pool2d', 'stride', 'must either be omitted, a single int, or a tuple of two ints', true) ?? kernel;
  const padding = pairArg(a.padding ?? [0], 'max_pool2d', 'padding', 'must either be a single int, or a tuple of two ints')!;
  const dilation = pairArg(a.dilation ?? [1], 'max_pool2d', 'dilation', 'must be either a single int, or a tuple of two ints')!;
  if (input.ndim !== 3 && input.ndim !== 4) fail('non-empty 3D or 4D (batch mode) tensor expected for input');
  const w: Window2d = { kernel, stride, padding, dilation, ceilMode: a.ceilMode ?? false };
  const [h, wd] = input.shape.slice(-2);
  const oh = poolingOutputShape(h, kernel[0], padding[0], stride[0], dilation[0], w.ceilMode);
  const ow = poolingOutputShape(wd, kernel[1], padding[1], stride[1], dilation[1], w.ceilMode);
  pool2dShapeCheck(input, w, oh, ow);
  return { w, oh, ow };
}

/** Max over each window: values and flat per-plane indices; a NaN wins and the last NaN's index is kept. */
function maxKernel(x: ArrayLike<number>, p: Planes, w: Window2d, oh: number, ow: number): { vals: Float64Array; idx: BigInt64Array } {
  const [kh, kw] = w.kernel;
  const [sh, sw] = w.stride;
  const [ph, pw] = w.padding;
  const [dh, dw] = w.dilation;
  const vals = new Float64Array(p.planes * oh * ow);
  const idx = new BigInt64Array(p.planes * oh * ow);
  for (let c = 0; c < p.planes; c++) {
    const base = c * p.h * p.w;
    for (let y = 0; y < oh; y++)
      for (let z = 0; z < ow; z++) {
        let best = -Infinity;
        let at = -1;
        for (let i = 0; i < kh; i++) {
          const iy = y * sh - ph + i * dh;
          if (iy < 0 || iy >= p.h) continue;
          for (let j = 0; j < kw; j++) {
            const ix = z * sw - pw + j * dw;
            if (ix < 0 || ix >= p.w) continue;
            const v = x[base + iy * p.w + ix];
            if (at < 0) at = iy * p.w + ix; // ATen starts from the window's first in-bounds cell
            if (v > best || Number.isNaN(v)) {
              best = v;
              at = iy * p.w + ix;
            }
          }
        }
        const o = (c * oh + y) * ow + z;
        vals[o] = best;
        idx[o] = BigInt(at);
      }
  }
  return { vals, idx };
}

/** torch.max_pool2d_with_indices. */
export function maxPool2dWithIndices(input: Tensor, a: PoolArgs): [Tensor, Tensor] {
  const { w, oh, ow } = maxWindow(input, a);
  checkDispatch(input, 'max_pool2d', 'all');
  const p = planesOf(input);
  const { vals, idx } = maxKernel(poolValues(input), p, w, oh, ow);
  const out = poolOutput(input, [...p.lead, oh, ow], vals);
  const ind = Tensor.empty([...p.lead, oh, ow], 'int64', input.device);
  (ind.storage.data as BigInt64Array).set(idx);
  const node = recordOp('MaxPool2DWithIndicesBackward0', [input], [out]);
  if (node) node.save(input, ind);
  return [out, ind];
}

/** torch.max_pool2d (the CPU op is max_pool2d_with_indices' values). */
export const maxPool2d = (input: Tensor, a: PoolArgs): Tensor => maxPool2dWithIndices(input, a)[0];

// ---- max_pool1d ---------------------------------------------------------------------------------

/** torch.max_pool1d_with_indices: the 2-d op on (…, 1, L). */
export function maxPool1dWithIndicesOp(input: Tensor, a: PoolArgs): [Tensor, Tensor] {
  const stride = a.stride && a.stride.length ? a.stride : a.kernel;
  checkDimRange(input, 'max_pool1d', 2, 4);
  const padding = a.padding ?? [0];
  const dilation = a.dilation ?? [1];
  check1d(a.kernel, 'max_pool1d', 'kernel_size');
  check1d(stride, 'max_pool1d', 'stride');
  check1d(padding, 'max_pool1d', 'padding');
  check1d(dilation, 'max_pool1d', 'dilation');
  const [o, i] = maxPool2dWithIndices(unsqueeze(input, -2), {
    kernel: [1, a.kernel[0]], stride: [1, stride[0]], padding: [0, padding[0]], dilation: [1, dilation[0]], ceilMode: a.ceilMode,
  });
  return [squeeze(o, -2), squeeze(i, -2)];
}

/** MaxPooling.cpp's check_max_pool1d. */
function checkMaxPool1d(input: Tensor, a: PoolArgs): void {
  if (input.ndim !== 2 && input.ndim !== 3) fail(`max_pool1d() Expected 2D or 3D input tensor, but got ${shapeList(input.shape)}`);
  const k = a.kernel, p = a.padding ?? [0], d = a.dilation ?? [1];
  let s = a.stride ?? [];
  if (k.length !== 1) fail(`max_pool1d() kernel_size must be an int, list of ints or tuple of ints of size 1 but got size ${k.length}`);
  if (s.length !== 0 && s.length !== 1) fail(`max_pool1d() stride must be None, an int, list of ints, or tuple of ints of size 1 but got size ${s.length}`);
  if (p.length !== 1) fail(`max_pool1d() padding must be an int, list of ints, or tuple of ints of size 1 but got size ${p.length}`);
  if (d.length !== 1) fail(`max_pool1d() dilation must be an int, list of ints or tuple of ints of size 1 but got size ${d.length}`);
  if (s.length === 0) s = k;
  if (k[0] <= 0) fail(`max_pool1d() kernel_size must be greater than zero, but got ${k[0]}`);
  if (s[0] <= 0) fail(`max_pool1d() stride must be greater than zero, but got ${s[0]}`);
  if (p[0] < 0) fail(`max_pool1d() padding must be non-negative, but got ${p[0]}`);
  if (p[0] > Math.trunc(k[0] / 2)) fail(`max_pool1d() padding should be at most half of kernel size, but got padding=${p[0]} and kernel_size=${k[0]}`);
  if (d[0] <= 0) fail(`max_pool1d() dilation must be greater than zero, but got ${d[0]}`);
  const ow = poolingOutputShape(input.shape[input.ndim - 1], k[0], p[0], s[0], d[0], a.ceilMode ?? false);
  if (ow <= 0) fail(`max_pool1d() Invalid computed output size: ${ow}`);
}

/** torch.max_pool1d: checks, then (grad needed) the indices path, else ATen's max_pool1d_impl. */
export function maxPool1d(input: Tensor, a: PoolArgs): Tensor {
  const s = input.shape;
  if (!((input.ndim === 2 && s[0] !== 0 && s[1] !== 0) || (input.ndim === 3 && s[1] !== 0 && s[2] !== 0)))
    fail(`max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:${shapeList(s)}`);
  checkMaxPool1d(input, a);
  if (input.requiresGrad && isGradEnabled()) return maxPool1dWithIndicesOp(input, a)[0];
  checkDispatch(input, 'max_pool1d_impl', 'none');
  const stride = a.stride && a.stride.length ? a.stride : a.kernel;
  const w: Window2d = { kernel: [1, a.kernel[0]], stride: [1, stride[0]], padding: [0, (a.padding ?? [0])[0]], dilation: [1, (a.dilation ?? [1])[0]], ceilMode: a.ceilMode ?? false };
  const x3 = unsqueeze(input, -2);
  const p = planesOf(x3);
  const ow = poolingOutputShape(p.w, w.kernel[1], w.padding[1], w.stride[1], w.dilation[1], w.ceilMode);
  return poolOutput(input, [...p.lead, ow], maxKernel(poolValues(x3), p, w, 1, ow).vals);
}

/** Positional form (the bindings' engine table still imports it): (input, k, stride, padding, dilation, ceil_mode). */
export const maxPool1dWithIndices = (input: Tensor, k: number, stride: number, padding: number, dilation: number, ceilMode: boolean): [Tensor, Tensor] =>
  maxPool1dWithIndicesOp(input, { kernel: [k], stride: [stride], padding: [padding], dilation: [dilation], ceilMode });

// ---- avg_pool2d / avg_pool1d --------------------------------------------------------------------

interface AvgWin {
  hs: Int32Array; he: Int32Array; ws: Int32Array; we: Int32Array;
  /** Window extent including padding (count_include_pad's divisor). */
  hp: Int32Array; wp: Int32Array;
}

/** Each output cell's window [hs, he) × [ws, we) clamped to the plane, as ATen's avg_pool2d. */
function avgWindows(p: Planes, oh: number, ow: number, w: Window2d): AvgWin {
  const axis = (n: number, k: number, s: number, pad: number, len: number) => {
    const lo = new Int32Array(n), hi = new Int32Array(n), ext = new Int32Array(n);
    for (let o = 0; o < n; o++) {
      const st = o * s - pad;
      const en = Math.min(st + k, len + pad);
      ext[o] = en - st;
      lo[o] = Math.max(st, 0);
      hi[o] = Math.min(en, len);
    }
    return [lo, hi, ext];
  };
  const [hs, he, hp] = axis(oh, w.kernel[0], w.stride[0], w.padding[0], p.h);
  const [ws, we, wp] = axis(ow, w.kernel[1], w.stride[1], w.padding[1], p.w);
  return { hs, he, ws, we, hp, wp };
}

function avgDivisor(a: AvgPoolArgs, win: AvgWin, y: number, z: number): number {
  if (a.divisorOverride != null) return a.divisorOverride;
  return a.countIncludePad ?? true ? win.hp[y] * win.wp[z] : (win.he[y] - win.hs[y]) * (win.we[z] - win.ws[z]);
}

/** avg_pool2d's meta checks → the resolved window and output size. */
function avgWindow(input: Tensor, a: AvgPoolArgs): { w: Window2d; oh: number; ow: number } {
  const kernel = pairArg(a.kernel, 'avg_pool2d', 'kernel_size', 'must either be a single int, or a tuple of two ints')!;
  const stride = pairArg(a.stride ?? [], 'avg_pool2d', 'stride', 'must either be omitted, a single int, or a tuple of two ints', true) ?? kernel;
  const padding = pairArg(a.padding ?? [0], 'avg_pool2d', 'padding', 'must either be a single int, or a tuple of two ints')!;
  if (a.divisorOverride === 0) fail('divisor must be not zero');
  if (input.ndim < 3) {
    const n = input.ndim;
    throw new PyError('IndexError', `Dimension out of range (expected to be in range of [${-Math.max(n, 1)}, ${Math.max(n, 1) - 1}], but got -3)`);
  }
  const w: Window2d = { kernel, stride, padding, dilation: [1, 1], ceilMode: a.ceilMode ?? false };
  const [h, wd] = input.shape.slice(-2);
  const oh = poolingOutputShape(h, kernel[0], padding[0], stride[0], 1, w.ceilMode);
  const ow = poolingOutputShape(wd, kernel[1], padding[1], stride[1], 1, w.ceilMode);
  pool2dShapeCheck(input, w, oh, ow);
  return { w, oh, ow };
}

/** torch._C._nn.avg_pool2d. Float inputs sum in float32 (ATen's opmath type) for float32/halves. */
export function avgPool2d(input: Tensor, a: AvgPoolArgs): Tensor {
  const { w, oh, ow } = avgWindow(input, a);
  checkDispatch(input, 'avg_pool2d', 'long');
  const p = planesOf(input);
  const win = avgWindows(p, oh, ow, w);
  const x = poolValues(input);
  const r = input.dtype === 'float64' || input.dtype === 'int64' ? (v: number) => v : Math.fround;
  const vals = new Float64Array(p.planes * oh * ow);
  for (let c = 0; c < p.planes; c++) {
    const base = c * p.h * p.w;
    for (let y = 0; y < oh; y++)
      for (let z = 0; z < ow; z++) {
        if (win.hs[y] >= win.he[y] || win.ws[z] >= win.we[z]) continue;
        let s = 0;
        for (let iy = win.hs[y]; iy < win.he[y]; iy++) for (let ix = win.ws[z]; ix < win.we[z]; ix++) s = r(s + x[base + iy * p.w + ix]);
        vals[(c * oh + y) * ow + z] = s / avgDivisor(a, win, y, z);
      }
  }
  const out = poolOutput(input, [...p.lead, oh, ow], vals);
  const node = recordOp('AvgPool2DBackward0', [input], [out]);
  if (node) {
    node.save(input);
    node.ctx = { args: a, window: w };
  }
  return out;
}

/** torch.avg_pool1d: the 2-d op on (…, 1, L). */
export function avgPool1dOp(input: Tensor, a: AvgPoolArgs): Tensor {
  const stride = a.stride && a.stride.length ? a.stride : a.kernel;
  const padding = a.padding ?? [0];
  checkDimRange(input, 'avg_pool1d', 2, 4);
  check1d(a.kernel, 'avg_pool1d', 'kernel_size');
  check1d(stride, 'avg_pool1d', 'stride');
  check1d(padding, 'avg_pool1d', 'padding');
  return squeeze(avgPool2d(unsqueeze(input, -2), {
    kernel: [1, a.kernel[0]], stride: [1, stride[0]], padding: [0, padding[0]], ceilMode: a.ceilMode, countIncludePad: a.countIncludePad,
  }), -2);
}

/** Positional form (the bindings' engine table still imports it). */
export const avgPool1d = (input: Tensor, k: number, stride: number, padding: number, ceilMode: boolean, countIncludePad: boolean): Tensor =>
  avgPool1dOp(input, { kernel: [k], stride: [stride], padding: [padding], ceilMode, countIncludePad });

// ---- backward ---------------------------------------------------------------------------------

const gradLike = (x: Tensor, data: Float64Array): Tensor => poolOutput(x, x.shape, data);

registerFormula('MaxPool2DWithIndicesBackward0', (node, grads) => {
  const x = savedTensor(node, 0);
  const idx = savedTensor(node, 1);
  const g = grads[0]!.dataSync();
  const ids = idx.dataSync() as BigInt64Array;
  const plane = x.shape[x.ndim - 2] * x.shape[x.ndim - 1];
  const outPlane = idx.shape[idx.ndim - 2] * idx.shape[idx.ndim - 1];
  const gx = new Float64Array(x.numel());
  for (let o = 0; o < ids.length; o++) gx[Math.floor(o / outPlane) * plane + Number(ids[o])] += Number(g[o]);
  return [gradLike(x, gx)];
});

registerFormula('AvgPool2DBackward0', (node, grads) => {
  const x = savedTensor(node, 0);
  const a = ctxField<AvgPoolArgs>(node, 'args');
  const w = ctxField<Window2d>(node, 'window');
  const p = planesOf(x);
  const gt = grads[0]!;
  const [oh, ow] = [gt.shape[gt.ndim - 2], gt.shape[gt.ndim - 1]];
  const win = avgWindows(p, oh, ow, w);
  const g = gt.dataSync();
  const gx = new Float64Array(x.numel());
  for (let c = 0; c < p.planes; c++)
    for (let y = 0; y < oh; y++)
      for (let z = 0; z < ow; z++) {
        const v = Number(g[(c * oh + y) * ow + z]) / avgDivisor(a, win, y, z);
        for (let iy = win.hs[y]; iy < win.he[y]; iy++) for (let ix = win.ws[z]; ix < win.we[z]; ix++) gx[c * p.h * p.w + iy * p.w + ix] += v;
      }
  return [gradLike(x, gx)];
});
