// Resampling for F.interpolate / nn.Upsample: nearest (1-d, 2-d), linear (1-d) and bilinear (2-d),
// with align_corners and scale_factor, over the last one or two dims of (N, C, ...) inputs. Index
// and weight rules follow ATen's UpSample.h in float32 arithmetic (nearest: floor(dst·scale) with
// scale = 1/scale_factor when one is given, else in/out; linear: area_pixel_compute_source_index),
// so picks and weights match PyTorch's. The 1-d modes are the 2-d kernels with height 1. Results
// record UpsampleNearest{1,2}DBackward0 / UpsampleLinear1DBackward0 / UpsampleBilinear2DBackward0,
// whose formulas (registered here) scatter the gradient through the same taps.

import { PyError } from '../../../errors';
import { registerFormula } from '../../autograd/registry';
import { ctxField, savedTensor } from '../../autograd/meta';
import { recordOp } from '../../grad';
import { Tensor } from '../../tensor';
import { roundHalf } from '../linalg/layout';
import { floatValues, type FloatArr } from './rows';

const f32 = Math.fround;

export type UpsampleMode = 'nearest' | 'linear' | 'bilinear';

/** Per output index along one dim: the source taps [i0, i1] and weights [w0, w1]. */
interface Taps {
  i0: Int32Array;
  i1: Int32Array;
  w0: Float64Array;
  w1: Float64Array;
}

function nearestTaps(inSize: number, outSize: number, scale: number | null): Taps {
  const t: Taps = { i0: new Int32Array(outSize), i1: new Int32Array(outSize), w0: new Float64Array(outSize).fill(1), w1: new Float64Array(outSize) };
  const s = f32(scale !== null && scale > 0 ? 1 / scale : inSize / outSize);
  for (let o = 0; o < outSize; o++) {
    const i = outSize === inSize ? o : outSize === 2 * inSize ? o >> 1 : Math.min(Math.floor(f32(o * s)), inSize - 1);
    t.i0[o] = t.i1[o] = i;
  }
  return t;
}

function linearTaps(inSize: number, outSize: number, alignCorners: boolean, scale: number | null): Taps {
  const t: Taps = { i0: new Int32Array(outSize), i1: new Int32Array(outSize), w0: new Float64Array(outSize), w1: new Float64Array(outSize) };
  const s = alignCorners
    ? outSize > 1 ? f32((inSize - 1) / (outSize - 1)) : 0
    : f32(scale !== null && scale > 0 ? 1 / scale : inSize / outSize);
  for (let o = 0; o < outSize; o++) {
    let src = alignCorners ? f32(s * o) : f32(f32(s * f32(o + 0.5)) - 0.5);
    if (src < 0) src = 0;
    const i0 = Math.floor(src);
    const i1 = i0 + (i0 < inSize - 1 ? 1 : 0);
    const l1 = f32(src - i0);
    t.i0[o] = i0;
    t.i1[o] = i1;
    t.w1[o] = l1;
    t.w0[o] = f32(1 - l1);
  }
  return t;
}

interface Plan {
  mode: UpsampleMode;
  planes: number;
  H: number;
  W: number;
  OH: number;
  OW: number;
  th: Taps;
  tw: Taps;
}

function plan(x: Tensor, mode: UpsampleMode, size: number[], scales: (number | null)[], alignCorners: boolean): Plan {
  const nd = mode === 'bilinear' ? 2 : mode === 'linear' ? 1 : x.ndim - 2;
  if (x.ndim - 2 !== nd || (nd !== 1 && nd !== 2)) {
    throw new PyError('NotImplementedError', `Input Error: Only 3D, 4D and 5D input Tensors supported (got ${x.ndim}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got ${mode})`);
  }
  const planes = x.shape[0] * x.shape[1];
  const [H, W] = nd === 2 ? [x.shape[2], x.shape[3]] : [1, x.shape[2]];
  const [OH, OW] = nd === 2 ? size : [1, size[0]];
  const [sh, sw] = nd === 2 ? scales : [null, scales[0]];
  const taps = (i: number, o: number, s: number | null): Taps => (mode === 'nearest' ? nearestTaps(i, o, s) : linearTaps(i, o, alignCorners, s));
  return { mode, planes, H, W, OH, OW, th: nd === 2 ? taps(H, OH, sh) : nearestTaps(1, 1, null), tw: taps(W, OW, sw) };
}

/** Visit each output cell's four taps: f(outIndex, inIndex, weight). */
function eachTap(p: Plan, f: (oi: number, ii: number, w: number) => void): void {
  const { th, tw } = p;
  for (let c = 0; c < p.planes; c++)
    for (let y = 0; y < p.OH; y++)
      for (let z = 0; z < p.OW; z++) {
        const oi = (c * p.OH + y) * p.OW + z;
        const base = c * p.H * p.W;
        f(oi, base + th.i0[y] * p.W + tw.i0[z], th.w0[y] * tw.w0[z]);
        if (p.mode === 'nearest') continue;
        f(oi, base + th.i0[y] * p.W + tw.i1[z], th.w0[y] * tw.w1[z]);
        f(oi, base + th.i1[y] * p.W + tw.i0[z], th.w1[y] * tw.w0[z]);
        f(oi, base + th.i1[y] * p.W + tw.i1[z], th.w1[y] * tw.w1[z]);
      }
}

const NODE: Record<string, string> = {
  'nearest1': 'UpsampleNearest1DBackward0', 'nearest2': 'UpsampleNearest2DBackward0',
  'linear1': 'UpsampleLinear1DBackward0', 'bilinear2': 'UpsampleBilinear2DBackward0',
};

