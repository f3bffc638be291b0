// Pooling: max_pool{1,2}d (with indices), avg_pool{1,2}d, adaptive_avg_pool{1,2}d and
// adaptive_max_pool2d over (C, H, W) or (N, C, H, W) inputs, each plane pooled independently. The
// 1-d forms go through the 2-d kernels on an unsqueezed input and squeeze back, as ATen does, so
// their results show SqueezeBackward1; adaptive average pooling to 1×1 is ATen's mean over the last
// two dims (MeanBackward1). Window bounds, ceil_mode's last-window rule, count_include_pad and
// the divisor follow ATen's Pool.h / AdaptivePooling.h. The backward formulas (registered at the
// end) scatter the output gradient back through the same windows.

import { PyError } from '../../../errors';
import { recordOp } from '../../grad';
import { registerFormula } from '../../autograd/registry';
import { savedTensor, ctxField } from '../../autograd/meta';
import { shapeList } from '../../shape';
import { Tensor } from '../../tensor';
import { mean } from '../reduce';
import { squeeze, unsqueeze } from '../views';
import { roundHalf } from '../linalg/layout';
import { floatValues, type FloatArr } from './rows';

export interface Pool2dOptions {
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
  dilation?: [number, number];
  ceilMode?: boolean;
}

/** ATen's pooling_output_shape: floor/ceil division, and a ceil window may not start in the
 * right padding. */
function outSize(len: number, k: number, pad: number, stride: number, dil: number, ceil: boolean): number {
  const num = len + 2 * pad - dil * (k - 1) - 1 + (ceil ? stride - 1 : 0);
  let out = Math.floor(num / stride) + 1;
  if (ceil && (out - 1) * stride >= len + pad) out--;
  return out;
}

interface Planes {
  /** Number of independent planes (N·C), plane height and width. */
  planes: number;
  h: number;
  w: number;
  lead: number[];
}

function planesOf(input: Tensor, fn: string): Planes {
  if (input.ndim !== 3 && input.ndim !== 4)
    throw new PyError('RuntimeError', `non-empty 3D or 4D (batch mode) tensor expected for input`.replace('input', fn.startsWith('adaptive') ? 'input' : 'input'));
  const lead = input.shape.slice(0, input.ndim - 2);
  return { planes: lead.reduce((a, b) => a * b, 1), h: input.shape[input.ndim - 2], w: input.shape[input.ndim - 1], lead };
}

function checkPool(opts: Pool2dOptions, kind: 'max' | 'avg'): void {
  if (opts.stride.some((s) => s === 0)) throw new PyError('RuntimeError', 'stride should not be zero');
  const dil = opts.dilation ?? [1, 1];
  for (let i = 0; i < 2; i++) {
    const eff = kind === 'max' ? (dil[i] * (opts.kernel[i] - 1) + 1) : opts.kernel[i];
    if (opts.padding[i] > eff / 2)
      throw new PyError(
        'RuntimeError',
        kind === 'max'
          ? `pad should be at most half of effective kernel size, but got pad=${opts.padding[i]}, kernel_size=${opts.kernel[i]} and dilation=${dil[i]}`
          : 'pad should be at most half of kernel size, but got pad=' + opts.padding[i] + ' and kernel_size=' + opts.kernel[i],
      );
  }
}

function outShape(input: Tensor, p: Planes, opts: Pool2dOptions): [number, number] {
  const dil = opts.dilation ?? [1, 1];
  const oh = outSize(p.h, opts.kernel[0], opts.padding[0], opts.stride[0], dil[0], opts.ceilMode ?? false);
  const ow = outSize(p.w, opts.kernel[1], opts.padding[1], opts.stride[1], dil[1], opts.ceilMode ?? false);
  if (oh < 1 || ow < 1) {
    const c = input.ndim === 4 ? input.shape[1] : input.shape[0];
    throw new PyError('RuntimeError', `Given input size: (${c}x${p.h}x${p.w}). Calculated output size: (${c}x${oh}x${ow}). Output size is too small`);
  }
  return [oh, ow];
}

/** F.max_pool2d(..., return_indices=True): values and flat per-plane indices (int64). */
export function maxPool2dWithIndices(input: Tensor, opts: Pool2dOptions): [Tensor, Tensor] {
  checkPool(opts, 'max');
  const p = planesOf(input, 'max_pool2d');
  const [oh, ow] = outShape(input, p, opts);
  const [kh, kw] = opts.kernel;
  const [sh, sw] = opts.stride;
  const [ph, pw] = opts.padding;
  const [dh, dw] = opts.dilation ?? [1, 1];
  const x = floatValues(input);
  const out = Tensor.empty([...p.lead, oh, ow], input.dtype, input.device);
  const idx = Tensor.empty([...p.lead, oh, ow], 'int64', input.device);
  const od = out.storage.data as FloatArr;
  const id = idx.storage.data as BigInt64Array;
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
            if (v > best || Number.isNaN(v) || at < 0) {
              best = v;
              at = iy * p.w + ix;
              if (Number.isNaN(v)) break;
            }
          }
        }
        const o = (c * oh + y) * ow + z;
        od[o] = best;
        id[o] = BigInt(at);
      }
  }
  roundHalf(out);
  const node = recordOp('MaxPool2DWithIndicesBackward0', [input], [out]);
  if (node) {
    node.save(input, idx);
    node.ctx = { pooled: 'indices' };
  }
  return [out, idx];
}

export const maxPool2d = (input: Tensor, opts: Pool2dOptions): Tensor => maxPool2dWithIndices(input, opts)[0];

/** F.max_pool1d(input (C, L) or (N, C, L), ...) through the 2-d kernel on (…, 1, L). */
export function maxPool1dWithIndices(input: Tensor, k: number, stride: number, padding: number, dilation: number, ceilMode: boolean): [Tensor, Tensor] {
  if (input.ndim !== 2 && input.ndim !== 3)
    throw new PyError('RuntimeError', `max_pool1d() Expected 2D or 3D input tensor, but got ${shapeList(input.shape)}`);
  const [o, i] = maxPool2dWithIndices(unsqueeze(input, -2), {
    kernel: [1, k], stride: [1, stride], padding: [0, padding], dilation: [1, dilation], ceilMode,
  });
  return [squeeze(o, -2), squeeze(i, -2)];
}

export interface AvgPool2dOptions extends Pool2dOptions {
  countIncludePad?: boolean;
  divisorOverride?: number | null;
}

/** Each output cell's window [hs, he) × [ws, we) (clamped to the plane) and its divisor. */
function avgWindows(p: Planes, oh: number, ow: number, o: AvgPool2dOptions): Int32Array[] {
  const [kh, kw] = o.kernel;
  const [sh, sw] = o.stride;
  const [ph, pw] = o.padding;
  const hs = new Int32Array(oh), he = new Int32Array(oh), ws = new Int32Array(ow), we = new Int32Array(ow);
  const hp = new Int32Array(oh), wp = new Int32Array(ow);
  for (let y = 0; y < oh; y++) {
    const s = y * sh - ph;
    const e = Math.min(s + kh, p.h + ph);
    hp[y] = e - s;
    hs[y] = Math.max(s, 0);
    he[y] = Math.min(e, p.h);
  }
  for (let z = 0; z < ow; z++) {
    const s = z * sw - pw;
    const e = Math.min(s + kw, p.w + pw);
    wp[z] = e - s;
    ws[z] = Math.max(s, 0);
    we[z] = Math.min(e, p.w);
  }
  return [hs, he, ws, we, hp, wp];
}
function avgDivisor(o: AvgPool2dOptions, win: Int32Array[], y: number, z: number): number {
  const [hs, he, ws, we, hp, wp] = win;
  if (o.divisorOverride != null) return o.divisorOverride;
  return o.countIncludePad ?? true ? hp[y] * wp[z] : (he[y] - hs[y]) * (we[z] - ws[z]);
}