/** Resample `x` to `size` (the spatial sizes); `scales` are the scale_factors used for the index
 * rule when given (recompute_scale_factor not set). */
export function upsample(x: Tensor, mode: UpsampleMode, size: number[], scales: (number | null)[], alignCorners: boolean): Tensor {
  const p = plan(x, mode, size, scales, alignCorners);
  const xv = floatValues(x);
  const acc = new Float64Array(p.planes * p.OH * p.OW);
  if (p.mode === 'nearest') eachTap(p, (oi, ii) => (acc[oi] = xv[ii]));
  else {
    // ATen's bilinear: h0lambda·(w0lambda·x00 + w1lambda·x01) + h1lambda·(w0lambda·x10 + w1lambda·x11), in float.
    const { th, tw } = p;
    for (let c = 0; c < p.planes; c++)
      for (let y = 0; y < p.OH; y++)
        for (let z = 0; z < p.OW; z++) {
          const base = c * p.H * p.W;
          const r0 = base + th.i0[y] * p.W;
          const r1 = base + th.i1[y] * p.W;
          const top = f32(f32(tw.w0[z] * xv[r0 + tw.i0[z]]) + f32(tw.w1[z] * xv[r0 + tw.i1[z]]));
          const bot = f32(f32(tw.w0[z] * xv[r1 + tw.i0[z]]) + f32(tw.w1[z] * xv[r1 + tw.i1[z]]));
          acc[(c * p.OH + y) * p.OW + z] = p.H === 1 && p.OH === 1 ? top : f32(f32(th.w0[y] * top) + f32(th.w1[y] * bot));
        }
  }
  const shape = [x.shape[0], x.shape[1], ...(x.ndim === 4 ? [p.OH, p.OW] : [p.OW])];
  const out = Tensor.empty(shape, x.dtype, x.device);
  (out.storage.data as FloatArr).set(acc);
  roundHalf(out);
  const node = recordOp(NODE[`${mode}${x.ndim - 2}`], [x], [out]);
  if (node) {
    node.save(x);
    node.ctx = { mode, size, scales, alignCorners };
  }
  return out;
}

registerFormula(Object.values(NODE), (node, grads) => {
  const x = savedTensor(node, 0);
  const p = plan(x, ctxField<UpsampleMode>(node, 'mode'), ctxField<number[]>(node, 'size'), ctxField<(number | null)[]>(node, 'scales'), ctxField<boolean>(node, 'alignCorners'));
  const g = grads[0]!.dataSync();
  const gx = new Float64Array(x.numel());
  eachTap(p, (oi, ii, w) => (gx[ii] += Number(g[oi]) * w));
  const t = Tensor.empty(x.shape, x.dtype, x.device);
  (t.storage.data as FloatArr).set(gx);
  return [t];
});

export interface InterpolateOptions {
  size?: number | readonly number[] | null;
  scaleFactor?: number | readonly number[] | null;
  mode?: string;
  alignCorners?: boolean | null;
  recomputeScaleFactor?: boolean | null;
}

/** F.interpolate's argument rules (torch/nn/functional.py) in front of `upsample`. */
export function interpolate(x: Tensor, o: InterpolateOptions): Tensor {
  const mode = o.mode ?? 'nearest';
  let alignCorners = o.alignCorners ?? null;
  if (mode === 'nearest' || mode === 'area' || mode === 'nearest-exact') {
    if (alignCorners !== null)
      throw new PyError('ValueError', 'align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear');
  } else if (alignCorners === null) alignCorners = false;
  const dim = x.ndim - 2;
  const size = o.size ?? null;
  const sf = o.scaleFactor ?? null;
  let outSize: number[];
  let scales: (number | null)[];
  if (size !== null && sf !== null) throw new PyError('ValueError', 'only one of size or scale_factor should be defined');
  if (size !== null) {
    const s = typeof size === 'number' ? new Array<number>(dim).fill(size) : size.slice();
    if (s.length !== dim)
      throw new PyError('ValueError', `Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of [${x.shape.slice(2).join(', ')}] and output size of [${s.join(', ')}]. Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.`);
    outSize = s;
    scales = new Array<null>(dim).fill(null);
  } else if (sf !== null) {
    const f = typeof sf === 'number' ? new Array<number>(dim).fill(sf) : sf.slice();
    if (f.length !== dim)
      throw new PyError('ValueError', `Input and scale_factor must have the same number of spatial dimensions, but got input with spatial dimensions of [${x.shape.slice(2).join(', ')}] and scale_factor of shape [${f.join(', ')}]. Please provide input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format.`);
    outSize = f.map((s, i) => Math.floor(x.shape[i + 2] * s));
    scales = o.recomputeScaleFactor ? new Array<null>(dim).fill(null) : f;
  } else throw new PyError('ValueError', 'either size or scale_factor should be defined');
  if (mode !== 'nearest' && mode !== 'linear' && mode !== 'bilinear') {
    throw new PyError('NotImplementedError', `interpolate mode '${mode}' is not supported by this engine yet (nearest, linear, bilinear are)`);
  }
  if ((mode === 'linear' && x.ndim !== 3) || (mode === 'bilinear' && x.ndim !== 4)) {
    const want = mode === 'linear' ? '3D' : '4D';
    throw new PyError('NotImplementedError', `Got ${x.ndim}D input, but ${mode} mode needs ${want} input`);
  }
  return upsample(x, mode, outSize, scales, alignCorners === true);
}