/** F.avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override). */
export function avgPool2d(input: Tensor, opts: AvgPool2dOptions): Tensor {
  checkPool(opts, 'avg');
  if (opts.divisorOverride === 0) throw new PyError('RuntimeError', 'divisor must be not zero');
  const p = planesOf(input, 'avg_pool2d');
  const [oh, ow] = outShape(input, p, opts);
  const win = avgWindows(p, oh, ow, opts);
  const [hs, he, ws, we] = win;
  const x = floatValues(input);
  const out = Tensor.empty([...p.lead, oh, ow], input.dtype, input.device);
  const od = out.storage.data as FloatArr;
  for (let c = 0; c < p.planes; c++) {
    const base = c * p.h * p.w;
    for (let y = 0; y < oh; y++)
      for (let z = 0; z < ow; z++) {
        let s = 0;
        for (let iy = hs[y]; iy < he[y]; iy++) for (let ix = ws[z]; ix < we[z]; ix++) s += x[base + iy * p.w + ix];
        od[(c * oh + y) * ow + z] = s / avgDivisor(opts, win, y, z);
      }
  }
  roundHalf(out);
  const node = recordOp('AvgPool2DBackward0', [input], [out]);
  if (node) {
    node.save(input);
    node.ctx = { opts };
  }
  return out;
}

/** F.avg_pool1d(input, kernel_size, stride, padding, ceil_mode, count_include_pad). */
export function avgPool1d(input: Tensor, k: number, stride: number, padding: number, ceilMode: boolean, countIncludePad: boolean): Tensor {
  if (input.ndim !== 2 && input.ndim !== 3)
    throw new PyError('RuntimeError', `avg_pool1d() Expected 2D or 3D input tensor, but got ${shapeList(input.shape)}`);
  if (padding > k / 2) throw new PyError('RuntimeError', `pad should be at most half of kernel size, but got pad=${padding} and kernel_size=${k}`);
  return squeeze(avgPool2d(unsqueeze(input, -2), { kernel: [1, k], stride: [1, stride], padding: [0, padding], ceilMode, countIncludePad }), -2);
}

const startIndex = (a: number, out: number, len: number): number => Math.floor((a * len) / out);
const endIndex = (a: number, out: number, len: number): number => Math.ceil(((a + 1) * len) / out);

/** F.adaptive_avg_pool2d(input, output_size); a None entry keeps that input size. */
export function adaptiveAvgPool2d(input: Tensor, size: [number | null, number | null]): Tensor {
  const p = planesOf(input, 'adaptive_avg_pool2d');
  const oh = size[0] ?? p.h;
  const ow = size[1] ?? p.w;
  if (oh === 1 && ow === 1) return mean(input, [-1, -2], true);
  const x = floatValues(input);
  const out = Tensor.empty([...p.lead, oh, ow], input.dtype, input.device);
  const od = out.storage.data as FloatArr;
  for (let c = 0; c < p.planes; c++) {
    const base = c * p.h * p.w;
    for (let y = 0; y < oh; y++) {
      const y0 = startIndex(y, oh, p.h), y1 = endIndex(y, oh, p.h);
      for (let z = 0; z < ow; z++) {
        const z0 = startIndex(z, ow, p.w), z1 = endIndex(z, ow, p.w);
        let s = 0;
        for (let iy = y0; iy < y1; iy++) for (let ix = z0; ix < z1; ix++) s += x[base + iy * p.w + ix];
        od[(c * oh + y) * ow + z] = s / ((y1 - y0) * (z1 - z0));
      }
    }
  }
  roundHalf(out);
  const node = recordOp('AdaptiveAvgPool2DBackward0', [input], [out]);
  if (node) node.save(input);
  return out;
}

/** F.adaptive_avg_pool1d(input, output_size). */
export function adaptiveAvgPool1d(input: Tensor, size: number): Tensor {
  if (input.ndim !== 2 && input.ndim !== 3)
    throw new PyError('RuntimeError', `adaptive_avg_pool1d(): Expected 2D or 3D tensor, but got ${shapeList(input.shape)}`);
  return squeeze(adaptiveAvgPool2d(unsqueeze(input, -2), [1, size]), -2);
}

/** F.adaptive_max_pool2d(input, output_size, return_indices). */
export function adaptiveMaxPool2dWithIndices(input: Tensor, size: [number | null, number | null]): [Tensor, Tensor] {
  const p = planesOf(input, 'adaptive_max_pool2d');
  const oh = size[0] ?? p.h;
  const ow = size[1] ?? p.w;
  const x = floatValues(input);
  const out = Tensor.empty([...p.lead, oh, ow], input.dtype, input.device);
  const idx = Tensor.empty([...p.lead, oh, ow], 'int64', input.device);
  const od = out.storage.data as FloatArr;
  const id = idx.storage.data as BigInt64Array;
  for (let c = 0; c < p.planes; c++) {
    const base = c * p.h * p.w;
    for (let y = 0; y < oh; y++) {
      const y0 = startIndex(y, oh, p.h), y1 = endIndex(y, oh, p.h);
      for (let z = 0; z < ow; z++) {
        const z0 = startIndex(z, ow, p.w), z1 = endIndex(z, ow, p.w);
        let best = -Infinity;
        let at = -1;
        for (let iy = y0; iy < y1; iy++)
          for (let ix = z0; ix < z1; ix++) {
            const v = x[base + iy * p.w + ix];
            if (v > best || Number.isNaN(v) || at < 0) {
              best = v;
              at = iy * p.w + ix;
            }
          }
        od[(c * oh + y) * ow + z] = best;
        id[(c * oh + y) * ow + z] = BigInt(at);
      }
    }
  }
  roundHalf(out);
  const node = recordOp('AdaptiveMaxPool2DBackward0', [input], [out]);
  if (node) node.save(input, idx);
  return [out, idx];
}

// ---- backward ---------------------------------------------------------------------------------

const gradLike = (x: Tensor, data: Float64Array): Tensor => {
  const t = Tensor.empty(x.shape, x.dtype, x.device);
  (t.storage.data as FloatArr).set(data);
  return t;
};

registerFormula(['MaxPool2DWithIndicesBackward0', 'AdaptiveMaxPool2DBackward0'], (node, grads) => {
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
  const opts = ctxField<AvgPool2dOptions>(node, 'opts');
  const p = planesOf(x, 'avg_pool2d');
  const gt = grads[0]!;
  const [oh, ow] = [gt.shape[gt.ndim - 2], gt.shape[gt.ndim - 1]];
  const win = avgWindows(p, oh, ow, opts);
  const [hs, he, ws, we] = win;
  const g = gt.dataSync();
  const gx = new Float64Array(x.numel());
  for (let c = 0; c < p.planes; c++)
    for (let y = 0; y < oh; y++)
      for (let z = 0; z < ow; z++) {
        const v = Number(g[(c * oh + y) * ow + z]) / avgDivisor(opts, win, y, z);
        for (let iy = hs[y]; iy < he[y]; iy++) for (let ix = ws[z]; ix < we[z]; ix++) gx[c * p.h * p.w + iy * p.w + ix] += v;
      }
  return [gradLike(x, gx)];
});

registerFormula('AdaptiveAvgPool2DBackward0', (node, grads) => {
  const x = savedTensor(node, 0);
  const p = planesOf(x, 'adaptive_avg_pool2d');
  const gt = grads[0]!;
  const [oh, ow] = [gt.shape[gt.ndim - 2], gt.shape[gt.ndim - 1]];
  const g = gt.dataSync();
  const gx = new Float64Array(x.numel());
  for (let c = 0; c < p.planes; c++)
    for (let y = 0; y < oh; y++) {
      const y0 = startIndex(y, oh, p.h), y1 = endIndex(y, oh, p.h);
      for (let z = 0; z < ow; z++) {
        const z0 = startIndex(z, ow, p.w), z1 = endIndex(z, ow, p.w);
        const v = Number(g[(c * oh + y) * ow + z]) / ((y1 - y0) * (z1 - z0));
        for (let iy = y0; iy < y1; iy++) for (let ix = z0; ix < z1; ix++) gx[c * p.h * p.w + iy * p.w + ix] += v;
      }
    }
  return [gradLike(x, gx)];
});
